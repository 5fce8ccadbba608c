package dev.spectron.store.postgres;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The database the tests use, and a fresh schema per test.
 *
 * <p>The database is {@code SPECTRON_POSTGRES_URL} when that is set (CI, or one started by
 * hand); otherwise the first test starts a private cluster with {@code scripts/dev-postgres.sh
 * start target/postgres} (which installs PostgreSQL and pgvector when missing) and a shutdown
 * hook stops it when the test JVM exits. Registered as an extension, it drops the schemas a
 * test created once the test is done, so tests can share one database, CI's included.
 *
 * <p>Published in this module's test jar for the server's and the CLI's integration tests,
 * which run Spectron nodes on PostgreSQL: they run from a sibling module directory, where the
 * default script path {@code ../scripts/dev-postgres.sh} resolves too.
 */
public final class TestPostgres implements AfterEachCallback {
    private static final String ENV = "SPECTRON_POSTGRES_URL";
    private static volatile String url;

    private final List<String> schemas = new ArrayList<>();

    /** The JDBC URL of the test database, starting a private cluster on first use. */
    public static String url() {
        if (url == null) {
            synchronized (TestPostgres.class) {
                if (url == null) {
                    String fromEnv = System.getenv(ENV);
                    url = fromEnv != null && !fromEnv.isBlank() ? fromEnv.strip() : start();
                }
            }
        }
        return url;
    }

    /** A new, empty schema's name, dropped after the test. */
    public String schema() {
        String name = "spectron_test_" + UUID.randomUUID().toString().replace("-", "")
                .substring(0, 16);
        schemas.add(name);
        return name;
    }

    /** Options for a backend in a new, empty schema, with four connections. */
    public PostgresOptions options(Clock clock) {
        return PostgresOptions.of(url()).withSchema(schema()).withPoolSize(4).withClock(clock);
    }

    /** A plain connection with {@code schema} (and public) on the search path. */
    public static Connection connect(String schema) throws SQLException {
        Connection c = DriverManager.getConnection(url());
        try (Statement st = c.createStatement()) {
            st.execute("SET search_path TO \"" + schema + "\", public");
        }
        return c;
    }

    /** Drops the schemas the test created. */
    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        try (Connection c = DriverManager.getConnection(url());
                Statement st = c.createStatement()) {
            for (String schema : schemas) {
                st.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            }
        }
        schemas.clear();
    }

    private static String start() {
        Path script = Path.of(System.getProperty("spectron.postgres.script",
                "../scripts/dev-postgres.sh")).toAbsolutePath().normalize();
        Path dir = Path.of(System.getProperty("spectron.postgres.dir", "target/postgres"))
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException(ENV + " is not set and " + script + " is missing");
        }
        List<String> out = run(script, "start", dir);
        String last = out.isEmpty() ? "" : out.getLast();
        if (!last.startsWith(ENV + "=")) {
            throw new IllegalStateException(script + " start printed no " + ENV + ": " + out);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> run(script, "stop", dir),
                "stop-test-postgres"));
        return last.substring(ENV.length() + 1);
    }

    /** Runs the script, its stderr going to ours; returns its stdout lines. */
    private static List<String> run(Path script, String command, Path dir) {
        try {
            Process process = new ProcessBuilder("bash", script.toString(), command,
                    dir.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    process.getInputStream(), StandardCharsets.UTF_8))) {
                reader.lines().forEach(lines::add);
            }
            if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " " + command + " failed: " + lines);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + script, e);
        }
    }
}
