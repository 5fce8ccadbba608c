package dev.spectron.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.api.Hit;
import dev.spectron.api.HitKind;
import dev.spectron.api.Scope;
import dev.spectron.api.Source;
import dev.spectron.engine.spi.KeyRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RelevanceTest {
    private static final EngineConfig CONFIG = EngineConfig.defaults()
            .withContextThresholds(0.55, 0.50).withImpersonalContextThresholds(0.70, 0.68);
    private static final Scope ALICE = Scope.of("user", "alice");
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private static Relevance of(String query, Candidate... candidates) {
        return Relevance.of(query, ALICE, List.of(candidates), KeyRegistry.builtIn(), CONFIG);
    }

    @Test
    void aboutSomeone_thirdPersonOrPossessivePronoun_isTrue() {
        assertThat(Relevance.aboutSomeone("What is her job?", Set.of())).isTrue();
        assertThat(Relevance.aboutSomeone("When is my flight?", Set.of())).isTrue();
        assertThat(Relevance.aboutSomeone("What should I cook tonight?", Set.of())).isTrue();
    }

    @Test
    void aboutSomeone_worldQuestion_isFalse() {
        assertThat(Relevance.aboutSomeone("Who discovered penicillin?", Set.of())).isFalse();
        assertThat(Relevance.aboutSomeone("Tell me a joke about penguins.", Set.of()))
                .isFalse();
    }

    @Test
    void aboutSomeone_howToQuestion_isFalse() {
        assertThat(Relevance.aboutSomeone("How do I exit Vim?", Set.of())).isFalse();
        assertThat(Relevance.aboutSomeone("how can we center a div", Set.of())).isFalse();
    }

    @Test
    void aboutSomeone_knownName_isTrueWhenCapitalisedOrAllLowerCase() {
        Set<String> names = Set.of("rex", "joana");
        assertThat(Relevance.aboutSomeone("What breed is Rex?", names)).isTrue();
        assertThat(Relevance.aboutSomeone("who is joana", names)).isTrue();
        assertThat(Relevance.aboutSomeone("What did Tyrannosaurus rex eat?", names)).isFalse();
    }

    @Test
    void of_scopeUserNamed_isPersonal() {
        assertThat(of("What does Alice like?").personal()).isTrue();
    }

    @Test
    void of_nameOfAPersonTheCandidatesAreAbout_isPersonal() {
        Candidate pet = new Candidate(fact("alice — has pet: Rex"), 0.4, false,
                Set.of("alice", "rex"));
        assertThat(of("Will Rex be okay tonight?", pet).personal()).isTrue();
    }

    @Test
    void test_worldQuestionSharingATopicWord_needsTheStricterThreshold() {
        Candidate allergy = new Candidate(fact("alice — allergy: penicillin"), 0.66, true,
                java.util.Set.of("alice"));
        assertThat(of("Who discovered penicillin?", allergy).test(allergy)).isFalse();
        assertThat(of("Which antibiotic is she allergic to?", allergy).test(allergy)).isTrue();
    }

    @Test
    void aboutSomeone_askingForIdeasOrSuggestions_isAboutTheAsker() {
        assertThat(Relevance.aboutSomeone("Any vegetarian dinner ideas?", java.util.Set.of()))
                .isTrue();
        assertThat(Relevance.aboutSomeone("Suggest a restaurant for date night.",
                java.util.Set.of())).isTrue();
        assertThat(Relevance.aboutSomeone("Who discovered penicillin?", java.util.Set.of()))
                .isFalse();
    }

    @Test
    void test_worldQuestionAndAMemoryAboutNoOne_usualThreshold() {
        Candidate hours = new Candidate(turn("user: Our support hours are 9 to 5."), 0.62, true);
        assertThat(of("When is support open?", hours).test(hours)).isTrue();
    }

    @Test
    void test_keySynonymCountsAsASharedWord() {
        Candidate role = new Candidate(fact("alice — role: data engineer"), 0.52, false);
        assertThat(of("What is her job?", role).test(role)).isTrue();
        assertThat(of("What is her shoe size?", role).test(role)).isFalse();
    }

    @Test
    void sharesWord_stopWordsOnly_isFalse() {
        Candidate turn = new Candidate(turn("alice: I phone her every Sunday"), 0.5, true);
        assertThat(of("Which city is her race in?", turn).sharesWord(turn.hit())).isFalse();
        assertThat(of("When does she phone home?", turn).sharesWord(turn.hit())).isTrue();
    }

    @Test
    void sharesWord_pluralAndSingular_meet() {
        Candidate allergy = new Candidate(fact("alice — allergy: penicillin"), 0.5, false);
        assertThat(of("Does she have any allergies?", allergy).sharesWord(allergy.hit()))
                .isTrue();
    }

    private static Hit fact(String text) {
        return new Hit("f", HitKind.ATTRIBUTE, text, 0, Optional.of("person/alice"),
                new Source("turn", "turn:t", Optional.of("s"), Optional.of("t"), Map.of()), AT,
                Optional.empty(), AT);
    }

    private static Hit turn(String text) {
        return new Hit("t", HitKind.TURN, text, 0, Optional.empty(),
                new Source("turn", "turn:t", Optional.of("s"), Optional.of("t"), Map.of()), AT,
                Optional.empty(), AT);
    }
}
