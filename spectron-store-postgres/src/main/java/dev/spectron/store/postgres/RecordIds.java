package dev.spectron.store.postgres;

import dev.spectron.api.ConflictException;
import java.sql.Connection;
import java.sql.SQLException;

/** The rule that a new record's id is unique across the whole store and across kinds. */
final class RecordIds {
    private RecordIds() {}

    /**
     * Checks that an indexed record (turn, fact, instruction, chunk) may take {@code id}. A
     * concurrent writer taking the id after this check is stopped by the primary keys, which
     * {@link Database} reports as a {@link ConflictException} too.
     *
     * @param what the record's kind, for the message
     * @param inOwnTable whether a record of the same kind has the id already
     * @throws ConflictException when the id is taken, by a record of this kind or another
     */
    static void requireFree(Connection c, String what, String id, boolean inOwnTable)
            throws SQLException {
        if (inOwnTable) {
            throw new ConflictException(what + " '" + id + "' already exists");
        }
        if (VectorTable.exists(c, id)) {
            throw new ConflictException("record id '" + id + "' is taken by a record of"
                    + " another kind");
        }
    }
}
