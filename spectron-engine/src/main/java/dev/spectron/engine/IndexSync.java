package dev.spectron.engine;

import dev.spectron.engine.spi.Embedder;
import dev.spectron.engine.spi.IndexChange;
import dev.spectron.engine.spi.IndexDocument;
import dev.spectron.engine.spi.Lexicon;
import dev.spectron.engine.spi.MemoryStore;
import dev.spectron.engine.spi.SearchIndex;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * Keeps the search index a faithful copy of the store's change log. Every write calls
 * {@link #catchUp()} after its transaction commits, and so does start-up: one mechanism for live
 * writes and for recovery after a crash, a lost index or a model change (for which start-up
 * first empties an index built with another model, {@link #adoptModel()}).
 *
 * <p>Several nodes may share one store and one index (PostgreSQL). A write's catch-up applies
 * at least up to the change log's newest entry at the time it starts, which includes the write's
 * own changes: when it returns, they are searchable on every node (read-your-writes), whichever
 * node applied them. {@link #sweep()} runs in the background for changes that no write applied
 * (a node committed them and crashed before applying); it yields to whoever is applying.
 */
final class IndexSync {
    private static final System.Logger LOG = System.getLogger(IndexSync.class.getName());
    private static final int BATCH = 512;

    private final MemoryStore store;
    private final SearchIndex index;
    private final Embedder embedder;
    private final Lexicon lexicon;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean dirty;

    IndexSync(MemoryStore store, SearchIndex index, Embedder embedder) {
        this(store, index, embedder, Lexicon.NONE);
    }

    IndexSync(MemoryStore store, SearchIndex index, Embedder embedder, Lexicon lexicon) {
        this.store = store;
        this.index = index;
        this.embedder = embedder;
        this.lexicon = lexicon;
    }

    /**
     * What the index is built with, as it records it ({@link SearchIndex#adoptEmbeddingModel}):
     * the embedding model, then {@code +} and the lexicon when there is one
     * ({@code bge-small-en-v1.5-q+sentences+wordnet-3.1/2}).
     */
    String recipe() {
        return lexicon.id().isEmpty() ? embedder.modelId()
                : embedder.modelId() + "+" + lexicon.id();
    }

    /**
     * Start-up: {@linkplain #adoptModel adopts the embedder's model}, rebuilding the index when it
     * was built with another one, then catches up and commits.
     *
     * @param progress told how many changes have been replayed so far, after each batch
     * @return the number of changes replayed
     */
    int start(LongConsumer progress) {
        boolean rebuilding = adoptModel();
        int replayed = catchUp(progress);
        commitIfDirty();
        if (rebuilding) {
            LOG.log(Level.INFO, "search index rebuilt for model {0}: {1} changes replayed",
                    recipe(), replayed);
        }
        return replayed;
    }

    /**
     * Makes the index hold vectors of the embedder's model, and kinds of the lexicon, only
     * ({@link #recipe()}). An index that has applied changes but records another recipe, or
     * none (it was built before indexes recorded one), is cleared and the recipe recorded
     * ({@link SearchIndex#adoptEmbeddingModel}): the next {@link #catchUp} replays the whole
     * change log, re-embedding every vector that another model made (a change of lexicon alone
     * re-embeds nothing). An empty index only records the recipe.
     *
     * <p>Nodes sharing one index (PostgreSQL) that start at once with the same new model all find
     * the old model recorded and ask to adopt the new one, but the index checks, clears and
     * records in one transaction holding its watermark row, which every apply locks too: the
     * first node clears, the others then find the new model recorded and clear nothing, and none
     * can clear while another replays. Their catch-ups then replay the log side by side, each
     * apply skipping what is at or below the watermark (some batches are embedded twice; nothing
     * is lost or applied out of order). What could lose documents is a clear between another
     * node's reading of the watermark and its next apply: that apply would write changes far
     * above the reset watermark and advance it past everything in between. Among nodes of one
     * model it cannot happen, since once the model is recorded nobody clears. A node still
     * running the old model can do just that to a node that starts with the new one (and
     * would write vectors of its own model into the rebuilt index besides), so a model change
     * needs every node stopped first (docs/operations.md).
     *
     * @return true when the index was cleared and the whole log is to be replayed
     */
    boolean adoptModel() {
        String model = recipe();
        lock.lock();
        try {
            String recorded = index.embeddingModel();
            if (recorded.equals(model)) {
                return false;
            }
            long watermark = index.watermark();
            boolean cleared = index.adoptEmbeddingModel(model);
            String built = recorded.isEmpty() ? "an unrecorded model" : "model " + recorded;
            if (cleared) {
                LOG.log(Level.INFO, "search index was built with {0}; rebuilding it for model {1}"
                        + " (replaying the change log, re-embedding vectors of other models)",
                        built, model);
            } else if (watermark > 0) {
                LOG.log(Level.INFO, "search index was built with {0}; another node has just"
                        + " started rebuilding it for model {1}; joining its catch-up", built,
                        model);
            }
            return cleared;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies every change the index has not seen yet. Changes whose vector was made by another
     * model are re-embedded with the current one.
     *
     * @return the number of changes applied
     */
    int catchUp() {
        return catchUp(applied -> { });
    }

    /**
     * As {@link #catchUp()}, reporting progress (changes applied so far) after each batch. Stops
     * once the index holds everything logged when the call began: with writers on other nodes
     * the log keeps growing, and their own catch-ups apply what they add.
     */
    int catchUp(LongConsumer progress) {
        lock.lock();
        try {
            long target = store.lastChange();
            int total = 0;
            long watermark = index.watermark();
            while (watermark < target) {
                List<IndexChange> changes = store.changesSince(watermark, BATCH);
                if (changes.isEmpty()) {
                    return total;
                }
                index.apply(withKinds(reembedStale(changes)));
                dirty = true;
                total += changes.size();
                progress.accept(total);
                watermark = index.watermark();
            }
            return total;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Background catch-up: applies whatever the index lacks, unless this node or another one is
     * applying changes right now ({@link SearchIndex#tryApply}), in which case it leaves the work
     * to them. Never throws; a failure is logged and the next sweep tries again.
     *
     * @return the number of changes applied
     */
    int sweep() {
        if (!lock.tryLock()) {
            return 0;
        }
        try {
            int total = 0;
            while (true) {
                List<IndexChange> changes = store.changesSince(index.watermark(), BATCH);
                if (changes.isEmpty() || !index.tryApply(withKinds(reembedStale(changes)))) {
                    return total;
                }
                dirty = true;
                total += changes.size();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "background index catch-up failed; it will be retried", e);
            return 0;
        } finally {
            lock.unlock();
        }
    }

    /** Makes the index's deletions physical (after a purge), committing everything applied. */
    void expunge() {
        lock.lock();
        try {
            index.expungeDeletes();
            dirty = false;
        } finally {
            lock.unlock();
        }
    }

    /** How many changes the index is behind the store. */
    long lag() {
        return Math.max(0, store.lastChange() - index.watermark());
    }

    /** Commits the index if anything was applied since the last commit. */
    void commitIfDirty() {
        lock.lock();
        try {
            if (dirty) {
                index.commit();
                dirty = false;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "search index commit failed; it will be retried", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code changes} with the kinds of things each upserted document names
     * ({@link Lexicon#kinds}) added to its text for BM25, after {@link TurnText#ADDITIONS}: the
     * index holds them, the store does not, so another lexicon needs only a rebuild.
     */
    private List<IndexChange> withKinds(List<IndexChange> changes) {
        if (lexicon == Lexicon.NONE) {
            return changes;
        }
        List<IndexChange> out = new ArrayList<>(changes.size());
        for (IndexChange change : changes) {
            if (change instanceof IndexChange.Upsert upsert) {
                IndexDocument d = upsert.document();
                String text = d.text();
                int at = text.indexOf(TurnText.ADDITIONS);
                String own = at < 0 ? text : text.substring(0, at);
                List<String> kinds = lexicon.kinds(TurnText.naming(d.kind(), own));
                if (!kinds.isEmpty()) {
                    String added = "(" + String.join(", ", kinds) + ")";
                    text = own + TurnText.ADDITIONS + added
                            + (at < 0 ? "" : " " + text.substring(at + 1));
                    change = new IndexChange.Upsert(upsert.seq(), new IndexDocument(d.id(),
                            d.context(), d.kind(), d.scopeKey(), d.sessionId(), text,
                            d.vector(), d.createdAt()), upsert.modelId());
                }
            }
            out.add(change);
        }
        return out;
    }

    private List<IndexChange> reembedStale(List<IndexChange> changes) {
        List<Integer> stale = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i) instanceof IndexChange.Upsert upsert
                    && !upsert.modelId().equals(embedder.modelId())) {
                stale.add(i);
            }
        }
        if (stale.isEmpty()) {
            return changes;
        }
        List<String> texts = new ArrayList<>(stale.size());
        for (int i : stale) {
            texts.add(TurnText.embedded(((IndexChange.Upsert) changes.get(i)).document().text()));
        }
        List<float[]> vectors = embedder.embedPassages(texts);
        // Kept in the store too, so that the next rebuild takes them as they are.
        java.util.Map<String, float[]> byId = new java.util.HashMap<>();
        for (int j = 0; j < stale.size(); j++) {
            byId.put(((IndexChange.Upsert) changes.get(stale.get(j))).document().id(),
                    vectors.get(j));
        }
        store.replaceVectors(byId, embedder.modelId());
        List<IndexChange> fixed = new ArrayList<>(changes);
        for (int j = 0; j < stale.size(); j++) {
            IndexChange.Upsert old = (IndexChange.Upsert) changes.get(stale.get(j));
            IndexDocument d = old.document();
            fixed.set(stale.get(j), new IndexChange.Upsert(old.seq(), new IndexDocument(d.id(),
                    d.context(), d.kind(), d.scopeKey(), d.sessionId(), d.text(), vectors.get(j),
                    d.createdAt()), embedder.modelId()));
        }
        return fixed;
    }
}
