package dev.spectron.store.sqlite;

import dev.spectron.api.Instruction;
import dev.spectron.api.Scope;
import dev.spectron.engine.spi.Indexed;
import dev.spectron.engine.store.SourceJson;
import dev.spectron.engine.store.StoredValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Statements on {@code instructions}. Reads leave forgotten instructions out. */
final class InstructionTable {
    private static final String COLUMNS =
            "id, text, scope_key, active, created_at, superseded_by, source";

    private InstructionTable() {}

    static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM instructions WHERE id = ?)")) {
            st.setString(1, id);
            try (ResultSet row = st.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    static void insert(Connection c, String context, Indexed<Instruction> indexed, String source)
            throws SQLException {
        Instruction i = indexed.record();
        try (PreparedStatement st = c.prepareStatement("INSERT INTO instructions (id, context,"
                + " text, scope_key, scope_json, active, created_at, superseded_by, source,"
                + " index_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, i.id());
            st.setString(2, context);
            st.setString(3, i.text());
            st.setString(4, i.scope().key());
            st.setString(5, StoredValues.json(i.scope(), "instruction.scope"));
            st.setBoolean(6, i.active());
            st.setString(7, Columns.instant(i.createdAt()));
            st.setString(8, i.supersededBy().orElse(null));
            st.setString(9, source);
            st.setString(10, indexed.indexText());
            st.executeUpdate();
        }
    }

    /** Whether an instruction is active, when it exists in the context. */
    static Optional<Boolean> active(Connection c, String context, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT active FROM instructions WHERE context = ? AND id = ?")) {
            st.setString(1, context);
            st.setString(2, id);
            try (ResultSet row = st.executeQuery()) {
                return row.next() ? Optional.of(row.getBoolean(1)) : Optional.empty();
            }
        }
    }

    /** Deactivates an instruction, recording its successor when one is given. */
    static void deactivate(Connection c, String context, String id,
            Optional<String> supersededBy) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE instructions SET active = 0,"
                + " superseded_by = coalesce(?, superseded_by) WHERE context = ? AND id = ?")) {
            st.setString(1, supersededBy.orElse(null));
            st.setString(2, context);
            st.setString(3, id);
            st.executeUpdate();
        }
    }

    /** Floor matching in the query; newest first. */
    static List<Instruction> byScopeKeys(Connection c, String context, Set<String> scopeKeys,
            boolean activeOnly) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM instructions"
                + " WHERE context = ? AND scope_key IN (" + Sql.placeholders(scopeKeys.size())
                + ") AND forgotten_at IS NULL" + (activeOnly ? " AND active = 1" : "")
                + " ORDER BY created_at DESC, id DESC")) {
            st.setString(1, context);
            Sql.bind(st, 2, scopeKeys);
            return readAll(st);
        }
    }

    static final String BY_IDS = Sql.WANTED_IDS + "SELECT " + COLUMNS
            + " FROM wanted CROSS JOIN instructions ON id = wanted_id"
            + " WHERE context = ? AND forgotten_at IS NULL";

    /** Adds the instructions among {@code ids} (a JSON array of strings) to {@code found}. */
    static void byIds(StatementCache statements, String context, String ids,
            Map<String, Instruction> found) throws SQLException {
        PreparedStatement st = statements.prepare(BY_IDS);
        st.setString(1, ids);
        st.setString(2, context);
        readAll(st).forEach(i -> found.put(i.id(), i));
    }

    private static List<Instruction> readAll(PreparedStatement st) throws SQLException {
        List<Instruction> instructions = new ArrayList<>();
        try (ResultSet rows = st.executeQuery()) {
            while (rows.next()) {
                instructions.add(new Instruction(rows.getString("id"),
                        rows.getString("text"),
                        Scope.parseKey(rows.getString("scope_key")),
                        rows.getBoolean("active"),
                        Columns.instant(rows.getString("created_at")),
                        Optional.ofNullable(rows.getString("superseded_by")),
                        SourceJson.read(rows.getString("source"))));
            }
        }
        return instructions;
    }
}
