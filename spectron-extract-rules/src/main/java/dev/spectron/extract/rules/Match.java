package dev.spectron.extract.rules;

import java.util.Map;
import java.util.Optional;

/**
 * Where a pattern matched a clause.
 *
 * @param pattern the pattern
 * @param clause the clause
 * @param start first matched token
 * @param end one past the last matched token
 * @param slots what each slot captured: token positions {@code [from, to)}
 * @param literal which tokens the pattern's own words matched (they are not read as markers:
 *     the "n't" of "can't stand" is part of the phrase, not a negation)
 */
record Match(Pattern pattern, Clause clause, int start, int end, Map<String, Range> slots,
        boolean[] literal) {
    Match {
        slots = Map.copyOf(slots);
        literal = literal.clone();
    }

    /**
     * Token positions {@code [from, to)} of a clause.
     *
     * @param from first token
     * @param to one past the last token
     */
    record Range(int from, int to) {
        boolean contains(int index) {
            return index >= from && index < to;
        }
    }

    Optional<Range> slot(String name) {
        return Optional.ofNullable(slots.get(name));
    }

    boolean isLiteral(int index) {
        return literal[index];
    }

    /** True when a slot covers the token. */
    boolean inSlot(int index) {
        return slots.values().stream().anyMatch(r -> r.contains(index));
    }
}
