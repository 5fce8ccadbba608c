package dev.spectron.embedded;

import dev.spectron.engine.EngineConfig;
import dev.spectron.store.postgres.PostgresOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How an embedded Spectron is opened. Immutable.
 *
 * @param dataDir directory holding the SQLite database and the Lucene index (with
 *     {@code postgres}, only what the node itself writes, such as {@code credentials.json})
 * @param embeddingModel {@code bge-small} (default) or {@code minilm}
 * @param synchronous SQLite synchronous mode for commits: {@code FULL} (default) or
 *     {@code NORMAL}
 * @param engine engine limits and tuning; null for the defaults with the context relevance
 *     thresholds calibrated for {@code embeddingModel}
 * @param extractor {@code rules} (default, offline), {@code llm} (an OpenAI-compatible endpoint
 *     configured by {@code SPECTRON_LLM_BASE_URL}, {@code SPECTRON_LLM_MODEL} and optionally
 *     {@code SPECTRON_LLM_API_KEY}) or {@code none} (text only)
 * @param postgres when present, the store of record and the search index live in this
 *     PostgreSQL database instead of {@code dataDir}, shared with every other node opened on
 *     it; empty (the default) for SQLite and Lucene in {@code dataDir}
 */
public record EmbeddedOptions(Path dataDir, String embeddingModel, String synchronous,
        EngineConfig engine, String extractor, Optional<PostgresOptions> postgres) {
    public EmbeddedOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        embeddingModel = embeddingModel == null ? "bge-small" : embeddingModel;
        synchronous = synchronous == null ? "FULL" : synchronous;
        extractor = extractor == null ? "rules" : extractor;
        postgres = postgres == null ? Optional.empty() : postgres;
    }

    /** Defaults for {@code dataDir}: SQLite and Lucene there. */
    public static EmbeddedOptions of(Path dataDir) {
        return new EmbeddedOptions(dataDir, null, null, null, null, Optional.empty());
    }

    /** A copy using another embedding model. */
    public EmbeddedOptions withEmbeddingModel(String model) {
        return new EmbeddedOptions(dataDir, model, synchronous, engine, extractor, postgres);
    }

    /** A copy with other engine settings. */
    public EmbeddedOptions withEngine(EngineConfig config) {
        return new EmbeddedOptions(dataDir, embeddingModel, synchronous, config, extractor,
                postgres);
    }

    /** A copy using another extractor: {@code rules}, {@code llm} or {@code none}. */
    public EmbeddedOptions withExtractor(String name) {
        return new EmbeddedOptions(dataDir, embeddingModel, synchronous, engine, name, postgres);
    }

    /** A copy keeping the store and the index in PostgreSQL. */
    public EmbeddedOptions withPostgres(PostgresOptions options) {
        return new EmbeddedOptions(dataDir, embeddingModel, synchronous, engine, extractor,
                Optional.of(Objects.requireNonNull(options, "options")));
    }
}
