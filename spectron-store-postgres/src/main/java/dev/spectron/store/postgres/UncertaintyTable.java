package dev.spectron.store.postgres;

import dev.spectron.api.Scope;
import dev.spectron.api.Uncertainty;
import dev.spectron.engine.spi.FactBatch.Resolution;
import dev.spectron.engine.store.SourceJson;
import dev.spectron.engine.store.StoredValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Statements on {@code uncertainties}. Reads leave forgotten uncertainties out. */
final class UncertaintyTable {
    private static final String COLUMNS = "id, kind, about, reason, candidates, scope_key,"
            + " resolved, created_at, resolved_at, resolution";

    private UncertaintyTable() {}

    static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM uncertainties WHERE id = ?)")) {
            st.setString(1, id);
            try (ResultSet row = st.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    static void insert(Connection c, String context, Uncertainty u, String candidates)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO uncertainties (id, context,"
                + " kind, about, reason, candidates, scope_key, scope_json, resolved, created_at,"
                + " resolved_at, resolution) VALUES (?, ?, ?, ?, ?, ?::json, ?, ?::jsonb, ?, ?,"
                + " ?, ?)")) {
            st.setString(1, u.id());
            st.setString(2, context);
            st.setString(3, u.kind());
            st.setString(4, u.about());
            st.setString(5, u.reason());
            st.setString(6, candidates);
            st.setString(7, u.scope().key());
            st.setString(8, StoredValues.json(u.scope(), "uncertainty.scope"));
            st.setBoolean(9, u.resolved());
            Columns.instant(st, 10, u.createdAt());
            Columns.instant(st, 11, u.resolvedAt());
            st.setString(12, u.resolution().orElse(null));
            st.executeUpdate();
        }
    }

    /** Marks an uncertainty resolved; false when it does not exist in the context. */
    static boolean resolve(Connection c, String context, Resolution r) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE uncertainties SET resolved = true,"
                + " resolved_at = ?, resolution = ? WHERE context = ? AND id = ?")) {
            Columns.instant(st, 1, r.at());
            st.setString(2, r.resolution());
            st.setString(3, context);
            st.setString(4, r.id());
            return st.executeUpdate() == 1;
        }
    }

    /** Floor matching in the query; newest first. */
    static List<Uncertainty> byScopeKeys(Connection c, String context, Set<String> scopeKeys,
            boolean openOnly) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                + " FROM uncertainties WHERE context = ? AND scope_key = ANY(?)"
                + " AND forgotten_at IS NULL" + (openOnly ? " AND NOT resolved" : "")
                + " ORDER BY created_at DESC, id DESC")) {
            st.setString(1, context);
            Sql.bindTextArray(st, 2, scopeKeys);
            return readAll(st);
        }
    }

    static Optional<Uncertainty> byId(Connection c, String context, String id)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                + " FROM uncertainties WHERE context = ? AND id = ? AND forgotten_at IS NULL")) {
            st.setString(1, context);
            st.setString(2, id);
            return readAll(st).stream().findFirst();
        }
    }

    private static List<Uncertainty> readAll(PreparedStatement st) throws SQLException {
        List<Uncertainty> uncertainties = new ArrayList<>();
        try (ResultSet rows = st.executeQuery()) {
            while (rows.next()) {
                uncertainties.add(new Uncertainty(rows.getString("id"),
                        rows.getString("kind"),
                        rows.getString("about"),
                        rows.getString("reason"),
                        SourceJson.readCandidates(rows.getString("candidates")),
                        Scope.parseKey(rows.getString("scope_key")),
                        rows.getBoolean("resolved"),
                        Columns.instant(rows, "created_at"),
                        Columns.optionalInstant(rows, "resolved_at"),
                        Optional.ofNullable(rows.getString("resolution"))));
            }
        }
        return uncertainties;
    }
}
