package dev.spectron.api;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a recall hit or a context item is. {@code UNCERTAINTY} (an open question about a fact) is
 * only ever a context item: recall does not search uncertainties.
 */
public enum HitKind {
    ATTRIBUTE, RELATION, INSTRUCTION, TURN, CHUNK, UNCERTAINTY;

    /** The wire name, e.g. {@code turn}. */
    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }
}
