package dev.spectron.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.engine.spi.Lexicon;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AskedKindTest {
    /** Knows Rome, Spain and the violin; counts the texts it is asked about. */
    private static final class SmallLexicon implements Lexicon {
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public String id() {
            return "small";
        }

        @Override
        public List<String> kinds(String text) {
            asked.incrementAndGet();
            if (text.contains("Rome")) {
                return List.of("national capital", "city");
            }
            if (text.contains("Spain")) {
                return List.of("European country", "country");
            }
            return text.contains("violin") ? List.of("musical instrument") : List.of();
        }
    }

    private final SmallLexicon lexicon = new SmallLexicon();
    private final AskedKind.Memo memo = new AskedKind.Memo(lexicon);

    @Test
    void of_whatOrWhichThenWordsThenAuxiliary_asksForThoseWords() {
        // Stemmed as ContentWords stems, the same for "cities" and "city".
        assertThat(AskedKind.of("Which cities has Jon visited?", memo).words())
                .containsExactly(ContentWords.stem("city"));
        assertThat(AskedKind.of("What European countries has Maria been to?", memo).words())
                .containsExactlyInAnyOrder("european", ContentWords.stem("country"));
        assertThat(AskedKind.of("what martial arts did John do", memo).words())
                .containsExactlyInAnyOrder("martial", "art");
    }

    @Test
    void of_kindOf_isLeftOut() {
        assertThat(AskedKind.of("What kind of art does Caroline make?", memo).words())
                .containsExactly("art");
    }

    @Test
    void of_questionsThatAskForNoKind() {
        assertThat(AskedKind.of("What does Melanie do to destress?", memo).any()).isFalse();
        assertThat(AskedKind.of("When did Jon go to Rome?", memo).any()).isFalse();
        assertThat(AskedKind.of("Tell me about cities", memo).any()).isFalse();
        assertThat(AskedKind.of("What is Caroline's identity?", memo).any()).isFalse();
        assertThat(AskedKind.of("", memo).any()).isFalse();
    }

    @Test
    void of_withoutALexicon_asksForNothing() {
        AskedKind none = AskedKind.of("Which cities has Jon visited?",
                new AskedKind.Memo(Lexicon.NONE));

        assertThat(none.any()).isFalse();
        assertThat(none.weight("jon: a trip to Rome")).isEqualTo(1.0);
    }

    @Test
    void weight_aTextNamingAThingOfTheKind_weighsMore() {
        AskedKind cities = AskedKind.of("Which cities has Jon visited?", memo);

        assertThat(cities.weight("jon: Took a short trip to Rome")).isEqualTo(AskedKind.WEIGHT);
        assertThat(cities.weight("jon: I took this pic in Spain")).isEqualTo(1.0);
        assertThat(AskedKind.of("What European countries has Maria been to?", memo)
                .weight("maria: I took this pic in Spain")).isEqualTo(AskedKind.WEIGHT);
        assertThat(AskedKind.of("What instruments does Melanie play?", memo)
                .weight("melanie: playing my violin")).isEqualTo(AskedKind.WEIGHT);
    }

    @Test
    void weight_sameTextAgain_asksTheLexiconOnce() {
        AskedKind cities = AskedKind.of("Which cities has Jon visited?", memo);
        cities.weight("jon: Took a short trip to Rome");
        AskedKind.of("Which capitals has Jon seen?", memo).weight("jon: Took a short trip to Rome");

        assertThat(lexicon.asked.get()).isEqualTo(1);
    }
}
