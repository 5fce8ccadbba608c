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
