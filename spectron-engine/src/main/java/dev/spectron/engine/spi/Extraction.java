package dev.spectron.engine.spi;

import java.util.List;

/**
 * What an extractor read from one text.
 *
 * @param facts candidate attributes and relations
 * @param instructions candidate directives
 * @param entities entities named in the text, with their display names (including ones no fact
 *     is about yet)
 */
public record Extraction(List<ExtractedFact> facts, List<ExtractedInstruction> instructions,
        List<NamedEntity> entities) {
    public Extraction {
        facts = List.copyOf(facts);
        instructions = List.copyOf(instructions);
        entities = List.copyOf(entities);
    }

    /** Nothing found. */
    public static Extraction empty() {
        return new Extraction(List.of(), List.of(), List.of());
    }

    /**
     * An entity as named in the text.
     *
     * @param key its identity
     * @param displayName its name as written ("Acme Corp")
     */
    public record NamedEntity(EntityKey key, String displayName) {}
}
