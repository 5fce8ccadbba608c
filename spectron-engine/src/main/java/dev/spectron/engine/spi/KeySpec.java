package dev.spectron.engine.spi;

import java.util.List;

/**
 * What the registry knows of one attribute key or relation label.
 *
 * @param key canonical snake_case name
 * @param relation true for relation labels (links between entities)
 * @param cardinality one value at a time, or many that accumulate
 * @param category identity, knowledge or context
 * @param synonyms other names that mean this key
 */
public record KeySpec(String key, boolean relation, Cardinality cardinality, Category category,
        List<String> synonyms) {
    public KeySpec {
        synonyms = List.copyOf(synonyms);
    }

    /** How many current values a key may have per entity and scope. */
    public enum Cardinality {
        /** A new value supersedes the old one. */
        ONE,
        /** Values accumulate and are retracted one by one. */
        MANY
    }

    /** The three fact categories (episodic turns, instructions and uncertainties are the rest). */
    public enum Category {
        /** Who someone is: importance 1.0, never decays. */
        IDENTITY(1.0),
        /** Facts and preferences: importance 0.8, fades without reinforcement. */
        KNOWLEDGE(0.8),
        /** Short-lived working set: importance 0.5, expires. */
        CONTEXT(0.5);

        private final double importance;

        Category(double importance) {
            this.importance = importance;
        }

        /** Default importance of facts in this category. */
        public double importance() {
            return importance;
        }

        /** The wire name, e.g. {@code identity}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
