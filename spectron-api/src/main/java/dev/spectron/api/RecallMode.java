package dev.spectron.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which retrievers a recall uses. */
public enum RecallMode {
    HYBRID, VECTOR, BM25, GRAPH;

    /** The wire name, e.g. {@code hybrid}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name.
     *
     * @throws InvalidInputException naming {@code mode}
     */
    @JsonCreator
    public static RecallMode parse(String name) {
        for (RecallMode mode : values()) {
            if (mode.wireName().equals(name)) {
                return mode;
            }
        }
        throw new InvalidInputException("mode", "must be one of hybrid, vector, bm25, graph");
    }
}
