package dev.spectron.api;

import java.util.List;

/**
 * Everything current that a scope sees.
 *
 * @param attributes current attributes
 * @param relations current relations
 * @param instructions active instructions
 * @param uncertainties open uncertainties
 */
public record MemoryState(List<Attribute> attributes, List<Relation> relations,
        List<Instruction> instructions, List<Uncertainty> uncertainties) {
    public MemoryState {
        attributes = List.copyOf(attributes);
        relations = List.copyOf(relations);
        instructions = List.copyOf(instructions);
        uncertainties = List.copyOf(uncertainties);
    }
}
