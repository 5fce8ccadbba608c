package dev.spectron.store.sqlite;

import dev.spectron.engine.spi.ForgetCount;
import dev.spectron.engine.spi.ForgetSpec;
import dev.spectron.engine.store.StoredValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Carries out a {@link ForgetSpec} inside the caller's transaction, kind by kind: turns, chunks,
 * facts, instructions, uncertainties, then sessions and documents (children before the parents
 * their match and their foreign keys refer to). For each kind it counts the matching rows that
 * are not forgotten yet, logs an index delete for those the index holds, and then marks them
 * forgotten or, when purging, deletes every matching row (forgotten ones too) with its vector.
 *
 * <p>Superset matching happens in SQL: a row matches when no tag of the spec is missing from its
 * scope, {@code NOT EXISTS (tag of the spec WHERE NOT EXISTS (equal tag in scope_json))}, both
 * sides read with {@code json_each}. The tags are bound as one JSON object, so the statement is
 * the same for any number of tags, and dimensions are compared as values, never spliced into a
 * JSON path. Ids are bound likewise as one JSON array.
 */
final class ForgetWriter {
    private static final String LIVE = "x.forgotten_at IS NULL";
    private static final String HIDE = "forgotten_at = ?";

    /** What a forget reaches, in the order it is processed. */
    private enum Kind {
        TURN("turns", LIVE, LIVE, "'" + ChangeLog.TURN + "'", HIDE),
        CHUNK("chunks", LIVE, LIVE, "'" + ChangeLog.CHUNK + "'", HIDE),
        FACT("facts", "x.status <> 'forgotten'", "x.status = 'current'",
                "CASE WHEN x.object_type IS NULL THEN 'attribute' ELSE 'relation' END",
                "status = 'forgotten', closed_at = ?"),
        INSTRUCTION("instructions", LIVE, LIVE + " AND x.active = 1",
                "'" + ChangeLog.INSTRUCTION + "'", HIDE),
        UNCERTAINTY("uncertainties", LIVE, null, null, HIDE),
        SESSION("sessions", LIVE, null, null, HIDE),
        DOCUMENT("documents", LIVE, null, null, HIDE);

        private final String table;
        private final String live;
        /** Which rows the search index holds; null for kinds it does not index. */
        private final String inIndex;
        private final String indexKind;
        /** The SET clause of a soft forget; binds the time once. */
        private final String hide;

        Kind(String table, String live, String inIndex, String indexKind, String hide) {
            this.table = table;
            this.live = live;
            this.inIndex = inIndex;
            this.indexKind = indexKind;
            this.hide = hide;
        }
    }

    private ForgetWriter() {}

    /** Counts what {@link #forget} would forget, changing nothing: a dry run. */
    static ForgetCount count(Connection c, String context, ForgetSpec spec) throws SQLException {
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            Optional<Where> match = match(kind, context, spec);
            counts.put(kind, match.isEmpty() ? 0 : countLive(c, kind, match.get()));
        }
        return toCount(counts);
    }

    /**
     * Forgets what {@code spec} matches: marks it forgotten at {@code now}, or deletes it when
     * the spec purges. Returns the rows that were not forgotten before.
     */
    static ForgetCount forget(Connection c, String context, ForgetSpec spec, String now)
            throws SQLException {
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            Optional<Where> match = match(kind, context, spec);
            if (match.isEmpty()) {
                counts.put(kind, 0);
                continue;
            }
            Where where = match.get();
            counts.put(kind, countLive(c, kind, where));
            if (kind.inIndex != null) {
                ChangeLog.deleteSelected(c, kind.indexKind, "FROM " + kind.table + " x WHERE "
                        + where.sql + " AND " + kind.inIndex + " ORDER BY x.rowid",
                        where.values);
            }
            if (spec.purge()) {
                purge(c, context, kind, where);
            } else {
                hide(c, kind, where, now);
            }
        }
        return toCount(counts);
    }

    private static ForgetCount toCount(Map<Kind, Integer> n) {
        return new ForgetCount(n.get(Kind.TURN), n.get(Kind.SESSION), n.get(Kind.FACT),
                n.get(Kind.INSTRUCTION), n.get(Kind.UNCERTAINTY), n.get(Kind.CHUNK),
                n.get(Kind.DOCUMENT));
    }

    // --- what matches ---------------------------------------------------------------------

    /**
     * The rows of {@code kind} that {@code spec} matches, or empty when the spec cannot reach
     * that kind: sessions and documents only in a bulk forget; turns, instructions and chunks
     * not when an entity or key narrows; uncertainties not when ids narrow.
     */
    private static Optional<Where> match(Kind kind, String context, ForgetSpec spec) {
        String tags = StoredValues.json(spec.tags(), "tags");
        boolean byEntityOrKey = spec.entity().isPresent() || spec.key().isPresent();
        // With ids (a forget by query), the unary plus keeps SQLite from scanning a (context, …)
        // index of the whole context instead of looking each id up by primary key.
        Where where = new Where().and(spec.ids().isPresent() ? "+x.context = ?"
                : "x.context = ?", context);
        return switch (kind) {
            case SESSION, DOCUMENT -> spec.isBulk()
                    ? Optional.of(where.and(tagged("x.scope_json"), tags))
                    : Optional.empty();
            case TURN -> byEntityOrKey ? Optional.empty() : Optional.of(withIds(where.and(
                    "x.session_id IN (SELECT s.id FROM sessions s WHERE s.context = ? AND "
                            + tagged("s.scope_json") + ")", context, tags), spec));
            case CHUNK -> byEntityOrKey ? Optional.empty() : Optional.of(withIds(where.and(
                    "x.document_id IN (SELECT d.id FROM documents d WHERE d.context = ? AND "
                            + tagged("d.scope_json") + ")", context, tags), spec));
            case INSTRUCTION -> byEntityOrKey ? Optional.empty()
                    : Optional.of(withIds(where.and(tagged("x.scope_json"), tags), spec));
            case FACT -> Optional.of(factCriteria(where.and(tagged("x.scope_json"), tags), spec));
            case UNCERTAINTY -> spec.ids().isPresent() ? Optional.empty()
                    : Optional.of(aboutCriteria(where.and(tagged("x.scope_json"), tags), spec));
        };
    }

    /**
     * For each table {@code spec} reaches, the statement selecting the ids it reaches there (to
     * read query plans in tests).
     */
    static Map<String, String> selects(ForgetSpec spec) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            match(kind, "context", spec).ifPresent(where -> out.put(kind.table,
                    "SELECT x.id FROM " + kind.table + " x WHERE " + where.sql));
        }
        return out;
    }

    /** True when the scope in {@code scopeJson} has every tag of the bound JSON object. */
    private static String tagged(String scopeJson) {
        return "NOT EXISTS (SELECT 1 FROM json_each(?) q WHERE NOT EXISTS (SELECT 1 FROM json_each("
                + scopeJson + ") r WHERE r.key = q.key AND r.value = q.value))";
    }

    private static Where withIds(Where where, ForgetSpec spec) {
        spec.ids().ifPresent(ids -> where.and("x.id IN (SELECT value FROM json_each(?))",
                StoredValues.json(new TreeSet<>(ids), "ids")));
        return where;
    }

    private static Where factCriteria(Where where, ForgetSpec spec) {
        spec.entity().ifPresent(e -> where.and("((x.subject_type = ? AND x.subject_name = ?)"
                + " OR (x.object_type = ? AND x.object_name = ?))",
                e.type(), e.name(), e.type(), e.name()));
        spec.key().ifPresent(key -> where.and("x.key = ?", key));
        return withIds(where, spec);
    }

    /** An uncertainty's {@code about} is {@code <type>/<name>#<key>}. */
    private static Where aboutCriteria(Where where, ForgetSpec spec) {
        spec.entity().ifPresent(e -> where.and(
                "(x.about = ? OR substr(x.about, 1, length(?)) = ?)",
                e.address(), e.address() + "#", e.address() + "#"));
        spec.key().ifPresent(key -> where.and("substr(x.about, -length(?)) = ?",
                "#" + key, "#" + key));
        return where;
    }

    // --- what happens to it ---------------------------------------------------------------

    private static int countLive(Connection c, Kind kind, Where where) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM " + kind.table
                + " x WHERE " + where.sql + " AND " + kind.live)) {
            Sql.bind(st, 1, where.values);
            try (ResultSet row = st.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static void hide(Connection c, Kind kind, Where where, String now)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE " + kind.table + " AS x SET "
                + kind.hide + " WHERE " + where.sql + " AND " + kind.live)) {
            st.setString(1, now);
            Sql.bind(st, 2, where.values);
            st.executeUpdate();
        }
    }

    /**
     * Deletes every matching row, forgotten or not, and the vectors of indexed kinds; after the
     * facts, the entities they named that no remaining fact names.
     */
    private static void purge(Connection c, String context, Kind kind, Where where)
            throws SQLException {
        String selectIds = "SELECT x.id FROM " + kind.table + " x WHERE " + where.sql;
        if (kind.inIndex != null) {
            VectorTable.deleteSelected(c, selectIds, where.values);
        }
        List<EntityTable.Name> named = kind == Kind.FACT ? entitiesNamed(c, where) : List.of();
        try (PreparedStatement st = c.prepareStatement(
                "DELETE FROM " + kind.table + " AS x WHERE " + where.sql)) {
            Sql.bind(st, 1, where.values);
            st.executeUpdate();
        }
        EntityTable.deleteUnreferenced(c, context, named);
    }

    private static List<EntityTable.Name> entitiesNamed(Connection c, Where facts)
            throws SQLException {
        List<EntityTable.Name> names = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT x.subject_type, x.subject_name"
                + " FROM facts x WHERE " + facts.sql + " UNION SELECT x.object_type,"
                + " x.object_name FROM facts x WHERE " + facts.sql
                + " AND x.object_type IS NOT NULL")) {
            Sql.bind(st, Sql.bind(st, 1, facts.values), facts.values);
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    names.add(new EntityTable.Name(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return names;
    }

    /** A condition on the rows of one table, aliased {@code x}, and the values it binds. */
    private static final class Where {
        private final StringBuilder sql = new StringBuilder();
        private final List<String> values = new ArrayList<>();

        Where and(String condition, String... bound) {
            sql.append(sql.isEmpty() ? "" : " AND ").append(condition);
            values.addAll(List.of(bound));
            return this;
        }
    }
}
