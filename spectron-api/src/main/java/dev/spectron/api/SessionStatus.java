package dev.spectron.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a session still takes turns. */
public enum SessionStatus {
    OPEN, CLOSED;

    /** The wire name, {@code open} or {@code closed}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
