package dev.spectron.engine;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a text that carry its topic: lower case, without function words (the English
 * stop-word list of NLTK, which has pronouns, auxiliaries and question words, plus the modals it
 * lacks), possessive {@code 's} dropped and crudely stemmed, so "allergies" and "allergy" or
 * "employs" and "employed" meet. Used to decide whether a memory and a question share a content
 * word; a search index's analyzer keeps words such as "I", "her" or "what", which every question
 * and most memories contain.
 */
final class ContentWords {
    private static final Pattern WORD =
            Pattern.compile("[\\p{L}\\p{N}]+(?:'[\\p{L}\\p{N}]+)?");
    /** NLTK's English stop words (Bird et al. 2009) and the modals it lacks. */
    static final Set<String> STOP_WORDS = Set.of(("i me my myself we our ours ourselves you "
            + "you're you've you'll you'd your yours yourself yourselves he him his himself she "
            + "she's her hers herself it it's its itself they them their theirs themselves what "
            + "which who whom whose this that that'll these those am is are was were be been "
            + "being have has had having do does did doing a an the and but if or because as "
            + "until while of at by for with about against between into through during before "
            + "after above below to from up down in out on off over under again further then "
            + "once here there when where why how all any both each few more most other some "
            + "such no nor not only own same so than too very s t can will just don don't "
            + "should should've now d ll m o re ve y ain aren aren't couldn couldn't didn didn't "
            + "doesn doesn't hadn hadn't hasn hasn't haven haven't isn isn't ma mightn mightn't "
            + "mustn mustn't needn needn't shan shan't shouldn shouldn't wasn wasn't weren "
            + "weren't won won't wouldn wouldn't would could might must shall may").split(" "));
    private static final List<String> SUFFIXES = List.of("ingly", "edly", "ing", "ied", "ed",
            "ly");

    private ContentWords() {}

    /** The words of {@code text} as they are written (typographic apostrophes made ASCII). */
    static List<String> words(String text) {
        Matcher m = WORD.matcher(text.replace('\u2019', '\''));
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The stemmed content words of {@code text}. */
    static Set<String> of(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String word : words(text)) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (STOP_WORDS.contains(lower)) {
                continue;
            }
            String stem = stem(lower);
            if (stem.length() > 1 && !STOP_WORDS.contains(stem)) {
                out.add(stem);
            }
        }
        return out;
    }

    /** "Alice's" → "alice"; "it's" is left to the stop words. */
    static String withoutPossessive(String lower) {
        return lower.endsWith("'s") ? lower.substring(0, lower.length() - 2) : lower;
    }

    /**
     * A crude stem, the same for a question and a memory: plurals as in Porter's step 1a
     * ("allergies" → "allergy", "apples" → "apple", "boxes" → "box"), then "-ing", "-ed" and
     * "-ly" from words long enough to keep a stem, then a final "y" ("allergy" → "allerg").
     */
    static String stem(String lower) {
        String w = withoutPossessive(lower).replace("'", "");
        if (w.length() > 4 && w.endsWith("ies")) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.length() > 4 && (w.endsWith("sses") || w.endsWith("ches")
                || w.endsWith("shes") || w.endsWith("xes") || w.endsWith("zes"))) {
            w = w.substring(0, w.length() - 2);
        } else if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")
                && !w.endsWith("is")) {
            w = w.substring(0, w.length() - 1);
        }
        for (String suffix : SUFFIXES) {
            if (w.length() >= suffix.length() + 4 && w.endsWith(suffix)) {
                w = w.substring(0, w.length() - suffix.length());
                break;
            }
        }
        return w.length() > 3 && w.endsWith("y") ? w.substring(0, w.length() - 1) : w;
    }
}
