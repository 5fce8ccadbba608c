package dev.spectron.store.sqlite;

import dev.spectron.engine.spi.IdempotencyStore.IdempotencyRecord;
import dev.spectron.engine.spi.IdempotencyStore.IdempotentAnswer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Statements on {@code idempotency_keys}. */
final class IdempotencyTable {
    private IdempotencyTable() {}

    /** Inside a write transaction: claims the slot, or returns the unexpired record holding it. */
    static Optional<IdempotencyRecord> claim(Connection c, String slot, String context,
            String token, String requestHash, Instant now, Instant expiresAt)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "DELETE FROM idempotency_keys WHERE slot = ? AND expires_at <= ?")) {
            st.setString(1, slot);
            st.setString(2, Columns.instant(now));
            st.executeUpdate();
        }
        Optional<IdempotencyRecord> held = bySlot(c, slot);
        if (held.isPresent()) {
            return held;
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO idempotency_keys (slot,"
                + " context, token, request_hash, expires_at) VALUES (?, ?, ?, ?, ?)")) {
            st.setString(1, slot);
            st.setString(2, context);
            st.setString(3, token);
            st.setString(4, requestHash);
            st.setString(5, Columns.instant(expiresAt));
            st.executeUpdate();
        }
        return Optional.empty();
    }

    static boolean complete(Connection c, String slot, String token, IdempotentAnswer answer,
            Instant expiresAt) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE idempotency_keys SET status = ?,"
                + " content_type = ?, body = ?, expires_at = ?"
                + " WHERE slot = ? AND token = ? AND status IS NULL")) {
            st.setInt(1, answer.status());
            st.setString(2, answer.contentType());
            st.setString(3, answer.body());
            st.setString(4, Columns.instant(expiresAt));
            st.setString(5, slot);
            st.setString(6, token);
            return st.executeUpdate() == 1;
        }
    }

    static void release(Connection c, String slot, String token) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM idempotency_keys"
                + " WHERE slot = ? AND token = ? AND status IS NULL")) {
            st.setString(1, slot);
            st.setString(2, token);
            st.executeUpdate();
        }
    }

    static int purge(Connection c, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "DELETE FROM idempotency_keys WHERE expires_at <= ?")) {
            st.setString(1, Columns.instant(now));
            return st.executeUpdate();
        }
    }

    static int forget(Connection c, String context) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM idempotency_keys"
                + " WHERE context = ? AND status IS NOT NULL")) {
            st.setString(1, context);
            return st.executeUpdate();
        }
    }

    private static Optional<IdempotencyRecord> bySlot(Connection c, String slot)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT request_hash, status,"
                + " content_type, body, expires_at FROM idempotency_keys WHERE slot = ?")) {
            st.setString(1, slot);
            try (ResultSet row = st.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                int status = row.getInt("status");
                Optional<IdempotentAnswer> answer = row.wasNull() ? Optional.empty()
                        : Optional.of(new IdempotentAnswer(status, row.getString("content_type"),
                                row.getString("body")));
                return Optional.of(new IdempotencyRecord(row.getString("request_hash"), answer,
                        Columns.instant(row.getString("expires_at"))));
            }
        }
    }
}
