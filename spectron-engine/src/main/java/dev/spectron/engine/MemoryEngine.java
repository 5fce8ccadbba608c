package dev.spectron.engine;

import dev.spectron.api.InvalidInputException;
import dev.spectron.api.Memory;
import dev.spectron.api.NotFoundException;
import dev.spectron.engine.spi.Embedder;
import dev.spectron.engine.spi.Lexicon;
import dev.spectron.engine.spi.MemoryStore;
import dev.spectron.engine.spi.SearchIndex;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * Spectron's engine: memory of every context over one store of record, one search index and one
 * embedder. Build it with {@link #builder()}, {@link #start} it (which brings the index up to
 * date with the store), take a {@link Memory} per context, and {@link #close()} it.
 *
 * <p>The engine keeps no state that the store does not have: several engines (nodes) may share
 * one store and index (PostgreSQL). What it caches is checked against the store on use — a
 * context's existence, its key registry, an API key's revocation — and background work (index
 * catch-up, expiry of idempotency keys) is safe to run on every node at once.
 * Thread-safe.
 */
public final class MemoryEngine implements AutoCloseable {
    private static final Pattern CONTEXT_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final long COMMIT_EVERY_MS = 2_000;
    private static final long SWEEP_EVERY_MS = 5_000;
    private static final long PURGE_EVERY_MS = 10 * 60_000;
    private static final System.Logger LOG = System.getLogger(MemoryEngine.class.getName());

    private final Parts parts;
    private final Registries registries;
    private final KeyService keys;
    private final IdempotencyKeys idempotencyKeys;
    private final Map<String, Memory> memories = new ConcurrentHashMap<>();
    private final ScheduledExecutorService background;

    /** The collaborators every per-context memory shares. */
    record Parts(MemoryStore store, SearchIndex index, Embedder embedder, IndexSync sync,
            HybridRetriever retriever, ContextBuilder contextBuilder, InstantSource clock,
            IdGenerator ids, EngineConfig config, Structured structured,
            java.util.function.Function<String, dev.spectron.engine.spi.KeyRegistry>
                    registries) {}

    /** Structured memory: the fact store with its writer and reader. */
    record Structured(dev.spectron.engine.spi.FactStore store, StructuredWriter writer,
            StructuredReader reader) {}

    private MemoryEngine(Builder b) {
        // A plain store (benchmark baselines) embeds each passage as the model does.
        Embedder embedder = b.config.plainTurnIndex() ? b.embedder
                : new SentenceVectors(b.embedder);
        // A plain store knows no kinds of things either.
        Lexicon lexicon = b.config.plainTurnIndex() ? Lexicon.NONE : b.lexicon;
        IndexSync sync = new IndexSync(b.store, b.index, embedder, lexicon);
        QueryEmbeddings queries = new QueryEmbeddings(embedder);
        this.registries = new Registries(b.store, b.registry);
        Hydrator hydrator = new Hydrator(b.store);
        java.util.Set<String> kinds = java.util.Set.of("turn", "attribute", "relation",
                "instruction", "chunk");
        Structured structured = new Structured(b.store, new StructuredWriter(b.store,
                b.extractor != null ? b.extractor : dev.spectron.engine.spi.Extractor.none(),
                new Reconciler(b.store, registries::of, b.ids, b.clock), embedder),
                new StructuredReader(b.store, b.clock));
        this.parts = new Parts(b.store, b.index, embedder, sync,
                new HybridRetriever(b.index, hydrator, queries, b.config, kinds,
                        new TimeTravel(b.store), new KeyLookup(b.store), registries::of,
                        lexicon),
                new ContextBuilder(), b.clock, b.ids, b.config, structured,
                registries::of);
        this.keys = new KeyService(b.store, b.clock);
        this.idempotencyKeys = new IdempotencyKeys(b.store, b.clock);
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spectron-background");
            t.setDaemon(true);
            return t;
        });
    }

    /** A builder; store, index and embedder are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Brings the search index up to date with the store (replaying the change log from the index's
     * watermark) and starts the background work: committing the index every two seconds, a
     * catch-up sweep every five (for changes no write applied, e.g. those of a node that crashed
     * between its commit and its catch-up) and the purge of expired idempotency keys every ten
     * minutes. An index built with another embedding model than the embedder's, or by a version
     * that did not record its model, is first emptied, so the whole log is replayed and every
     * vector re-embedded (logged at INFO; as long as embedding the whole store takes).
     *
     * @param progress told how many changes have been replayed so far
     * @return the number of changes replayed
     */
    public int start(LongConsumer progress) {
        int replayed = parts.sync().start(progress);
        background.scheduleWithFixedDelay(parts.sync()::commitIfDirty, COMMIT_EVERY_MS,
                COMMIT_EVERY_MS, TimeUnit.MILLISECONDS);
        background.scheduleWithFixedDelay(this::sweep, SWEEP_EVERY_MS, SWEEP_EVERY_MS,
                TimeUnit.MILLISECONDS);
        background.scheduleWithFixedDelay(this::purgeIdempotencyKeys, PURGE_EVERY_MS,
                PURGE_EVERY_MS, TimeUnit.MILLISECONDS);
        return replayed;
    }

    /**
     * Applies to the index whatever changes of the store it lacks, unless another node is
     * applying right now; runs in the background every few seconds.
     *
     * @return the number of changes applied
     */
    public int sweep() {
        int applied = parts.sync().sweep();
        if (applied > 0) {
            LOG.log(System.Logger.Level.INFO, "background catch-up applied {0} changes"
                    + " that no write had applied", applied);
        }
        return applied;
    }

    private void purgeIdempotencyKeys() {
        try {
            idempotencyKeys.purgeExpired();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "purging expired idempotency keys failed;"
                    + " it will be retried", e);
        }
    }

    /** How many store changes the index has yet to apply. */
    public long indexLag() {
        return parts.sync().lag();
    }

    /** How many documents the search index holds. */
    public long indexSize() {
        return parts.index().size();
    }

    /** The embedding model in use. */
    public String embeddingModel() {
        return parts.embedder().modelId();
    }

    /**
     * The memory of one context. Whether the context exists is read from the store on every
     * call (a primary-key lookup): another node may have deleted it.
     *
     * @throws NotFoundException when the context does not exist
     */
    public Memory memory(String context) {
        if (!parts.store().contextExists(context)) {
            memories.remove(context);
            throw new NotFoundException("context '" + context + "'");
        }
        return memories.computeIfAbsent(context, c -> new EngineMemory(c, parts));
    }

    /**
     * Creates a context.
     *
     * @return false when it existed already
     * @throws InvalidInputException when the name breaks the naming rule
     */
    public boolean createContext(String name) {
        InvalidInputException.require(name != null && CONTEXT_NAME.matcher(name).matches(),
                "context", "must match [a-z0-9][a-z0-9_-]{0,63}");
        return parts.store().createContext(name, parts.clock().instant());
    }

    /** All contexts, sorted. */
    public List<String> contexts() {
        return parts.store().contexts();
    }

    /** The key registry of a context: built-in keys plus the context's own. */
    public dev.spectron.engine.spi.KeyRegistry registry(String context) {
        memory(context);
        return registries.of(context);
    }

    /** The keys a context added to the built-in registry. */
    public List<dev.spectron.engine.spi.KeySpec> registryExtensions(String context) {
        memory(context);
        return registries.extensions(context);
    }

    /**
     * Adds or redefines keys of a context's registry (cardinality, category, synonyms).
     *
     * @throws NotFoundException when the context does not exist
     */
    public void extendRegistry(String context, List<dev.spectron.engine.spi.KeySpec> specs) {
        memory(context);
        for (dev.spectron.engine.spi.KeySpec spec : specs) {
            InvalidInputException.require(spec.key().matches("[a-z][a-z0-9_]{0,63}"), "key",
                    "'" + spec.key() + "' must be snake_case: [a-z][a-z0-9_]{0,63}");
        }
        registries.extend(context, specs);
    }

    /**
     * Deletes a context with all its data: its memory is purged (no bytes left in the store or
     * the index), then its keys, registry extensions and the context itself are removed.
     *
     * @return the number of memory records purged
     * @throws NotFoundException when the context does not exist
     */
    public int deleteContext(String context) {
        Memory memory = memory(context);
        int purged = memory.forget(new dev.spectron.api.ForgetRequest(
                dev.spectron.api.Scope.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), true, false))
                .forgotten();
        if (!parts.store().deleteContext(context)) {
            throw new NotFoundException("context '" + context + "'");
        }
        memories.remove(context);
        registries.forget(context);
        keys.invalidateCache();
        idempotencyKeys.forget(context);
        return purged;
    }

    /** Key minting, checking and first-start bootstrap. */
    public KeyService keys() {
        return keys;
    }

    /** Idempotency keys of requests, kept in the store. */
    public IdempotencyKeys idempotencyKeys() {
        return idempotencyKeys;
    }

    /** Commits the index and closes the index, the embedder and the store. */
    @Override
    public void close() {
        // shutdown, not shutdownNow: interrupting a commit in flight closes Lucene's file
        // channels (ClosedByInterruptException) and with them the index's write lock.
        background.shutdown();
        try {
            if (!background.awaitTermination(30, TimeUnit.SECONDS)) {
                background.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            parts.sync().commitIfDirty();
        } finally {
            parts.index().close();
            parts.embedder().close();
            parts.store().close();
        }
    }

    /** Configures a {@link MemoryEngine}. */
    public static final class Builder {
        private MemoryStore store;
        private SearchIndex index;
        private Embedder embedder;
        private InstantSource clock = InstantSource.system();
        private IdGenerator ids;
        private EngineConfig config = EngineConfig.defaults();
        private dev.spectron.engine.spi.Extractor extractor;
        private Lexicon lexicon = Lexicon.NONE;
        private dev.spectron.engine.spi.KeyRegistry registry =
                dev.spectron.engine.spi.KeyRegistry.builtIn();

        private Builder() {}

        /** The store of record (required). */
        public Builder store(MemoryStore value) {
            this.store = value;
            return this;
        }

        /** The search index (required). */
        public Builder index(SearchIndex value) {
            this.index = value;
            return this;
        }

        /** The embedder (required). */
        public Builder embedder(Embedder value) {
            this.embedder = value;
            return this;
        }

        /** The extractor for structured memory (default: {@code none}, text only). */
        public Builder extractor(dev.spectron.engine.spi.Extractor value) {
            this.extractor = value;
            return this;
        }

        /**
         * What kinds of things texts name, indexed beside them for word search (default:
         * {@link Lexicon#NONE}). Ignored with {@link EngineConfig#plainTurnIndex()}.
         */
        public Builder lexicon(Lexicon value) {
            this.lexicon = Objects.requireNonNull(value, "lexicon");
            return this;
        }

        /** The key registry (default: the built-in one). */
        public Builder registry(dev.spectron.engine.spi.KeyRegistry value) {
            this.registry = Objects.requireNonNull(value, "registry");
            return this;
        }

        /** The clock (default: system clock). */
        public Builder clock(InstantSource value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The id generator (default: time-ordered random ids). */
        public Builder ids(IdGenerator value) {
            this.ids = Objects.requireNonNull(value, "ids");
            return this;
        }

        /** Limits and tuning (default: {@link EngineConfig#defaults()}). */
        public Builder config(EngineConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /** Builds the engine; call {@link MemoryEngine#start} next. */
        public MemoryEngine build() {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(index, "index");
            Objects.requireNonNull(embedder, "embedder");
            if (ids == null) {
                ids = IdGenerator.timeOrdered(clock);
            }
            return new MemoryEngine(this);
        }
    }
}
