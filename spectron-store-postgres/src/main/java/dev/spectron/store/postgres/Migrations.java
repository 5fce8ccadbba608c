package dev.spectron.store.postgres;

import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Brings a schema to the newest version with the versioned scripts under
 * {@code db/migration/postgres}: the store's and, in a history of its own, the search index's
 * (so that a store without an index never needs pgvector). Flyway takes a database lock while it
 * migrates, so nodes starting together migrate once. Applying them to an up-to-date schema
 * changes nothing.
 */
final class Migrations {
    static final String STORE = "classpath:db/migration/postgres/store";
    static final String INDEX = "classpath:db/migration/postgres/index";
    static final String INDEX_HISTORY = "spectron_index_history";

    private Migrations() {}

    /**
     * Migrates the store's tables.
     *
     * @throws PostgresStoreException when a migration fails (its transaction is rolled back) or
     *     the schema's history does not match the scripts
     */
    static void store(DataSource dataSource, Optional<String> schema) {
        migrate(configure(dataSource, schema, STORE), "the store's");
    }

    /**
     * Migrates the search index's tables, creating its vector column with {@code dimensions}
     * the first time.
     *
     * @throws PostgresStoreException as {@link #store}, and when the {@code vector} extension is
     *     missing and cannot be created
     */
    static void index(DataSource dataSource, Optional<String> schema, int dimensions) {
        FluentConfiguration config = configure(dataSource, schema, INDEX)
                .table(INDEX_HISTORY)
                // The store's tables are there already: start this history from nothing.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .placeholders(Map.of("dimensions", Integer.toString(dimensions)));
        migrate(config, "the search index's");
    }

    private static FluentConfiguration configure(DataSource dataSource, Optional<String> schema,
            String location) {
        FluentConfiguration config = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(location)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .cleanDisabled(true);
        schema.ifPresent(name -> config.schemas(name).createSchemas(true));
        return config;
    }

    private static void migrate(FluentConfiguration config, String whose) {
        try {
            config.load().migrate();
        } catch (FlywayException e) {
            String hint = String.valueOf(e.getMessage()).contains("vector")
                    ? " (the index needs the pgvector extension, 0.5 or newer; a superuser can"
                    + " install it with CREATE EXTENSION vector)" : "";
            throw new PostgresStoreException("migrating " + whose + " schema failed" + hint, e);
        }
    }
}
