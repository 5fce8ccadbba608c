package dev.spectron.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which retrievers a recall uses. */
public enum RecallMode {
    HYBRID, VECTOR, BM25, GRAPH;

    /** The wire name, e.g. {@code hybrid}. */
    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    /**
     * Parses a wire name.
     *
     * @throws InvalidInputException naming {@code mode}
     */
    @JsonCreator
    public static RecallMode parse(String name) {
        return WireNames.parse(RecallMode.class, name, "mode",
                "must be one of hybrid, vector, bm25, graph");
    }
}
