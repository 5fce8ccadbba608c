package dev.spectron.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** When a session's turns are extracted: on every turn (default) or once, at close. */
public enum ExtractMode {
    TURN, SESSION;

    /** The wire name, {@code turn} or {@code session}. */
    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    /**
     * Parses a wire name.
     *
     * @throws InvalidInputException naming {@code extract}
     */
    @JsonCreator
    public static ExtractMode parse(String name) {
        return WireNames.parse(ExtractMode.class, name, "extract",
                "must be 'turn' or 'session'");
    }
}
