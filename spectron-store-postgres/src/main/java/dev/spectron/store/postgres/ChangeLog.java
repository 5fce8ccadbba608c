package dev.spectron.store.postgres;

import dev.spectron.engine.spi.IndexChange;
import dev.spectron.engine.spi.IndexDocument;
import dev.spectron.engine.store.StoredValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Statements on {@code index_log}, the change log the search index replays.
 *
 * <p>Order of the log is order of commit. A sequence hands out values in the order transactions
 * ask for them, not the order they commit: without care, a reader could see seq 11 committed
 * while seq 10 is still in flight, move its watermark to 11 and never see 10. So every writing
 * transaction appends its log rows as its last statements ({@link Database} calls
 * {@link #append} after the work), right after taking a transaction-scoped advisory lock. The
 * lock is released only once the transaction's commit is visible, so a later writer draws its
 * sequence values after every earlier appender's rows are visible: whoever sees seq n also sees
 * every row below n (gaps left by rolled-back transactions stay empty forever). The cost is that
 * appends, and so the commits of transactions that log index changes, are serialised; the
 * transactions' other work runs concurrently. The key is derived from the {@code index_log}
 * table's OID, so stores in different schemas of one database do not wait for each other.
 *
 * <p>A row only names a record, its kind and an operation; the document of an upsert is read
 * from the record as it is when the log is read, so a record deleted or forgotten since, a fact
 * no longer current or an instruction no longer active reads as a delete.
 */
final class ChangeLog {
    static final String TURN = "turn";
    static final String INSTRUCTION = "instruction";
    static final String CHUNK = "chunk";
    static final String UPSERT = "upsert";
    static final String DELETE = "delete";
    /** High bits of the advisory lock key: "SPEC". */
    private static final long LOCK_NAMESPACE = 0x5350_4543L << 32;

    /**
     * One pending log row.
     *
     * @param recordId the record
     * @param kind its index kind
     * @param op {@link #UPSERT} or {@link #DELETE}
     */
    record Entry(String recordId, String kind, String op) {}

    /**
     * One left join per kind, each a primary-key lookup guarded by the row's kind, so that a
     * page costs the same however large the tables are.
     */
    private static final String SINCE = "SELECT l.seq, l.record_id, l.kind,"
            + " coalesce(t.id, f.id, i.id, ch.id) AS found_id,"
            + " coalesce(t.context, f.context, i.context, ch.context) AS context,"
            + " coalesce(s.scope_key, f.scope_key, i.scope_key, ch.scope_key) AS scope_key,"
            + " coalesce(t.session_id, coalesce(f.source, i.source) ->> 'sessionId', '')"
            + "     AS session_id,"
            + " coalesce(t.index_text, f.index_text, i.index_text, ch.index_text) AS index_text,"
            + " coalesce(t.created_at, f.created_at, i.created_at, d.created_at) AS created_at,"
            + " v.model_id, v.data"
            + " FROM index_log l"
            + " LEFT JOIN turns t ON l.op = 'upsert' AND l.kind = 'turn' AND t.id = l.record_id"
            + "     AND t.forgotten_at IS NULL"
            + " LEFT JOIN sessions s ON s.id = t.session_id"
            + " LEFT JOIN facts f ON l.op = 'upsert' AND l.kind IN ('attribute', 'relation')"
            + "     AND f.id = l.record_id AND f.status = 'current'"
            + " LEFT JOIN instructions i ON l.op = 'upsert' AND l.kind = 'instruction'"
            + "     AND i.id = l.record_id AND i.active AND i.forgotten_at IS NULL"
            + " LEFT JOIN chunks ch ON l.op = 'upsert' AND l.kind = 'chunk'"
            + "     AND ch.id = l.record_id AND ch.forgotten_at IS NULL"
            + " LEFT JOIN documents d ON d.id = ch.document_id"
            + " LEFT JOIN vectors v ON l.op = 'upsert' AND v.record_id = l.record_id"
            + " WHERE l.seq > ? ORDER BY l.seq LIMIT ?";

    private ChangeLog() {}

    /** The advisory lock key of this schema's change log. */
    static long lockKey(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT 'index_log'::regclass::oid::bigint");
                ResultSet row = st.executeQuery()) {
            row.next();
            return LOCK_NAMESPACE | row.getLong(1);
        }
    }

    /**
     * Takes the log's advisory lock and appends {@code entries} in order; does nothing (and
     * takes no lock) when there are none. Must be the transaction's last statement but COMMIT.
     */
    static void append(Connection c, long lockKey, List<Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, lockKey);
            lock.execute();
        }
        // One statement; WITH ORDINALITY keeps the rows, and so their sequence values, in order.
        try (PreparedStatement st = c.prepareStatement("INSERT INTO index_log (record_id, kind,"
                + " op) SELECT e.record_id, e.kind, e.op FROM unnest(?::text[], ?::text[],"
                + " ?::text[]) WITH ORDINALITY AS e (record_id, kind, op, n) ORDER BY e.n")) {
            List<String> ids = new ArrayList<>(entries.size());
            List<String> kinds = new ArrayList<>(entries.size());
            List<String> ops = new ArrayList<>(entries.size());
            for (Entry entry : entries) {
                ids.add(entry.recordId());
                kinds.add(entry.kind());
                ops.add(entry.op());
            }
            st.setArray(1, Sql.textArray(c, ids));
            st.setArray(2, Sql.textArray(c, kinds));
            st.setArray(3, Sql.textArray(c, ops));
            st.executeUpdate();
        }
    }

    static long last(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT coalesce(max(seq), 0) FROM index_log");
                ResultSet row = st.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    static List<IndexChange> since(Connection c, long afterSeq, int limit) throws SQLException {
        List<IndexChange> changes = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(SINCE)) {
            st.setLong(1, afterSeq);
            st.setInt(2, limit);
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    changes.add(read(rows));
                }
            }
        }
        return changes;
    }

    private static IndexChange read(ResultSet row) throws SQLException {
        long seq = row.getLong("seq");
        String recordId = row.getString("record_id");
        if (row.getString("found_id") == null) {
            // Logged as a delete, or upserted but gone, superseded or deactivated since.
            return new IndexChange.Delete(seq, recordId);
        }
        String kind = row.getString("kind");
        byte[] data = row.getBytes("data");
        if (data == null) {
            throw new IllegalStateException(kind + " '" + recordId + "' has no vector");
        }
        IndexDocument document = new IndexDocument(recordId, row.getString("context"), kind,
                row.getString("scope_key"), row.getString("session_id"),
                row.getString("index_text"), StoredValues.vector(data),
                Columns.instant(row, "created_at"));
        return new IndexChange.Upsert(seq, document, row.getString("model_id"));
    }
}
