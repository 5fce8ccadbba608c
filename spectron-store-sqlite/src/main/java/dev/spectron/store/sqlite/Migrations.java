package dev.spectron.store.sqlite;

import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings a database file to the newest schema with the versioned scripts in
 * {@code db/migration/sqlite}. Applying them to an up-to-date file changes nothing.
 */
final class Migrations {
    static final String LOCATION = "classpath:db/migration/sqlite";

    private Migrations() {}

    /**
     * Applies every pending migration on a connection of Flyway's own.
     *
     * @throws SQLException when a migration fails (the failed script's transaction is rolled
     *     back) or the file's history does not match the scripts
     */
    static void apply(String url) throws SQLException {
        try {
            Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(url, null, null)
                    .locations(LOCATION)
                    .failOnMissingLocations(true)
                    .validateMigrationNaming(true)
                    .cleanDisabled(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new SQLException("migrating the schema failed: " + e.getMessage(), e);
        }
    }
}
