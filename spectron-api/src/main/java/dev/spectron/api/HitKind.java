package dev.spectron.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a recall hit is. */
public enum HitKind {
    ATTRIBUTE, RELATION, INSTRUCTION, TURN, CHUNK;

    /** The wire name, e.g. {@code turn}. */
    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }
}
