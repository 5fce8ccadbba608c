package dev.spectron.extract.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stage 3: a sentence's clauses. {@code [clause]} words marked {@code break} ("but", ";")
 * always end a clause; those marked {@code join} ("and", ",") end one only when what follows
 * starts a new clause (a {@code [starter]} word, a name followed by a verb, or a bare verb) and
 * the part before has a verb of its own, so "I speak Spanish and Portuguese" stays whole while
 * "My name is Priya and I work as a data engineer" splits. A clause that starts with a verb
 * borrows the subject of the clause before ("I live in Berlin and work at Siemens"), and so does
 * one that starts with a {@code [habit]} word after a word such as "but" ("I like tea but never
 * take sugar"): the speaker goes on about themselves, so it is a statement, not a directive to
 * the assistant, unless either clause addresses the assistant ("you", "please", "… book me …").
 */
final class ClauseSplitter {
    private static final Lexicon.Entry DASH = new Lexicon.Entry(List.of("-"), List.of("break"));

    private final Lexicon.Table words;
    private final Lexicon.Table starters;
    private final Lexicon.Table markers;
    private final Lexicon.Table habits;
    private final Lexicon.Table pronouns;
    private final Phrases phrases;

    ClauseSplitter(Lexicon lexicon, Phrases phrases) {
        this.words = lexicon.table("clause");
        this.starters = lexicon.table("starter");
        this.markers = lexicon.table("marker");
        this.habits = lexicon.table("habit");
        this.pronouns = lexicon.table("pronoun");
        this.phrases = phrases;
    }

    List<Clause> split(Sentence sentence, Names names) {
        List<Token> tokens = sentence.tokens();
        List<int[]> parts = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < tokens.size()) {
            int at = i;
            Optional<Lexicon.Hit> hit = words.longestAt(tokens, at, tokens.size())
                    .or(() -> spacedDash(tokens, at));
            if (hit.isPresent() && splits(hit.get(), tokens, start)) {
                parts.add(new int[] {start, i});
                start = hit.get().end();
                i = start;
            } else {
                i++;
            }
        }
        parts.add(new int[] {start, tokens.size()});
        List<Clause> out = new ArrayList<>();
        Clause previous = null;
        int previousEnd = 0;
        for (int[] part : parts) {
            Clause clause = trim(sentence, part[0], part[1]);
            if (clause == null) {
                continue;
            }
            boolean afterWord = previous != null && hasWord(tokens, previousEnd, part[0]);
            clause = borrowSubject(clause, previous, names, afterWord);
            out.add(clause);
            previous = clause;
            previousEnd = part[1];
        }
        return out;
    }

    /** True when a word (not only punctuation) lies in {@code [from, to)}: "but", not ";". */
    private static boolean hasWord(List<Token> tokens, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!tokens.get(i).punct()) {
                return true;
            }
        }
        return false;
    }

    /** " - " between words is a dash that ends a clause; "sci-fi" is one word. */
    private static Optional<Lexicon.Hit> spacedDash(List<Token> tokens, int i) {
        Token t = tokens.get(i);
        if (!t.text().equals("-") || i == 0 || i + 1 >= tokens.size()
                || tokens.get(i - 1).end() == t.start() || tokens.get(i + 1).start() == t.end()) {
            return Optional.empty();
        }
        return Optional.of(new Lexicon.Hit(DASH, i, i + 1));
    }

    private boolean splits(Lexicon.Hit hit, List<Token> tokens, int start) {
        if (hit.start() == 0) {
            return false;
        }
        return switch (hit.entry().column(0)) {
            case "break" -> true;
            case "join" -> startsClause(tokens, hit.end(), hasSubject(tokens, start))
                    && hasVerb(tokens, start, hit.start())
                    && !onlyMarker(tokens, start, hit.start());
            default -> false;
        };
    }

    /**
     * Whether a new clause starts at {@code pos}. A directive word ("always", "please") starts
     * one only after another directive: in "They cheer us up and always make us smile" it
     * continues a statement.
     */
    private boolean startsClause(List<Token> tokens, int pos, boolean afterStatement) {
        if (pos >= tokens.size()) {
            return false;
        }
        Optional<Lexicon.Hit> starter = starters.longestAt(tokens, pos, tokens.size());
        if (starter.isPresent()) {
            return !(afterStatement && starter.get().entry().column(0).equals("directive"));
        }
        Token t = tokens.get(pos);
        if ((t.tagged("VERB") || t.tagged("AUX")) && !t.lower().endsWith("ing")
                && !t.capitalized()) {
            return true;
        }
        if (t.capitalized() && (t.tagged("PROPN") || t.tagged("NOUN"))) {
            for (int i = pos + 1; i < tokens.size() && i <= pos + 3; i++) {
                Token next = tokens.get(i);
                if (next.tagged("VERB") || next.tagged("AUX")) {
                    return true;
                }
                if (!next.capitalized()) {
                    return false;
                }
            }
        }
        return false;
    }

    /** "Going forward, please …": an introductory marker is not a clause of its own. */
    private boolean onlyMarker(List<Token> tokens, int from, int to) {
        return markers.at(tokens, from, to).stream().anyMatch(h -> h.end() == to);
    }

    /** True when the clause starting at {@code from} has a subject before its first verb. */
    private static boolean hasSubject(List<Token> tokens, int from) {
        for (int i = from; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.tagged("VERB") || t.tagged("AUX")) {
                return false;
            }
            if (t.tagged("PRON") || t.tagged("PROPN") || (t.capitalized() && i > from)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasVerb(List<Token> tokens, int from, int to) {
        for (int i = from; i < to; i++) {
            if (tokens.get(i).tagged("VERB") || tokens.get(i).tagged("AUX")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a clause speaks to the assistant: "you"/"your", "please", or (in a continuation)
     * "me", which a speaker going on about themselves would not use ("… but always book me …").
     */
    private boolean addressesAssistant(Clause clause, boolean continuation) {
        for (Token t : clause.tokens()) {
            if (t.lower().equals("please")) {
                return true;
            }
            boolean me = continuation && t.lower().equals("me");
            if (me || addressesAssistant(List.of(t))) {
                return true;
            }
        }
        return false;
    }

    private boolean addressesAssistant(List<Token> tokens) {
        for (Token t : tokens) {
            if (pronouns.get(t.lower()).map(e -> e.column(0).equals("addressee"))
                    .orElse(false)) {
                return true;
            }
        }
        return false;
    }

    private static Clause trim(Sentence sentence, int from, int to) {
        List<Token> tokens = sentence.tokens();
        while (from < to && tokens.get(from).punct()) {
            from++;
        }
        while (to > from && tokens.get(to - 1).punct()) {
            to--;
        }
        if (from >= to) {
            return null;
        }
        return new Clause(tokens.subList(from, to), sentence.question(), sentence.lowerCase(), 0);
    }

    private Clause borrowSubject(Clause clause, Clause previous, Names names,
            boolean afterWord) {
        Token first = clause.token(0);
        boolean bareVerb = (first.tagged("VERB") || first.tagged("AUX"))
                && !starters.matchesAt(clause.tokens(), 0);
        boolean habit = afterWord && previous != null && habits.matchesAt(clause.tokens(), 0)
                && !addressesAssistant(clause, true) && !addressesAssistant(previous, false);
        if (previous == null || !(bareVerb || habit) || first.sentenceStart()) {
            return clause;
        }
        int[] subject = phrases.subject(previous, 0, names);
        if (subject.length == 0 || previous.size() <= subject[0]) {
            return clause;
        }
        Token afterSubject = previous.token(subject[0]);
        // The tagger reads "I like coffee" with "like" as a conjunction now and then; after a
        // habit word the statement before needs only a subject followed by a word.
        boolean statement = afterSubject.tagged("VERB") || afterSubject.tagged("AUX")
                || afterSubject.tagged("ADV") || (habit && !afterSubject.punct());
        if (!statement) {
            return clause;
        }
        List<Token> tokens = new ArrayList<>(subject[0] + clause.size());
        for (int i = 0; i < subject[0]; i++) {
            tokens.add(previous.token(i).notSentenceStart());
        }
        tokens.addAll(clause.tokens());
        return new Clause(tokens, clause.question(), clause.lowerCase(), subject[0]);
    }
}
