package dev.spectron.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.ExtractedFact;
import dev.spectron.engine.spi.KeyRegistry;
import dev.spectron.engine.spi.KeySpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyCanonicalizerTest {
    private final KeyCanonicalizer canonicalizer = new KeyCanonicalizer(Fixtures.lexicon(),
            Fixtures.registry());

    private Optional<ExtractedFact> canonical(String text, EntityKey subject) {
        return canonical(canonicalizer, text, subject);
    }

    private static Optional<ExtractedFact> canonical(KeyCanonicalizer canonicalizer, String text,
            EntityKey subject) {
        Candidate c = new MarkerReader(Fixtures.lexicon())
                .read(Fixtures.candidate(text), Optional.empty()).orElseThrow();
        return canonicalizer.canonical(new SubjectResolver.Resolved(c, subject));
    }

    @Test
    void canonical_synonymKey_becomesTheRegisteredKey() {
        assertThat(canonical("My favourite film is Alien.", Requests.SAM)).get()
                .extracting(ExtractedFact::key).isEqualTo("favorite_movie");
    }

    @Test
    void canonical_relation_getsATypedObject() {
        ExtractedFact f = canonical("I work at Acme Corp.", Requests.SAM).orElseThrow();
        assertThat(f.object()).hasValue(EntityKey.of("organization", "acme corp"));
        assertThat(f.value()).isEqualTo("Acme Corp");
    }

    @Test
    void canonical_organizationLivesIn_isLocatedIn() {
        assertThat(canonical("We live in Dublin.", Requests.ACME)).get()
                .extracting(ExtractedFact::key).isEqualTo("located_in");
    }

    @Test
    void canonical_quantityShape_cutsAndPluralises() {
        assertThat(canonical("I prefer 45 minute meetings.", Requests.SAM)).get()
                .extracting(ExtractedFact::value).isEqualTo("45 minutes");
    }

    @Test
    void canonical_numberShape_keepsTheNumber() {
        assertThat(canonical("My age is 34 now.", Requests.SAM)).get()
                .extracting(ExtractedFact::value).isEqualTo("34");
    }

    @Test
    void canonical_relationToItself_isDropped() {
        assertThat(canonical("I'm married to Sam.", Requests.SAM)).isEmpty();
    }

    @Test
    void canonical_contextRegistry_isUsed() {
        KeyRegistry registry = Fixtures.registry().with(List.of(new KeySpec("sector",
                false, KeySpec.Cardinality.ONE, KeySpec.Category.IDENTITY,
                List.of("industry"))));
        KeyCanonicalizer custom = new KeyCanonicalizer(Fixtures.lexicon(), registry);
        assertThat(canonical(custom, "I work in marketing.", Requests.SAM)).get()
                .extracting(ExtractedFact::key).isEqualTo("sector");
    }
}
