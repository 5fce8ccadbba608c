package dev.spectron.engine;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a "stop …" names an active instruction: the content words of the target, crudely
 * stemmed ("replying" → "repl", "formally" → "formal"), must all occur in the instruction.
 */
final class InstructionMatch {
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "to", "me", "my",
            "with", "in", "on", "of", "and", "or", "please", "always", "never", "stop", "don't",
            "do", "not", "be", "you", "your", "it", "that", "this", "from", "now", "anymore");

    private InstructionMatch() {}

    static boolean overlaps(String instruction, String target) {
        Set<String> have = stems(instruction);
        Set<String> want = stems(target);
        return !want.isEmpty() && have.containsAll(want);
    }

    static Set<String> stems(String text) {
        Set<String> out = new HashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z']+")) {
            if (word.isBlank() || STOP_WORDS.contains(word)) {
                continue;
            }
            out.add(stem(word));
        }
        return out;
    }

    private static String stem(String word) {
        String w = word.replace("'", "");
        for (String suffix : new String[] {"ingly", "edly", "ing", "ly", "ies", "ied", "ed", "es",
                "s"}) {
            if (w.length() >= suffix.length() + 4 && w.endsWith(suffix)) {
                w = w.substring(0, w.length() - suffix.length());
                break;
            }
        }
        // "reply", "replying", "replies" all end as "repl".
        return w.length() > 3 && w.endsWith("y") ? w.substring(0, w.length() - 1) : w;
    }
}
