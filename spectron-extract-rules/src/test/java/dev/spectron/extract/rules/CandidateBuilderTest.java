package dev.spectron.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CandidateBuilderTest {

    @Test
    void build_manyValuedKey_splitsTheList() {
        List<Candidate> all = Fixtures.candidates("I speak Spanish, French and Portuguese.");
        assertThat(all).extracting(Candidate::key).containsOnly("language");
        assertThat(all).extracting(Candidate::value)
                .containsExactly("Spanish", "French", "Portuguese");
    }

    @Test
    void build_singleValuedKey_keepsTheListWhole() {
        Candidate c = Fixtures.candidate("I prefer tea and biscuits.");
        assertThat(c.key()).isEqualTo("drink_preference");
        assertThat(c.value()).isEqualTo("tea and biscuits");
    }

    @Test
    void build_lexiconLookupWithStrip_dropsTheHeadNoun() {
        Candidate c = Fixtures.candidate("I prefer vegetarian food.");
        assertThat(c.key()).isEqualTo("food_preference");
        assertThat(c.value()).isEqualTo("vegetarian");
    }

    @Test
    void build_lexiconLookupWithoutEntry_usesTheFallback() {
        Candidate c = Fixtures.candidate("I prefer jazz.");
        assertThat(c.key()).isEqualTo("likes");
    }

    @Test
    void build_keyTemplate_usesTheSlotsLemmas() {
        assertThat(Fixtures.candidate("My favourite colours are blue.").key())
                .isEqualTo("favorite_color");
    }

    @Test
    void build_namedRelativeAsSubject_impliesTheRelation() {
        List<Candidate> all = Fixtures.candidates("My sister Emma is a nurse.");
        assertThat(all).hasSize(2);
        Candidate implied = all.stream().filter(Candidate::implied).findFirst().orElseThrow();
        assertThat(implied.key()).isEqualTo("sibling_of");
        assertThat(implied.value()).isEqualTo("Emma");
        assertThat(implied.subject()).isEqualTo(new Ref.Pronoun(Ref.Kind.SELF));
        Candidate role = all.stream().filter(c -> !c.implied()).findFirst().orElseThrow();
        assertThat(role.subject()).isEqualTo(new Ref.Named("person", "Emma"));
    }

    @Test
    void build_value_isTrimmedOfArticlesQualifiersAndTimeWords() {
        assertThat(Fixtures.candidate("I eat a lot of vegetables these days.").value())
                .isEqualTo("vegetables");
        assertThat(Fixtures.candidate("I speak a little German.").value()).isEqualTo("German");
    }

    @Test
    void build_vagueValue_yieldsNothing() {
        assertThat(Fixtures.candidates("I'm planning a few.")).isEmpty();
    }

    @Test
    void build_span_coversTheMatchInTheText() {
        String text = "Hello there. I live in Berlin.";
        Candidate c = Fixtures.candidate(text);
        assertThat(text.substring(c.span().start(), c.span().end()))
                .isEqualTo("I live in Berlin");
    }

    @Test
    void build_directive_readsItsText() {
        CandidateBuilder builder = new CandidateBuilder(Fixtures.lexicon(), Fixtures.registry());
        String text = "Stop replying formally.";
        Match m = Fixtures.matches(text).getFirst();
        assertThat(builder.build(m, text).instructions()).singleElement()
                .satisfies(i -> assertThat(i.target()).hasValue("replying formally"));
    }
}
