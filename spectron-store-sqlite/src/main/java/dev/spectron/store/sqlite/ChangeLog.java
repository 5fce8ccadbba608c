package dev.spectron.store.sqlite;

import dev.spectron.engine.spi.IndexChange;
import dev.spectron.engine.spi.IndexDocument;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Statements on {@code index_log}, the change log the search index replays. A row only names a
 * record and an operation; the document of an upsert is read from the record as it is when the
 * log is read, so a record deleted since reads as a delete.
 */
final class ChangeLog {
    static final String TURN = "turn";
    private static final String UPSERT = "upsert";
    private static final String DELETE = "delete";

    private ChangeLog() {}

    static void upsert(Connection c, String recordId, String kind) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO index_log (record_id, kind, op) VALUES (?, ?, ?)")) {
            st.setString(1, recordId);
            st.setString(2, kind);
            st.setString(3, UPSERT);
            st.executeUpdate();
        }
    }

    /** Logs a delete for every turn of a session, in turn order. */
    static void deleteTurnsOf(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO index_log (record_id, kind, op)"
                + " SELECT id, ?, ? FROM turns WHERE session_id = ? ORDER BY seq_in_session")) {
            st.setString(1, TURN);
            st.setString(2, DELETE);
            st.setString(3, sessionId);
            st.executeUpdate();
        }
    }

    static long last(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT coalesce(max(seq), 0) FROM index_log");
                ResultSet row = st.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    static List<IndexChange> since(Connection c, long afterSeq, int limit) throws SQLException {
        List<IndexChange> changes = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT l.seq, l.record_id, l.kind,"
                + " t.id AS turn_id, t.context, t.session_id, t.index_text, t.created_at,"
                + " s.scope_key, v.model_id, v.data"
                + " FROM index_log l"
                + " LEFT JOIN turns t ON l.op = 'upsert' AND l.kind = 'turn' AND t.id = l.record_id"
                + " LEFT JOIN sessions s ON s.id = t.session_id"
                + " LEFT JOIN vectors v ON v.record_id = t.id"
                + " WHERE l.seq > ? ORDER BY l.seq LIMIT ?")) {
            st.setLong(1, afterSeq);
            st.setInt(2, limit);
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    changes.add(read(rows));
                }
            }
        }
        return changes;
    }

    private static IndexChange read(ResultSet row) throws SQLException {
        long seq = row.getLong("seq");
        String recordId = row.getString("record_id");
        if (row.getString("turn_id") == null) {
            // Logged as a delete, or upserted but gone since.
            return new IndexChange.Delete(seq, recordId);
        }
        byte[] data = row.getBytes("data");
        if (data == null) {
            throw new IllegalStateException("turn '" + recordId + "' has no vector");
        }
        IndexDocument document = new IndexDocument(recordId, row.getString("context"), TURN,
                row.getString("scope_key"), row.getString("session_id"),
                row.getString("index_text"), Columns.vector(data),
                Columns.instant(row.getString("created_at")));
        return new IndexChange.Upsert(seq, document, row.getString("model_id"));
    }
}
