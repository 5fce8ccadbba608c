package dev.spectron.api;

import java.util.List;

/**
 * The answer to a recall.
 *
 * @param hits best first
 * @param formatted the hits as prompt-ready text
 * @param queryMs time spent answering, in milliseconds
 * @param traceId id of this query, for logs
 */
public record Recall(List<Hit> hits, String formatted, double queryMs, String traceId) {
    public Recall {
        hits = List.copyOf(hits);
    }

    /** The hits, under the name the Python and TypeScript SDKs use. */
    public List<Hit> items() {
        return hits;
    }
}
