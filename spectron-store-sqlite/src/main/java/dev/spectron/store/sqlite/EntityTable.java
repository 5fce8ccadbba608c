package dev.spectron.store.sqlite;

import dev.spectron.api.ConflictException;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.EntityRecord;
import dev.spectron.engine.store.StoredValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
        String aliases = StoredValues.json(entity.aliases(), "entity.aliases");
        if (update(c, context, entity, aliases)) {
            return;
        }
        if (exists(c, entity.id())) {
            throw new ConflictException("entity '" + entity.id() + "' already exists with"
                    + " another type or name");
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO entities (id, context, type,"
                + " name, display_name, aliases, importance, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, entity.id());
            st.setString(2, context);
            st.setString(3, entity.key().type());
            st.setString(4, entity.key().name());
            st.setString(5, entity.displayName());
            st.setString(6, aliases);
            st.setDouble(7, entity.importance());
            st.setString(8, Columns.instant(entity.createdAt()));
            st.setString(9, Columns.instant(entity.updatedAt()));
            st.executeUpdate();
        }
    }

    private static boolean update(Connection c, String context, EntityRecord entity,
            String aliases) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE entities SET display_name = ?,"
                + " aliases = ?, updated_at = ? WHERE context = ? AND type = ? AND name = ?")) {
            st.setString(1, entity.displayName());
            st.setString(2, aliases);
            st.setString(3, Columns.instant(entity.updatedAt()));
            st.setString(4, context);
            st.setString(5, entity.key().type());
            st.setString(6, entity.key().name());
            return st.executeUpdate() == 1;
        }
    }

    private static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM entities WHERE id = ?)")) {
            st.setString(1, id);
            try (ResultSet row = st.executeQuery()) {
                return row.next() && row.getBoolean(1);
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

    /**
     * Adds the entities among {@code keys} (at most {@link Sql#MAX_IN_LIST}) to {@code found}.
     * The keys are joined as a table of constants, which lets SQLite look each one up in the
     * unique index; {@code (type, name) IN (VALUES …)} would scan the context's entities.
     */
    static void byKeys(Connection c, String context, List<EntityKey> keys,
            Map<EntityKey, EntityRecord> found) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM (VALUES "
                + Sql.pairPlaceholders(keys.size()) + ") k JOIN entities e"
                + " ON e.context = ? AND e.type = k.column1 AND e.name = k.column2")) {
            int next = 1;
            for (EntityKey key : keys) {
                st.setString(next++, key.type());
                st.setString(next++, key.name());
            }
            st.setString(next, context);
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    EntityRecord entity = read(rows);
                    found.put(entity.key(), entity);
                }
            }
        }
    }

    /**
     * Entities that a non-forgotten fact visible at {@code scopeKeys} has as subject or object,
     * by name. The name filter matches the normalised name (lower case in every script) or the
     * display name lower-cased by SQLite (ASCII letters only), so it is case-insensitive for
     * every name that differs from its display name only by case and spacing.
     */
    static List<EntityRecord> visible(Connection c, String context, Set<String> scopeKeys,
            Optional<String> type, Optional<String> nameContains, int limit)
            throws SQLException {
        String in = Sql.placeholders(scopeKeys.size());
        String sql = "SELECT " + COLUMNS + " FROM entities e WHERE e.context = ?"
                + (type.isPresent() ? " AND e.type = ?" : "")
                + (nameContains.isPresent()
                        ? " AND (instr(e.name, ?) > 0 OR instr(lower(e.display_name), ?) > 0)"
                        : "")
                + " AND (EXISTS (SELECT 1 FROM facts f WHERE f.context = e.context"
                + " AND f.subject_type = e.type AND f.subject_name = e.name"
                + " AND f.status <> 'forgotten' AND f.scope_key IN (" + in + "))"
                + " OR EXISTS (SELECT 1 FROM facts f WHERE f.context = e.context"
                + " AND f.object_type = e.type AND f.object_name = e.name"
                + " AND f.status <> 'forgotten' AND f.scope_key IN (" + in + ")))"
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
            next = Sql.bind(st, Sql.bind(st, next, scopeKeys), scopeKeys);
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
        List<String> aliases = new ArrayList<>();
        for (Object alias : StoredValues.jsonArray(row.getString("aliases"))) {
            aliases.add((String) alias);
        }
        return new EntityRecord(row.getString("id"),
                new EntityKey(row.getString("type"), row.getString("name")),
                row.getString("display_name"),
                aliases,
                row.getDouble("importance"),
                Columns.instant(row.getString("created_at")),
                Columns.instant(row.getString("updated_at")));
    }
}
