package dev.spectron.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;

/** Helpers for statements whose {@code IN (…)} lists vary in length. */
final class Sql {
    /**
     * Most values bound in one {@code IN} list; well under SQLite's limit of 32766 variables,
     * and larger lists are read in chunks within one transaction.
     */
    static final int MAX_IN_LIST = 500;

    /**
     * Start of a query for records by id, the ids bound as one JSON array (parameter 1): the
     * table {@code wanted(wanted_id)}. Join the records to it with {@code CROSS JOIN}, which
     * keeps it the outer loop, so that each id is one primary-key lookup: left to itself,
     * SQLite reads every record of the context through an index on {@code context} instead.
     * One bound value for any number of ids keeps the statement's text fixed, so it can stay
     * prepared.
     */
    static final String WANTED_IDS = "WITH wanted(wanted_id) AS (SELECT value FROM json_each(?)) ";

    private Sql() {}

    /** {@code ?, ?, ?} for {@code count} values (at least one). */
    static String placeholders(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("an IN list needs at least one value");
        }
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** {@code (?, ?), (?, ?)} for {@code count} pairs (at least one), for a VALUES table. */
    static String pairPlaceholders(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("an IN list needs at least one value");
        }
        return String.join(", ", Collections.nCopies(count, "(?, ?)"));
    }

    /**
     * Binds {@code values} from parameter {@code first} on.
     *
     * @return the index of the next parameter
     */
    static int bind(PreparedStatement statement, int first, Collection<String> values)
            throws SQLException {
        int index = first;
        for (String value : values) {
            statement.setString(index++, value);
        }
        return index;
    }
}
