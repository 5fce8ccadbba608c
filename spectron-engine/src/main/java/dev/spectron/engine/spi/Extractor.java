package dev.spectron.engine.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads candidate facts and directives from text. Implementations: {@code rules} (offline,
 * deterministic, the default), {@code llm} (any OpenAI-compatible endpoint), {@code triples}
 * and {@code none}. Extractors only read: reconciling candidates with stored memory is the
 * engine's job. Failures are thrown, never returned as an empty extraction. Thread-safe.
 */
public interface Extractor {
    /** The {@code none} extractor: finds nothing, so only text is stored. */
    static Extractor none() {
        return NoExtractor.INSTANCE;
    }

    /** The extractor's name: {@code rules}, {@code llm}, … */
    String name();

    /** Extracts from one text. */
    Extraction extract(ExtractionRequest request);

    /**
     * Extracts from several texts of one conversation, in order. An extractor that calls a
     * model makes at most one call for the whole batch.
     */
    default List<Extraction> extractAll(List<ExtractionRequest> requests) {
        List<Extraction> out = new ArrayList<>(requests.size());
        for (ExtractionRequest request : requests) {
            out.add(extract(request));
        }
        return out;
    }
}
