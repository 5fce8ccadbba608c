package dev.spectron.store.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Helpers for binding collections. A set of values is bound as one {@code text[]} parameter
 * ({@code column = ANY(?)}), so a statement is the same for any number of values and never
 * needs splitting.
 */
final class Sql {
    private Sql() {}

    /** {@code values} as a {@code text[]} for {@link PreparedStatement#setArray}. */
    static Array textArray(Connection c, Collection<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }

    /** Binds {@code values} as a {@code text[]} at parameter {@code index}. */
    static void bindTextArray(PreparedStatement st, int index, Collection<String> values)
            throws SQLException {
        st.setArray(index, textArray(st.getConnection(), values));
    }
}
