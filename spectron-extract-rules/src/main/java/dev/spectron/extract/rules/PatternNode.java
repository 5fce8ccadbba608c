package dev.spectron.extract.rules;

import java.util.List;

/**
 * One element of a statement pattern, as parsed from {@code patterns.txt} (see
 * {@link PatternParser} for the notation).
 */
sealed interface PatternNode {

    /** A word by lemma, word or singular: {@code prefer} matches "prefers", "preferred". */
    record Word(String word) implements PatternNode {}

    /** A word exactly as written (lower case): {@code "eats"}. */
    record Surface(String text) implements PatternNode {}

    /** A part-of-speech tag: {@code {NOUN}}. */
    record Tag(String tag) implements PatternNode {}

    /**
     * Any phrase of a lexicon table: {@code @diet}; {@code @kin/animal} only the entries with a
     * column {@code animal}.
     *
     * @param table the table
     * @param filter a column value the entry must have, or "" for any entry
     */
    record TableRef(String table, String filter) implements PatternNode {}

    /** {@code _}: any one word. */
    record Any() implements PatternNode {}

    /**
     * A phrase primitive: {@code <np>}, {@code <name>}, {@code <cap>}, {@code <num>},
     * {@code <qty>}, {@code <rest>}, {@code <nn>}, {@code <subj>}, {@code <poss>}; {@code
     * <np@role>} is a noun phrase containing a phrase of table {@code role}.
     *
     * @param kind the primitive
     * @param table the table the phrase must contain, or "" for none
     */
    record Chunk(String kind, String table) implements PatternNode {}

    /** Elements one after another. */
    record Seq(List<PatternNode> items) implements PatternNode {
        public Seq {
            items = List.copyOf(items);
        }
    }

    /** The first alternative that lets the rest of the pattern match: {@code (a|b c)}. */
    record Alt(List<PatternNode> options) implements PatternNode {
        public Alt {
            options = List.copyOf(options);
        }
    }

    /** Greedy repetition: {@code x?}, {@code x*}, {@code x+}. */
    record Repeat(PatternNode node, int min, int max) implements PatternNode {}

    /** A named capture: {@code [OBJ <np>]}; {@code [OBJ]} alone is a noun phrase. */
    record Slot(String name, PatternNode inner) implements PatternNode {}

    /** A zero-width check that {@code node} does not match here: {@code !@diet}. */
    record Not(PatternNode node) implements PatternNode {}

    /** {@code ^}: the start of the clause. */
    record Start() implements PatternNode {}

    /** {@code $}: the end of the clause. */
    record End() implements PatternNode {}

    /** {@code ~}: zero or more gap words between subject and verb ("don't", "also", "now"). */
    record Filler() implements PatternNode {}
}
