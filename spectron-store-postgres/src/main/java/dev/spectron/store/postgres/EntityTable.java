package dev.spectron.store.postgres;

import dev.spectron.api.ConflictException;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.EntityRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Statements on {@code entities}. */
final class EntityTable {
    private static final String COLUMNS =
            "e.id, e.type, e.name, e.display_name, e.aliases, e.importance, e.created_at,"
            + " e.updated_at";

    private EntityTable() {}

    /**
     * An entity's type and name exactly as stored, for statements that must match the row
     * itself ({@link EntityKey} would normalise the name once more).
     */
    record Name(String type, String name) {}

    /**
     * Inserts an entity, or, when one with its key exists, updates its display name, aliases and
     * {@code updatedAt}; the stored id, key, importance and {@code createdAt} never change.
     *
     * @throws ConflictException when the id is taken by an entity with another key
     */
    static void upsert(Connection c, String context, EntityRecord entity) throws SQLException {
        Optional<List<String>> holder = holderOf(c, entity.id());
        if (holder.isPresent() && !holder.get().equals(
                List.of(context, entity.key().type(), entity.key().name()))) {
            throw new ConflictException("entity '" + entity.id() + "' already exists with"
                    + " another type or name");
        }
        // The conflict target is the key: a concurrent insert of the same key turns into an
        // update here instead of failing.
        try (PreparedStatement st = c.prepareStatement("INSERT INTO entities (id, context, type,"
                + " name, display_name, aliases, importance, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (context, type, name)"
                + " DO UPDATE SET display_name = excluded.display_name,"
                + " aliases = excluded.aliases, updated_at = excluded.updated_at")) {
            st.setString(1, entity.id());
            st.setString(2, context);
            st.setString(3, entity.key().type());
            st.setString(4, entity.key().name());
            st.setString(5, entity.displayName());
            Sql.bindTextArray(st, 6, entity.aliases());
            st.setDouble(7, entity.importance());
            Columns.instant(st, 8, entity.createdAt());
            Columns.instant(st, 9, entity.updatedAt());
            st.executeUpdate();
        }
    }

    /** Context, type and name of the entity that has {@code id}, in any context. */
    private static Optional<List<String>> holderOf(Connection c, String id)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT context, type, name FROM entities WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet row = st.executeQuery()) {
                return row.next() ? Optional.of(List.of(row.getString(1), row.getString(2),
                        row.getString(3))) : Optional.empty();
            }
        }
    }

    static Optional<EntityRecord> byKey(Connection c, String context, EntityKey key)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM entities e"
                + " WHERE e.context = ? AND e.type = ? AND e.name = ?")) {
            st.setString(1, context);
            st.setString(2, key.type());
            st.setString(3, key.name());
            try (ResultSet row = st.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    /** The entities among {@code keys}, each looked up in the unique index. */
    static Map<EntityKey, EntityRecord> byKeys(Connection c, String context,
            Collection<EntityKey> keys) throws SQLException {
        List<String> types = new ArrayList<>(keys.size());
        List<String> names = new ArrayList<>(keys.size());
        for (EntityKey key : keys) {
            types.add(key.type());
            names.add(key.name());
        }
        Map<EntityKey, EntityRecord> found = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                + " FROM unnest(?::text[], ?::text[]) AS k (type, name) JOIN entities e"
                + " ON e.context = ? AND e.type = k.type AND e.name = k.name")) {
            Sql.bindTextArray(st, 1, types);
            Sql.bindTextArray(st, 2, names);
            st.setString(3, context);
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    EntityRecord entity = read(rows);
                    found.put(entity.key(), entity);
                }
            }
        }
        return found;
    }

    /**
     * Entities that a non-forgotten fact visible at {@code scopeKeys} has as subject or object,
     * by name. The name filter matches the normalised name (lower case in every script) or the
     * display name lower-cased by PostgreSQL under the database's default collation (every
     * script under an ICU or libc locale, ASCII letters only under {@code C}).
     */
    static List<EntityRecord> visible(Connection c, String context, Set<String> scopeKeys,
            Optional<String> type, Optional<String> nameContains, int limit)
            throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM entities e WHERE e.context = ?"
                + (type.isPresent() ? " AND e.type = ?" : "")
                + (nameContains.isPresent() ? " AND (strpos(e.name, ?) > 0"
                        + " OR strpos(lower(e.display_name COLLATE \"default\"), ?) > 0)" : "")
                + " AND (EXISTS (SELECT 1 FROM facts f WHERE f.context = e.context"
                + " AND f.subject_type = e.type AND f.subject_name = e.name"
                + " AND f.status <> 'forgotten' AND f.scope_key = ANY(?))"
                + " OR EXISTS (SELECT 1 FROM facts f WHERE f.context = e.context"
                + " AND f.object_type = e.type AND f.object_name = e.name"
                + " AND f.status <> 'forgotten' AND f.scope_key = ANY(?)))"
                + " ORDER BY e.name, e.type LIMIT ?";
        List<EntityRecord> entities = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            int next = 1;
            st.setString(next++, context);
            if (type.isPresent()) {
                st.setString(next++, type.get());
            }
            if (nameContains.isPresent()) {
                String needle = nameContains.get().toLowerCase(Locale.ROOT);
                st.setString(next++, needle);
                st.setString(next++, needle);
            }
            Sql.bindTextArray(st, next++, scopeKeys);
            Sql.bindTextArray(st, next++, scopeKeys);
            st.setInt(next, limit);
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    entities.add(read(rows));
                }
            }
        }
        return entities;
    }

    /**
     * Deletes those of {@code names} that no fact of the context has as subject or object any
     * more (a purge calls it after deleting facts).
     */
    static void deleteUnreferenced(Connection c, String context, List<Name> names)
            throws SQLException {
        if (names.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement("DELETE FROM entities AS e"
                + " WHERE e.context = ? AND e.type = ? AND e.name = ?"
                + " AND NOT EXISTS (SELECT 1 FROM facts f WHERE f.context = e.context"
                + " AND f.subject_type = e.type AND f.subject_name = e.name)"
                + " AND NOT EXISTS (SELECT 1 FROM facts f WHERE f.context = e.context"
                + " AND f.object_type = e.type AND f.object_name = e.name)")) {
            for (Name name : names) {
                st.setString(1, context);
                st.setString(2, name.type());
                st.setString(3, name.name());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private static EntityRecord read(ResultSet row) throws SQLException {
        return new EntityRecord(row.getString("id"),
                new EntityKey(row.getString("type"), row.getString("name")),
                row.getString("display_name"),
                Columns.textList(row, "aliases"),
                row.getDouble("importance"),
                Columns.instant(row, "created_at"),
                Columns.instant(row, "updated_at"));
    }
}
