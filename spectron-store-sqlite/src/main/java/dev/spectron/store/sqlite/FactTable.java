package dev.spectron.store.sqlite;

import dev.spectron.api.FactStatus;
import dev.spectron.api.Scope;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.FactBatch.FactUpdate;
import dev.spectron.engine.spi.FactQuery;
import dev.spectron.engine.spi.FactRecord;
import dev.spectron.engine.spi.Indexed;
import dev.spectron.engine.store.SourceJson;
import dev.spectron.engine.store.StoredValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Statements on {@code facts}: attributes and relations. */
final class FactTable {
    private static final String COLUMNS = "id, subject_type, subject_name, key, value,"
            + " object_type, object_name, category, importance, confidence, scope_key, status,"
            + " valid_from, valid_until, created_at, closed_at, supersedes, superseded_by, source";

    private FactTable() {}

    static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM facts WHERE id = ?)")) {
            st.setString(1, id);
            try (ResultSet row = st.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    static void insert(Connection c, String context, Indexed<FactRecord> indexed, String source)
            throws SQLException {
        FactRecord f = indexed.record();
        try (PreparedStatement st = c.prepareStatement("INSERT INTO facts (id, context,"
                + " subject_type, subject_name, key, value, object_type, object_name, category,"
                + " importance, confidence, scope_key, scope_json, status, valid_from,"
                + " valid_until, created_at, closed_at, supersedes, superseded_by, source,"
                + " index_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?)")) {
            st.setString(1, f.id());
            st.setString(2, context);
            st.setString(3, f.subject().type());
            st.setString(4, f.subject().name());
            st.setString(5, f.key());
            st.setString(6, f.value());
            st.setString(7, f.object().map(EntityKey::type).orElse(null));
            st.setString(8, f.object().map(EntityKey::name).orElse(null));
            st.setString(9, f.category());
            st.setDouble(10, f.importance());
            st.setDouble(11, f.confidence());
            st.setString(12, f.scope().key());
            st.setString(13, StoredValues.json(f.scope(), "fact.scope"));
            st.setString(14, f.status().wireName());
            st.setString(15, Columns.instant(f.validFrom()));
            st.setString(16, Columns.instant(f.validUntil()));
            st.setString(17, Columns.instant(f.createdAt()));
            st.setString(18, Columns.instant(f.closedAt()));
            st.setString(19, f.supersedes().orElse(null));
            st.setString(20, f.supersededBy().orElse(null));
            st.setString(21, source);
            st.setString(22, indexed.indexText());
            st.executeUpdate();
        }
    }

    /**
     * What an update needs to know of a stored fact.
     *
     * @param status its status
     * @param kind its index kind, {@code attribute} or {@code relation}
     */
    record State(FactStatus status, String kind) {}

    /** A fact's status and kind, when the fact exists in the context. */
    static Optional<State> state(Connection c, String context, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT status, object_type IS NOT NULL"
                + " FROM facts WHERE context = ? AND id = ?")) {
            st.setString(1, context);
            st.setString(2, id);
            try (ResultSet row = st.executeQuery()) {
                return row.next() ? Optional.of(new State(FactStatus.parse(row.getString(1)),
                        row.getBoolean(2) ? "relation" : "attribute")) : Optional.empty();
            }
        }
    }

    /**
     * Sets a fact's status and {@code closedAt}; {@code validUntil} and {@code supersededBy}
     * only when the update gives them, so that an earlier value is not erased by an absent one.
     */
    static void update(Connection c, String context, FactUpdate u) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE facts SET status = ?,"
                + " valid_until = coalesce(?, valid_until), closed_at = ?,"
                + " superseded_by = coalesce(?, superseded_by) WHERE context = ? AND id = ?")) {
            st.setString(1, u.status().wireName());
            st.setString(2, Columns.instant(u.validUntil()));
            st.setString(3, Columns.instant(u.closedAt()));
            st.setString(4, u.supersededBy().orElse(null));
            st.setString(5, context);
            st.setString(6, u.id());
            st.executeUpdate();
        }
    }

    /** Every criterion of the query in the WHERE clause, values bound; newest first. */
    static List<FactRecord> query(Connection c, String context, FactQuery q)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM facts"
                + " WHERE context = ? AND scope_key IN (")
                .append(Sql.placeholders(q.scopeKeys().size())).append(')');
        List<String> values = new ArrayList<>();
        values.add(context);
        values.addAll(q.scopeKeys());
        q.subject().ifPresent(s -> {
            sql.append(" AND subject_type = ? AND subject_name = ?");
            values.add(s.type());
            values.add(s.name());
        });
        q.key().ifPresent(k -> {
            sql.append(" AND key = ?");
            values.add(k);
        });
        q.object().ifPresent(o -> {
            sql.append(" AND object_type = ? AND object_name = ?");
            values.add(o.type());
            values.add(o.name());
        });
        if (q.statuses().isEmpty()) {
            sql.append(" AND status <> 'forgotten'");
        } else {
            sql.append(" AND status IN (").append(Sql.placeholders(q.statuses().size()))
                    .append(')');
            q.statuses().forEach(s -> values.add(s.wireName()));
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        try (PreparedStatement st = c.prepareStatement(sql.toString())) {
            st.setInt(Sql.bind(st, 1, values), q.limit());
            return readAll(st);
        }
    }

    static final String BY_IDS = Sql.WANTED_IDS + "SELECT " + COLUMNS
            + " FROM wanted CROSS JOIN facts ON id = wanted_id"
            + " WHERE context = ? AND status <> 'forgotten'";

    /**
     * Adds the facts among {@code ids} (a JSON array of strings) to {@code found}, forgotten
     * ones excepted.
     */
    static void byIds(StatementCache statements, String context, String ids,
            Map<String, FactRecord> found) throws SQLException {
        PreparedStatement st = statements.prepare(BY_IDS);
        st.setString(1, ids);
        st.setString(2, context);
        readAll(st).forEach(f -> found.put(f.id(), f));
    }

    private static List<FactRecord> readAll(PreparedStatement st) throws SQLException {
        List<FactRecord> facts = new ArrayList<>();
        try (ResultSet rows = st.executeQuery()) {
            while (rows.next()) {
                facts.add(read(rows));
            }
        }
        return facts;
    }

    private static FactRecord read(ResultSet row) throws SQLException {
        String objectType = row.getString("object_type");
        Optional<EntityKey> object = objectType == null ? Optional.empty()
                : Optional.of(new EntityKey(objectType, row.getString("object_name")));
        return new FactRecord(row.getString("id"),
                new EntityKey(row.getString("subject_type"), row.getString("subject_name")),
                row.getString("key"),
                row.getString("value"),
                object,
                row.getString("category"),
                row.getDouble("importance"),
                row.getDouble("confidence"),
                Scope.parseKey(row.getString("scope_key")),
                FactStatus.parse(row.getString("status")),
                Columns.instant(row.getString("valid_from")),
                Columns.optionalInstant(row.getString("valid_until")),
                Columns.instant(row.getString("created_at")),
                Columns.optionalInstant(row.getString("closed_at")),
                Optional.ofNullable(row.getString("supersedes")),
                Optional.ofNullable(row.getString("superseded_by")),
                SourceJson.read(row.getString("source")));
    }
}
