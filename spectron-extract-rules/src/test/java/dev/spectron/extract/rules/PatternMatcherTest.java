package dev.spectron.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PatternMatcherTest {
    private static final Lexicon LEXICON = Fixtures.lexicon();

    private static List<Match> match(String patterns, String text) {
        PatternMatcher matcher = new PatternMatcher(PatternSet.parse(patterns, LEXICON),
                Fixtures.phrases(), LEXICON);
        return matcher.match(Fixtures.clause(text), Fixtures.names());
    }

    private static String slot(Match m, String name) {
        Match.Range r = m.slot(name).orElseThrow();
        return String.join(" ", Fixtures.words(m.clause()).subList(r.from(), r.to()));
    }

    @Test
    void match_slotFollowedByWords_backsOffToLetTheRestMatch() {
        List<Match> matches = match("""
                pattern p
                  match SUBJ ~ prefer [OBJ] (over [ALT])?
                  fact SUBJ likes OBJ
                """, "I prefer tea over coffee");
        assertThat(matches).hasSize(1);
        assertThat(slot(matches.getFirst(), "OBJ")).isEqualTo("tea");
        assertThat(slot(matches.getFirst(), "ALT")).isEqualTo("coffee");
    }

    @Test
    void match_fillerBetweenSubjectAndVerb_isSkippedAndNotLiteral() {
        Match m = match("pattern p\n  match SUBJ ~ like [OBJ]\n  fact SUBJ likes OBJ\n",
                "I don't really like jazz").getFirst();
        assertThat(slot(m, "OBJ")).isEqualTo("jazz");
        assertThat(m.isLiteral(2)).isFalse();
        assertThat(m.isLiteral(4)).isTrue();
    }

    @Test
    void match_twoPatternsAtOneWord_firstInFileWins() {
        List<Match> matches = match("""
                pattern first
                  match SUBJ ~ be [D @diet]
                  fact SUBJ diet D
                pattern second
                  match SUBJ ~ be [R]
                  fact SUBJ role R
                """, "I am vegan");
        assertThat(matches).extracting(m -> m.pattern().id()).containsExactly("first");
    }

    @Test
    void match_question_isSkippedUnlessThePatternAllowsIt() {
        String text = "Do you like jazz?";
        assertThat(match("pattern p\n  match SUBJ ~ like [O]\n  fact SUBJ likes O\n", text))
                .isEmpty();
        assertThat(match("pattern p questions\n  match SUBJ ~ like [O]\n  fact SUBJ likes O\n",
                text)).hasSize(1);
    }

    @Test
    void match_negativeLookahead_blocksAMatch() {
        String patterns = "pattern p\n  match SUBJ ~ be !@diet [N <cap>]\n  fact SUBJ name N\n";
        assertThat(match(patterns, "I'm Priya")).hasSize(1);
        assertThat(match(patterns, "I'm Vegan")).isEmpty();
    }

    @Test
    void match_anchors_holdAtClauseEdgesOnly() {
        String patterns = "pattern p\n  match ^ always [T <rest>] $\n  start T\n";
        assertThat(match(patterns, "Always reply formally")).hasSize(1);
        assertThat(match(patterns, "I always reply formally")).isEmpty();
    }

    @Test
    void match_tableHeadedNounPhrase_needsTheHeadInTheTable() {
        String patterns = "pattern p\n  match SUBJ ~ be a [R <np@role>]\n  fact SUBJ role R\n";
        assertThat(match(patterns, "I am a data engineer")).hasSize(1);
        assertThat(match(patterns, "I am a big fan")).isEmpty();
    }
}
