package dev.spectron.store.sqlite;

import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.Turn;
import dev.spectron.engine.spi.NewTurn;
import dev.spectron.engine.spi.StoredTurn;
import dev.spectron.engine.store.StoredValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Statements on {@code turns}. Reads leave forgotten turns out; {@link #exists} and
 * {@link #nextSeq} count them, as their ids and positions stay taken.
 */
final class TurnTable {
    private static final String COLUMNS = "t.id, t.session_id, t.seq_in_session, t.role,"
            + " t.speaker, t.content, t.created_at, t.observed_at, t.metadata_json";

    private TurnTable() {}

    /** True when a turn has this id, in any context (ids are unique store-wide). */
    static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM turns WHERE id = ?)")) {
            st.setString(1, id);
            try (ResultSet row = st.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /** The position the next turn of a session takes: one past the highest, from 1. */
    static int nextSeq(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT coalesce(max(seq_in_session), 0)"
                + " + 1 FROM turns WHERE session_id = ?")) {
            st.setString(1, sessionId);
            try (ResultSet row = st.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    static void insert(Connection c, String context, NewTurn turn, int seq, String metadataJson)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO turns (id, context,"
                + " session_id, seq_in_session, role, speaker, content, created_at, observed_at,"
                + " metadata_json, index_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, turn.id());
            st.setString(2, context);
            st.setString(3, turn.sessionId());
            st.setInt(4, seq);
            st.setString(5, turn.role().wireName());
            st.setString(6, turn.speaker().orElse(null));
            st.setString(7, turn.content());
            st.setString(8, Columns.instant(turn.createdAt()));
            st.setString(9, Columns.instant(turn.observedAt()));
            st.setString(10, metadataJson);
            st.setString(11, turn.indexText());
            st.executeUpdate();
        }
    }

    static List<Turn> bySession(Connection c, String context, String sessionId)
            throws SQLException {
        return bySession(c, context, sessionId, Integer.MAX_VALUE);
    }

    /** The last {@code limit} turns of a session, oldest first. */
    static List<Turn> bySession(Connection c, String context, String sessionId, int limit)
            throws SQLException {
        List<Turn> turns = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT * FROM (SELECT " + COLUMNS
                + " FROM turns t WHERE t.session_id = ? AND t.context = ?"
                + " AND t.forgotten_at IS NULL"
                + " ORDER BY t.seq_in_session DESC LIMIT ?) ORDER BY seq_in_session")) {
            st.setString(1, sessionId);
            st.setString(2, context);
            st.setInt(3, limit);
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    turns.add(read(rows));
                }
            }
        }
        return turns;
    }

    static final String BY_IDS = Sql.WANTED_IDS + "SELECT " + COLUMNS + ", s.scope_key"
            + " FROM wanted CROSS JOIN turns t ON t.id = wanted_id"
            + " JOIN sessions s ON s.id = t.session_id"
            + " WHERE t.context = ? AND t.forgotten_at IS NULL AND s.forgotten_at IS NULL";

    /** Adds the turns among {@code ids} (a JSON array of strings) to {@code found}. */
    static void byIds(StatementCache statements, String context, String ids,
            Map<String, StoredTurn> found) throws SQLException {
        PreparedStatement st = statements.prepare(BY_IDS);
        st.setString(1, ids);
        st.setString(2, context);
        try (ResultSet rows = st.executeQuery()) {
            while (rows.next()) {
                Turn turn = read(rows);
                found.put(turn.id(), new StoredTurn(turn,
                        Scope.parseKey(rows.getString("scope_key"))));
            }
        }
    }

    /** Deletes a session's turns; returns how many there were. */
    static int deleteBySession(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM turns WHERE session_id = ?")) {
            st.setString(1, sessionId);
            return st.executeUpdate();
        }
    }

    private static Turn read(ResultSet row) throws SQLException {
        return new Turn(row.getString("id"),
                row.getString("session_id"),
                row.getInt("seq_in_session"),
                Role.parse(row.getString("role")),
                Optional.ofNullable(row.getString("speaker")),
                row.getString("content"),
                Columns.instant(row.getString("created_at")),
                Columns.instant(row.getString("observed_at")),
                StoredValues.jsonObject(row.getString("metadata_json")));
    }
}
