package dev.spectron.engine.spi;

/**
 * One entry of the store's change log, which the search index replays in sequence order. The
 * store writes it in the same transaction as the change itself, so the index can always catch up.
 */
public sealed interface IndexChange permits IndexChange.Upsert, IndexChange.Delete {
    /** The change's position in the log; strictly increasing. */
    long seq();

    /**
     * Add or replace a document.
     *
     * @param seq log position
     * @param document the document to hold
     * @param modelId the model that made {@code document.vector()}
     */
    record Upsert(long seq, IndexDocument document, String modelId) implements IndexChange {}

    /**
     * Remove a document.
     *
     * @param seq log position
     * @param id the record id
     */
    record Delete(long seq, String id) implements IndexChange {}
}
