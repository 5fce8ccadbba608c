package dev.spectron.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Statements on {@code vectors}: one embedding per record, with the model that made it. */
final class VectorTable {
    private VectorTable() {}

    /** Stores a record's vector, replacing the one it had. */
    static void put(Connection c, String recordId, String modelId, byte[] data)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO vectors (record_id, model_id,"
                + " dims, data) VALUES (?, ?, ?, ?) ON CONFLICT (record_id) DO UPDATE SET"
                + " model_id = excluded.model_id, dims = excluded.dims, data = excluded.data")) {
            st.setString(1, recordId);
            st.setString(2, modelId);
            st.setInt(3, data.length / Float.BYTES);
            st.setBytes(4, data);
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
}
