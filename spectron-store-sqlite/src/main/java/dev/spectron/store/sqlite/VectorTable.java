package dev.spectron.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Statements on {@code vectors}: one embedding per indexed record (turns, facts, instructions,
 * chunks), with the model that made it. Its primary key makes record ids unique across kinds.
 */
final class VectorTable {
    private VectorTable() {}

    /** True when a record of any kind has a vector under this id. */
    static boolean exists(Connection c, String recordId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM vectors WHERE record_id = ?)")) {
            st.setString(1, recordId);
            try (ResultSet row = st.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /**
     * Stores a new record's vector. Never replaces one: a second record under the same id, of
     * whatever kind, fails with a constraint violation instead of taking the first one's vector.
     */
    static void insert(Connection c, String recordId, String modelId, byte[] data)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO vectors (record_id, model_id,"
                + " dims, data) VALUES (?, ?, ?, ?)")) {
            st.setString(1, recordId);
            st.setString(2, modelId);
            st.setInt(3, data.length / Float.BYTES);
            st.setBytes(4, data);
            st.executeUpdate();
        }
    }

    /** Replaces an existing record's vector and model; a missing record is left alone. */
    static void replace(Connection c, String recordId, String modelId, byte[] data)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE vectors SET model_id = ?,"
                + " dims = ?, data = ? WHERE record_id = ?")) {
            st.setString(1, modelId);
            st.setInt(2, data.length / Float.BYTES);
            st.setBytes(3, data);
            st.setString(4, recordId);
            st.executeUpdate();
        }
    }

    /** Deletes the vectors of a session's turns. */
    static void deleteBySession(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM vectors WHERE record_id IN"
                + " (SELECT id FROM turns WHERE session_id = ?)")) {
            st.setString(1, sessionId);
            st.executeUpdate();
        }
    }

    /** Deletes the vectors of a document's chunks. */
    static void deleteByDocument(Connection c, String documentId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM vectors WHERE record_id IN"
                + " (SELECT id FROM chunks WHERE document_id = ?)")) {
            st.setString(1, documentId);
            st.executeUpdate();
        }
    }

    /** Deletes the vectors of the records whose ids {@code selectIds} yields, binding values. */
    static void deleteSelected(Connection c, String selectIds, List<String> values)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "DELETE FROM vectors WHERE record_id IN (" + selectIds + ")")) {
            Sql.bind(st, 1, values);
            st.executeUpdate();
        }
    }
}
