package dev.spectron.engine.spi;

import java.util.List;

/**
 * Turns text into dense vectors. Vectors are L2-normalised, so the dot product of two of them is
 * their cosine similarity. Implementations are thread-safe.
 */
public interface Embedder extends AutoCloseable {
    /** Identifies the model; stored with every vector so that a model change triggers a re-embed. */
    String modelId();

    /** Length of every vector. */
    int dimensions();

    /** Embeds a search query (models such as BGE prepend their query instruction here). */
    float[] embedQuery(String text);

    /** Embeds passages to be stored, in order; batching is up to the implementation. */
    List<float[]> embedPassages(List<String> texts);

    /** Embeds one passage. */
    default float[] embedPassage(String text) {
        return embedPassages(List.of(text)).getFirst();
    }

    @Override
    default void close() {}
}
