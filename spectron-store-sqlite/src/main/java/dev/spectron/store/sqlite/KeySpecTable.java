package dev.spectron.store.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeySpecTable() {}

    static List<KeySpec> byContext(Connection c, String context) throws SQLException {
        List<KeySpec> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT key, relation, cardinality,"
                + " category, synonyms FROM key_specs WHERE context = ? ORDER BY key")) {
            st.setString(1, context);
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    out.add(new KeySpec(rows.getString(1), rows.getInt(2) == 1,
                            KeySpec.Cardinality.valueOf(rows.getString(3)
                                    .toUpperCase(Locale.ROOT)),
                            KeySpec.Category.valueOf(rows.getString(4).toUpperCase(Locale.ROOT)),
                            synonyms(rows.getString(5))));
                }
            }
        }
        return out;
    }

    static void upsert(Connection c, String context, KeySpec spec) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO key_specs (context, key,"
                + " relation, cardinality, category, synonyms) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (context, key) DO UPDATE SET relation = excluded.relation,"
                + " cardinality = excluded.cardinality, category = excluded.category,"
                + " synonyms = excluded.synonyms")) {
            st.setString(1, context);
            st.setString(2, spec.key());
            st.setInt(3, spec.relation() ? 1 : 0);
            st.setString(4, spec.cardinality().name().toLowerCase(Locale.ROOT));
            st.setString(5, spec.category().wireName());
            st.setString(6, JSON.writeValueAsString(spec.synonyms()));
            st.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write synonyms", e);
        }
    }

    private static List<String> synonyms(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored synonyms are not a JSON list: " + json, e);
        }
    }
}
