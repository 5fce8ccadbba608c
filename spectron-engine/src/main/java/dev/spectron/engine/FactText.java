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

    /**
     * The key of a fact's text ({@code alice — food preference: vegetarian} →
     * {@code food_preference}), or empty when the text is not a fact's.
     */
    static java.util.Optional<String> key(String text) {
        int dash = text.indexOf(" — ");
        int colon = dash < 0 ? -1 : text.indexOf(": ", dash + 3);
        if (colon < 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(text.substring(dash + 3, colon).strip().replace(' ', '_'));
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
