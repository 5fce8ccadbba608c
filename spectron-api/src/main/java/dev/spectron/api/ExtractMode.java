package dev.spectron.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** When a session's turns are extracted: on every turn (default) or once, at close. */
public enum ExtractMode {
    TURN, SESSION;

    /** The wire name, {@code turn} or {@code session}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name.
     *
     * @throws InvalidInputException naming {@code extract}
     */
    @JsonCreator
    public static ExtractMode parse(String name) {
        for (ExtractMode mode : values()) {
            if (mode.wireName().equals(name)) {
                return mode;
            }
        }
        throw new InvalidInputException("extract", "must be 'turn' or 'session'");
    }
}
