package dev.spectron.index.lucene;

import dev.spectron.engine.spi.IndexChange;
import dev.spectron.engine.spi.IndexFilter;
import dev.spectron.engine.spi.ScoredId;
import dev.spectron.engine.spi.SearchIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LRUQueryCache;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryCachingPolicy;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.UsageTrackingQueryCachingPolicy;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * A {@link SearchIndex} on Lucene: BM25 over analysed text and HNSW nearest neighbours over
 * vectors, both restricted by context, scope, kind and session inside the query.
 *
 * <p>Text is analysed with Lucene's {@link EnglishAnalyzer}: standard tokenizer, English
 * possessive removal, lower-casing, English stop words and Porter stemming. Vectors are
 * normalised to unit length and compared by dot product, so {@link #searchVector} scores are
 * cosine similarities in [-1, 1]. A field's vector dimension is fixed by the first document that
 * has one and reset by {@link #clear()}; up to {@value WideVectorCodec#MAX_DIMENSIONS} dimensions
 * are accepted.
 *
 * <p>Changes are searchable when {@link #apply} returns (near-real-time reopen) and durable, with
 * the {@link #watermark()} and the {@link #embeddingModel()}, once {@link #commit()} returns (the
 * three are kept in the commit's user data). {@link #close()} does <em>not</em> commit: whatever
 * was applied after the last commit is gone after a reopen, and the watermark read back on open
 * says so, so the engine replays it.
 *
 * <p>Thread-safe: any number of threads may search while others apply, commit or clear; batches
 * passed to {@code apply} are applied one at a time, in call order.
 */
public final class LuceneSearchIndex implements SearchIndex {
    /** Commit user-data key that holds the watermark. */
    static final String WATERMARK_KEY = "spectron.watermark";
    /** Commit user-data key that holds the {@linkplain #SCHEMA schema} the documents follow. */
    static final String SCHEMA_KEY = "spectron.schema";
    /** Commit user-data key that holds the {@linkplain #embeddingModel() embedding model}. */
    static final String MODEL_KEY = "spectron.model";
    /**
     * How documents are written ({@link IndexFields}). 2: the record id is also a doc value,
     * which searches read. Before 2 nothing was recorded; such an index is rebuilt on open.
     */
    static final int SCHEMA = 2;
    /**
     * HNSW candidates collected per vector search ({@code k}) before the best {@code n} are
     * kept. On embedding-like (clustered) vectors, 100k x 384-d in one segment, k = 50 gives
     * recall@10 of 0.99+ at ~0.2 ms (see {@code LuceneSearchIndexBenchmark}).
     */
    static final int VECTOR_CANDIDATES = 50;

    private static final System.Logger LOG = System.getLogger(LuceneSearchIndex.class.getName());

    private final Directory directory;
    /** Where the index lives, for messages. */
    private final String location;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final EnglishAnalyzer analyzer;
    private final IndexQueries queries;
    /** Serialises apply and clear, so the watermark only covers changes fully in the writer. */
    private final ReentrantLock applyLock = new ReentrantLock();
    /** Serialises commit and clear, so commit data and the flush that follows belong together. */
    private final ReentrantLock commitLock = new ReentrantLock();
    /** Written under applyLock after the changes it covers are searchable. */
    private volatile long watermark;
    /** The embedding model of the vectors held; written under both locks. */
    private volatile String model;
    private volatile boolean closed;

    private LuceneSearchIndex(Directory directory, String location, OpenMode mode)
            throws IOException {
        // Standard tokenizer, possessive filter, lower case, English stop words, Porter stemmer.
        this.analyzer = new EnglishAnalyzer();
        // expungeDeletes() must rewrite every segment holding a deleted document (a purge leaves
        // no bytes behind), not only those above TieredMergePolicy's default 10% of deletes.
        org.apache.lucene.index.TieredMergePolicy merges =
                new org.apache.lucene.index.TieredMergePolicy();
        merges.setForceMergeDeletesPctAllowed(0.0);
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(mode)
                .setCodec(new WideVectorCodec())
                .setMergePolicy(merges)
                .setCommitOnClose(false);
        IndexWriter opened = new IndexWriter(directory, config);
        try {
            this.searchers = new SearcherManager(opened, true, false, new CachingSearchers());
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(opened, analyzer);
            throw e;
        }
        this.directory = directory;
        this.location = location;
        this.writer = opened;
        this.queries = new IndexQueries(analyzer);
        this.watermark = committedWatermark(opened);
        this.model = committed(opened, MODEL_KEY).orElse("");
    }

    /**
     * Opens the index in {@code directory}, creating the directory and an empty index when
     * missing. An index that cannot be read (corrupt, or written by an incompatible Lucene) is
     * replaced by an empty one with watermark 0, since the store of record can rebuild it; so is
     * an index of an earlier {@linkplain #SCHEMA schema}.
     *
     * @param directory the index's own directory; nothing else should live there
     * @return the open index; close it when done
     * @throws UncheckedIOException when the directory cannot be created or opened, or another
     *     index instance holds its write lock
     */
    public static LuceneSearchIndex open(Path directory) {
        Objects.requireNonNull(directory, "directory must not be null");
        try {
            Files.createDirectories(directory);
            return open(FSDirectory.open(directory), directory.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index at " + directory, e);
        }
    }

    /** A new, empty index held in memory only; for tests and throw-away use. */
    public static LuceneSearchIndex inMemory() {
        try {
            return open(new ByteBuffersDirectory(), "memory");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create an in-memory search index", e);
        }
    }

    private static LuceneSearchIndex open(Directory directory, String location)
            throws IOException {
        try {
            try {
                LuceneSearchIndex index =
                        new LuceneSearchIndex(directory, location, OpenMode.CREATE_OR_APPEND);
                if (index.predatesSchema()) {
                    LOG.log(Level.INFO, "search index at {0} predates schema {1} (record ids as"
                            + " doc values); emptying it to rebuild from the store", location,
                            SCHEMA);
                    index.clear();
                }
                return index;
            } catch (CorruptIndexException | IndexFormatTooOldException
                    | IndexFormatTooNewException e) {
                LOG.log(Level.WARNING, "search index at " + location
                        + " is unreadable; starting an empty one to rebuild from the store", e);
                deleteIndexFiles(directory);
                return new LuceneSearchIndex(directory, location, OpenMode.CREATE);
            }
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(directory);
            throw e;
        }
    }

    /** Even {@code OpenMode.CREATE} reads the old commit, so an unreadable one must go first. */
    private static void deleteIndexFiles(Directory directory) throws IOException {
        for (String file : directory.listAll()) {
            if (!file.equals(IndexWriter.WRITE_LOCK_NAME)) {
                directory.deleteFile(file);
            }
        }
    }

    /**
     * Applies the changes in order: an upsert replaces any document with the same id, a delete
     * removes it (and is a no-op when there is none). When this returns, the changes are
     * searchable and {@link #watermark()} is the highest sequence applied. If a change fails,
     * those before it stay applied, the watermark covers exactly them, and the failure is thrown.
     *
     * @throws IllegalArgumentException when a document is invalid, for example its vector's
     *     dimension differs from the one the index holds (call {@link #clear()} to change models)
     * @throws NullPointerException when a required document field is null
     */
    @Override
    public void apply(List<IndexChange> changes) {
        Objects.requireNonNull(changes, "changes must not be null");
        ensureOpen();
        if (changes.isEmpty()) {
            return;
        }
        applyLock.lock();
        try {
            long applied = watermark;
            RuntimeException failure = null;
            for (IndexChange change : changes) {
                try {
                    write(change);
                } catch (RuntimeException e) {
                    failure = e;
                    break;
                }
                applied = Math.max(applied, change.seq());
            }
            searchers.maybeRefreshBlocking();
            watermark = applied;
            if (failure != null) {
                throw failure;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot apply index changes", e);
        } finally {
            applyLock.unlock();
        }
    }

    private void write(IndexChange change) {
        try {
            switch (change) {
                case IndexChange.Upsert upsert -> {
                    Document doc = IndexFields.toDocument(upsert.document());
                    writer.updateDocument(IndexFields.id(upsert.document().id()), doc);
                }
                case IndexChange.Delete delete ->
                        writer.deleteDocuments(IndexFields.id(delete.id()));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot apply change " + change.seq() + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot apply change " + change.seq(), e);
        }
    }

    /** {@inheritDoc} Read from the last commit on open; 0 for a new index. */
    @Override
    public long watermark() {
        return watermark;
    }

    /**
     * Makes every change applied so far durable together with the watermark. Changes applied
     * concurrently with a commit may be included too; replaying them later is harmless.
     */
    @Override
    public void commit() {
        ensureOpen();
        commitLock.lock();
        try {
            // Every change up to the watermark is already in the writer, so the commit holds it.
            writer.setLiveCommitData(commitData(watermark, model));
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the search index", e);
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * Merges away every segment that holds deleted documents, commits, and lets the writer delete
     * the files no commit references any more, so purged text and vectors leave the directory.
     */
    @Override
    public void expungeDeletes() {
        ensureOpen();
        commitLock.lock();
        applyLock.lock();
        try {
            writer.forceMergeDeletes(true);
            writer.setLiveCommitData(commitData(watermark, model));
            writer.commit();
            searchers.maybeRefreshBlocking();
            writer.deleteUnusedFiles();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot expunge deleted documents", e);
        } finally {
            applyLock.unlock();
            commitLock.unlock();
        }
    }

    /**
     * Removes every document, resets the watermark to 0, forgets the embedding model and
     * commits, so the empty state is durable. The index schema is reset too: documents may now
     * carry vectors of another dimension.
     */
    @Override
    public void clear() {
        ensureOpen();
        commitLock.lock();
        applyLock.lock();
        try {
            emptyAndCommit("");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the search index", e);
        } finally {
            applyLock.unlock();
            commitLock.unlock();
        }
    }

    /** {@inheritDoc} Read from the last commit on open. */
    @Override
    public String embeddingModel() {
        return model;
    }

    /**
     * {@inheritDoc} Clearing resets the vector dimension as {@link #clear()} does, so the new
     * model's vectors may have another. Commits, with everything applied so far.
     */
    @Override
    public boolean adoptEmbeddingModel(String modelId) {
        Objects.requireNonNull(modelId, "modelId must not be null");
        ensureOpen();
        commitLock.lock();
        applyLock.lock();
        try {
            if (modelId.equals(model)) {
                return false;
            }
            if (watermark > 0) {
                emptyAndCommit(modelId);
                return true;
            }
            model = modelId;
            writer.setLiveCommitData(commitData(watermark, modelId));
            writer.commit();
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the search index's embedding model", e);
        } finally {
            applyLock.unlock();
            commitLock.unlock();
        }
    }

    /** With both locks held: deletes every document and commits watermark 0 and {@code model}. */
    private void emptyAndCommit(String newModel) throws IOException {
        // deleteAll also drops the field schema, vector dimension included (Lucene >= 9).
        writer.deleteAll();
        watermark = 0;
        model = newModel;
        writer.setLiveCommitData(commitData(0, newModel));
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code n < 1}
     */
    @Override
    public List<ScoredId> searchText(IndexFilter filter, String query, int n) {
        requirePositive(n);
        Optional<Query> text = queries.text(filter, query);
        if (text.isEmpty()) {
            return List.of();
        }
        return search(searcher -> text.get(), n, score -> score);
    }

    /**
     * {@inheritDoc} The vector need not be normalised; a zero-length vector finds nothing.
     *
     * @throws IllegalArgumentException when {@code n < 1}, the vector has non-finite components,
     *     or its dimension differs from the indexed vectors'
     */
    @Override
    public List<ScoredId> searchVector(IndexFilter filter, float[] vector, int n) {
        requirePositive(n);
        Objects.requireNonNull(vector, "vector must not be null");
        Query restriction = IndexQueries.filter(filter);
        if (vector.length == 0) {
            return List.of();
        }
        float[] unit = IndexFields.unit(vector);
        return search(searcher -> {
            int candidates = Math.min(Math.max(n, VECTOR_CANDIDATES),
                    Math.max(1, searcher.getIndexReader().maxDoc()));
            return IndexQueries.vector(restriction, unit, candidates);
        }, n, IndexFields::cosine);
    }

    /** {@inheritDoc} Counts live documents in the latest searchable state. */
    @Override
    public long size() {
        ensureOpen();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the search index", e);
        }
    }

    /**
     * Releases the index. Does not commit: changes applied since the last {@link #commit()} are
     * discarded. Idempotent.
     */
    @Override
    public void close() {
        commitLock.lock();
        applyLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            IOUtils.close(searchers, writer, analyzer, directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the search index", e);
        } finally {
            applyLock.unlock();
            commitLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "LuceneSearchIndex[" + location + ", watermark=" + watermark + "]";
    }

    private List<ScoredId> search(Function<IndexSearcher, Query> query, int n, Scoring score) {
        ensureOpen();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                ScoreDoc[] docs = searcher.search(query.apply(searcher), n).scoreDocs;
                String[] ids = IndexFields.ids(searcher.getIndexReader(), docs);
                List<ScoredId> hits = new ArrayList<>(docs.length);
                for (int i = 0; i < docs.length; i++) {
                    hits.add(new ScoredId(ids[i], score.of(docs[i].score)));
                }
                return hits;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the index", e);
        }
    }

    /** Turns Lucene's score into the retriever's own. */
    @FunctionalInterface
    private interface Scoring {
        float of(float luceneScore);
    }

    /**
     * Searchers that cache the doc sets of filters in use, on segments of any size. Every
     * search of a scope runs the same filter (context, scope keys, kinds) over each segment, for
     * the BM25 query and again for the HNSW search, which turns it into a bit set; a cached filter
     * took a 200-candidate vector search on LoCoMo from 0.26 to 0.16 ms. Lucene's default cache
     * leaves segments under 10,000 documents out, which is every segment of most memories.
     * Which filters are cached is Lucene's usual policy (those used several times); cached sets
     * follow deletions and are dropped with their segments.
     */
    private static final class CachingSearchers extends SearcherFactory {
        /** Lucene's default bounds: 1,000 filters, 32 MB. */
        private final LRUQueryCache cache = new LRUQueryCache(1000, 32L << 20, leaf -> true, 10);
        private final QueryCachingPolicy policy = new UsageTrackingQueryCachingPolicy();

        @Override
        public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setQueryCache(cache);
            searcher.setQueryCachingPolicy(policy);
            return searcher;
        }
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

    /** True when the index holds documents written before {@link #SCHEMA}. */
    private boolean predatesSchema() {
        if (writer.getDocStats().maxDoc == 0) {
            return false;
        }
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> entry : data) {
                if (SCHEMA_KEY.equals(entry.getKey())) {
                    return Integer.parseInt(entry.getValue()) < SCHEMA;
                }
            }
        }
        return true;
    }

    private static long committedWatermark(IndexWriter writer) {
        return committed(writer, WATERMARK_KEY).map(Long::parseLong).orElse(0L);
    }

    /** The value of {@code key} in the last commit's user data. */
    private static Optional<String> committed(IndexWriter writer, String key) {
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> entry : data) {
                if (key.equals(entry.getKey())) {
                    return Optional.of(entry.getValue());
                }
            }
        }
        return Optional.empty();
    }

    private static Iterable<Map.Entry<String, String>> commitData(long watermark, String model) {
        return Map.of(WATERMARK_KEY, Long.toString(watermark),
                SCHEMA_KEY, Integer.toString(SCHEMA), MODEL_KEY, model).entrySet();
    }
}
