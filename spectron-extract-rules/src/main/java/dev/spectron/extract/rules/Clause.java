package dev.spectron.extract.rules;

import java.util.List;

/**
 * A part of a sentence that states one thing: "My name is Priya and I work as a data engineer"
 * holds two. A clause that continues an earlier one without its own subject ("… and work at
 * Siemens") borrows that subject: its first {@code borrowed} tokens are copies from before.
 *
 * @param tokens its words
 * @param question true when the sentence is a question
 * @param lowerCase true when the sentence is written without capitals
 * @param borrowed how many leading tokens were borrowed from the previous clause
 */
record Clause(List<Token> tokens, boolean question, boolean lowerCase, int borrowed) {
    Clause {
        tokens = List.copyOf(tokens);
    }

    int size() {
        return tokens.size();
    }

    Token token(int index) {
        return tokens.get(index);
    }

    /** The original text covered by tokens {@code [from, to)}, as written. */
    String text(String source, int from, int to) {
        if (from >= to) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int last = -1;
        for (int i = from; i < to; i++) {
            Token t = tokens.get(i);
            if (last >= 0 && t.start() > last) {
                out.append(' ');
            }
            out.append(source, t.start(), t.end());
            last = t.end();
        }
        return out.toString();
    }
}
