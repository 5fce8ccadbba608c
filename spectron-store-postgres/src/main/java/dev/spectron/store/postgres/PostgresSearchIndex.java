package dev.spectron.store.postgres;

import static java.util.Objects.requireNonNull;

import dev.spectron.engine.spi.IndexChange;
import dev.spectron.engine.spi.IndexDocument;
import dev.spectron.engine.spi.IndexFilter;
import dev.spectron.engine.spi.ScoredId;
import dev.spectron.engine.spi.SearchIndex;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A {@link SearchIndex} in PostgreSQL: full-text search and pgvector HNSW nearest neighbours
 * over its own table, {@code search_docs}, with the context, scope, kind and session
 * restrictions as SQL predicates of every query (never applied to results afterwards).
 * Obtained from {@link PostgresBackend#index(int)}.
 *
 * <p><b>Text.</b> Documents are analysed with PostgreSQL's {@code english} configuration (lower
 * case, stop words, Snowball stemming). A query is a bag of words like the Lucene index's: its
 * analysed terms (the first {@value #MAX_QUERY_TERMS} distinct ones) OR-ed together, operators
 * and punctuation being plain text, so odd query text never fails; a query without terms finds
 * nothing. Hits are ranked by {@code ts_rank_cd} (cover density, divided by one plus the log of
 * the document's length): positive, higher for more and denser matches, best first. These are
 * not BM25 scores and differ in scale from the Lucene index's.
 *
 * <p><b>Vectors.</b> The vector column has one dimension, fixed when the index's table is first
 * created ({@link #dimensions()}); every node sharing the database must embed with the same
 * model. The model whose vectors the table holds is recorded on the watermark row
 * ({@link #embeddingModel()}); a node starting with another model of the same dimension
 * empties the index and rebuilds it from the store's change log
 * ({@link #adoptEmbeddingModel}). To change to a model of another dimension, stop every node
 * and, as the table owner, run {@code TRUNCATE search_docs; ALTER TABLE search_docs ALTER
 * COLUMN embedding TYPE vector(N); UPDATE search_watermark SET seq = 0} (the index is rebuilt
 * on the next start). Searches rank by cosine similarity ({@code 1 -} pgvector's cosine distance),
 * best first. A filtered HNSW scan can run out of candidates before it finds {@code n} that
 * pass the filter (a tenant that is a few percent of the table); with pgvector 0.8 or newer
 * each search therefore turns on {@code hnsw.iterative_scan = relaxed_order} with
 * {@code hnsw.ef_search = max(40, 2n)} and re-sorts the hits by distance; with an older
 * pgvector it searches exactly (a full distance sort of the filtered rows) instead. A document
 * whose vector is empty or all zeros has no direction and is found by text only; a query vector
 * of zero length or norm finds nothing.
 *
 * <p><b>Durability and concurrency.</b> {@link #apply} runs in one transaction: it locks the
 * watermark row, skips changes at or below the watermark, writes the rest and advances the
 * watermark, so applying twice is harmless and nodes applying the same changes at once apply
 * them once. Changes are searchable and durable when it returns; {@link #commit()} therefore
 * does nothing. A batch that fails changes nothing, watermark included.
 * {@link #expungeDeletes()} runs {@code VACUUM search_docs}: the row versions of deleted
 * documents are removed from the table's pages, its TOAST data and its indexes, as far as
 * no open transaction can still see them. PostgreSQL does not overwrite the freed bytes (they
 * may stay in free space within pages until reused), nor WAL segments until recycled, nor
 * replicas' and backups' copies; only {@code VACUUM FULL} (an exclusive lock for the length of
 * a table rewrite, left to the operator) rewrites the table.
 *
 * <p>Thread-safe.
 */
public final class PostgresSearchIndex implements SearchIndex {
    /** Most dimensions pgvector's HNSW index takes for {@code vector}. */
    public static final int MAX_DIMENSIONS = 2000;
    /** Most distinct query terms a text search keeps; later ones are dropped. */
    static final int MAX_QUERY_TERMS = 256;
    /** Least HNSW candidate list, pgvector's default {@code hnsw.ef_search}. */
    private static final int MIN_EF_SEARCH = 40;
    /** Most {@code hnsw.ef_search} pgvector accepts. */
    private static final int MAX_EF_SEARCH = 1000;

    /**
     * The query's analysed terms as an OR-query: lexemes quoted for tsquery input (backslashes
     * and quotes doubled), in order of first use, NULL when there are none.
     */
    private static final String TEXT_QUERY = "WITH q AS (SELECT string_agg('''' ||"
            + " replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || '''', ' | ')::tsquery"
            + " AS query FROM (SELECT lexeme FROM unnest(to_tsvector('english'::regconfig, ?))"
            + " ORDER BY positions[1] LIMIT " + MAX_QUERY_TERMS + ") terms)"
            + " SELECT d.id, ts_rank_cd(d.tsv, q.query, 1) AS score FROM q, search_docs d"
            + " WHERE d.tsv @@ q.query AND ";

    private static final String UPSERT = "INSERT INTO search_docs (id, context, kind,"
            + " scope_key, session_id, text, embedding, model_id, created_at)"
            + " SELECT d.id, d.context, d.kind, d.scope_key, d.session_id, d.text,"
            + " d.embedding::vector, d.model_id,"
            + " timestamptz 'epoch' + d.created_us * interval '1 microsecond'"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::bigint[])"
            + " AS d (id, context, kind, scope_key, session_id, text, embedding, model_id,"
            + " created_us)"
            + " ON CONFLICT (id) DO UPDATE SET context = excluded.context, kind = excluded.kind,"
            + " scope_key = excluded.scope_key, session_id = excluded.session_id,"
            + " text = excluded.text, embedding = excluded.embedding,"
            + " model_id = excluded.model_id, created_at = excluded.created_at";

    private final Database db;
    private final int dimensions;
    private final boolean iterativeScan;
    private final Runnable onClose;
    private volatile boolean closed;

    private PostgresSearchIndex(Database db, int dimensions, boolean iterativeScan,
            Runnable onClose) {
        this.db = db;
        this.dimensions = dimensions;
        this.iterativeScan = iterativeScan;
        this.onClose = onClose;
    }

    /**
     * Opens the index over migrated tables, checking that their vector column has
     * {@code dimensions}.
     *
     * @throws IllegalStateException when it has another dimension
     */
    static PostgresSearchIndex open(Database db, int dimensions, Runnable onClose)
            throws SQLException {
        int stored = db.read("read the index's vector dimension", IndexSchema::dimensions);
        if (stored != dimensions) {
            throw new IllegalStateException("the search index in " + db.description()
                    + " holds " + stored + "-dimensional vectors, but this node embeds "
                    + dimensions + "-dimensional ones: every node must use the same embedding"
                    + " model. To switch models, stop every node and run TRUNCATE search_docs;"
                    + " ALTER TABLE search_docs ALTER COLUMN embedding TYPE vector("
                    + dimensions + "); UPDATE search_watermark SET seq = 0");
        }
        boolean iterative = db.read("read the pgvector version", IndexSchema::iterativeScan);
        return new PostgresSearchIndex(db, dimensions, iterative, onClose);
    }

    /** The dimension of the vectors the index holds. */
    public int dimensions() {
        return dimensions;
    }

    /**
     * {@inheritDoc} In one transaction: changes at or below the watermark are skipped, and of
     * several changes to one record the last wins.
     *
     * @throws IllegalArgumentException when a document's vector has another dimension than
     *     {@link #dimensions()} or non-finite components; nothing is applied
     * @throws NullPointerException when a required document field is null; nothing is applied
     */
    @Override
    public void apply(List<IndexChange> changes) {
        requireNonNull(changes, "changes must not be null");
        ensureOpen();
        if (changes.isEmpty()) {
            return;
        }
        changes.forEach(this::check);
        db.write("apply index changes", tx -> {
            Connection c = tx.connection();
            applyAbove(c, IndexSchema.lockWatermark(c), changes);
            return null;
        });
    }

    /** With the watermark row locked: writes the changes above it and advances it. */
    private void applyAbove(Connection c, long watermark, List<IndexChange> changes)
            throws SQLException {
        Map<String, IndexChange> latest = new LinkedHashMap<>();
        long highest = watermark;
        for (IndexChange change : changes) {
            if (change.seq() > watermark) {
                String id = change instanceof IndexChange.Upsert upsert
                        ? upsert.document().id() : ((IndexChange.Delete) change).id();
                latest.remove(id);
                latest.put(id, change);
                highest = Math.max(highest, change.seq());
            }
        }
        if (highest > watermark) {
            write(c, latest);
            IndexSchema.setWatermark(c, highest);
        }
    }

    /**
     * {@inheritDoc} Takes the watermark row with {@code FOR UPDATE SKIP LOCKED}: when another
     * transaction (this node's or another's) holds it, returns false at once.
     *
     * @throws IllegalArgumentException as {@link #apply}
     * @throws NullPointerException as {@link #apply}
     */
    @Override
    public boolean tryApply(List<IndexChange> changes) {
        requireNonNull(changes, "changes must not be null");
        ensureOpen();
        changes.forEach(this::check);
        return db.write("apply index changes unless busy", tx -> {
            Connection c = tx.connection();
            OptionalLong watermark = IndexSchema.tryLockWatermark(c);
            if (watermark.isEmpty()) {
                return false;
            }
            applyAbove(c, watermark.getAsLong(), changes);
            return true;
        });
    }

    /** {@inheritDoc} Read from the database: what every node applied, committed. */
    @Override
    public long watermark() {
        ensureOpen();
        return db.read("read the index watermark", IndexSchema::watermark);
    }

    /** Does nothing: {@link #apply} is durable when it returns. */
    @Override
    public void commit() {
        ensureOpen();
    }

    /**
     * Runs {@code VACUUM search_docs}; see the class documentation for what that does and does
     * not erase.
     */
    @Override
    public void expungeDeletes() {
        ensureOpen();
        db.vacuum("expunge deleted index documents", List.of("search_docs"));
    }

    /**
     * Removes every document, resets the watermark to 0 and forgets the embedding model, in one
     * transaction.
     */
    @Override
    public void clear() {
        ensureOpen();
        db.write("clear the index", tx -> {
            Connection c = tx.connection();
            // The watermark row first, as apply locks it: no lock-order deadlock with it.
            IndexSchema.lockWatermark(c);
            empty(c);
            IndexSchema.setModel(c, "");
            return null;
        });
    }

    /** {@inheritDoc} Read from the database (the watermark row): what every node recorded. */
    @Override
    public String embeddingModel() {
        ensureOpen();
        return db.read("read the index's embedding model", IndexSchema::model);
    }

    /**
     * {@inheritDoc} In one transaction that locks the watermark row first, as {@link #apply} and
     * {@link #clear()} do: a node that adopts the model another node has just adopted waits for
     * that transaction, then finds the model recorded and clears nothing. The vector column's
     * dimension stays (see the class documentation).
     */
    @Override
    public boolean adoptEmbeddingModel(String modelId) {
        requireNonNull(modelId, "modelId must not be null");
        ensureOpen();
        return db.write("record the index's embedding model", tx -> {
            Connection c = tx.connection();
            long watermark = IndexSchema.lockWatermark(c);
            if (modelId.equals(IndexSchema.model(c))) {
                return false;
            }
            if (watermark > 0) {
                empty(c);
            }
            IndexSchema.setModel(c, modelId);
            return watermark > 0;
        });
    }

    /** With the watermark row locked: removes every document and resets the watermark. */
    private static void empty(Connection c) throws SQLException {
        Database.execute(c, "TRUNCATE search_docs");
        IndexSchema.setWatermark(c, 0);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code n < 1}
     */
    @Override
    public List<ScoredId> searchText(IndexFilter filter, String query, int n) {
        requirePositive(n);
        Restriction restriction = Restriction.of(filter);
        ensureOpen();
        String text = query == null ? "" : query.replace('\0', ' ');
        return db.read("search text", c -> {
            try (PreparedStatement st = c.prepareStatement(TEXT_QUERY + restriction.sql()
                    + " ORDER BY score DESC, d.id LIMIT ?")) {
                st.setString(1, text);
                int next = restriction.bind(st, 2);
                st.setInt(next, n);
                return hits(st, false);
            }
        });
    }

    /**
     * {@inheritDoc} The vector need not be normalised.
     *
     * @throws IllegalArgumentException when {@code n < 1}, or the vector has non-finite
     *     components or another dimension than {@link #dimensions()}
     */
    @Override
    public List<ScoredId> searchVector(IndexFilter filter, float[] vector, int n) {
        requirePositive(n);
        requireNonNull(vector, "vector must not be null");
        Restriction restriction = Restriction.of(filter);
        ensureOpen();
        if (vector.length == 0) {
            return List.of();
        }
        String literal = vectorLiteral(vector, "query vector");
        if (literal == null) {
            return List.of();
        }
        return db.snapshot("search vectors", c -> {
            if (iterativeScan) {
                // Custom plans only: a generic plan, blind to how selective this tenant's
                // filter is, could pick the HNSW scan for a tenant too small for it.
                try (PreparedStatement st = c.prepareStatement("SELECT set_config("
                        + "'hnsw.ef_search', ?, true), set_config('hnsw.iterative_scan',"
                        + " 'relaxed_order', true), set_config('plan_cache_mode',"
                        + " 'force_custom_plan', true)")) {
                    st.setString(1, Integer.toString(efSearch(n)));
                    st.execute();
                }
            }
            try (PreparedStatement st = c.prepareStatement(vectorSql(restriction,
                    iterativeScan))) {
                st.setString(1, literal);
                int next = restriction.bind(st, 2);
                st.setInt(next, n);
                return hits(st, true);
            }
        });
    }

    /**
     * The nearest-neighbour statement: the vector, the restriction's values and {@code n}, in
     * that order. With {@code iterative}, the planner may use the HNSW index (whose relaxed
     * order the outer query sorts again); without, the inner query is fenced off
     * ({@code OFFSET 0}) so that the distances are computed and sorted exactly.
     */
    static String vectorSql(Restriction restriction, boolean iterative) {
        String nearest = "SELECT d.id, d.embedding <=> ?::vector AS distance FROM search_docs d"
                + " WHERE d.embedding IS NOT NULL AND " + restriction.sql();
        String candidates = iterative ? nearest + " ORDER BY distance LIMIT ?"
                : "SELECT id, distance FROM (" + nearest + " OFFSET 0) filtered"
                        + " ORDER BY distance LIMIT ?";
        return "WITH nearest AS MATERIALIZED (" + candidates + ")"
                + " SELECT id, distance FROM nearest ORDER BY distance, id";
    }

    /** {@inheritDoc} Counts every document of every context. */
    @Override
    public long size() {
        ensureOpen();
        return db.read("count index documents", IndexSchema::size);
    }

    /**
     * Closes this index; later calls throw {@link IllegalStateException}. The pool closes with
     * the backend, or here when the backend's store is closed already. Idempotent.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }

    @Override
    public String toString() {
        return "PostgresSearchIndex[" + db.description() + ", dimensions=" + dimensions + "]";
    }

    private void write(Connection c, Map<String, IndexChange> latest) throws SQLException {
        List<String> deleted = new ArrayList<>();
        List<IndexChange.Upsert> upserts = new ArrayList<>();
        for (IndexChange change : latest.values()) {
            switch (change) {
                case IndexChange.Upsert upsert -> upserts.add(upsert);
                case IndexChange.Delete delete -> deleted.add(delete.id());
            }
        }
        if (!deleted.isEmpty()) {
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM search_docs WHERE id = ANY(?)")) {
                Sql.bindTextArray(st, 1, deleted);
                st.executeUpdate();
            }
        }
        if (!upserts.isEmpty()) {
            upsert(c, upserts);
        }
    }

    private void upsert(Connection c, List<IndexChange.Upsert> upserts) throws SQLException {
        int size = upserts.size();
        String[][] columns = new String[8][size];
        Long[] createdMicros = new Long[size];
        for (int i = 0; i < size; i++) {
            IndexDocument d = upserts.get(i).document();
            columns[0][i] = d.id();
            columns[1][i] = d.context();
            columns[2][i] = d.kind();
            columns[3][i] = d.scopeKey();
            columns[4][i] = d.sessionId() == null ? "" : d.sessionId();
            columns[5][i] = d.text() == null ? "" : d.text().replace('\0', ' ');
            columns[6][i] = d.vector() == null || d.vector().length == 0 ? null
                    : vectorLiteral(d.vector(), "vector");
            columns[7][i] = upserts.get(i).modelId() == null ? "" : upserts.get(i).modelId();
            createdMicros[i] = d.createdAt() == null ? null
                    : Math.addExact(Math.multiplyExact(d.createdAt().getEpochSecond(), 1_000_000L),
                            d.createdAt().getNano() / 1_000L);
        }
        try (PreparedStatement st = c.prepareStatement(UPSERT)) {
            for (int column = 0; column < columns.length; column++) {
                st.setArray(column + 1, c.createArrayOf("text", columns[column]));
            }
            st.setArray(9, c.createArrayOf("int8", createdMicros));
            st.executeUpdate();
        }
    }

    /** Checks a change before the transaction, so that a bad batch changes nothing. */
    private void check(IndexChange change) {
        requireNonNull(change, "change must not be null");
        switch (change) {
            case IndexChange.Upsert upsert -> {
                IndexDocument d = requireNonNull(upsert.document(), "document must not be null");
                requireNonNull(d.id(), "document.id must not be null");
                requireNonNull(d.context(), "document.context must not be null");
                requireNonNull(d.kind(), "document.kind must not be null");
                requireNonNull(d.scopeKey(), "document.scopeKey must not be null");
                float[] v = d.vector();
                if (v != null && v.length != 0 && v.length != dimensions) {
                    throw new IllegalArgumentException("cannot apply change " + change.seq()
                            + ": its vector has dimension " + v.length + ", the index holds "
                            + dimensions);
                }
                if (v != null) {
                    requireFinite(v, "cannot apply change " + change.seq() + ": vector");
                }
            }
            case IndexChange.Delete delete -> requireNonNull(delete.id(), "id must not be null");
        }
    }

    /**
     * pgvector's text form of {@code v}, or null when it has no direction (all zeros). Float's
     * shortest round-tripping decimal form, which pgvector parses back to the same float.
     */
    private String vectorLiteral(float[] v, String what) {
        if (v.length != dimensions) {
            throw new IllegalArgumentException(what + " has dimension " + v.length
                    + ", the index holds " + dimensions);
        }
        requireFinite(v, what);
        StringBuilder out = new StringBuilder(v.length * 12).append('[');
        boolean zero = true;
        for (int i = 0; i < v.length; i++) {
            zero &= v[i] == 0f;
            out.append(i == 0 ? "" : ",").append(v[i]);
        }
        return zero ? null : out.append(']').toString();
    }

    private static void requireFinite(float[] v, String what) {
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException(what + " has a non-finite component " + x);
            }
        }
    }

    private static List<ScoredId> hits(PreparedStatement st, boolean distances)
            throws SQLException {
        List<ScoredId> hits = new ArrayList<>();
        try (ResultSet rows = st.executeQuery()) {
            while (rows.next()) {
                // Cosine similarity is 1 - cosine distance.
                float score = distances ? (float) (1 - rows.getDouble(2)) : rows.getFloat(2);
                hits.add(new ScoredId(rows.getString(1), score));
            }
        }
        return hits;
    }

    /** Enough candidates for {@code n} hits: pgvector's default 40, or 2n, at most 1000. */
    static int efSearch(int n) {
        return Math.min(MAX_EF_SEARCH, Math.max(MIN_EF_SEARCH, 2 * n));
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the search index is closed");
        }
    }

    private static void requirePositive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
    }
}
