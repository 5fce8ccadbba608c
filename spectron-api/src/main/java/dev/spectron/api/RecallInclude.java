package dev.spectron.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Set;

/** What a recall may return (SPEC §4 {@code include}); all of them unless narrowed. */
public enum RecallInclude {
    /** Current facts: hits of kind {@code attribute} and {@code relation}. */
    FACTS(HitKind.ATTRIBUTE, HitKind.RELATION),
    /** Conversation turns: hits of kind {@code turn}. */
    TURNS(HitKind.TURN),
    /** Passages of documents: hits of kind {@code chunk}. */
    DOCUMENTS(HitKind.CHUNK),
    /** Active instructions: hits of kind {@code instruction}. */
    INSTRUCTIONS(HitKind.INSTRUCTION);

    private final Set<HitKind> kinds;

    RecallInclude(HitKind first, HitKind... rest) {
        this.kinds = Set.copyOf(EnumSet.of(first, rest));
    }

    /** Everything a recall can return. */
    public static final Set<RecallInclude> ALL =
            java.util.Collections.unmodifiableSet(EnumSet.allOf(RecallInclude.class));

    /** The hit kinds this stands for. */
    public Set<HitKind> kinds() {
        return kinds;
    }

    /** The wire name, e.g. {@code facts}. */
    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    /**
     * Parses a wire name.
     *
     * @throws InvalidInputException naming {@code include}
     */
    @JsonCreator
    public static RecallInclude parse(String name) {
        return WireNames.parse(RecallInclude.class, name, "include",
                "must list only facts, turns, documents and instructions");
    }
}
