package dev.spectron.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.ExtractedFact;
import dev.spectron.engine.spi.Extraction;
import dev.spectron.engine.spi.KeyRegistry;
import dev.spectron.engine.spi.KeySpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesExtractorTest {
    private final RulesExtractor extractor = Fixtures.extractor();

    @Test
    void name_isRules() {
        assertThat(extractor.name()).isEqualTo("rules");
    }

    @Test
    void extract_blankText_isEmpty() {
        assertThat(extractor.extract(Requests.user("   "))).isEqualTo(Extraction.empty());
    }

    @Test
    void extract_nullRequest_throws() {
        assertThatThrownBy(() -> extractor.extract(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void extract_fact_hasASpanInsideTheText() {
        String text = "Hi! I prefer vegetarian food.";
        ExtractedFact f = extractor.extract(Requests.user(text)).facts().getFirst();
        assertThat(text.substring(f.span().start(), f.span().end()))
                .isEqualTo("I prefer vegetarian food");
    }

    @Test
    void extract_namedEntities_keepTheirDisplayNames() {
        Extraction e = extractor.extract(Requests.user("I work at Acme Corp."));
        assertThat(e.entities()).containsExactly(new Extraction.NamedEntity(
                EntityKey.of("organization", "acme corp"), "Acme Corp"));
    }

    @Test
    void extract_sameFactTwiceInOneText_isReportedOnce() {
        assertThat(extractor.extract(Requests.user("I live in Oslo. I live in Oslo."))
                .facts()).hasSize(1);
    }

    @Test
    void extract_typographicApostrophe_readsLikeAscii() {
        assertThat(extractor.extract(Requests.user("I\u2019m vegan.")).facts())
                .extracting(ExtractedFact::key).containsExactly("diet");
    }

    @Test
    void extract_assistantTurn_yieldsNoDirectives() {
        assertThat(extractor.extract(Requests.assistant("Always reply formally."))
                .instructions()).isEmpty();
    }

    @Test
    void extract_firstPersonHabitWithNeverOrDont_yieldsNoDirective() {
        for (String habit : List.of(
                "I never drink coffee after 2pm because it keeps me awake.",
                "I don't take meetings before 10am.",
                "When I fly I always book a window seat and travel with hand luggage only.",
                "I like tea but never use sugar.",
                "I fly a lot, but always book a window seat.")) {
            assertThat(extractor.extract(Requests.user(habit)).instructions()).as(habit)
                    .isEmpty();
        }
    }

    @Test
    void extract_imperativeToTheAssistant_yieldsADirective() {
        for (String directive : List.of("From now on, always answer in metric units.",
                "Never use emojis.", "Always reply in French", "Please call me Bob from now on",
                "Don't book meetings before 10am.", "You're great, but never use emojis.",
                "I'm busy today, but please always answer in French.")) {
            assertThat(extractor.extract(Requests.user(directive)).instructions())
                    .as(directive).hasSize(1);
        }
    }

    @Test
    void create_withARegistry_canonicalisesThroughIt() {
        KeyRegistry registry = KeyRegistry.builtIn().with(List.of(new KeySpec("sector", false,
                KeySpec.Cardinality.ONE, KeySpec.Category.IDENTITY, List.of("industry"))));
        Extraction e = RulesExtractor.create(registry).extract(
                Requests.user("I work in marketing."));
        assertThat(e.facts()).extracting(ExtractedFact::key).containsExactly("sector");
    }

    @Test
    void create_nullRegistry_throws() {
        assertThatThrownBy(() -> RulesExtractor.create(null))
                .isInstanceOf(NullPointerException.class);
    }
}
