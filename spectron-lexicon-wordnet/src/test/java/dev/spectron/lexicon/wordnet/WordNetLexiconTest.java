package dev.spectron.lexicon.wordnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordNetLexiconTest {
    private final WordNetLexicon lexicon = new WordNetLexicon();

    @Test
    void kinds_placeNames_areCitiesAndCountries() {
        assertThat(lexicon.kinds("Took a short trip last week to Rome to clear my mind."))
                .contains("city", "national capital");
        assertThat(lexicon.kinds("I took this pic in Spain.")).contains("european country");
        assertThat(lexicon.kinds("a road trip to Oregon")).contains("american state");
    }

    @Test
    void kinds_thingsPeopleDo_reachTheirCategory() {
        assertThat(lexicon.kinds("playing my violin")).contains("musical instrument");
        assertThat(lexicon.kinds("I'm off to do some taekwondo!")).contains("martial art");
        assertThat(lexicon.kinds("surfing and riding the waves")).contains("sport");
        assertThat(lexicon.kinds("a dairy-free chocolate mousse")).contains("dessert");
        assertThat(lexicon.kinds("We even played some Chess")).contains("board game");
    }

    @Test
    void kinds_aPersonsNameWrittenAsOne_namesNoThing_aPlaceStaysAPlace() {
        // WordNet's first "john" is a toilet, its first "turkey" a bird.
        assertThat(lexicon.kinds("I met my friend John yesterday")).doesNotContain("room",
                "toilet");
        assertThat(lexicon.kinds("We flew to Turkey in May")).contains("country")
                .doesNotContain("bird", "domestic fowl");
    }

    @Test
    void kinds_twoWordNouns_count() {
        assertThat(lexicon.kinds("I just made ice cream")).contains("frozen dessert");
    }

    @Test
    void kinds_plurals_countAsTheirSingular() {
        assertThat(lexicon.kinds("I love my turtles")).contains("reptile");
    }

    @Test
    void kinds_wordsMostlyUsedOtherwise_nameNothing() {
        assertThat(lexicon.kinds("Hope you're doing great, it's cool, mind you")).isEmpty();
    }

    @Test
    void kinds_feelingsAndTimes_nameNothing() {
        assertThat(lexicon.kinds("such joy every day")).isEmpty();
    }

    @Test
    void kinds_eachKindOnce_inFirstNamedOrder() {
        assertThat(lexicon.kinds("Rome and Paris")).startsWith("national capital")
                .doesNotHaveDuplicates();
    }

    @Test
    void kinds_tooGeneralHypernyms_leftOut() {
        assertThat(lexicon.kinds("playing my violin")).doesNotContain("entity", "object",
                "physical entity", "whole", "artifact");
    }

    @Test
    void kinds_noWords_empty() {
        assertThat(lexicon.kinds("")).isEmpty();
        assertThat(lexicon.kinds("!!! 42 ...")).isEmpty();
    }

    @Test
    void words_lowerCaseLetterRuns_possessivesDropped_innerApostrophesKept() {
        assertThat(WordNetLexicon.words("Jon's trip to Rome, don\u2019t ask! 42x ice-cream"))
                .containsExactly("jon", "trip", "to", "rome", "don't", "ask", "x", "ice", "cream");
        assertThat(WordNetLexicon.words("'quoted' words'")).containsExactly("quoted", "words");
    }

    @Test
    void kinds_manyThreadsAndInstancesAtOnce_sameAsOneByOne() throws Exception {
        List<String> texts = List.of("a trip to Rome", "pics in Spain and England",
                "my violin and clarinet", "chess with the kids", "surfing in Oregon",
                "taekwondo twice a week", "chocolate mousse and ice cream", "my two turtles");
        List<List<String>> expected = texts.stream().map(new WordNetLexicon()::kinds).toList();
        WordNetLexicon[] lexicons = {new WordNetLexicon(), new WordNetLexicon()};
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int n = i;
                results.add(pool.submit(() -> lexicons[n % 2].kinds(texts.get(n % texts.size()))
                        .equals(expected.get(n % texts.size()))));
            }
            for (java.util.concurrent.Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void id_namesWordNetVersion() {
        assertThat(lexicon.id()).startsWith("wordnet-3.1");
    }
}
