package dev.spectron.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.api.Scope;
import dev.spectron.engine.spi.ForgetSpec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression test for a forget by query reading a whole context: with the ids as {@code IN
 * (SELECT value FROM json_each(?))} beside {@code x.context = ?}, SQLite scanned the facts of
 * the context through {@code facts_by_scope} instead of looking each id up.
 */
class ForgetQueryPlanTest {
    @TempDir
    Path dir;

    @Test
    void forgetByIds_everyTable_looksUpEachIdByPrimaryKey() throws SQLException {
        Path file = dir.resolve("plans.db");
        SqliteMemoryStore.open(file).close();
        Map<String, String> selects = ForgetWriter.selects(new ForgetSpec(Scope.of("user", "a"),
                Optional.empty(), Optional.empty(), Optional.of(Set.of("x1", "x2")), false));

        assertThat(selects).containsOnlyKeys("turns", "chunks", "facts", "instructions");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            for (Map.Entry<String, String> e : selects.entrySet()) {
                List<String> plan = plan(c, e.getValue());
                assertThat(plan).as(e.getKey() + ":\n" + String.join("\n", plan))
                        .anyMatch(step -> step.equals("SEARCH x USING INDEX sqlite_autoindex_"
                                + e.getKey() + "_1 (id=?)"))
                        .noneMatch(step -> step.startsWith("SEARCH x USING INDEX "
                                + e.getKey() + "_by_") || step.startsWith("SCAN x"));
            }
        }
    }

    private static List<String> plan(Connection c, String sql) throws SQLException {
        List<String> steps = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rows = st.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            while (rows.next()) {
                steps.add(rows.getString("detail"));
            }
        }
        return steps;
    }
}
