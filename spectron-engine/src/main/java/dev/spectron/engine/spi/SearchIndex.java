package dev.spectron.engine.spi;

import java.util.List;

/**
 * A derived, rebuildable search structure over the store of record: BM25 over text and nearest
 * neighbours over vectors, both filtered by context, scope and kind inside the query.
 *
 * <p>The index remembers the sequence number of the last change it applied ({@link #watermark()}),
 * durably once {@link #commit()} returns, so that on start the engine replays only newer changes.
 * Applying a change twice is harmless. Changes become searchable when {@link #apply} returns.
 * Implementations are thread-safe.
 */
public interface SearchIndex extends AutoCloseable {
    /** Applies changes in order and makes them searchable. */
    void apply(List<IndexChange> changes);

    /**
     * As {@link #apply}, unless another process is applying changes to this index right now:
     * then returns false at once, applying nothing. Background catch-up uses it so that of
     * several nodes sharing one index only one does the work and the others skip. An index that
     * only one process writes applies and returns true (the default).
     *
     * @return true when the changes were applied
     */
    default boolean tryApply(List<IndexChange> changes) {
        apply(changes);
        return true;
    }

    /** The sequence of the last change applied ({@code 0} for an empty index). */
    long watermark();

    /** Makes everything applied so far durable, watermark included. */
    void commit();

    /**
     * Makes deletions physical: rewrites whatever still holds deleted documents (their terms,
     * vectors and stored fields) and commits, so no file of the index keeps their bytes. Called
     * after a purge; costly, so not after every delete.
     */
    void expungeDeletes();

    /** Removes every document and resets the watermark to 0. */
    void clear();

    /** BM25 over document text; best first, at most {@code n}. Never throws on odd query text. */
    List<ScoredId> searchText(IndexFilter filter, String query, int n);

    /** Nearest neighbours by cosine similarity; best first, at most {@code n}. */
    List<ScoredId> searchVector(IndexFilter filter, float[] vector, int n);

    /** Number of documents held (all contexts). */
    long size();

    @Override
    void close();
}
