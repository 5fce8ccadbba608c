package dev.spectron.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.api.Diff;
import dev.spectron.api.FactStatus;
import dev.spectron.api.Scope;
import dev.spectron.api.Source;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.ExtractedFact;
import dev.spectron.engine.spi.ExtractedFact.Polarity;
import dev.spectron.engine.spi.ExtractedFact.Tense;
import dev.spectron.engine.spi.ExtractedInstruction;
import dev.spectron.engine.spi.Extraction;
import dev.spectron.engine.spi.FactBatch;
import dev.spectron.engine.spi.FactRecord;
import dev.spectron.engine.spi.Indexed;
import dev.spectron.engine.spi.KeyRegistry;
import dev.spectron.engine.spi.Span;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
    private static final EntityKey ALICE = EntityKey.of("person", "alice");
    private static final Scope SCOPE = Scope.of("user", "alice");
    private static final Source TURN = new Source("turn", "turn:t", Optional.of("s"),
            Optional.of("t"), Map.of());
    private static final Source DOC = new Source("document", "doc:d", Optional.empty(),
            Optional.empty(), Map.of(), Optional.empty(), Source.AUTHORITATIVE_TRUST);

    private final InMemoryFactStore store = new InMemoryFactStore();
    private final AtomicInteger next = new AtomicInteger();
    private final Reconciler reconciler = new Reconciler(store, KeyRegistry.builtIn(),
            () -> "id" + next.incrementAndGet(),
            InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")));

    @Test
    void reconcile_newValue_isAdd() {
        Diff diff = write(SCOPE, TURN, fact("food_preference", "vegetarian"));
        assertThat(diff.attributes()).extracting(Diff.AttributeChange::decision)
                .containsExactly("add");
        assertThat(diff.entities()).singleElement().satisfies(e -> assertThat(e.isNew()).isTrue());
    }

    @Test
    void reconcile_sameValueAgain_isCorroborateWithoutDuplicate() {
        write(SCOPE, TURN, fact("food_preference", "vegetarian"));
        Diff again = write(SCOPE, TURN, fact("food_preference", "Vegetarian."));
        assertThat(again.attributes()).extracting(Diff.AttributeChange::decision)
                .containsExactly("corroborate");
        assertThat(store.facts).hasSize(1);
    }

    @Test
    void reconcile_otherValueOfOneKey_supersedesWithChain() {
        write(SCOPE, TURN, fact("food_preference", "vegetarian"));
        Diff diff = write(SCOPE, TURN, fact("food_preference", "fish"));
        assertThat(diff.attributes()).extracting(Diff.AttributeChange::decision)
                .containsExactly("supersede");
        assertThat(diff.corrections()).singleElement()
                .satisfies(c -> assertThat(c.oldValue()).isEqualTo("vegetarian"));
        FactRecord old = byValue("vegetarian");
        FactRecord fresh = byValue("fish");
        assertThat(old.status()).isEqualTo(FactStatus.SUPERSEDED);
        assertThat(old.supersededBy()).contains(fresh.id());
        assertThat(old.validUntil()).isPresent();
        assertThat(fresh.supersedes()).contains(old.id());
        assertThat(fresh.status()).isEqualTo(FactStatus.CURRENT);
    }

    @Test
    void reconcile_manyKey_accumulates_andNegationRetractsOne() {
        write(SCOPE, TURN, fact("likes", "hiking"));
        write(SCOPE, TURN, fact("likes", "jazz"));
        assertThat(store.facts.values()).filteredOn(f -> f.status() == FactStatus.CURRENT)
                .hasSize(2);
        Diff diff = write(SCOPE, TURN, negated("likes", "jazz"));
        assertThat(diff.attributes()).extracting(Diff.AttributeChange::decision)
                .containsExactly("retract");
        assertThat(byValue("jazz").status()).isEqualTo(FactStatus.RETRACTED);
        assertThat(byValue("hiking").status()).isEqualTo(FactStatus.CURRENT);
    }

    @Test
    void reconcile_pastTense_isStoredClosed() {
        write(SCOPE, TURN, new ExtractedFact(ALICE, "lives_in", "Paris",
                Optional.of(EntityKey.of("location", "paris")), Polarity.AFFIRM, Tense.PAST,
                Optional.empty(), Optional.empty(), 0.9, new Span(0, 5)));
        FactRecord paris = store.facts.values().iterator().next();
        assertThat(paris.status()).isEqualTo(FactStatus.RETRACTED);
        assertThat(paris.validUntil()).isPresent();
    }

    @Test
    void reconcile_sameValueUnderOtherScope_isIndependent() {
        write(Scope.of("org", "acme"), TURN, fact("food_preference", "fish"));
        Diff diff = write(SCOPE, TURN, fact("food_preference", "vegetarian"));
        assertThat(diff.attributes()).extracting(Diff.AttributeChange::decision)
                .containsExactly("add");
    }

    @Test
    void reconcile_claimAgainstVisibleDocument_isConflictAndDocumentUntouched() {
        EntityKey shop = EntityKey.of("organization", "shop");
        write(Scope.of("org", "shop"), DOC, factAbout(shop, "return_window", "30 days"));
        Diff diff = write(Scope.of("org", "shop", "user", "pat"), TURN,
                factAbout(shop, "return_window", "60 days"));
        assertThat(diff.attributes()).extracting(Diff.AttributeChange::decision)
                .containsExactly("conflict");
        assertThat(diff.uncertainties()).singleElement()
                .satisfies(u -> assertThat(u.kind()).isEqualTo("authority_conflict"));
        assertThat(byValue("30 days").status()).isEqualTo(FactStatus.CURRENT);
        assertThat(store.uncertainties.values()).singleElement()
                .satisfies(u -> assertThat(u.scope()).isEqualTo(
                        Scope.of("org", "shop", "user", "pat")));
    }

    @Test
    void reconcile_lowConfidence_isSkippedWithUncertainty() {
        Diff diff = write(SCOPE, TURN, new ExtractedFact(ALICE, "age", "34", Optional.empty(),
                Polarity.AFFIRM, Tense.CURRENT, Optional.empty(), Optional.empty(), 0.3,
                new Span(0, 2)));
        assertThat(diff.uncertainties()).singleElement()
                .satisfies(u -> assertThat(u.kind()).isEqualTo("low_confidence"));
        assertThat(store.facts).isEmpty();
    }

    @Test
    void reconcile_stopThenStart_replacesTheInstruction() {
        write(SCOPE, TURN, new ExtractedInstruction("always reply formally",
                ExtractedInstruction.Action.START, Optional.empty(), new Span(0, 5)));
        write(SCOPE, TURN, new ExtractedInstruction("", ExtractedInstruction.Action.STOP,
                Optional.of("replying formally"), new Span(0, 5)),
                new ExtractedInstruction("be casual with me", ExtractedInstruction.Action.START,
                        Optional.empty(), new Span(6, 9)));
        assertThat(store.instructions.values()).filteredOn(i -> i.active())
                .extracting(i -> i.text()).containsExactly("be casual with me");
        assertThat(store.instructions.values()).filteredOn(i -> !i.active()).singleElement()
                .satisfies(i -> assertThat(i.supersededBy()).isPresent());
    }

    private Diff write(Scope scope, Source source, Object... candidates) {
        List<ExtractedFact> facts = java.util.Arrays.stream(candidates)
                .filter(c -> c instanceof ExtractedFact).map(c -> (ExtractedFact) c).toList();
        List<ExtractedInstruction> instructions = java.util.Arrays.stream(candidates)
                .filter(c -> c instanceof ExtractedInstruction)
                .map(c -> (ExtractedInstruction) c).toList();
        Reconciler.Outcome outcome = reconciler.reconcile("ctx",
                new Extraction(facts, instructions, List.of()),
                new Reconciler.Origin(scope, source, Instant.parse("2025-06-01T00:00:00Z")),
                Optional.of("t"));
        store.apply("ctx", new FactBatch(outcome.entities(), outcome.facts().stream()
                .map(f -> new Indexed<>(f, "", new float[0], "m")).toList(), outcome.updates(),
                outcome.instructions().stream().map(i -> new Indexed<>(i, "", new float[0], "m"))
                        .toList(), outcome.deactivated(), outcome.uncertainties(), List.of()));
        return outcome.diff();
    }

    private static ExtractedFact fact(String key, String value) {
        return factAbout(ALICE, key, value);
    }

    private static ExtractedFact factAbout(EntityKey subject, String key, String value) {
        return new ExtractedFact(subject, key, value, Optional.empty(), Polarity.AFFIRM,
                Tense.CURRENT, Optional.empty(), Optional.empty(), 0.9, new Span(0, 1));
    }

    private static ExtractedFact negated(String key, String value) {
        return new ExtractedFact(ALICE, key, value, Optional.empty(), Polarity.NEGATE,
                Tense.CURRENT, Optional.empty(), Optional.empty(), 0.9, new Span(0, 1));
    }

    private FactRecord byValue(String value) {
        return store.facts.values().stream().filter(f -> f.value().equals(value)).findFirst()
                .orElseThrow();
    }
}
