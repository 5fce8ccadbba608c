package dev.spectron.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Optional;

/**
 * What one write changed in structured memory. Every write returns one, empty when extraction
 * found nothing.
 *
 * @param turnId the turn the write stored, if it stored one
 * @param entities entities touched, with whether they are new
 * @param attributes attribute decisions
 * @param relations relation decisions
 * @param instructions instruction decisions
 * @param uncertainties uncertainties raised
 * @param corrections values that replaced earlier values
 */
public record Diff(Optional<String> turnId, List<EntityChange> entities,
        List<AttributeChange> attributes, List<RelationChange> relations,
        List<InstructionChange> instructions, List<UncertaintyChange> uncertainties,
        List<Correction> corrections) {
    public Diff {
        turnId = turnId == null ? Optional.empty() : turnId;
        entities = entities == null ? List.of() : List.copyOf(entities);
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
        relations = relations == null ? List.of() : List.copyOf(relations);
        instructions = instructions == null ? List.of() : List.copyOf(instructions);
        uncertainties = uncertainties == null ? List.of() : List.copyOf(uncertainties);
        corrections = corrections == null ? List.of() : List.copyOf(corrections);
    }

    /** A diff that changed nothing, for the given turn. */
    public static Diff empty(String turnId) {
        return new Diff(Optional.ofNullable(turnId), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of());
    }

    /** True when nothing changed. */
    @JsonIgnore
    public boolean isEmpty() {
        return entities.isEmpty() && attributes.isEmpty() && relations.isEmpty()
                && instructions.isEmpty() && uncertainties.isEmpty() && corrections.isEmpty();
    }

    /** An entity the write touched. */
    public record EntityChange(String id, String type, String name, boolean isNew) {}

    /** A decision about one attribute. */
    public record AttributeChange(String id, String entity, String key, String value,
            String decision) {}

    /** A decision about one relation. */
    public record RelationChange(String id, String subject, String label, String object,
            String decision) {}

    /** A decision about one instruction. */
    public record InstructionChange(String id, String text, String decision) {}

    /** An uncertainty raised by the write. */
    public record UncertaintyChange(String id, String kind, String about) {}

    /** A value that replaced an earlier one. */
    public record Correction(String entity, String key, String oldValue, String newValue) {}
}
