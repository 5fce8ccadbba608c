package dev.spectron.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.spectron.api.Memory;
import dev.spectron.api.SpectronException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A connection to one Spectron server. Hands out {@link Memory} handles that speak HTTP API v1
 * and behave like the embedded engine: same methods, same exceptions, with the error a server
 * reports mapped back to its type ({@code InvalidInputException}, {@code NotFoundException}, …).
 *
 * <pre>{@code
 * try (SpectronClient client = SpectronClient.builder()
 *         .baseUrl("http://127.0.0.1:9090").apiKey("spk_...").build()) {
 *     Memory memory = client.memory();
 *     try (Session session = memory.openSession(Scope.of("user", "alice"))) {
 *         session.turn(Role.USER, "I prefer vegetarian food.");
 *     }
 * }
 * }</pre>
 *
 * <p>Failures of the connection itself surface as a {@link SpectronException} with code
 * {@code unavailable} (status 503; the cause is the I/O error), an answer slower than the timeout
 * as code {@code timeout} (504), and an answer that is not the documented JSON as code
 * {@code bad_response} (502). POSTs are never retried (they are not idempotent); a GET is retried
 * once when the connection fails.
 *
 * <p>Thread-safe. One client keeps one connection pool; share it, and close it when done.
 */
public final class SpectronClient implements AutoCloseable {
    /** The server address used when none is given. */
    public static final String DEFAULT_URL = "http://127.0.0.1:9090";
    /** The context used when none is given. */
    public static final String DEFAULT_CONTEXT = "default";
    /** How long a request may take when no timeout is given (extraction can be slow). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final HttpTransport transport;
    private final String context;
    private final Memory memory;

    private SpectronClient(HttpTransport transport, String context) {
        this.transport = transport;
        this.context = context;
        this.memory = new HttpMemory(transport, context);
    }

    /** A builder with the defaults: {@value #DEFAULT_URL}, context {@value #DEFAULT_CONTEXT}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured from the environment: {@code SPECTRON_URL} (default
     * {@value #DEFAULT_URL}), {@code SPECTRON_API_KEY} and {@code SPECTRON_CONTEXT} (default
     * {@value #DEFAULT_CONTEXT}). When {@code SPECTRON_API_KEY} is unset, the key (and, unless
     * {@code SPECTRON_CONTEXT} is set, the context) come from {@code credentials.json} in
     * {@code SPECTRON_DATA} or else {@code ~/.spectron}, the file a local server writes on first
     * start. With neither, the client sends no key, which only a server started with
     * {@code --insecure} accepts.
     *
     * @throws IllegalArgumentException when a variable holds an invalid value, naming it
     * @throws java.io.UncheckedIOException when a credentials file exists but cannot be read
     * @throws IllegalStateException when a credentials file is not the expected JSON object
     */
    public static SpectronClient fromEnvironment() {
        return environmentBuilder().build();
    }

    /**
     * A builder pre-filled as {@link #fromEnvironment()} describes, for callers (such as the CLI)
     * that let flags override the environment.
     */
    public static Builder environmentBuilder() {
        return EnvironmentSettings.builder(System::getenv,
                Path.of(System.getProperty("user.home")));
    }

    /** The memory of the configured context. */
    public Memory memory() {
        return memory;
    }

    /**
     * The memory of another context, over the same connection pool. The API key must be valid
     * for that context, or every call fails with {@code AuthenticationException}.
     *
     * @throws IllegalArgumentException when {@code context} is blank
     */
    public Memory memory(String context) {
        return new HttpMemory(transport, Builder.checkContext(context));
    }

    /**
     * Asks the server how it is ({@code GET /health}, sent without the API key). A server that
     * answers with a status document, even with HTTP 503, yields that document.
     *
     * @throws SpectronException code {@code unavailable} when the server cannot be reached, or
     *     the mapped error when it answers without a status document
     */
    public HealthStatus health() {
        HttpResponse<byte[]> response = transport.getUnauthenticated("/health");
        Map<String, Object> body = healthBody(response);
        if (body == null || !(body.get("status") instanceof String status)) {
            throw transport.problem(response);
        }
        Map<String, Object> details = new LinkedHashMap<>(body);
        details.remove("status");
        details.values().removeIf(Objects::isNull);
        return new HealthStatus(status, details);
    }

    private Map<String, Object> healthBody(HttpResponse<byte[]> response) {
        try {
            return transport.json().readValue(response.body(), new TypeReference<>() {});
        } catch (IOException e) {
            return null;
        }
    }

    /** The server address, without a trailing slash. */
    public URI baseUrl() {
        return transport.baseUrl();
    }

    /** The context of {@link #memory()}. */
    public String context() {
        return context;
    }

    /** Closes the connection pool; later calls throw {@link IllegalStateException}. */
    @Override
    public void close() {
        transport.close();
    }

    /** The address and context; never the API key. */
    @Override
    public String toString() {
        return "SpectronClient[" + transport.baseUrl() + ", context=" + context + "]";
    }

    /**
     * Configures a {@link SpectronClient}. Every setter validates its argument at once and says
     * what is wrong with it. Not thread-safe; a builder may build several clients.
     */
    public static final class Builder {
        private static final Pattern API_PATH = Pattern.compile(".*/api/v\\d+(/.*)?");

        private URI baseUrl = URI.create(DEFAULT_URL);
        private String apiKey;
        private String context = DEFAULT_CONTEXT;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * The server's root address, such as {@code http://127.0.0.1:9090} or
         * {@code https://memory.example.com/spectron} behind a proxy; a trailing slash is ignored.
         *
         * @throws IllegalArgumentException when it is not an absolute http(s) URL with a host,
         *     or carries user info, a query, a fragment or the {@code /api/v1} path
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = checkBaseUrl(baseUrl);
            return this;
        }

        /**
         * The data key ({@code spk_…}), sent as {@code Authorization: Bearer}. Without one, only
         * a server started with {@code --insecure} answers.
         *
         * @throws IllegalArgumentException when it is blank or contains white space
         */
        public Builder apiKey(String apiKey) {
            require(apiKey != null && !apiKey.isBlank(), "apiKey must not be blank");
            require(apiKey.codePoints().noneMatch(c -> Character.isWhitespace(c)
                    || Character.isISOControl(c)), "apiKey must not contain white space or "
                            + "control characters; check for a stray newline");
            this.apiKey = apiKey;
            return this;
        }

        /**
         * The context of {@link SpectronClient#memory()}; default
         * {@value SpectronClient#DEFAULT_CONTEXT}.
         *
         * @throws IllegalArgumentException when it is blank
         */
        public Builder context(String context) {
            this.context = checkContext(context);
            return this;
        }

        /**
         * How long one request may take, from sending to the last byte of the answer;
         * connecting gets at most 10 seconds of it. Default 60 seconds.
         *
         * @throws IllegalArgumentException when it is not positive
         */
        public Builder timeout(Duration timeout) {
            require(timeout != null && timeout.isPositive(),
                    "timeout must be positive, got " + timeout);
            this.timeout = timeout;
            return this;
        }

        /** The clock that turns an HTTP-date {@code Retry-After} into a delay; for tests. */
        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** A client with these settings. */
        public SpectronClient build() {
            return new SpectronClient(
                    new HttpTransport(baseUrl, Optional.ofNullable(apiKey), timeout, clock),
                    context);
        }

        static String checkContext(String context) {
            require(context != null && !context.isBlank(), "context must not be blank");
            return context;
        }

        private static URI checkBaseUrl(String text) {
            require(text != null && !text.isBlank(), "baseUrl must not be blank");
            URI uri;
            try {
                uri = new URI(text.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("baseUrl '" + text + "' is not a valid URL: "
                        + e.getMessage(), e);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            require(scheme.equals("http") || scheme.equals("https"), "baseUrl must start with "
                    + "http:// or https://, like " + DEFAULT_URL + "; got '" + text + "'");
            require(uri.getHost() != null, "baseUrl '" + text + "' has no valid host name");
            require(uri.getRawUserInfo() == null,
                    "baseUrl must not carry user info; give the key with apiKey(...)");
            require(uri.getRawQuery() == null && uri.getRawFragment() == null,
                    "baseUrl must not have a query or fragment; got '" + text + "'");
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            require(!API_PATH.matcher(path).matches(), "baseUrl must be the server's root, like "
                    + DEFAULT_URL + ", without the API path; got '" + text + "'");
            return URI.create(scheme + "://" + uri.getRawAuthority() + path);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
