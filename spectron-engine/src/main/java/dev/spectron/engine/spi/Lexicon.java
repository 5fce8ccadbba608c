package dev.spectron.engine.spi;

import java.util.List;

/**
 * What kinds of things a text names: "Took a short trip to Rome" names a city, a capital; "I play
 * the violin" a stringed instrument, a musical instrument. The search index holds these words
 * beside the text, so that "Which cities has Jon visited?" finds Rome by words, which neither the
 * turn's words nor a small embedding model's sense of "city" reliably do. Implementations are
 * thread-safe and work offline.
 */
public interface Lexicon {
    /** No knowledge: every text names nothing. */
    Lexicon NONE = new Lexicon() {
        @Override
        public String id() {
            return "";
        }

        @Override
        public List<String> kinds(String text) {
            return List.of();
        }
    };

    /**
     * Identifies the lexicon and its settings; recorded with the search index, so that another
     * lexicon rebuilds it. {@code ""} for {@link #NONE}.
     */
    String id();

    /**
     * The kinds of things {@code text} names, general words ("city", "musical instrument"), each
     * once, in the order the text first names them; empty when it names nothing known.
     */
    List<String> kinds(String text);
}
