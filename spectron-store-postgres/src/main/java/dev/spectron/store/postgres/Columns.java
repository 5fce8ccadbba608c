package dev.spectron.store.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** How values are written to and read from columns. Stateless and thread-safe. */
final class Columns {

    private Columns() {}

    /**
     * Binds an instant as {@code timestamptz}. PostgreSQL keeps microseconds; finer digits are
     * truncated here rather than rounded by the driver (which could carry into the next second).
     */
    static void instant(PreparedStatement st, int index, Instant at) throws SQLException {
        st.setObject(index, OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS),
                ZoneOffset.UTC));
    }

    /** Binds an optional instant, SQL NULL when empty. */
    static void instant(PreparedStatement st, int index, Optional<Instant> at)
            throws SQLException {
        if (at.isPresent()) {
            instant(st, index, at.get());
        } else {
            st.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    /** A {@code timestamptz} column that is never NULL. */
    static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getObject(column, OffsetDateTime.class))
                .map(OffsetDateTime::toInstant);
    }

    /** A {@code text[]} column as a list; never null for a NOT NULL column. */
    static List<String> textList(ResultSet row, String column) throws SQLException {
        java.sql.Array array = row.getArray(column);
        try {
            return List.of((String[]) array.getArray());
        } finally {
            array.free();
        }
    }
}
