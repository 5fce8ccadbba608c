package dev.spectron.store.sqlite;

import dev.spectron.engine.spi.IndexChange;
import dev.spectron.engine.spi.IndexDocument;
import dev.spectron.engine.store.StoredValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Statements on {@code index_log}, the change log the search index replays. A row only names a
 * record, its kind and an operation; the document of an upsert is read from the record as it is
 * when the log is read, so a record deleted or forgotten since, or a fact no longer current, or an
 * instruction no longer active, reads as a delete (the index holds only what is current).
 */
final class ChangeLog {
    static final String TURN = "turn";
    static final String INSTRUCTION = "instruction";
    static final String CHUNK = "chunk";
    private static final String UPSERT = "upsert";
    private static final String DELETE = "delete";

    /**
     * One left join per kind, each a primary-key lookup guarded by the row's kind, so that
     * reading a page costs the same however large the tables are. (A UNION ALL of the kinds on
     * the right of a LEFT JOIN would be materialised whole on every read.)
     */
    private static final String SINCE = "SELECT l.seq, l.record_id, l.kind,"
            + " coalesce(t.id, f.id, i.id, ch.id) AS found_id,"
            + " coalesce(t.context, f.context, i.context, ch.context) AS context,"
            + " coalesce(s.scope_key, f.scope_key, i.scope_key, ch.scope_key) AS scope_key,"
            + " coalesce(t.session_id,"
            + "     json_extract(coalesce(f.source, i.source), '$.sessionId'), '') AS session_id,"
            + " coalesce(t.index_text, f.index_text, i.index_text, ch.index_text) AS index_text,"
            + " coalesce(t.created_at, f.created_at, i.created_at, d.created_at) AS created_at,"
            + " v.model_id, v.data"
            + " FROM index_log l"
            + " LEFT JOIN turns t ON l.op = 'upsert' AND l.kind = 'turn' AND t.id = l.record_id"
            + "     AND t.forgotten_at IS NULL"
            + " LEFT JOIN sessions s ON s.id = t.session_id"
            + " LEFT JOIN facts f ON l.op = 'upsert' AND l.kind IN ('attribute', 'relation')"
            + "     AND f.id = l.record_id AND f.status = 'current'"
            + " LEFT JOIN instructions i ON l.op = 'upsert' AND l.kind = 'instruction'"
            + "     AND i.id = l.record_id AND i.active = 1 AND i.forgotten_at IS NULL"
            + " LEFT JOIN chunks ch ON l.op = 'upsert' AND l.kind = 'chunk'"
            + "     AND ch.id = l.record_id AND ch.forgotten_at IS NULL"
            + " LEFT JOIN documents d ON d.id = ch.document_id"
            + " LEFT JOIN vectors v ON l.op = 'upsert' AND v.record_id = l.record_id"
            + " WHERE l.seq > ? ORDER BY l.seq LIMIT ?";

    private ChangeLog() {}

    static void upsert(Connection c, String recordId, String kind) throws SQLException {
        log(c, recordId, kind, UPSERT);
    }

    static void delete(Connection c, String recordId, String kind) throws SQLException {
        log(c, recordId, kind, DELETE);
    }

    private static void log(Connection c, String recordId, String kind, String op)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO index_log (record_id, kind, op) VALUES (?, ?, ?)")) {
            st.setString(1, recordId);
            st.setString(2, kind);
            st.setString(3, op);
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

    /** Logs a delete for every chunk of a document, in chunk order. */
    static void deleteChunksOf(Connection c, String documentId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO index_log (record_id, kind, op)"
                + " SELECT id, ?, ? FROM chunks WHERE document_id = ? ORDER BY seq")) {
            st.setString(1, CHUNK);
            st.setString(2, DELETE);
            st.setString(3, documentId);
            st.executeUpdate();
        }
    }

    /**
     * Logs a delete for every row of {@code fromWhere} (a FROM clause with the rows aliased
     * {@code x}, a WHERE clause binding {@code values}, and an ORDER BY giving the log order),
     * {@code kindExpression} giving each row's kind.
     */
    static void deleteSelected(Connection c, String kindExpression, String fromWhere,
            List<String> values) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO index_log (record_id, kind,"
                + " op) SELECT x.id, " + kindExpression + ", '" + DELETE + "' " + fromWhere)) {
            Sql.bind(st, 1, values);
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
        try (PreparedStatement st = c.prepareStatement(SINCE)) {
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
        if (row.getString("found_id") == null) {
            // Logged as a delete, or upserted but gone, superseded or deactivated since.
            return new IndexChange.Delete(seq, recordId);
        }
        String kind = row.getString("kind");
        byte[] data = row.getBytes("data");
        if (data == null) {
            throw new IllegalStateException(kind + " '" + recordId + "' has no vector");
        }
        IndexDocument document = new IndexDocument(recordId, row.getString("context"), kind,
                row.getString("scope_key"), row.getString("session_id"),
                row.getString("index_text"), StoredValues.vector(data),
                Columns.instant(row.getString("created_at")));
        return new IndexChange.Upsert(seq, document, row.getString("model_id"));
    }
}
