package dev.spectron.server;

import dev.spectron.embedded.EmbeddedOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How the server runs. Immutable.
 *
 * @param host address to bind; loopback by default
 * @param port port to bind; 0 picks a free one
 * @param storage where memory is kept (a data directory with SQLite and Lucene, or a PostgreSQL
 *     database shared with other nodes), and the embedding model and extractor
 * @param insecure accept requests without keys; refused unless {@code host} is loopback
 * @param maxBodyBytes largest request body accepted
 * @param rateLimitPerSecond average requests per second allowed per API key (0: no limit)
 * @param rateLimitBurst requests a key may make at once
 */
public record ServerConfig(String host, int port, EmbeddedOptions storage, boolean insecure,
        long maxBodyBytes, double rateLimitPerSecond, int rateLimitBurst) {
    /** Port used when none is given. */
    public static final int DEFAULT_PORT = 9090;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(storage, "storage");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
        }
    }

    /** Loopback, port 9090, secure, 1 MiB bodies, defaults for {@code dataDir}. */
    public static ServerConfig of(Path dataDir) {
        return new ServerConfig("127.0.0.1", DEFAULT_PORT, EmbeddedOptions.of(dataDir), false,
                1024 * 1024, 200, 400);
    }

    /** A copy on another port. */
    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, storage, insecure, maxBodyBytes, rateLimitPerSecond,
                rateLimitBurst);
    }

    /** A copy bound to another host. */
    public ServerConfig withHost(String newHost) {
        return new ServerConfig(newHost, port, storage, insecure, maxBodyBytes, rateLimitPerSecond,
                rateLimitBurst);
    }

    /** A copy with other storage options. */
    public ServerConfig withStorage(EmbeddedOptions options) {
        return new ServerConfig(host, port, options, insecure, maxBodyBytes, rateLimitPerSecond,
                rateLimitBurst);
    }

    /** A copy that does (or does not) accept requests without keys. */
    public ServerConfig withInsecure(boolean value) {
        return new ServerConfig(host, port, storage, value, maxBodyBytes, rateLimitPerSecond,
                rateLimitBurst);
    }

    /** A copy with another per-key rate limit (0 requests per second: none). */
    public ServerConfig withRateLimit(double perSecond, int burst) {
        return new ServerConfig(host, port, storage, insecure, maxBodyBytes, perSecond, burst);
    }

    /** A copy with another body limit. */
    public ServerConfig withMaxBodyBytes(long bytes) {
        return new ServerConfig(host, port, storage, insecure, bytes, rateLimitPerSecond,
                rateLimitBurst);
    }
}
