package dev.spectron.extract.rules;

import java.util.List;

/**
 * A tagged sentence.
 *
 * @param tokens its words, contractions split ("I'm" → "I", "'m")
 * @param start offset of its first character in the whole text
 * @param end offset one past its last character
 * @param question true for questions and requests phrased as questions
 * @param lowerCase true when the writer does not capitalise (no capital after the first word),
 *     so names cannot be told by their capitals
 */
record Sentence(List<Token> tokens, int start, int end, boolean question, boolean lowerCase) {
    Sentence {
        tokens = List.copyOf(tokens);
    }
}
