package dev.spectron.extract.rules;

import dev.spectron.engine.spi.ExtractedFact.Polarity;
import dev.spectron.engine.spi.ExtractedFact.Tense;
import dev.spectron.engine.spi.ExtractedInstruction.Action;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One statement pattern of {@code patterns.txt}: what to match, what it yields, and example
 * sentences a test runs.
 *
 * @param id stable name, e.g. {@code pref.prefer}
 * @param source the pattern as written
 * @param node the parsed pattern
 * @param facts the facts it yields
 * @param instructions the directives it yields
 * @param options confidence, tense and polarity hints, question handling
 * @param examples example lines, {@code sentence => expectation}
 */
record Pattern(String id, String source, PatternNode node, List<FactTemplate> facts,
        List<InstructionTemplate> instructions, Options options, List<String> examples) {
    Pattern {
        facts = List.copyOf(facts);
        instructions = List.copyOf(instructions);
        examples = List.copyOf(examples);
    }

    /**
     * Hints a pattern or one of its facts gives.
     *
     * @param confidence how sure a match makes us
     * @param tense the tense the phrasing implies ("moved to": CHANGE)
     * @param polarity a fixed polarity that markers may not flip ("can't stand": AFFIRM)
     * @param questions true when the pattern also applies to questions
     */
    record Options(OptionalDouble confidence, Optional<Tense> tense, Optional<Polarity> polarity,
            boolean questions) {
        static final Options NONE = new Options(OptionalDouble.empty(), Optional.empty(),
                Optional.empty(), false);

        /** These options, with {@code more}'s set values taking precedence. */
        Options with(Options more) {
            return new Options(more.confidence.isPresent() ? more.confidence : confidence,
                    more.tense.or(() -> tense), more.polarity.or(() -> polarity),
                    questions || more.questions);
        }
    }

    /**
     * A fact a pattern yields: {@code fact SUBJ likes OBJ}.
     *
     * @param subject a slot name, or SELF, GROUP, ADDRESSEE, ORG
     * @param key how the key is found
     * @param value how the value is found
     * @param options per-fact hints
     */
    record FactTemplate(String subject, KeyExpr key, ValueExpr value, Options options) {}

    /** How a fact's key is found. */
    sealed interface KeyExpr {
        /** A fixed key: {@code likes}. */
        record Fixed(String key) implements KeyExpr {}

        /**
         * The first column of the lexicon entry found in a slot: {@code @pref} (in the value
         * slot) or {@code @kin(REL)}; a table's {@code *} entry is the fallback.
         */
        record Lookup(String table, Optional<String> slot) implements KeyExpr {}

        /** A key built from a slot's words: {@code favorite_{K}}. */
        record Template(String prefix, String slot, String suffix) implements KeyExpr {}
    }

    /** How a fact's value is found. */
    sealed interface ValueExpr {
        /** The words of a slot. */
        record FromSlot(String slot) implements ValueExpr {}

        /** A fixed value: {@code "window"}. */
        record Literal(String text) implements ValueExpr {}
    }

    /**
     * A directive a pattern yields: {@code start T} or {@code stop T}.
     *
     * @param action start or stop
     * @param slot the slot holding the directive's words
     */
    record InstructionTemplate(Action action, String slot) {}
}
