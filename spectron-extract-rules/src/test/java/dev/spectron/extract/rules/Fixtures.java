package dev.spectron.extract.rules;

import dev.spectron.engine.spi.KeyRegistry;
import java.util.ArrayList;
import java.util.List;

/** Shared, lazily built extractor parts for tests (the models load once per JVM). */
final class Fixtures {
    private Fixtures() {}

    private static final class Holder {
        static final Lexicon LEXICON = Lexicon.builtIn();
        static final PatternSet PATTERNS = PatternSet.builtIn(LEXICON);
        static final RulesExtractor EXTRACTOR = RulesExtractor.create();
        static final Phrases PHRASES = new Phrases(LEXICON);
    }

    static Lexicon lexicon() {
        return Holder.LEXICON;
    }

    static PatternSet patterns() {
        return Holder.PATTERNS;
    }

    static RulesExtractor extractor() {
        return Holder.EXTRACTOR;
    }

    static Phrases phrases() {
        return Holder.PHRASES;
    }

    static KeyRegistry registry() {
        return KeyRegistry.builtIn();
    }

    static OpenNlp nlp() {
        return OpenNlp.shared();
    }

    static Names names() {
        return Names.of(Requests.user(""));
    }

    /** The whole text tagged as one sentence. */
    static Sentence sentence(String text) {
        TokenTagger tagger = new TokenTagger(lexicon());
        return nlp().with(tools -> tagger.tag(text, 0, text.length(), tools));
    }

    /** The whole text as one clause, not split. */
    static Clause clause(String text) {
        Sentence s = sentence(text);
        return new Clause(s.tokens(), s.question(), s.lowerCase(), 0);
    }

    /** The clauses of a text, through the sentence, tagging and clause stages. */
    static List<Clause> clauses(String text) {
        TokenTagger tagger = new TokenTagger(lexicon());
        ClauseSplitter splitter = new ClauseSplitter(lexicon(), phrases());
        return nlp().with(tools -> {
            List<Clause> out = new ArrayList<>();
            for (SentenceSplitter.Bounds b : new SentenceSplitter().split(text, tools)) {
                out.addAll(splitter.split(tagger.tag(text, b.start(), b.end(), tools), names()));
            }
            return out;
        });
    }

    /** The built-in patterns' matches in a text. */
    static List<Match> matches(String text) {
        PatternMatcher matcher = new PatternMatcher(patterns(), phrases(), lexicon());
        List<Match> out = new ArrayList<>();
        clauses(text).forEach(c -> out.addAll(matcher.match(c, names())));
        return out;
    }

    /** The candidate facts of a text, before markers. */
    static List<Candidate> candidates(String text) {
        CandidateBuilder builder = new CandidateBuilder(lexicon(), registry());
        List<Candidate> out = new ArrayList<>();
        matches(text).forEach(m -> out.addAll(builder.build(m, text).facts()));
        return out;
    }

    /** The single candidate of a text. */
    static Candidate candidate(String text) {
        List<Candidate> all = candidates(text);
        if (all.size() != 1) {
            throw new AssertionError("expected one candidate in '" + text + "', got " + all);
        }
        return all.getFirst();
    }

    static List<String> words(Clause clause) {
        return clause.tokens().stream().map(Token::text).toList();
    }
}
