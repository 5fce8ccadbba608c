package dev.spectron.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spectron.api.ConflictException;
import dev.spectron.api.Hit;
import dev.spectron.api.Memory;
import dev.spectron.api.NotFoundException;
import dev.spectron.api.RecallMode;
import dev.spectron.api.RecallRequest;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.Session;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded mode: the same Memory interface in-process, over a real data directory. */
class EmbeddedSpectronTest {
    @TempDir
    Path data;

    @Test
    void remember_thenRecall_inProcess() {
        try (EmbeddedSpectron spectron = EmbeddedSpectron.open(data)) {
            Scope alice = Scope.of("user", "alice");
            Memory memory = remembering(spectron, alice,
                    "I prefer vegetarian food.",
                    "I live in Lisbon.",
                    "My favourite colour is green.");
            Hit top = memory.recall("What are Alice's food preferences?", alice, 5).hits()
                    .getFirst();
            assertThat(top.text()).contains("vegetarian");
        }
    }

    @Test
    void recall_include_returnsOnlyTheKindsAskedFor() {
        try (EmbeddedSpectron spectron = EmbeddedSpectron.open(data)) {
            Scope alice = Scope.of("user", "alice");
            Memory memory = remembering(spectron, alice,
                    "I live in Lisbon and my favourite book is Dune.");
            RecallRequest all = RecallRequest.of("Where does Alice live?", alice, 10);
            // Everything: the turn holds the slot of the two facts read from it.
            assertThat(memory.recall(all).hits()).extracting(Hit::kind)
                    .contains(dev.spectron.api.HitKind.TURN);

            assertThat(memory.recall(all.withInclude(java.util.Set.of(
                    dev.spectron.api.RecallInclude.TURNS))).hits()).isNotEmpty()
                    .extracting(Hit::kind).containsOnly(dev.spectron.api.HitKind.TURN);
            // Facts only: the direct lookup of a single-valued key still answers, turns do not.
            assertThat(memory.recall(all.withInclude(java.util.Set.of(
                    dev.spectron.api.RecallInclude.FACTS))).hits()).isNotEmpty()
                    .allMatch(h -> h.kind() == dev.spectron.api.HitKind.ATTRIBUTE
                            || h.kind() == dev.spectron.api.HitKind.RELATION)
                    .anyMatch(h -> h.text().contains("Lisbon"))
                    .anyMatch(h -> h.text().contains("Dune")); // both facts of the one turn
            assertThat(memory.recall(all.withInclude(java.util.Set.of(
                    dev.spectron.api.RecallInclude.DOCUMENTS))).hits()).isEmpty();
        }
    }

    @Test
    void forget_query_takesWhatNamesItAndItsFacts_notWhatIsMerelySimilar() {
        try (EmbeddedSpectron spectron = EmbeddedSpectron.open(data)) {
            Scope alice = Scope.of("user", "forgetful");
            Memory memory = remembering(spectron, alice,
                    "I live in Lisbon and my favourite book is Dune.",
                    "I love hiking.");
            int forgotten = memory.forget(new dev.spectron.api.ForgetRequest(alice,
                    java.util.Optional.of("hiking"), null, null, false, false)).forgotten();
            assertThat(forgotten).as("the turn and its fact").isEqualTo(2);
            assertThat(memory.recall("What does she love?", alice, 10).hits())
                    .extracting(Hit::text).noneMatch(t -> t.contains("hiking"))
                    .anyMatch(t -> t.contains("Lisbon"));
        }
    }

    @Test
    void modes_bm25AndVector_eachFindTheTurn() {
        try (EmbeddedSpectron spectron = EmbeddedSpectron.open(data)) {
            Scope scope = Scope.of("user", "modes");
            Memory memory = remembering(spectron, scope,
                    "The wifi password is hunter2.",
                    "Our cat is called Miso.");
            for (RecallMode mode : new RecallMode[] {RecallMode.BM25, RecallMode.VECTOR}) {
                RecallRequest request = RecallRequest.of("wifi password", scope, 1).withMode(mode);
                assertThat(memory.recall(request).hits()).extracting(Hit::text)
                        .singleElement().asString().contains("hunter2");
            }
        }
    }

    @Test
    void recall_bm25_findsAPlaceByItsKind() {
        try (EmbeddedSpectron spectron = EmbeddedSpectron.open(data)) {
            Scope scope = Scope.of("user", "jon");
            Memory memory = remembering(spectron, scope,
                    "Took a short trip last week to Rome to clear my mind.",
                    "My dance studio finally got a new floor.",
                    "I had lunch with my sister.");
            // No word of the question is in the turn; WordNet knows Rome is a city.
            RecallRequest request = RecallRequest.of("Which cities has he visited?", scope, 3)
                    .withMode(RecallMode.BM25);
            assertThat(memory.recall(request).hits()).extracting(Hit::text)
                    .singleElement().asString().contains("Rome");
        }
    }

    @Test
    void context_saysEachPieceOfEvidenceOnce() {
        try (EmbeddedSpectron spectron = EmbeddedSpectron.open(data)) {
            Scope alice = Scope.of("user", "alice");
            Memory memory = remembering(spectron, alice,
                    "I live in Lisbon.",
                    "My favourite colour is green.");
            dev.spectron.api.Context context = memory.context("Where does Alice live?", alice);
            assertThat(context.formatted()).contains("Lisbon");
            // The fact read from the turn and the turn are one piece: one slot in the budget.
            java.util.Set<String> ids = new java.util.HashSet<>();
            context.items().forEach(h -> ids.add(h.id()));
            assertThat(context.items()).noneMatch(h -> h.source().turnId()
                    .filter(turn -> !turn.equals(h.id()) && ids.contains(turn)).isPresent());
            assertThat(context.items()).filteredOn(h -> h.text().contains("Lisbon")).hasSize(1);
        }
    }

    @Test
    void reopen_keepsTurnsAndSessionState() {
        String sessionId;
        Scope scope = Scope.of("user", "reopen");
        try (EmbeddedSpectron spectron = EmbeddedSpectron.open(data)) {
            try (Session session = spectron.memory().openSession(scope)) {
                session.turn(Role.USER, "I'm training for the Porto marathon.");
                sessionId = session.id();
            }
        }
        try (EmbeddedSpectron spectron = EmbeddedSpectron.open(data)) {
            Memory memory = spectron.memory();
            assertThat(memory.turns(sessionId)).singleElement()
                    .satisfies(t -> assertThat(t.content()).contains("Porto"));
            assertThatThrownBy(() -> memory.resumeSession(sessionId).turn(Role.USER, "late"))
                    .isInstanceOf(ConflictException.class);
            assertThat(memory.recall("marathon", scope, 3).hits()).isNotEmpty();
        }
    }

    @Test
    void reopen_withAnotherEmbeddingModel_rebuildsTheIndexForIt() {
        Scope scope = Scope.of("user", "models");
        try (EmbeddedSpectron spectron = EmbeddedSpectron.open(data)) {
            spectron.memory().remember("The wifi password is hunter2.", scope);
            spectron.memory().remember("Our cat is called Miso.", scope);
        }
        AtomicLong sameModel = new AtomicLong();
        try (EmbeddedSpectron spectron = EmbeddedSpectron.open(EmbeddedOptions.of(data),
                sameModel::set)) {
            assertThat(spectron.engine().embeddingModel()).startsWith("bge-small-en-v1.5-q");
        }
        AtomicLong otherModel = new AtomicLong();

        try (EmbeddedSpectron spectron = EmbeddedSpectron.open(
                EmbeddedOptions.of(data).withEmbeddingModel("minilm"), otherModel::set)) {
            RecallRequest request = RecallRequest.of("wifi password", scope, 1)
                    .withMode(RecallMode.VECTOR);
            assertThat(spectron.memory().recall(request).hits()).extracting(Hit::text)
                    .singleElement().asString().contains("hunter2");
            assertThat(spectron.engine().indexLag()).isZero();
        }

        assertThat(sameModel).as("changes replayed on reopening with the same model")
                .hasValue(0);
        assertThat(otherModel).as("changes replayed on reopening with another model")
                .hasPositiveValue();
    }

    @Test
    void recall_validAt_readsTheFactThatHeldThen() {
        try (EmbeddedSpectron spectron = EmbeddedSpectron.open(data)) {
            Memory memory = spectron.memory();
            Scope scope = Scope.of("user", "timely");
            memory.remember(new dev.spectron.api.RememberRequest("I prefer vegetarian food.",
                    scope, java.util.Optional.empty(), Role.USER,
                    java.util.Optional.of(java.time.Instant.parse("2020-01-01T00:00:00Z")),
                    java.util.Map.of()));
            memory.remember(new dev.spectron.api.RememberRequest("I eat fish now.", scope,
                    java.util.Optional.empty(), Role.USER,
                    java.util.Optional.of(java.time.Instant.parse("2023-01-01T00:00:00Z")),
                    java.util.Map.of()));
            RecallRequest then = new RecallRequest("food preference", scope, 5,
                    RecallMode.HYBRID, java.util.Optional.empty(),
                    java.util.Optional.of(java.time.Instant.parse("2021-06-01T00:00:00Z")),
                    java.util.Optional.empty());
            java.util.List<Hit> hits = memory.recall(then).hits();
            assertThat(hits).extracting(Hit::text)
                    .anyMatch(t -> t.contains("food preference: vegetarian"))
                    .noneMatch(t -> t.contains("fish"));
            assertThat(memory.recall("food preference", scope, 5).hits()).extracting(Hit::text)
                    .noneMatch(t -> t.contains("food preference: vegetarian"));
        }
    }

    @Test
    void memory_unknownContext_isNotFound() {
        try (EmbeddedSpectron spectron = EmbeddedSpectron.open(data)) {
            assertThatThrownBy(() -> spectron.memory("nope")).isInstanceOf(NotFoundException.class);
            spectron.engine().createContext("nope");
            assertThat(spectron.memory("nope").context()).isEqualTo("nope");
        }
    }

    /** {@code spectron}'s memory with {@code texts} remembered at {@code scope}, in order. */
    private static Memory remembering(EmbeddedSpectron spectron, Scope scope, String... texts) {
        Memory memory = spectron.memory();
        for (String text : texts) {
            memory.remember(text, scope);
        }
        return memory;
    }
}
