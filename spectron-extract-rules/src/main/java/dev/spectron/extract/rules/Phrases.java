package dev.spectron.extract.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The grammar's building blocks: where a noun phrase, a name, a number, a subject … starting at a
 * token can end. Each method returns the possible end positions, preferred (longest) first, so
 * the pattern matcher can back off to a shorter phrase when the rest of a pattern needs it.
 * Which words stop a phrase, join a name or fill the gap between subject and verb is data
 * ({@code [barrier]}, {@code [connector]}, {@code [filler]} …). Immutable and thread-safe.
 */
final class Phrases {
    private static final int[] NONE = new int[0];
    private static final int MAX_NAME = 4;
    private static final Set<String> PARTICLES = Set.of("up", "out", "off", "down", "away",
            "around", "back", "over");
    private static final Set<String> LIST_JOINERS = Set.of("and", "or", ",", "&", "/", "-");

    private final Lexicon.Table barrier;
    private final Lexicon.Table connector;
    private final Lexicon.Table pronoun;
    private final Lexicon.Table kin;
    private final Lexicon.Table notName;
    private final Lexicon.Table unit;
    private final Lexicon.Table filler;
    private final Lexicon.Table questionWords;
    private final Lexicon.Table numbers;

    Phrases(Lexicon lexicon) {
        barrier = lexicon.table("barrier");
        connector = lexicon.table("connector");
        pronoun = lexicon.table("pronoun");
        kin = lexicon.table("kin");
        notName = lexicon.table("notname");
        unit = lexicon.table("unit");
        filler = lexicon.table("filler");
        questionWords = lexicon.table("question");
        numbers = lexicon.table("number");
    }

    /** A noun phrase: "vegetarian food", "the head of platform", "Spanish and Portuguese". */
    int[] np(Clause c, int pos) {
        int n = c.size();
        int i = pos;
        while (i < n && inNounPhrase(c, i, i == pos)) {
            i++;
        }
        List<Integer> ends = new ArrayList<>();
        for (int end = i; end > pos; end--) {
            if (canEndNounPhrase(c.token(end - 1)) && hasContent(c, pos, end)) {
                ends.add(end);
            }
        }
        return toArray(ends);
    }

    /** A name: capitalised words, possibly joined ("Bank of America"); any noun if lower case. */
    int[] name(Clause c, int pos, boolean strict) {
        boolean lenient = c.lowerCase() && !strict;
        if (pos >= c.size() || !nameWord(c.token(pos), lenient)) {
            return NONE;
        }
        List<Integer> ends = new ArrayList<>();
        int i = pos;
        int words = 0;
        while (i < c.size() && words < MAX_NAME) {
            if (nameWord(c.token(i), lenient)) {
                i++;
                words++;
                ends.addFirst(i);
            } else if (connector.contains(c.token(i).lower()) && i + 1 < c.size()
                    && nameWord(c.token(i + 1), lenient) && c.token(i + 1).capitalized()) {
                i++;
            } else {
                break;
            }
        }
        return toArray(ends);
    }

    /** One number: "34", "thirty", "2019", "thirty-four". */
    int[] num(Clause c, int pos) {
        if (pos >= c.size() || !isNumber(c.token(pos))) {
            return NONE;
        }
        int end = pos + 1;
        while (end + 1 < c.size() && c.token(end).text().equals("-")
                && isNumber(c.token(end + 1))) {
            end += 2;
        }
        return new int[] {end};
    }

    /** A quantity: "30 days", "45 minute", "9 to 5". */
    int[] qty(Clause c, int pos) {
        if (pos >= c.size() || !isNumber(c.token(pos))) {
            return NONE;
        }
        int i = pos + 1;
        if (i + 1 < c.size() && Set.of("to", "-", "–", "until", "till").contains(
                c.token(i).lower()) && isNumber(c.token(i + 1))) {
            i += 2;
        }
        List<Integer> ends = new ArrayList<>();
        ends.add(i);
        unit.longestAt(c.tokens(), i, c.size()).ifPresent(hit -> ends.addFirst(hit.end()));
        return toArray(ends);
    }

    /** Everything to the end of the clause, except closing punctuation. */
    int[] rest(Clause c, int pos) {
        int end = c.size();
        while (end > pos && c.token(end - 1).punct()) {
            end--;
        }
        return end > pos ? new int[] {end} : NONE;
    }

    /** A short noun compound of up to three words: "colour", "TV show". */
    int[] nn(Clause c, int pos) {
        List<Integer> ends = new ArrayList<>();
        for (int i = pos; i < c.size() && i < pos + 3; i++) {
            Token t = c.token(i);
            boolean nominal = t.tagged("NOUN") || t.tagged("PROPN") || t.tagged("X")
                    || t.tagged("ADJ");
            if (!nominal || barrier.contains(t.lower())) {
                break;
            }
            ends.addFirst(i + 1);
        }
        return toArray(ends);
    }

    /** A gap word between subject and verb: "also", "don't", "no longer", "used to". */
    int[] filler(Clause c, int pos) {
        if (pos >= c.size()) {
            return NONE;
        }
        List<Integer> ends = new ArrayList<>();
        filler.at(c.tokens(), pos, c.size()).forEach(hit -> ends.add(hit.end()));
        Token t = c.token(pos);
        boolean adverb = t.tagged("ADV") || (t.tagged("ADJ") && t.lower().endsWith("ly"));
        boolean single = (adverb && !questionWords.contains(t.lower()))
                || t.tagged("AUX") || (t.tagged("PART") && (t.is("not") || t.lower()
                .equals("n't")));
        if (single && !ends.contains(pos + 1)) {
            ends.add(pos + 1);
        }
        return toArray(ends);
    }

    /**
     * Who a clause is about: a pronoun ("I", "she"), a name ("Maria", "John Smith") or a named
     * relative ("my sister Emma", "Alice's cat Miso").
     */
    int[] subject(Clause c, int pos, Names names) {
        if (pos >= c.size()) {
            return NONE;
        }
        Token t = c.token(pos);
        if (pronoun.get(t.lower()).map(e -> e.column(1).equals("subj")).orElse(false)
                && t.tagged("PRON")) {
            return new int[] {pos + 1};
        }
        List<Integer> ends = new ArrayList<>();
        int[] owner = possessive(c, pos, names);
        if (owner.length > 0) {
            for (Lexicon.Hit relative : kin.at(c.tokens(), owner[0], c.size())) {
                int at = skipComma(c, relative.end());
                for (int end : name(c, at, false)) {
                    if (skipComma(c, end) > end) {
                        ends.add(end + 1);
                    }
                    ends.add(end);
                }
            }
        }
        for (int end : subjectName(c, pos, names)) {
            int comma = end < c.size() && c.token(end).text().equals(",") ? end + 1 : -1;
            for (int after : comma < 0 ? NONE : possessive(c, comma, names)) {
                for (Lexicon.Hit relative : kin.at(c.tokens(), after, c.size())) {
                    ends.add(skipComma(c, relative.end())); // "Emma, my sister, …"
                }
            }
            ends.add(end);
        }
        return toArray(ends);
    }

    /** An owner: "my", "our", "your", "his", "Alice's". */
    int[] possessive(Clause c, int pos, Names names) {
        if (pos >= c.size()) {
            return NONE;
        }
        if (pronoun.get(c.token(pos).lower()).map(e -> e.column(1).equals("poss"))
                .orElse(false)) {
            return new int[] {pos + 1};
        }
        for (int end : name(c, pos, !names.knows(c.token(pos).lower()))) {
            if (end < c.size() && c.token(end).tagged("PART")
                    && c.token(end).lower().startsWith("'")) {
                return new int[] {end + 1};
            }
        }
        return NONE;
    }

    /**
     * Where a name used as a subject ends: capitalised words, or any words that make a name the
     * request knows ("alice" written in lower case); stricter at the start of a sentence.
     */
    int[] subjectName(Clause c, int pos, Names names) {
        List<Integer> out = new ArrayList<>();
        for (int end : name(c, pos, true)) {
            if (end - pos <= 3 && plausibleSubject(c, pos, end, names)) {
                out.add(end);
            }
        }
        for (int end : name(c, pos, false)) {
            if (!out.contains(end) && names.knows(joined(c, pos, end))) {
                out.add(end);
            }
        }
        return toArray(out);
    }

    /**
     * A capitalised word opening a sentence may be any word. It is taken for a name when the
     * request knows it, or when it is tagged as a name, or as a noun followed by a verb in the
     * third person singular ("Alice now eats fish"; not "Dogs love walks", "Stuff like this").
     */
    private boolean plausibleSubject(Clause c, int pos, int end, Names names) {
        Token first = c.token(pos);
        if (!first.sentenceStart() || names.knows(joined(c, pos, end))) {
            return true;
        }
        if (first.lower().endsWith("ing") || !(first.tagged("PROPN") || first.tagged("NOUN")
                || first.tagged("X"))) {
            return false; // "Stop replying formally", "Painting helps me": not names
        }
        return first.tagged("PROPN") || end - pos > 1 || thirdPersonVerbAt(c, end);
    }

    private boolean thirdPersonVerbAt(Clause c, int pos) {
        for (int i = pos; i < c.size(); i++) {
            Token t = c.token(i);
            if (t.tagged("VERB") || t.tagged("AUX")) {
                return Set.of("is", "was", "has", "does", "'s").contains(t.lower())
                        || (t.lower().endsWith("s") && !t.lower().equals(t.lemma()));
            }
            if (!t.tagged("ADV")) {
                return false;
            }
        }
        return false;
    }

    /** The tokens {@code [from, to)} as lower-case words joined by spaces. */
    static String joined(Clause c, int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) {
                out.append(' ');
            }
            out.append(c.token(i).lower());
        }
        return out.toString();
    }

    /** A number in digits ("34", "3-5") or words ("thirty", "twenty-nine"). */
    boolean isNumber(Token t) {
        if (!t.text().isEmpty() && Character.isDigit(t.text().charAt(0))) {
            return true;
        }
        for (String part : t.lower().split("-")) {
            if (!numbers.contains(part)) {
                return false;
            }
        }
        return true;
    }

    private boolean nameWord(Token t, boolean lenient) {
        if (t.text().length() > 1 && t.text().equals(t.text().toUpperCase(Locale.ROOT))
                && !t.punct() && !t.text().chars().allMatch(Character::isDigit)) {
            return true; // an acronym: "US", "IBM", "BBC"
        }
        if (t.punct() || pronoun.contains(t.lower()) || notName.contains(t.lower())) {
            return false;
        }
        if (t.capitalized()) {
            return true; // the tagger often mistags names ("Alice's" as DET): trust the capital
        }
        return lenient && (t.tagged("NOUN") || t.tagged("PROPN") || t.tagged("X")
                || t.tagged("ADJ"));
    }

    private boolean inNounPhrase(Clause c, int i, boolean first) {
        Token t = c.token(i);
        if (barrier.contains(t.lower())) {
            return false;
        }
        return switch (t.tag()) {
            case "PUNCT" -> !t.punct() || (!first && (t.text().equals("-") ? hyphen(c, i)
                    : LIST_JOINERS.contains(t.text()) || t.text().equals("'")));
            case "ADP" -> !first && (t.lower().equals("of") || (PARTICLES.contains(t.lower())
                    && (c.token(i - 1).tagged("VERB") || c.token(i - 1).lower().endsWith("ing"))));
            case "CCONJ" -> !first && LIST_JOINERS.contains(t.lower());
            case "SCONJ", "AUX" -> false;
            case "PRON" -> first && pronoun.get(t.lower()).map(e -> e.column(1).equals("poss"))
                    .orElse(false);
            case "PART" -> !first && t.lower().startsWith("'");
            case "VERB" -> true; // the tagger calls many nouns verbs ("shellfish")
            default -> true;
        };
    }

    /** A hyphen inside a word ("sci-fi", "gluten-free"), not a dash between phrases. */
    private static boolean hyphen(Clause c, int i) {
        return i + 1 < c.size() && c.token(i - 1).end() == c.token(i).start()
                && c.token(i).end() == c.token(i + 1).start();
    }

    private static boolean canEndNounPhrase(Token t) {
        return !LIST_JOINERS.contains(t.lower()) && !t.lower().equals("of")
                && !t.tagged("DET") && !t.tagged("PRON") && !t.tagged("PART") && !t.punct();
    }

    private static boolean hasContent(Clause c, int from, int to) {
        for (int i = from; i < to; i++) {
            switch (c.token(i).tag()) {
                case "NOUN", "PROPN", "ADJ", "NUM", "X", "VERB", "ADV", "SYM", "INTJ" -> {
                    return true;
                }
                default -> { }
            }
        }
        return false;
    }

    private static int skipComma(Clause c, int pos) {
        return pos < c.size() && c.token(pos).text().equals(",") ? pos + 1 : pos;
    }

    private static int[] toArray(List<Integer> ends) {
        int[] out = new int[ends.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ends.get(i);
        }
        return out;
    }
}
