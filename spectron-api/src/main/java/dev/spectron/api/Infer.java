package dev.spectron.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What {@code remember} does with the text besides storing it. */
public enum Infer {
    /** Extract and reconcile (default). */
    FULL,
    /** Store the caller's triples as given, without reading the text. */
    TRIPLES,
    /** Extract and reconcile, return the diff, write nothing. */
    PREVIEW,
    /** Store the text only. */
    NONE;

    /** The wire name, e.g. {@code full}. */
    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    /** Parses a wire name. @throws InvalidInputException naming {@code infer} */
    @JsonCreator
    public static Infer parse(String name) {
        return WireNames.parse(Infer.class, name, "infer",
                "must be one of full, triples, preview, none");
    }
}
