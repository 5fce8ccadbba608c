package dev.spectron.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhrasesTest {
    private final Phrases phrases = Fixtures.phrases();

    @Test
    void np_longestFirst_stopsAtAPreposition() {
        Clause c = Fixtures.clause("I prefer vegetarian food over meat");
        assertThat(phrases.np(c, 2)).containsExactly(4, 3);
    }

    @Test
    void np_keepsOfPhrases_andEndsOnAContentWord() {
        Clause c = Fixtures.clause("Maria is the head of platform at Acme");
        assertThat(phrases.np(c, 2)).startsWith(6);
    }

    @Test
    void np_pronoun_isNoNounPhrase() {
        Clause c = Fixtures.clause("I like it");
        assertThat(phrases.np(c, 2)).isEmpty();
    }

    @Test
    void name_capitalisedWordsWithConnector_areOneName() {
        Clause c = Fixtures.clause("I study at the University of Lisbon");
        assertThat(phrases.name(c, 4, true)).startsWith(7);
    }

    @Test
    void name_lowerCaseWriter_acceptsNouns() {
        Clause c = Fixtures.clause("i work at google");
        assertThat(phrases.name(c, 3, false)).containsExactly(4);
        assertThat(phrases.name(c, 3, true)).isEmpty();
    }

    @Test
    void num_hyphenatedNumberWords_areOneNumber() {
        Clause c = Fixtures.clause("I am thirty-four");
        assertThat(phrases.num(c, 2)).containsExactly(5);
    }

    @Test
    void qty_numberRangeAndUnit_isOneQuantity() {
        Clause c = Fixtures.clause("Support is 9 to 5 days");
        assertThat(phrases.qty(c, 2)).startsWith(6);
    }

    @Test
    void subject_possessiveRelativeWithName_isOneSubject() {
        Clause c = Fixtures.clause("My sister Emma is a nurse");
        assertThat(phrases.subject(c, 0, Fixtures.names())).contains(3);
    }

    @Test
    void subject_nameThenRelative_isOneSubject() {
        Clause c = Fixtures.clause("Emma, my sister, is a nurse");
        assertThat(phrases.subject(c, 0, Fixtures.names())).contains(5);
    }

    @Test
    void subject_sentenceInitialPluralNoun_isNoName() {
        Clause c = Fixtures.clause("Dogs love walks");
        assertThat(phrases.subject(c, 0, Fixtures.names())).isEmpty();
    }

    @Test
    void subject_sentenceInitialNounBeforeThirdPersonVerb_isAName() {
        Clause c = Fixtures.clause("Alice now eats fish");
        assertThat(phrases.subject(c, 0, Fixtures.names())).containsExactly(1);
    }

    @Test
    void filler_negationAndAdverbs_areGapWords() {
        Clause c = Fixtures.clause("I don't really like jazz");
        assertThat(phrases.filler(c, 1)).contains(2);
        assertThat(phrases.filler(c, 2)).contains(3);
        assertThat(phrases.filler(c, 3)).contains(4);
        assertThat(phrases.filler(c, 4)).isEmpty();
    }
}
