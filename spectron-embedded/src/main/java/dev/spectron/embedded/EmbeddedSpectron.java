package dev.spectron.embedded;

import dev.spectron.api.Memory;
import dev.spectron.embed.onnx.EmbeddingModel;
import dev.spectron.embed.onnx.OnnxEmbedder;
import dev.spectron.lexicon.wordnet.WordNetLexicon;
import dev.spectron.api.InvalidInputException;
import dev.spectron.engine.EngineConfig;
import dev.spectron.engine.spi.Extractor;
import dev.spectron.extract.rules.RulesExtractor;
import dev.spectron.llm.openai.LlmConfig;
import dev.spectron.llm.openai.LlmExtractor;
import dev.spectron.engine.MemoryEngine;
import dev.spectron.engine.spi.Embedder;
import dev.spectron.engine.spi.MemoryStore;
import dev.spectron.engine.spi.SearchIndex;
import dev.spectron.index.lucene.LuceneSearchIndex;
import dev.spectron.store.postgres.PostgresBackend;
import dev.spectron.store.postgres.PostgresOptions;
import dev.spectron.store.sqlite.SqliteMemoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Spectron in-process, with no server: SQLite as the store of record and Lucene as the search
 * index in one data directory, and the ONNX embedding model. {@link #memory(String)} returns the
 * same {@link Memory} interface the HTTP client implements.
 *
 * <p>With {@link EmbeddedOptions#postgres()} the store and the index are a PostgreSQL database
 * instead, which any number of processes (server nodes) may open at once; everything else —
 * embedder, extractor, engine configuration — is the same.
 *
 * <pre>{@code
 * try (EmbeddedSpectron spectron = EmbeddedSpectron.open(Path.of("data"))) {
 *     Memory memory = spectron.memory("default");
 *     memory.remember("I prefer vegetarian food.", Scope.of("user", "alice"));
 * }
 * }</pre>
 */
public final class EmbeddedSpectron implements AutoCloseable {
    /** The context a fresh install starts with. */
    public static final String DEFAULT_CONTEXT = "default";
    private static final System.Logger LOG = System.getLogger(EmbeddedSpectron.class.getName());

    private final MemoryEngine engine;

    private EmbeddedSpectron(MemoryEngine engine) {
        this.engine = engine;
    }

    /** Opens (creating when missing) an embedded Spectron in {@code dataDir} with defaults. */
    public static EmbeddedSpectron open(Path dataDir) {
        return open(EmbeddedOptions.of(dataDir), applied -> { });
    }

    /**
     * Opens an embedded Spectron, creating the data directory and the {@code default} context
     * when missing, and brings the search index up to date with the store.
     *
     * @param progress told how many store changes have been replayed into the index
     */
    public static EmbeddedSpectron open(EmbeddedOptions options, LongConsumer progress) {
        Path dir = options.dataDir().toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir, e);
        }
        EmbeddingModel model = EmbeddingModel.parse(options.embeddingModel());
        Extractor extractor = extractor(options.extractor());
        // One intra-op thread per call: concurrent requests then use every core, which
        // measured best for throughput, and a query still embeds in ~4 ms.
        Embedder embedder = OnnxEmbedder.create(model, 1);
        Storage storage = null;
        try {
            storage = options.postgres().map(EmbeddedSpectron::postgres)
                    .orElseGet(() -> Storage.sqlite(dir));
            SearchIndex index = storage.index(embedder.dimensions());
            MemoryStore store = storage.store();
            EngineConfig config = options.engine() != null ? options.engine() : calibrated(model);
            MemoryEngine engine = MemoryEngine.builder().store(store).index(index)
                    .embedder(embedder).config(config).extractor(extractor)
                    .lexicon(new WordNetLexicon()).build();
            engine.createContext(DEFAULT_CONTEXT);
            long started = System.nanoTime();
            int replayed = engine.start(progress);
            if (replayed > 0) {
                LOG.log(Level.INFO, "search index caught up with {0} changes in {1} ms", replayed,
                        (System.nanoTime() - started) / 1_000_000);
            }
            return new EmbeddedSpectron(engine);
        } catch (RuntimeException e) {
            closeQuietly(embedder);
            closeQuietly(storage);
            throw e;
        }
    }

    /**
     * Where the store and the index live. Closing it releases whatever was opened, also when
     * only part of it was; once an engine is built, the engine closes the store and the index.
     */
    private interface Storage extends AutoCloseable {
        MemoryStore store();

        SearchIndex index(int dimensions);

        @Override
        void close();

        /** SQLite ({@code spectron.db}) and Lucene ({@code index/}) in {@code dir}. */
        static Storage sqlite(Path dir) {
            MemoryStore store = SqliteMemoryStore.open(dir.resolve("spectron.db"));
            return new Storage() {
                private SearchIndex index;

                @Override
                public MemoryStore store() {
                    return store;
                }

                @Override
                public SearchIndex index(int dimensions) {
                    index = LuceneSearchIndex.open(dir.resolve("index"));
                    return index;
                }

                @Override
                public void close() {
                    closeQuietly(index);
                    closeQuietly(store);
                }
            };
        }
    }

    /** The store and the index in one PostgreSQL database, shared with other nodes. */
    private static Storage postgres(PostgresOptions options) {
        PostgresBackend backend = PostgresBackend.open(options);
        return new Storage() {
            @Override
            public MemoryStore store() {
                return backend.store();
            }

            @Override
            public SearchIndex index(int dimensions) {
                return backend.index(dimensions);
            }

            @Override
            public void close() {
                backend.close();
            }
        };
    }

    /**
     * Engine defaults with the context relevance thresholds of {@code model}. Each model spreads
     * cosine similarities differently (BGE puts unrelated pairs near 0.4-0.55, MiniLM near 0-0.3),
     * so the thresholds are calibrated per model; see docs/benchmarks.md.
     */
    public static EngineConfig calibrated(EmbeddingModel model) {
        return switch (model) {
            case BGE_SMALL_EN_V15_Q -> EngineConfig.defaults().withContextThresholds(0.53, 0.48)
                    .withImpersonalContextThresholds(0.70, 0.68);
            case ALL_MINILM_L6_V2_Q -> EngineConfig.defaults().withContextThresholds(0.35, 0.30)
                    .withImpersonalContextThresholds(0.57, 0.57);
        };
    }

    /**
     * The extractor named in the options.
     *
     * @throws InvalidInputException for an unknown name or an incomplete LLM configuration
     */
    static Extractor extractor(String name) {
        return switch (name) {
            case "rules" -> RulesExtractor.create();
            case "llm" -> LlmExtractor.create(LlmConfig.fromEnvironment(System::getenv));
            case "none" -> Extractor.none();
            default -> throw new InvalidInputException("extractor",
                    "must be rules, llm or none; got '" + name + "'");
        };
    }

    /** The engine, for servers and tools that need more than {@link Memory}. */
    public MemoryEngine engine() {
        return engine;
    }

    /** The memory of {@code context}. */
    public Memory memory(String context) {
        return engine.memory(context);
    }

    /** The memory of the {@code default} context. */
    public Memory memory() {
        return engine.memory(DEFAULT_CONTEXT);
    }

    @Override
    public void close() {
        engine.close();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "while closing after a failed open", e);
        }
    }
}
