package dev.spectron.engine.spi;

import java.util.List;

/**
 * A derived, rebuildable search structure over the store of record: BM25 over text and nearest
 * neighbours over vectors, both filtered by context, scope and kind inside the query.
 *
 * <p>The index remembers the sequence number of the last change it applied ({@link #watermark()}),
 * durably once {@link #commit()} returns, so that on start the engine replays only newer changes.
 * Applying a change twice is harmless. Changes become searchable when {@link #apply} returns.
 * It also records, as durably, which embedding model its vectors came from
 * ({@link #embeddingModel()}), so that on start the engine can tell an index built with another
 * model and rebuild it. Implementations are thread-safe.
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

    /**
     * Removes every document, resets the watermark to 0 and forgets the recorded embedding
     * model ({@link #embeddingModel()} is then {@code ""}), durably.
     */
    void clear();

    /**
     * The id of the embedding model whose vectors the index holds, as last recorded by
     * {@link #adoptEmbeddingModel}; {@code ""} when none is recorded: a new or cleared index, or
     * one built before indexes recorded their model. Never null.
     */
    String embeddingModel();

    /**
     * Records that the index holds vectors of {@code modelId} from now on. When another model, or
     * none, is recorded and the watermark is above 0, the vectors held are of no use with the new
     * model's: every document is removed and the watermark reset to 0 first, as by
     * {@link #clear()}, so that the caller replays the whole change log with vectors of
     * {@code modelId}. Reading the recorded model, clearing and recording are one step, atomic
     * with respect to {@link #apply} and {@link #clear()} in every process sharing the index: of
     * several callers adopting one model at once, only the first clears. Does nothing when
     * {@code modelId} is recorded already. Durable when it returns.
     *
     * @param modelId the embedder's {@link Embedder#modelId()}
     * @return true when the index was cleared
     * @throws NullPointerException when {@code modelId} is null
     */
    boolean adoptEmbeddingModel(String modelId);

    /** BM25 over document text; best first, at most {@code n}. Never throws on odd query text. */
    List<ScoredId> searchText(IndexFilter filter, String query, int n);

    /** Nearest neighbours by cosine similarity; best first, at most {@code n}. */
    List<ScoredId> searchVector(IndexFilter filter, float[] vector, int n);

    /** Number of documents held (all contexts). */
    long size();

    @Override
    void close();
}
