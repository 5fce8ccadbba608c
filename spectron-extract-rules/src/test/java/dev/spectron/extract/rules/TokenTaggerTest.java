package dev.spectron.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenTaggerTest {

    private static List<String> words(Sentence s) {
        return s.tokens().stream().map(Token::text).toList();
    }

    @Test
    void tag_contraction_isSplitIntoPronounAndVerb() {
        Sentence s = Fixtures.sentence("I'm vegan.");
        assertThat(words(s)).containsExactly("I", "'m", "vegan", ".");
        assertThat(s.tokens().get(0).tag()).isEqualTo("PRON");
        assertThat(s.tokens().get(1).lemma()).isEqualTo("be");
    }

    @Test
    void tag_negativeContraction_givesNot() {
        Sentence s = Fixtures.sentence("I can't stand it.");
        assertThat(words(s)).startsWith("I", "ca", "n't");
        assertThat(s.tokens().get(1).lemma()).isEqualTo("can");
        assertThat(s.tokens().get(2).lemma()).isEqualTo("not");
    }

    @Test
    void tag_offsets_coverTheOriginalText() {
        String text = "Maria's cat";
        Sentence s = Fixtures.sentence(text);
        assertThat(s.tokens()).allSatisfy(t ->
                assertThat(text.substring(t.start(), t.end())).isEqualTo(t.text()));
    }

    @Test
    void tag_britishSpelling_hasAmericanLemma() {
        Sentence s = Fixtures.sentence("My favourite colour is green.");
        assertThat(s.tokens().get(1).lemma()).isEqualTo("favorite");
        assertThat(s.tokens().get(2).lemma()).isEqualTo("color");
    }

    @Test
    void tag_verbForms_haveTheirLemma() {
        Sentence s = Fixtures.sentence("She prefers window seats.");
        assertThat(s.tokens().get(1).lemma()).isEqualTo("prefer");
        assertThat(s.tokens().get(3).is("seat")).isTrue();
    }

    @Test
    void tag_periodGluedToLastWord_isSplitOff() {
        assertThat(words(Fixtures.sentence("I studied at MIT."))).endsWith("MIT", ".");
    }

    @Test
    void tag_questionMarkOrAuxiliaryOpening_isAQuestion() {
        assertThat(Fixtures.sentence("Can you suggest a restaurant").question()).isTrue();
        assertThat(Fixtures.sentence("Where do you live?").question()).isTrue();
        assertThat(Fixtures.sentence("I live in Oslo.").question()).isFalse();
    }

    @Test
    void tag_writerWithoutCapitals_isLowerCase() {
        assertThat(Fixtures.sentence("i live in new york").lowerCase()).isTrue();
        assertThat(Fixtures.sentence("I live in New York.").lowerCase()).isFalse();
    }

    @Test
    void tag_shouting_isTaggedAsLowerCase() {
        Sentence s = Fixtures.sentence("I AM 41 YEARS OLD.");
        assertThat(s.tokens().get(1).lemma()).isEqualTo("be");
    }
}
