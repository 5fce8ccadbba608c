package dev.spectron.engine.spi;

/**
 * A record together with what the search index holds for it: the text BM25 reads and the vector
 * of that text. The store keeps both so that the index can be rebuilt without re-embedding.
 *
 * @param record the record (a {@link FactRecord}, {@link dev.spectron.api.Instruction} or
 *     {@link ChunkRecord})
 * @param indexText the text for the index ("alice — food preference: vegetarian")
 * @param vector embedding of {@code indexText}
 * @param modelId the model that made {@code vector}
 * @param <T> the record type
 */
public record Indexed<T>(T record, String indexText, float[] vector, String modelId) {}
