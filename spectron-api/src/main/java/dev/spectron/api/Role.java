package dev.spectron.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Who produced a turn. Written in lower case on the wire. */
public enum Role {
    USER, ASSISTANT, SYSTEM, TOOL;

    /** The wire name, e.g. {@code user}. */
    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    /**
     * Parses a wire name.
     *
     * @throws InvalidInputException naming {@code role} when the name is not one of the four
     */
    @JsonCreator
    public static Role parse(String name) {
        if (name != null) {
            for (Role role : values()) {
                if (role.wireName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return role;
                }
            }
        }
        throw new InvalidInputException("role", "must be one of user, assistant, system, tool");
    }
}
