package dev.spectron.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a recall hit is. */
public enum HitKind {
    ATTRIBUTE, RELATION, INSTRUCTION, TURN, CHUNK;

    /** The wire name, e.g. {@code turn}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
