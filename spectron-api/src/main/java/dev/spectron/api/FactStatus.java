package dev.spectron.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Lifecycle of an attribute or relation. Superseded and retracted rows are kept as history. */
public enum FactStatus {
    /** Holds now, as far as Spectron knows. */
    CURRENT,
    /** Replaced by a newer value ({@code supersededBy} names it). */
    SUPERSEDED,
    /** Closed by a negation, with no successor ("I no longer work at Initech."). */
    RETRACTED,
    /** Hidden from every read by a forget. */
    FORGOTTEN;

    /** The wire name, e.g. {@code current}. */
    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    /** Parses a wire name. @throws InvalidInputException naming {@code status} */
    @JsonCreator
    public static FactStatus parse(String name) {
        return WireNames.parse(FactStatus.class, name, "status",
                "must be one of current, superseded, retracted, forgotten");
    }
}
