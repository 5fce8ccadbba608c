package dev.spectron.store.postgres;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How {@link PostgresBackend} connects. Immutable.
 *
 * @param jdbcUrl a {@code jdbc:postgresql:} URL; user and password may be given as its
 *     {@code user} and {@code password} parameters
 * @param schema the schema that holds Spectron's tables, created when missing; empty for the
 *     connections' own default (usually {@code public}). With a schema, connections use the
 *     search path {@code "<schema>", public}, so the {@code vector} extension in {@code public}
 *     still resolves.
 * @param poolSize connections in the pool, 2 to {@value #MAX_POOL_SIZE} (schema migration needs
 *     two at once)
 * @param clock what the store reads the time from where the caller gives none: when a forget
 *     marks rows forgotten
 */
public record PostgresOptions(String jdbcUrl, Optional<String> schema, int poolSize,
        Clock clock) {
    /** Most connections one backend opens. */
    public static final int MAX_POOL_SIZE = 256;

    /** Lower-case SQL identifiers only, so a schema name needs no escaping anywhere. */
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /**
     * Checks the options.
     *
     * @throws NullPointerException when a component is null
     * @throws IllegalArgumentException when the URL is not a PostgreSQL JDBC URL, the schema
     *     name is not a lower-case identifier, or the pool size is out of range
     */
    public PostgresOptions {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(clock, "clock");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql:, got "
                    + Redaction.url(jdbcUrl));
        }
        schema.ifPresent(name -> {
            if (!SCHEMA.matcher(name).matches()) {
                throw new IllegalArgumentException("schema must match " + SCHEMA.pattern()
                        + ", got '" + name + "'");
            }
        });
        if (poolSize < 2 || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("poolSize must be between 2 and " + MAX_POOL_SIZE
                    + ", got " + poolSize);
        }
    }

    /** The default schema, ten connections and the UTC clock. */
    public static PostgresOptions of(String jdbcUrl) {
        return new PostgresOptions(jdbcUrl, Optional.empty(), 10, Clock.systemUTC());
    }

    /** A copy that keeps Spectron's tables in {@code name}. */
    public PostgresOptions withSchema(String name) {
        return new PostgresOptions(jdbcUrl, Optional.of(name), poolSize, clock);
    }

    /** A copy with another pool size. */
    public PostgresOptions withPoolSize(int size) {
        return new PostgresOptions(jdbcUrl, schema, size, clock);
    }

    /** A copy with another clock (tests fix it). */
    public PostgresOptions withClock(Clock time) {
        return new PostgresOptions(jdbcUrl, schema, poolSize, time);
    }

    /** The URL with its password hidden, for messages and logs. */
    @Override
    public String toString() {
        return "PostgresOptions[jdbcUrl=" + Redaction.url(jdbcUrl) + ", schema=" + schema
                + ", poolSize=" + poolSize + ", clock=" + clock + "]";
    }
}
