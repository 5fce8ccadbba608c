package dev.spectron.store.postgres;

import dev.spectron.engine.spi.KeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@code key_specs} table: a context's extensions of the key registry. */
final class KeySpecTable {
    private KeySpecTable() {}

    static List<KeySpec> byContext(Connection c, String context) throws SQLException {
        List<KeySpec> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT key, relation, cardinality,"
                + " category, synonyms FROM key_specs WHERE context = ? ORDER BY key")) {
            st.setString(1, context);
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    out.add(new KeySpec(rows.getString("key"), rows.getBoolean("relation"),
                            KeySpec.Cardinality.valueOf(rows.getString("cardinality")
                                    .toUpperCase(Locale.ROOT)),
                            KeySpec.Category.valueOf(rows.getString("category")
                                    .toUpperCase(Locale.ROOT)),
                            Columns.textList(rows, "synonyms")));
                }
            }
        }
        return out;
    }

    static void upsert(Connection c, String context, List<KeySpec> specs) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO key_specs (context, key,"
                + " relation, cardinality, category, synonyms) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (context, key) DO UPDATE SET relation = excluded.relation,"
                + " cardinality = excluded.cardinality, category = excluded.category,"
                + " synonyms = excluded.synonyms")) {
            for (KeySpec spec : specs) {
                st.setString(1, context);
                st.setString(2, spec.key());
                st.setBoolean(3, spec.relation());
                st.setString(4, spec.cardinality().name().toLowerCase(Locale.ROOT));
                st.setString(5, spec.category().wireName());
                Sql.bindTextArray(st, 6, spec.synonyms());
                st.addBatch();
            }
            st.executeBatch();
        }
    }
}
