package dev.spectron.cli;

import dev.spectron.api.InvalidInputException;
import dev.spectron.embedded.EmbeddedOptions;
import dev.spectron.store.postgres.PostgresOptions;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where a command keeps memory: {@code --store embedded} (SQLite and Lucene in the data
 * directory, the default) or {@code --store postgres} with {@code --postgres-url}. Each option
 * can also be set by its environment variable. Options that do not fit together are refused
 * with an {@link InvalidInputException} naming the option.
 */
final class StoreOptions {
    @Option(names = "--store", defaultValue = "${env:SPECTRON_STORE:-embedded}",
            description = "embedded (default: SQLite + Lucene in the data directory) or postgres"
                    + " (PostgreSQL 15+ with pgvector, shared by every node; needs"
                    + " --postgres-url). Env SPECTRON_STORE.")
    String store;

    @Option(names = "--postgres-url", defaultValue = "${env:SPECTRON_POSTGRES_URL}",
            description = "jdbc:postgresql://HOST:PORT/DB?user=U&password=P"
                    + " (env SPECTRON_POSTGRES_URL).")
    String postgresUrl;

    @Option(names = "--postgres-schema", defaultValue = "${env:SPECTRON_POSTGRES_SCHEMA}",
            description = "Schema for Spectron's tables, created when missing (default: the"
                    + " connection's, usually public). Env SPECTRON_POSTGRES_SCHEMA.")
    String postgresSchema;

    @Option(names = "--postgres-pool-size",
            defaultValue = "${env:SPECTRON_POSTGRES_POOL_SIZE:-10}",
            description = "Connections this node opens (default: ${DEFAULT-VALUE})."
                    + " Env SPECTRON_POSTGRES_POOL_SIZE.")
    int postgresPoolSize;

    /** True for {@code --store postgres}. */
    boolean postgres() {
        return "postgres".equals(store);
    }

    /**
     * The storage options with these applied.
     *
     * @throws InvalidInputException naming the option that is missing or malformed
     */
    EmbeddedOptions apply(EmbeddedOptions options) {
        return postgresOptions().map(options::withPostgres).orElse(options);
    }

    /**
     * The PostgreSQL options, empty for the embedded store.
     *
     * @throws InvalidInputException naming the option that is missing or malformed
     */
    Optional<PostgresOptions> postgresOptions() {
        InvalidInputException.require("embedded".equals(store) || "postgres".equals(store),
                "--store", "must be embedded or postgres; got '" + store + "'");
        if (!postgres()) {
            InvalidInputException.require(postgresSchema == null || postgresSchema.isBlank(),
                    "--postgres-schema", "needs --store postgres");
            return Optional.empty();
        }
        InvalidInputException.require(postgresUrl != null && !postgresUrl.isBlank(),
                "--postgres-url", "is required with --store postgres (or set"
                        + " SPECTRON_POSTGRES_URL), e.g. jdbc:postgresql://127.0.0.1:5432/spectron"
                        + "?user=spectron&password=secret");
        InvalidInputException.require(postgresUrl.strip().startsWith("jdbc:postgresql:"),
                "--postgres-url", "must start with jdbc:postgresql:");
        PostgresOptions options;
        try {
            options = PostgresOptions.of(postgresUrl.strip()).withPoolSize(postgresPoolSize);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--postgres-pool-size", e.getMessage());
        }
        if (postgresSchema != null && !postgresSchema.isBlank()) {
            try {
                options = options.withSchema(postgresSchema.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--postgres-schema", e.getMessage());
            }
        }
        return Optional.of(options);
    }

    /** Where memory is kept, for messages: the data directory or the database (no password). */
    String describe(java.nio.file.Path data) {
        return postgresOptions().map(o -> "PostgreSQL " + o.jdbcUrl().replaceAll(
                "(?i)(password=)[^&]*", "$1***") + o.schema().map(s -> " schema " + s).orElse(""))
                .orElseGet(() -> data.toAbsolutePath().toString());
    }
}
