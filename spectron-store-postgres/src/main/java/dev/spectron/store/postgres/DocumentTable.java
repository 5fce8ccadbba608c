package dev.spectron.store.postgres;

import dev.spectron.api.DocumentInfo;
import dev.spectron.api.Scope;
import dev.spectron.engine.store.StoredValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Statements on {@code documents}. Reads leave forgotten documents out; {@link #exists} counts
 * them, as their ids stay taken.
 */
final class DocumentTable {
    private static final String COLUMNS =
            "id, title, scope_key, mime_type, status, chunks, created_at, error";

    private DocumentTable() {}

    static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM documents WHERE id = ?)")) {
            st.setString(1, id);
            try (ResultSet row = st.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    static void insert(Connection c, String context, DocumentInfo d) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO documents (id, context,"
                + " title, scope_key, scope_json, mime_type, status, chunks, created_at, error)"
                + " VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)")) {
            st.setString(1, d.id());
            st.setString(2, context);
            st.setString(3, d.title().orElse(null));
            st.setString(4, d.scope().key());
            st.setString(5, StoredValues.json(d.scope(), "document.scope"));
            st.setString(6, d.mimeType());
            st.setString(7, d.status());
            st.setInt(8, d.chunks());
            Columns.instant(st, 9, d.createdAt());
            st.setString(10, d.error().orElse(null));
            st.executeUpdate();
        }
    }

    static Optional<DocumentInfo> byId(Connection c, String context, String id)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM documents"
                + " WHERE context = ? AND id = ? AND forgotten_at IS NULL")) {
            st.setString(1, context);
            st.setString(2, id);
            return readAll(st).stream().findFirst();
        }
    }

    /**
     * True when the context has the document (not forgotten), locking its row until the
     * transaction ends.
     */
    static boolean lock(Connection c, String context, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM documents"
                + " WHERE context = ? AND id = ? AND forgotten_at IS NULL FOR UPDATE")) {
            st.setString(1, context);
            st.setString(2, id);
            try (ResultSet row = st.executeQuery()) {
                return row.next();
            }
        }
    }

    /** Floor matching in the query; newest first. */
    static List<DocumentInfo> byScopeKeys(Connection c, String context, Set<String> scopeKeys,
            int limit) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM documents"
                + " WHERE context = ? AND scope_key = ANY(?) AND forgotten_at IS NULL"
                + " ORDER BY created_at DESC, id DESC LIMIT ?")) {
            st.setString(1, context);
            Sql.bindTextArray(st, 2, scopeKeys);
            st.setInt(3, limit);
            return readAll(st);
        }
    }

    static void delete(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM documents WHERE id = ?")) {
            st.setString(1, id);
            st.executeUpdate();
        }
    }

    private static List<DocumentInfo> readAll(PreparedStatement st) throws SQLException {
        List<DocumentInfo> documents = new ArrayList<>();
        try (ResultSet rows = st.executeQuery()) {
            while (rows.next()) {
                documents.add(new DocumentInfo(rows.getString("id"),
                        Optional.ofNullable(rows.getString("title")),
                        Scope.parseKey(rows.getString("scope_key")),
                        rows.getString("mime_type"),
                        rows.getString("status"),
                        rows.getInt("chunks"),
                        Columns.instant(rows, "created_at"),
                        Optional.ofNullable(rows.getString("error"))));
            }
        }
        return documents;
    }
}
