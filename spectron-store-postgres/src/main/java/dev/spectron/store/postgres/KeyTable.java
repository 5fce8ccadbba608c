package dev.spectron.store.postgres;

import dev.spectron.api.Scope;
import dev.spectron.engine.spi.ApiKeyRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Statements on {@code api_keys}. */
final class KeyTable {
    private static final String COLUMNS =
            "id, kind, context, role, floor_key, hash, created_at, revoked_at";

    private KeyTable() {}

    static void insert(Connection c, ApiKeyRecord key) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO api_keys (" + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, key.id());
            st.setString(2, key.kind().name().toLowerCase(Locale.ROOT));
            st.setString(3, key.context().orElse(null));
            st.setString(4, key.role());
            st.setString(5, key.floor().key());
            st.setString(6, key.hash());
            Columns.instant(st, 7, key.createdAt());
            Columns.instant(st, 8, key.revokedAt());
            st.executeUpdate();
        }
    }

    static Optional<ApiKeyRecord> byId(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM api_keys WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet row = st.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    static List<ApiKeyRecord> byContext(Connection c, String context) throws SQLException {
        List<ApiKeyRecord> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys"
                + " WHERE context = ? ORDER BY created_at, id")) {
            st.setString(1, context);
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    out.add(read(rows));
                }
            }
        }
        return out;
    }

    static boolean revoke(Connection c, String id, Instant at) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            Columns.instant(st, 1, at);
            st.setString(2, id);
            return st.executeUpdate() == 1;
        }
    }

    static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM api_keys WHERE id = ?)")) {
            st.setString(1, id);
            try (ResultSet row = st.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /** Revoked keys count: the install was bootstrapped once, and that is what matters. */
    static boolean anyManagement(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM api_keys WHERE kind = 'management')");
                ResultSet row = st.executeQuery()) {
            return row.next() && row.getBoolean(1);
        }
    }

    private static ApiKeyRecord read(ResultSet row) throws SQLException {
        return new ApiKeyRecord(row.getString("id"),
                ApiKeyRecord.Kind.valueOf(row.getString("kind").toUpperCase(Locale.ROOT)),
                Optional.ofNullable(row.getString("context")),
                row.getString("role"),
                Scope.parseKey(row.getString("floor_key")),
                row.getString("hash"),
                Columns.instant(row, "created_at"),
                Columns.optionalInstant(row, "revoked_at"));
    }
}
