package dev.spectron.store.postgres;

import dev.spectron.engine.spi.ForgetCount;
import dev.spectron.engine.spi.ForgetSpec;
import dev.spectron.engine.store.StoredValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Carries out a {@link ForgetSpec} inside the caller's transaction, kind by kind: turns, chunks,
 * facts, instructions, uncertainties, then sessions and documents (children before the parents
 * their match and their foreign keys refer to). For each kind it selects the matching rows and
 * locks them, counts those not forgotten yet, logs an index delete for those the index holds,
 * and then marks them forgotten or, when purging, deletes every matching row (forgotten ones
 * too) with its vector. A bulk forget locks the matching sessions and documents before anything
 * else, so no turn or chunk can be added to them while it runs.
 *
 * <p>Superset matching happens in SQL by jsonb containment: a row matches when its scope's
 * tags contain the spec's, {@code scope_json @> tags} (a turn reads its session's scope, a chunk
 * its document's). Ids are bound as one {@code text[]}.
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
        INSTRUCTION("instructions", LIVE, LIVE + " AND x.active",
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

    /** The tables a purge deletes from, for the VACUUM that follows it. */
    static final List<String> PURGED_TABLES = List.of("turns", "chunks", "facts",
            "instructions", "uncertainties", "sessions", "documents", "vectors", "entities");

    /**
     * One matching row.
     *
     * @param id its id
     * @param live not forgotten yet
     * @param indexed held by the search index
     * @param indexKind its index kind, for indexed kinds
     */
    private record Row(String id, boolean live, boolean indexed, String indexKind) {}

    private ForgetWriter() {}

    /** Counts what {@link #forget} would forget, changing nothing: a dry run. */
    static ForgetCount count(Connection c, String context, ForgetSpec spec) throws SQLException {
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            Optional<Where> match = match(kind, context, spec);
            counts.put(kind, match.isEmpty() ? 0 : live(rows(c, kind, match.get(), false)));
        }
        return toCount(counts);
    }

    /**
     * Forgets what {@code spec} matches: marks it forgotten at {@code now}, or deletes it when
     * the spec purges. Returns the rows that were not forgotten before.
     */
    static ForgetCount forget(Database.Transaction tx, String context, ForgetSpec spec,
            Instant now) throws SQLException {
        Connection c = tx.connection();
        Map<Kind, List<Row>> locked = new EnumMap<>(Kind.class);
        for (Kind parent : List.of(Kind.SESSION, Kind.DOCUMENT)) {
            Optional<Where> match = match(parent, context, spec);
            if (match.isPresent()) {
                locked.put(parent, rows(c, parent, match.get(), true));
            }
        }
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            Optional<Where> match = match(kind, context, spec);
            List<Row> rows = locked.containsKey(kind) ? locked.get(kind)
                    : match.isEmpty() ? List.of() : rows(c, kind, match.get(), true);
            counts.put(kind, live(rows));
            if (rows.isEmpty()) {
                continue;
            }
            for (Row row : rows) {
                if (row.indexed()) {
                    tx.logDelete(row.id(), row.indexKind());
                }
            }
            List<String> ids = rows.stream().map(Row::id).toList();
            if (spec.purge()) {
                purge(c, context, kind, ids);
            } else {
                hide(c, kind, ids, now);
            }
        }
        return toCount(counts);
    }

    private static int live(List<Row> rows) {
        return (int) rows.stream().filter(Row::live).count();
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
        Where where = new Where().and("x.context = ?", context);
        return switch (kind) {
            case SESSION, DOCUMENT -> spec.isBulk()
                    ? Optional.of(where.and(tagged("x"), tags))
                    : Optional.empty();
            case TURN -> byEntityOrKey ? Optional.empty() : Optional.of(withIds(where.and(
                    "x.session_id IN (SELECT s.id FROM sessions s WHERE s.context = ? AND "
                            + tagged("s") + ")", context, tags), spec));
            case CHUNK -> byEntityOrKey ? Optional.empty() : Optional.of(withIds(where.and(
                    "x.document_id IN (SELECT d.id FROM documents d WHERE d.context = ? AND "
                            + tagged("d") + ")", context, tags), spec));
            case INSTRUCTION -> byEntityOrKey ? Optional.empty()
                    : Optional.of(withIds(where.and(tagged("x"), tags), spec));
            case FACT -> Optional.of(factCriteria(where.and(tagged("x"), tags), spec));
            case UNCERTAINTY -> spec.ids().isPresent() ? Optional.empty()
                    : Optional.of(aboutCriteria(where.and(tagged("x"), tags), spec));
        };
    }

    /** True when the scope of the rows aliased {@code alias} has every tag of the bound object. */
    private static String tagged(String alias) {
        return alias + ".scope_json @> ?::jsonb";
    }

    private static Where withIds(Where where, ForgetSpec spec) {
        spec.ids().ifPresent(ids -> where.and("x.id = ANY(?)", new TextArray(new TreeSet<>(ids))));
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
        spec.entity().ifPresent(e -> where.and("(x.about = ? OR starts_with(x.about, ?))",
                e.address(), e.address() + "#"));
        spec.key().ifPresent(key -> where.and("right(x.about, char_length(?)) = ?",
                "#" + key, "#" + key));
        return where;
    }

    // --- what happens to it ---------------------------------------------------------------

    /** The matching rows in id order, locked against every other writer when asked. */
    private static List<Row> rows(Connection c, Kind kind, Where where, boolean lock)
            throws SQLException {
        String sql = "SELECT x.id, " + kind.live + " AS live, "
                + (kind.inIndex == null ? "false" : kind.inIndex) + " AS indexed, "
                + (kind.indexKind == null ? "NULL" : kind.indexKind) + " AS index_kind"
                + " FROM " + kind.table + " x WHERE " + where.sql + " ORDER BY x.id"
                + (lock ? " FOR UPDATE" : "");
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            where.bind(st, 1);
            try (ResultSet result = st.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString("id"), result.getBoolean("live"),
                            result.getBoolean("indexed"), result.getString("index_kind")));
                }
            }
        }
        return rows;
    }

    private static void hide(Connection c, Kind kind, List<String> ids, Instant now)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE " + kind.table + " AS x SET "
                + kind.hide + " WHERE x.id = ANY(?) AND " + kind.live)) {
            Columns.instant(st, 1, now);
            Sql.bindTextArray(st, 2, ids);
            st.executeUpdate();
        }
    }

    /**
     * Deletes the rows, forgotten or not, and the vectors of indexed kinds; after facts, the
     * entities they named that no remaining fact names.
     */
    private static void purge(Connection c, String context, Kind kind, List<String> ids)
            throws SQLException {
        if (kind.inIndex != null) {
            VectorTable.delete(c, ids);
        }
        List<EntityTable.Name> named = kind == Kind.FACT ? entitiesNamed(c, ids) : List.of();
        try (PreparedStatement st = c.prepareStatement(
                "DELETE FROM " + kind.table + " WHERE id = ANY(?)")) {
            Sql.bindTextArray(st, 1, ids);
            st.executeUpdate();
        }
        EntityTable.deleteUnreferenced(c, context, named);
    }

    private static List<EntityTable.Name> entitiesNamed(Connection c, Collection<String> facts)
            throws SQLException {
        List<EntityTable.Name> names = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT subject_type, subject_name"
                + " FROM facts WHERE id = ANY(?) UNION SELECT object_type, object_name"
                + " FROM facts WHERE id = ANY(?) AND object_type IS NOT NULL")) {
            Sql.bindTextArray(st, 1, facts);
            Sql.bindTextArray(st, 2, facts);
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    names.add(new EntityTable.Name(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return names;
    }

    /** A set of strings bound as one {@code text[]} parameter. */
    private record TextArray(Collection<String> values) {}

    /** A condition on the rows of one table, aliased {@code x}, and the values it binds. */
    private static final class Where {
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> values = new ArrayList<>();

        Where and(String condition, Object... bound) {
            sql.append(sql.isEmpty() ? "" : " AND ").append(condition);
            values.addAll(List.of(bound));
            return this;
        }

        void bind(PreparedStatement st, int first) throws SQLException {
            int index = first;
            for (Object value : values) {
                if (value instanceof TextArray array) {
                    Sql.bindTextArray(st, index++, array.values());
                } else {
                    st.setString(index++, (String) value);
                }
            }
        }
    }
}
