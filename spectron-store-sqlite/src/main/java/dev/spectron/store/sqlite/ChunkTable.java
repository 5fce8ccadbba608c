package dev.spectron.store.sqlite;

import dev.spectron.api.Scope;
import dev.spectron.engine.spi.ChunkRecord;
import dev.spectron.engine.spi.Indexed;
import dev.spectron.engine.spi.Span;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/** Statements on {@code chunks}, the passages of documents. Reads leave forgotten ones out. */
final class ChunkTable {
    private ChunkTable() {}

    static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM chunks WHERE id = ?)")) {
            st.setString(1, id);
            try (ResultSet row = st.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    static void insert(Connection c, String context, Indexed<ChunkRecord> indexed)
            throws SQLException {
        ChunkRecord chunk = indexed.record();
        try (PreparedStatement st = c.prepareStatement("INSERT INTO chunks (id, context,"
                + " document_id, seq, text, scope_key, span_start, span_end, index_text)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, chunk.id());
            st.setString(2, context);
            st.setString(3, chunk.documentId());
            st.setInt(4, chunk.seq());
            st.setString(5, chunk.text());
            st.setString(6, chunk.scope().key());
            st.setInt(7, chunk.span().start());
            st.setInt(8, chunk.span().end());
            st.setString(9, indexed.indexText());
            st.executeUpdate();
        }
    }

    static final String BY_IDS = Sql.WANTED_IDS + "SELECT id, document_id, seq, text,"
            + " scope_key, span_start, span_end FROM wanted CROSS JOIN chunks ON id = wanted_id"
            + " WHERE context = ? AND forgotten_at IS NULL";

    /** Adds the chunks among {@code ids} (a JSON array of strings) to {@code found}. */
    static void byIds(StatementCache statements, String context, String ids,
            Map<String, ChunkRecord> found) throws SQLException {
        PreparedStatement st = statements.prepare(BY_IDS);
        st.setString(1, ids);
        st.setString(2, context);
        try (ResultSet rows = st.executeQuery()) {
            while (rows.next()) {
                ChunkRecord chunk = new ChunkRecord(rows.getString("id"),
                        rows.getString("document_id"),
                        rows.getInt("seq"),
                        rows.getString("text"),
                        Scope.parseKey(rows.getString("scope_key")),
                        new Span(rows.getInt("span_start"), rows.getInt("span_end")));
                found.put(chunk.id(), chunk);
            }
        }
    }

    /** Deletes a document's chunks; returns how many there were. */
    static int deleteByDocument(Connection c, String documentId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "DELETE FROM chunks WHERE document_id = ?")) {
            st.setString(1, documentId);
            return st.executeUpdate();
        }
    }
}
