package dev.spectron.engine;

import dev.spectron.engine.spi.Lexicon;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kind of thing a question asks for, and whether a memory names a thing of that kind.
 * "Which cities has Jon visited?" asks for cities; "What martial arts has John done?" for martial
 * arts; "What instruments does Melanie play?" for instruments. A turn that names Rome, taekwondo
 * or a violin ({@link Lexicon#kinds}: city, martial art, musical instrument) is then likely one
 * of the answers, whatever else it talks about. The word search finds such turns already (the
 * index holds their kinds); this weighs them up among the candidates, which lifts the ones that
 * ranked 10th to 25th for list questions (LoCoMo multi-hop recall@10 +0.9, docs/benchmarks.md).
 *
 * <p>The kind is the words between "what" or "which" and the question's first auxiliary ("has",
 * "does", "is" …), at most three, without "kind of" or "type of": "What European countries has
 * Maria been to?" → european, countries. A question without such words ("What does Melanie do
 * to destress?") asks for no kind.
 */
final class AskedKind {
    /** Weight of a candidate that names a thing of the kind asked for. */
    static final double WEIGHT = 1.3;
    private static final String AUXILIARY = "(?:has|have|had|does|do|did|is|are|was|were)\\b";
    private static final Pattern HEAD = Pattern.compile("^\\s*(?:what|which)\\s+"
            + "((?:(?!" + AUXILIARY + ")[\\p{L}-]+\\s+){1,3}?)" + AUXILIARY,
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> GENERIC = Set.of("kind", "kinds", "type", "types", "sort",
            "sorts", "of", "the", "other");
    private static final AskedKind NONE = new AskedKind(Set.of(), new Memo(Lexicon.NONE));

    private final Set<String> words;
    private final Memo memo;

    private AskedKind(Set<String> words, Memo memo) {
        this.words = words;
        this.memo = memo;
    }

    /**
     * The stemmed words of the kinds each text names, remembered per text: a question's
     * candidates are mostly the turns earlier questions saw, and a hit's text does not change.
     * Bounded: cleared when full.
     */
    static final class Memo {
        private static final int MAX = 100_000;
        private final Lexicon lexicon;
        private final java.util.Map<String, Set<String>> words =
                new java.util.concurrent.ConcurrentHashMap<>();

        Memo(Lexicon lexicon) {
            this.lexicon = lexicon;
        }

        Set<String> kindWords(String text) {
            Set<String> known = words.get(text);
            if (known != null) {
                return known;
            }
            Set<String> out = new HashSet<>();
            for (String kind : lexicon.kinds(text)) {
                for (String word : kind.split("[ -]")) {
                    out.add(ContentWords.stem(word));
                }
            }
            if (words.size() >= MAX) {
                words.clear();
            }
            Set<String> result = Set.copyOf(out);
            words.put(text, result);
            return result;
        }
    }

    /** What {@code query} asks for, judged with the kinds of {@code memo}'s lexicon. */
    static AskedKind of(String query, Memo memo) {
        if (memo.lexicon == Lexicon.NONE) {
            return NONE;
        }
        Matcher m = HEAD.matcher(query);
        if (!m.find()) {
            return NONE;
        }
        Set<String> words = new HashSet<>();
        for (String word : ContentWords.words(m.group(1))) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (!GENERIC.contains(lower)) {
                words.add(ContentWords.stem(lower));
            }
        }
        return words.isEmpty() ? NONE : new AskedKind(Set.copyOf(words), memo);
    }

    /** True when the question asks for a kind of thing. */
    boolean any() {
        return !words.isEmpty();
    }

    /** The stemmed words of the kind asked for ("citi"), for tests. */
    Set<String> words() {
        return words;
    }

    /** True when {@code text} names a thing whose kind shares a word with the kind asked for. */
    boolean namedBy(String text) {
        if (words.isEmpty()) {
            return false;
        }
        Set<String> named = memo.kindWords(text);
        for (String word : words) {
            if (named.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** {@link #WEIGHT} when {@code text} names a thing of the kind asked for; else 1. */
    double weight(String text) {
        return namedBy(text) ? WEIGHT : 1.0;
    }
}
