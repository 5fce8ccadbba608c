package dev.spectron.engine;

import dev.spectron.engine.spi.FactRecord;

/**
 * How facts and instructions read in the search index and in answers: short sentences such as
 * {@code alice — food preference: vegetarian} or {@code bob — works at: Acme Corp}.
 */
final class FactText {
    private FactText() {}

    static String of(FactRecord fact, String subjectDisplay) {
        return subjectDisplay + " — " + fact.key().replace('_', ' ') + ": " + fact.value();
    }

    static String instruction(String text) {
        return "instruction: " + text;
    }

    /** A value compared loosely: lower case, trimmed, no leading article or final punctuation. */
    static String comparable(String value) {
        String out = dev.spectron.engine.spi.EntityKey.normalize(value);
        return out.replaceAll("[.!?,;:]+$", "").strip();
    }
}
