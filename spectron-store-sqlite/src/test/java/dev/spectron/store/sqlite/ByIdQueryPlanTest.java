package dev.spectron.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Regression test for hydration reading a whole context: with the ids as {@code IN (SELECT value
 * FROM json_each(?))}, SQLite chose the {@code (context, …)} index over the primary key.
 */
class ByIdQueryPlanTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"turns", "facts", "instructions", "chunks"})
    void byIds_eachTable_looksUpEveryIdByPrimaryKey(String table) throws SQLException {
        Path file = dir.resolve("plans.db");
        SqliteMemoryStore.open(file).close();

        List<String> plan = plan(file, switch (table) {
            case "turns" -> TurnTable.BY_IDS;
            case "facts" -> FactTable.BY_IDS;
            case "instructions" -> InstructionTable.BY_IDS;
            default -> ChunkTable.BY_IDS;
        });

        assertThat(plan).as(String.join("\n", plan))
                .anyMatch(step -> step.matches("SEARCH \\w+ USING INDEX sqlite_autoindex_" + table
                        + "_1 \\(id=\\?\\)"))
                .noneMatch(step -> step.contains("_by_"));
    }

    private static List<String> plan(Path file, String sql) throws SQLException {
        List<String> steps = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                PreparedStatement st = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            st.setString(1, "[\"a\", \"b\"]");
            st.setString(2, "default");
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    steps.add(rows.getString("detail"));
                }
            }
        }
        return steps;
    }
}
