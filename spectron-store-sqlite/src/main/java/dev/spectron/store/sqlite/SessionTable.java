package dev.spectron.store.sqlite;

import dev.spectron.api.ExtractMode;
import dev.spectron.api.Scope;
import dev.spectron.api.SessionInfo;
import dev.spectron.api.SessionStatus;
import dev.spectron.engine.store.StoredValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Statements on {@code sessions}. A forgotten session is absent for every statement here but
 * {@link #exists} (its id stays taken) and {@link #delete}.
 */
final class SessionTable {
    private static final String COLUMNS =
            "id, scope_key, metadata_json, extract, status, created_at, closed_at";

    private SessionTable() {}

    static void insert(Connection c, String context, SessionInfo s, String metadataJson)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO sessions (id, context,"
                + " scope_key, scope_json, metadata_json, extract, status, created_at, closed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, s.id());
            st.setString(2, context);
            st.setString(3, s.scope().key());
            st.setString(4, StoredValues.json(s.scope(), "scope"));
            st.setString(5, metadataJson);
            st.setString(6, s.extract().wireName());
            st.setString(7, s.status().wireName());
            st.setString(8, Columns.instant(s.createdAt()));
            st.setString(9, Columns.instant(s.closedAt()));
            st.executeUpdate();
        }
    }

    /** True when a session has this id, in any context (ids are unique store-wide). */
    static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM sessions WHERE id = ?)")) {
            st.setString(1, id);
            try (ResultSet row = st.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    static Optional<SessionStatus> status(Connection c, String context, String id)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT status FROM sessions"
                + " WHERE context = ? AND id = ? AND forgotten_at IS NULL")) {
            st.setString(1, context);
            st.setString(2, id);
            try (ResultSet row = st.executeQuery()) {
                return row.next() ? Optional.of(status(row.getString(1))) : Optional.empty();
            }
        }
    }

    static Optional<SessionInfo> byId(Connection c, String context, String id)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM sessions"
                + " WHERE context = ? AND id = ? AND forgotten_at IS NULL")) {
            st.setString(1, context);
            st.setString(2, id);
            try (ResultSet row = st.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    /** Floor matching in the query: the reader's floor keys are bound into {@code IN (…)}. */
    static List<SessionInfo> byScopeKeys(Connection c, String context, Set<String> scopeKeys,
            int limit) throws SQLException {
        List<SessionInfo> sessions = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM sessions"
                + " WHERE context = ? AND scope_key IN (" + Sql.placeholders(scopeKeys.size())
                + ") AND forgotten_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?")) {
            st.setString(1, context);
            int next = Sql.bind(st, 2, scopeKeys);
            st.setInt(next, limit);
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    sessions.add(read(rows));
                }
            }
        }
        return sessions;
    }

    /** Closes an open session; false when it is missing or closed already. */
    static boolean close(Connection c, String context, String id, String closedAt)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE sessions SET status = 'closed',"
                + " closed_at = ? WHERE context = ? AND id = ? AND status = 'open'"
                + " AND forgotten_at IS NULL")) {
            st.setString(1, closedAt);
            st.setString(2, context);
            st.setString(3, id);
            return st.executeUpdate() == 1;
        }
    }

    static void delete(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM sessions WHERE id = ?")) {
            st.setString(1, id);
            st.executeUpdate();
        }
    }

    private static SessionInfo read(ResultSet row) throws SQLException {
        return new SessionInfo(row.getString("id"),
                Scope.parseKey(row.getString("scope_key")),
                StoredValues.jsonObject(row.getString("metadata_json")),
                ExtractMode.parse(row.getString("extract")),
                status(row.getString("status")),
                Columns.instant(row.getString("created_at")),
                Columns.optionalInstant(row.getString("closed_at")));
    }

    private static SessionStatus status(String wireName) {
        return SessionStatus.valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
