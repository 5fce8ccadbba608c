package dev.spectron.store.postgres;

import static java.util.Objects.requireNonNull;

import dev.spectron.engine.spi.IndexFilter;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * An {@link IndexFilter} as SQL predicates on {@code search_docs d}: the tenant, the reader's
 * scope keys, the kinds when given, the session when given. Every index query carries it in its
 * WHERE clause, served by the index on {@code (context, scope_key, kind, session_id)}.
 *
 * @param filter the filter
 */
record Restriction(IndexFilter filter) {
    /**
     * Checks a filter.
     *
     * @throws NullPointerException naming the field that is null
     */
    static Restriction of(IndexFilter filter) {
        requireNonNull(filter, "filter must not be null");
        requireNonNull(filter.context(), "filter.context must not be null");
        requireNonNull(filter.sessionId(), "filter.sessionId must not be null");
        return new Restriction(filter);
    }

    /** The predicates, with a placeholder for each value {@link #bind} binds. */
    String sql() {
        return "d.context = ? AND d.scope_key = ANY(?)"
                + (filter.kinds().isEmpty() ? "" : " AND d.kind = ANY(?)")
                + (filter.sessionId().isPresent() ? " AND d.session_id = ?" : "");
    }

    /**
     * Binds the values from parameter {@code first} on.
     *
     * @return the index of the next parameter
     */
    int bind(PreparedStatement st, int first) throws SQLException {
        int next = first;
        st.setString(next++, filter.context());
        Sql.bindTextArray(st, next++, filter.scopeKeys());
        if (!filter.kinds().isEmpty()) {
            Sql.bindTextArray(st, next++, filter.kinds());
        }
        if (filter.sessionId().isPresent()) {
            st.setString(next++, filter.sessionId().get());
        }
        return next;
    }
}
