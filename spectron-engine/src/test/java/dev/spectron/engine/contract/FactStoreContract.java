package dev.spectron.engine.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spectron.api.ConflictException;
import dev.spectron.api.DocumentInfo;
import dev.spectron.api.FactStatus;
import dev.spectron.api.Instruction;
import dev.spectron.api.NotFoundException;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.Source;
import dev.spectron.api.TextSpan;
import dev.spectron.api.Uncertainty;
import dev.spectron.engine.spi.ChunkRecord;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.EntityRecord;
import dev.spectron.engine.spi.FactBatch;
import dev.spectron.engine.spi.FactQuery;
import dev.spectron.engine.spi.FactRecord;
import dev.spectron.engine.spi.FactStore;
import dev.spectron.engine.spi.IndexChange;
import dev.spectron.engine.spi.IndexDocument;
import dev.spectron.engine.spi.Indexed;
import dev.spectron.engine.spi.MemoryStore;
import dev.spectron.engine.spi.NewTurn;
import dev.spectron.engine.spi.Span;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link FactStore} must show: structured memory, its scope rules, its
 * atomic batches and the index changes it logs. A backend's test extends this class and supplies
 * a fresh, empty store per test that implements both {@link MemoryStore} and {@link FactStore}
 * (the change log and contexts belong to the former).
 */
public abstract class FactStoreContract {
    protected static final String CONTEXT = MemoryStoreContract.CONTEXT;
    protected static final String OTHER_CONTEXT = MemoryStoreContract.OTHER_CONTEXT;
    protected static final Instant T0 = MemoryStoreContract.T0;
    protected static final String MODEL = MemoryStoreContract.MODEL;
    protected static final Scope EMPTY = Scope.empty();
    protected static final Scope ORG = Scope.of("org", "a");
    protected static final Scope ALICE = Scope.of("org", "a", "user", "alice");
    protected static final Scope BOB = Scope.of("org", "a", "user", "bob");
    protected static final EntityKey ALICE_KEY = EntityKey.of("person", "Alice");
    protected static final EntityKey BOB_KEY = EntityKey.of("person", "Bob");
    protected static final EntityKey ACME = EntityKey.of("organization", "Acme Corp");

    protected MemoryStore store;
    protected FactStore facts;
    private int seed;

    /** A new, empty store implementing {@link FactStore} too; it is closed after each test. */
    protected abstract MemoryStore createStore();

    @BeforeEach
    void openStore() {
        store = createStore();
        // Until MemoryStore extends FactStore, a backend implements both.
        facts = (FactStore) store;
        store.createContext(CONTEXT, T0);
        store.createContext(OTHER_CONTEXT, T0);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // --- entities -------------------------------------------------------------------------

    @Test
    void apply_newEntity_readsBackEqual() {
        EntityRecord alice = entity("e1", ALICE_KEY, "Alice", List.of("Ali"), T0);
        facts.apply(CONTEXT, batch().entity(alice).build());
        assertThat(facts.entity(CONTEXT, ALICE_KEY)).contains(alice);
    }

    @Test
    void apply_sameEntityTwice_keepsFirstIdTypeNameAndCreatedAt() {
        facts.apply(CONTEXT, batch().entity(entity("e1", ALICE_KEY, "Alice", List.of(), T0))
                .build());
        facts.apply(CONTEXT, batch().entity(entity("e2", ALICE_KEY, "Alice", List.of(),
                T0.plusSeconds(9))).build());
        EntityRecord stored = facts.entity(CONTEXT, ALICE_KEY).orElseThrow();
        assertThat(stored.id()).isEqualTo("e1");
        assertThat(stored.key()).isEqualTo(ALICE_KEY);
        assertThat(stored.createdAt()).isEqualTo(T0);
        assertThat(stored.updatedAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(facts.entities(CONTEXT, List.of(ALICE_KEY))).hasSize(1);
    }

    @Test
    void apply_entityWithNewAliases_updatesAliasesAndDisplayNameOnly() {
        facts.apply(CONTEXT, batch().entity(entity("e1", ALICE_KEY, "Alice", List.of(), T0))
                .build());
        EntityRecord renamed = new EntityRecord("e1", ALICE_KEY, "Alice Smith",
                List.of("Ali", "A. Smith"), 0.9, T0.plusSeconds(5), T0.plusSeconds(5));
        facts.apply(CONTEXT, batch().entity(renamed).build());
        assertThat(facts.entity(CONTEXT, ALICE_KEY)).contains(new EntityRecord("e1", ALICE_KEY,
                "Alice Smith", List.of("Ali", "A. Smith"), 0.5, T0, T0.plusSeconds(5)));
    }

    @Test
    void apply_entityIdTakenByAnotherKey_throwsConflictAndStoresNothing() {
        facts.apply(CONTEXT, batch().entity(entity("e1", ALICE_KEY, "Alice", List.of(), T0))
                .build());
        FactBatch clash = batch().entity(entity("e2", ACME, "Acme", List.of(), T0))
                .entity(entity("e1", BOB_KEY, "Bob", List.of(), T0)).build();
        assertThatThrownBy(() -> facts.apply(CONTEXT, clash))
                .isInstanceOf(ConflictException.class);
        assertThat(facts.entities(CONTEXT, List.of(ACME, BOB_KEY))).isEmpty();
    }

    @Test
    void entities_knownUnknownAndOtherContextKeys_returnsKnownOfContext() {
        facts.apply(CONTEXT, batch().entity(entity("e1", ALICE_KEY, "Alice", List.of(), T0))
                .entity(entity("e2", ACME, "Acme Corp", List.of(), T0)).build());
        facts.apply(OTHER_CONTEXT, batch().entity(entity("e3", BOB_KEY, "Bob", List.of(), T0))
                .build());
        Map<EntityKey, EntityRecord> found = facts.entities(CONTEXT,
                List.of(ALICE_KEY, BOB_KEY, ACME, EntityKey.of("topic", "nothing")));
        assertThat(found).containsOnlyKeys(ALICE_KEY, ACME);
        assertThat(found.get(ACME).id()).isEqualTo("e2");
        assertThat(facts.entity(OTHER_CONTEXT, ALICE_KEY)).isEmpty();
        assertThat(facts.entities(CONTEXT, List.of())).isEmpty();
    }

    @Test
    void apply_unknownContext_throwsNotFound() {
        FactBatch batch = batch().entity(entity("e1", ALICE_KEY, "Alice", List.of(), T0)).build();
        assertThatThrownBy(() -> facts.apply("nope", batch))
                .isInstanceOf(NotFoundException.class);
    }

    // --- facts ----------------------------------------------------------------------------

    @Test
    void apply_factWithEveryField_readsBackEqual() {
        FactRecord fact = new FactRecord("f1", ALICE_KEY, "lives_in", "Paris",
                Optional.of(EntityKey.of("location", "Paris")), "identity", 1.0, 0.75, ALICE,
                FactStatus.CURRENT, T0.minusSeconds(86_400), Optional.of(T0.plusSeconds(3600)),
                T0, Optional.empty(), Optional.of("f0"), Optional.empty(),
                new Source("turn", "turn:t9", Optional.of("s9"), Optional.of("t9"),
                        MemoryStoreContract.jsonOfEveryKind(), Optional.of(new TextSpan(4, 27)),
                        Source.EXPERIENTIAL_TRUST));
        facts.apply(CONTEXT, batch().fact(fact).build());
        assertThat(facts.factsById(CONTEXT, List.of("f1"))).containsEntry("f1", fact);
    }

    @Test
    void apply_sourceWithoutSessionOrSpan_roundTripsTrustAndMetadata() {
        Source upsert = new Source("upsert", "upsert:42", Optional.empty(), Optional.empty(),
                Map.of("by", "operator", "n", 3), Optional.empty(), Source.AUTHORITATIVE_TRUST);
        FactRecord fact = withSource(attribute("f1", ALICE_KEY, "diet", "vegan", ORG, T0), upsert);
        Instruction instruction = new Instruction("i1", "Answer in metric units", ORG, true, T0,
                Optional.empty(), upsert);
        facts.apply(CONTEXT, batch().fact(fact).instruction(instruction).build());
        assertThat(facts.factsById(CONTEXT, List.of("f1")).get("f1").source()).isEqualTo(upsert);
        assertThat(facts.instructionsById(CONTEXT, List.of("i1")).get("i1").source())
                .isEqualTo(upsert);
    }

    @Test
    void apply_supersedingFact_chainRoundTrips() {
        FactRecord old = attribute("f1", ALICE_KEY, "diet", "vegetarian", ALICE, T0);
        facts.apply(CONTEXT, batch().fact(old).build());
        Instant later = T0.plusSeconds(60);
        FactRecord next = supersedes(attribute("f2", ALICE_KEY, "diet", "vegan", ALICE, later),
                "f1");
        facts.apply(CONTEXT, batch().fact(next).update(new FactBatch.FactUpdate("f1",
                FactStatus.SUPERSEDED, Optional.of(later), later, Optional.of("f2"))).build());

        FactRecord closed = facts.factsById(CONTEXT, List.of("f1")).get("f1");
        assertThat(closed.status()).isEqualTo(FactStatus.SUPERSEDED);
        assertThat(closed.supersededBy()).contains("f2");
        assertThat(closed.closedAt()).contains(later);
        assertThat(closed.validUntil()).contains(later);
        assertThat(facts.factsById(CONTEXT, List.of("f2")).get("f2").supersedes()).contains("f1");
        assertThat(ids(facts.facts(CONTEXT, FactQuery.current(ALICE_KEY, "diet", ALICE.key()))))
                .containsExactly("f2");
        assertThat(ids(facts.facts(CONTEXT, query(ALICE.floorKeys(), Set.of()))))
                .containsExactly("f2", "f1");
    }

    @Test
    void apply_retraction_closesFactWithoutSuccessor() {
        facts.apply(CONTEXT, batch().fact(attribute("f1", BOB_KEY, "works_at", "Initech", ORG, T0))
                .build());
        Instant later = T0.plusSeconds(60);
        facts.apply(CONTEXT, batch().update(new FactBatch.FactUpdate("f1", FactStatus.RETRACTED,
                Optional.of(later), later, Optional.empty())).build());
        FactRecord retracted = facts.factsById(CONTEXT, List.of("f1")).get("f1");
        assertThat(retracted.status()).isEqualTo(FactStatus.RETRACTED);
        assertThat(retracted.supersededBy()).isEmpty();
        assertThat(retracted.validUntil()).contains(later);
        assertThat(retracted.closedAt()).contains(later);
        assertThat(facts.facts(CONTEXT, FactQuery.current(BOB_KEY, "works_at", ORG.key())))
                .isEmpty();
    }

    @Test
    void apply_updateWithoutValidUntilOrSuccessor_keepsStoredValues() {
        FactRecord fact = new FactRecord("f1", ALICE_KEY, "lives_in", "Paris", Optional.empty(),
                "identity", 1.0, 0.9, ALICE, FactStatus.SUPERSEDED, T0,
                Optional.of(T0.plusSeconds(5)), T0, Optional.of(T0.plusSeconds(5)),
                Optional.empty(), Optional.of("f0"), source());
        facts.apply(CONTEXT, batch().fact(fact).build());
        facts.apply(CONTEXT, batch().update(new FactBatch.FactUpdate("f1", FactStatus.FORGOTTEN,
                Optional.empty(), T0.plusSeconds(9), Optional.empty())).build());
        FactRecord forgotten = facts.facts(CONTEXT,
                query(ALICE.floorKeys(), Set.of(FactStatus.FORGOTTEN))).getFirst();
        assertThat(forgotten.status()).isEqualTo(FactStatus.FORGOTTEN);
        assertThat(forgotten.validUntil()).contains(T0.plusSeconds(5));
        assertThat(forgotten.supersededBy()).contains("f0");
        assertThat(forgotten.closedAt()).contains(T0.plusSeconds(9));
    }

    @Test
    void apply_duplicateFactId_throwsConflictAndStoresNothing() {
        facts.apply(CONTEXT, batch().fact(attribute("f1", ALICE_KEY, "diet", "vegan", ALICE, T0))
                .build());
        long before = store.lastChange();
        FactBatch again = batch().fact(attribute("f2", ALICE_KEY, "hobby", "chess", ALICE, T0))
                .fact(attribute("f1", ALICE_KEY, "diet", "keto", ALICE, T0)).build();
        assertThatThrownBy(() -> facts.apply(CONTEXT, again))
                .isInstanceOf(ConflictException.class);
        assertThat(facts.factsById(CONTEXT, List.of("f1", "f2"))).containsOnlyKeys("f1");
        assertThat(facts.factsById(CONTEXT, List.of("f1")).get("f1").value()).isEqualTo("vegan");
        assertThat(store.lastChange()).isEqualTo(before);
    }

    @Test
    void apply_factIdOfATurn_throwsConflict() {
        store.insertSession(CONTEXT, MemoryStoreContract.session("s1", ALICE));
        store.appendTurn(CONTEXT, new NewTurn("t1", "s1", Role.USER,
                Optional.empty(), "hi", T0, T0, Map.of(), "hi", vector(), MODEL));
        FactBatch clash = batch().fact(attribute("t1", ALICE_KEY, "diet", "vegan", ALICE, T0))
                .build();
        assertThatThrownBy(() -> facts.apply(CONTEXT, clash))
                .isInstanceOf(ConflictException.class);
        assertThat(facts.factsById(CONTEXT, List.of("t1"))).isEmpty();
    }

    @Test
    void apply_emptyBatch_changesNothing() {
        long before = store.lastChange();
        facts.apply(CONTEXT, batch().build());
        assertThat(store.lastChange()).isEqualTo(before);
    }

    // --- fact queries ---------------------------------------------------------------------

    @Test
    void facts_bySubject_returnsOnlyItsFacts() {
        storeFamily();
        assertThat(ids(facts.facts(CONTEXT, new FactQuery(Optional.of(BOB_KEY), Optional.empty(),
                Optional.empty(), ALICE.floorKeys(), Set.of(), 100))))
                .containsExactly("bob-works", "bob-diet");
    }

    @Test
    void facts_bySubjectAndKey_returnsOnlyThatKey() {
        storeFamily();
        assertThat(ids(facts.facts(CONTEXT, new FactQuery(Optional.of(BOB_KEY),
                Optional.of("diet"), Optional.empty(), ALICE.floorKeys(), Set.of(), 100))))
                .containsExactly("bob-diet");
    }

    @Test
    void facts_byObject_returnsRelationsToIt() {
        storeFamily();
        assertThat(ids(facts.facts(CONTEXT, new FactQuery(Optional.empty(), Optional.empty(),
                Optional.of(ACME), ALICE.floorKeys(), Set.of(), 100))))
                .containsExactly("bob-works", "alice-works");
    }

    @Test
    void facts_byKeyAlone_returnsEverySubjectsFactsOfThatKey() {
        storeFamily();
        assertThat(ids(facts.facts(CONTEXT, new FactQuery(Optional.empty(),
                Optional.of("works_at"), Optional.empty(), ALICE.floorKeys(), Set.of(), 100))))
                .containsExactly("bob-works", "alice-works");
    }

    @Test
    void facts_exactScopeKey_excludesFactsOfWiderScopes() {
        facts.apply(CONTEXT, batch()
                .fact(attribute("org-diet", ALICE_KEY, "diet", "any", ORG, T0))
                .fact(attribute("own-diet", ALICE_KEY, "diet", "vegan", ALICE, T0.plusSeconds(1)))
                .build());
        assertThat(ids(facts.facts(CONTEXT, FactQuery.current(ALICE_KEY, "diet", ORG.key()))))
                .containsExactly("org-diet");
        assertThat(ids(facts.facts(CONTEXT, FactQuery.current(ALICE_KEY, "diet", ALICE.key()))))
                .containsExactly("own-diet");
    }

    @Test
    void facts_floorKeys_returnFactsOfEverySubsetOnly() {
        storeAtEveryScope();
        assertThat(ids(facts.facts(CONTEXT, query(ALICE.floorKeys(), Set.of()))))
                .containsExactlyInAnyOrder("empty", "org", "alice");
        assertThat(ids(facts.facts(CONTEXT, query(ORG.floorKeys(), Set.of()))))
                .containsExactlyInAnyOrder("empty", "org");
        assertThat(ids(facts.facts(CONTEXT, query(EMPTY.floorKeys(), Set.of()))))
                .containsExactly("empty");
    }

    @Test
    void facts_bobsFactAtAlicesScope_isInvisible() {
        facts.apply(CONTEXT, batch().fact(attribute("f1", BOB_KEY, "diet", "vegan", BOB, T0))
                .build());
        assertThat(facts.facts(CONTEXT, query(ALICE.floorKeys(), Set.of()))).isEmpty();
        assertThat(facts.facts(CONTEXT, new FactQuery(Optional.of(BOB_KEY), Optional.of("diet"),
                Optional.empty(), ALICE.floorKeys(), Set.of(FactStatus.CURRENT), 10))).isEmpty();
        assertThat(ids(facts.facts(CONTEXT, query(BOB.floorKeys(), Set.of()))))
                .containsExactly("f1");
    }

    @Test
    void facts_noStatuses_returnsAllButForgotten() {
        storeOneOfEachStatus();
        assertThat(ids(facts.facts(CONTEXT, query(ORG.floorKeys(), Set.of()))))
                .containsExactly("retracted", "superseded", "current");
    }

    @Test
    void facts_givenStatuses_returnsOnlyThose() {
        storeOneOfEachStatus();
        assertThat(ids(facts.facts(CONTEXT, query(ORG.floorKeys(), Set.of(FactStatus.FORGOTTEN)))))
                .containsExactly("forgotten");
        assertThat(ids(facts.facts(CONTEXT, query(ORG.floorKeys(),
                Set.of(FactStatus.CURRENT, FactStatus.RETRACTED)))))
                .containsExactly("retracted", "current");
    }

    @Test
    void facts_manyMatches_newestFirstUpToLimit() {
        Batch builder = batch();
        for (int i = 0; i < 5; i++) {
            builder.fact(attribute("f" + i, ALICE_KEY, "hobby", "h" + i, ALICE,
                    T0.plusSeconds(i)));
        }
        facts.apply(CONTEXT, builder.build());
        assertThat(ids(facts.facts(CONTEXT, FactQuery.visible(ALICE.floorKeys(), Set.of(), 3))))
                .containsExactly("f4", "f3", "f2");
        assertThat(facts.facts(CONTEXT, FactQuery.visible(ALICE.floorKeys(), Set.of(), 0)))
                .isEmpty();
    }

    @Test
    void facts_otherContextOrNoScopeKeys_returnsEmpty() {
        facts.apply(OTHER_CONTEXT, batch().fact(attribute("f1", ALICE_KEY, "diet", "vegan",
                ALICE, T0)).build());
        assertThat(facts.facts(CONTEXT, query(ALICE.floorKeys(), Set.of()))).isEmpty();
        assertThat(facts.facts(OTHER_CONTEXT, query(Set.of(), Set.of()))).isEmpty();
        assertThat(facts.factsById(CONTEXT, List.of("f1"))).isEmpty();
    }

    @Test
    void factsById_knownAndUnknownIds_returnsKnown() {
        storeFamily();
        assertThat(facts.factsById(CONTEXT, List.of("bob-diet", "nope", "alice-works")))
                .containsOnlyKeys("bob-diet", "alice-works");
        assertThat(facts.factsById(CONTEXT, List.of())).isEmpty();
    }

    @Test
    void factsById_moreIdsThanOneQueryBinds_returnsAll() {
        Batch builder = batch();
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            builder.fact(attribute("f" + i, ALICE_KEY, "hobby", "h" + i, ALICE, T0));
            wanted.add("f" + i);
            wanted.add("absent-" + i);
        }
        facts.apply(CONTEXT, builder.build());
        assertThat(facts.factsById(CONTEXT, wanted)).hasSize(600);
    }

    // --- atomicity ------------------------------------------------------------------------

    @Test
    void apply_batchWithOneUnknownFactUpdate_throwsNotFoundAndStoresNothing() {
        facts.apply(CONTEXT, batch().fact(attribute("f1", ALICE_KEY, "diet", "veg", ALICE, T0))
                .instruction(instruction("i1", ALICE, T0))
                .uncertainty(uncertainty("u1", ALICE, T0)).build());
        long before = store.lastChange();
        Instant later = T0.plusSeconds(60);
        FactBatch doomed = batch()
                .entity(entity("e1", ALICE_KEY, "Alice", List.of(), later))
                .fact(attribute("f2", ALICE_KEY, "diet", "vegan", ALICE, later))
                .update(new FactBatch.FactUpdate("f1", FactStatus.SUPERSEDED, Optional.of(later),
                        later, Optional.of("f2")))
                .update(new FactBatch.FactUpdate("missing", FactStatus.RETRACTED,
                        Optional.empty(), later, Optional.empty()))
                .instruction(instruction("i2", ALICE, later))
                .deactivate("i1", Optional.of("i2"))
                .uncertainty(uncertainty("u2", ALICE, later))
                .resolve("u1", later, "answered")
                .build();
        assertThatThrownBy(() -> facts.apply(CONTEXT, doomed))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("missing");

        assertThat(facts.entity(CONTEXT, ALICE_KEY)).isEmpty();
        assertThat(facts.factsById(CONTEXT, List.of("f1", "f2"))).containsOnlyKeys("f1");
        assertThat(facts.factsById(CONTEXT, List.of("f1")).get("f1").status())
                .isEqualTo(FactStatus.CURRENT);
        assertThat(ids(facts.instructions(CONTEXT, ALICE.floorKeys(), false)))
                .containsExactly("i1");
        assertThat(facts.instructionsById(CONTEXT, List.of("i1")).get("i1").active()).isTrue();
        assertThat(facts.uncertainty(CONTEXT, "u1").orElseThrow().resolved()).isFalse();
        assertThat(facts.uncertainty(CONTEXT, "u2")).isEmpty();
        assertThat(store.lastChange()).isEqualTo(before);
    }

    @Test
    void apply_unknownInstructionOrUncertainty_throwsNotFoundAndStoresNothing() {
        FactBatch deactivate = batch().fact(attribute("f1", ALICE_KEY, "diet", "veg", ALICE, T0))
                .deactivate("missing", Optional.empty()).build();
        assertThatThrownBy(() -> facts.apply(CONTEXT, deactivate))
                .isInstanceOf(NotFoundException.class);
        FactBatch resolve = batch().fact(attribute("f1", ALICE_KEY, "diet", "veg", ALICE, T0))
                .resolve("missing", T0, "answered").build();
        assertThatThrownBy(() -> facts.apply(CONTEXT, resolve))
                .isInstanceOf(NotFoundException.class);
        assertThat(facts.factsById(CONTEXT, List.of("f1"))).isEmpty();
        assertThat(store.lastChange()).isZero();
    }

    @Test
    void apply_updateOfOtherContextsRecords_throwsNotFound() {
        facts.apply(OTHER_CONTEXT, batch().fact(attribute("f1", ALICE_KEY, "diet", "veg", ALICE,
                T0)).instruction(instruction("i1", ALICE, T0))
                .uncertainty(uncertainty("u1", ALICE, T0)).build());
        assertThatThrownBy(() -> facts.apply(CONTEXT, batch().update(new FactBatch.FactUpdate(
                "f1", FactStatus.RETRACTED, Optional.empty(), T0, Optional.empty())).build()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> facts.apply(CONTEXT, batch().deactivate("i1", Optional.empty())
                .build())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> facts.apply(CONTEXT, batch().resolve("u1", T0, "x").build()))
                .isInstanceOf(NotFoundException.class);
        assertThat(facts.factsById(OTHER_CONTEXT, List.of("f1")).get("f1").status())
                .isEqualTo(FactStatus.CURRENT);
    }

    // --- instructions ---------------------------------------------------------------------

    @Test
    void apply_newInstruction_readsBackActive() {
        Instruction instruction = instruction("i1", ALICE, T0);
        facts.apply(CONTEXT, batch().instruction(instruction).build());
        assertThat(facts.instructions(CONTEXT, ALICE.floorKeys(), true))
                .containsExactly(instruction);
        assertThat(facts.instructionsById(CONTEXT, List.of("i1", "nope")))
                .containsOnlyKeys("i1").containsEntry("i1", instruction);
    }

    @Test
    void apply_deactivation_endsInstructionAndRecordsSuccessor() {
        facts.apply(CONTEXT, batch().instruction(instruction("i1", ALICE, T0)).build());
        facts.apply(CONTEXT, batch().instruction(instruction("i2", ALICE, T0.plusSeconds(1)))
                .deactivate("i1", Optional.of("i2")).build());
        assertThat(ids(facts.instructions(CONTEXT, ALICE.floorKeys(), true)))
                .containsExactly("i2");
        List<Instruction> all = facts.instructions(CONTEXT, ALICE.floorKeys(), false);
        assertThat(ids(all)).containsExactly("i2", "i1");
        assertThat(all.get(1).active()).isFalse();
        assertThat(all.get(1).supersededBy()).contains("i2");
    }

    @Test
    void instructions_floorMatching_hidesOtherUsersAndContexts() {
        facts.apply(CONTEXT, batch().instruction(instruction("org", ORG, T0))
                .instruction(instruction("alice", ALICE, T0.plusSeconds(1)))
                .instruction(instruction("bob", BOB, T0.plusSeconds(2))).build());
        facts.apply(OTHER_CONTEXT, batch().instruction(instruction("other", ALICE, T0)).build());
        assertThat(ids(facts.instructions(CONTEXT, ALICE.floorKeys(), true)))
                .containsExactly("alice", "org");
        assertThat(ids(facts.instructions(CONTEXT, ORG.floorKeys(), false)))
                .containsExactly("org");
        assertThat(facts.instructions(CONTEXT, Set.of(), false)).isEmpty();
        assertThat(facts.instructionsById(CONTEXT, List.of("other"))).isEmpty();
    }

    // --- uncertainties --------------------------------------------------------------------

    @Test
    void apply_newUncertainty_readsBackOpenWithCandidates() {
        Uncertainty open = uncertainty("u1", ALICE, T0);
        facts.apply(CONTEXT, batch().uncertainty(open).build());
        assertThat(facts.uncertainty(CONTEXT, "u1")).contains(open);
        assertThat(facts.uncertainties(CONTEXT, ALICE.floorKeys(), true)).containsExactly(open);
    }

    @Test
    void apply_resolution_marksUncertaintyResolved() {
        facts.apply(CONTEXT, batch().uncertainty(uncertainty("u1", ALICE, T0))
                .uncertainty(uncertainty("u2", ALICE, T0.plusSeconds(1))).build());
        facts.apply(CONTEXT, batch().resolve("u1", T0.plusSeconds(30), "user confirmed 30 days")
                .build());
        Uncertainty resolved = facts.uncertainty(CONTEXT, "u1").orElseThrow();
        assertThat(resolved.resolved()).isTrue();
        assertThat(resolved.resolvedAt()).contains(T0.plusSeconds(30));
        assertThat(resolved.resolution()).contains("user confirmed 30 days");
        assertThat(ids(facts.uncertainties(CONTEXT, ALICE.floorKeys(), true)))
                .containsExactly("u2");
        assertThat(ids(facts.uncertainties(CONTEXT, ALICE.floorKeys(), false)))
                .containsExactly("u2", "u1");
    }

    @Test
    void uncertainties_floorMatching_hidesOtherUsersAndContexts() {
        facts.apply(CONTEXT, batch().uncertainty(uncertainty("alice", ALICE, T0))
                .uncertainty(uncertainty("bob", BOB, T0)).build());
        facts.apply(OTHER_CONTEXT, batch().uncertainty(uncertainty("other", ALICE, T0)).build());
        assertThat(ids(facts.uncertainties(CONTEXT, ALICE.floorKeys(), false)))
                .containsExactly("alice");
        assertThat(facts.uncertainties(CONTEXT, ORG.floorKeys(), false)).isEmpty();
        assertThat(facts.uncertainty(CONTEXT, "other")).isEmpty();
        assertThat(facts.uncertainty(CONTEXT, "nope")).isEmpty();
    }

    @Test
    void apply_duplicateUncertaintyId_throwsConflict() {
        facts.apply(CONTEXT, batch().uncertainty(uncertainty("u1", ALICE, T0)).build());
        FactBatch again = batch().uncertainty(uncertainty("u1", BOB, T0)).build();
        assertThatThrownBy(() -> facts.apply(OTHER_CONTEXT, again))
                .isInstanceOf(ConflictException.class);
    }

    // --- documents ------------------------------------------------------------------------

    @Test
    void insertDocument_withChunks_roundTrips() {
        DocumentInfo doc = document("d1", ORG, T0);
        List<Indexed<ChunkRecord>> chunks = chunks(doc, 3);
        facts.insertDocument(CONTEXT, doc, chunks);
        assertThat(facts.document(CONTEXT, "d1")).contains(doc);
        assertThat(facts.documents(CONTEXT, ALICE.floorKeys(), 10)).containsExactly(doc);
        Map<String, ChunkRecord> found = facts.chunksById(CONTEXT,
                List.of("d1-c1", "d1-c2", "d1-c3", "nope"));
        assertThat(found).hasSize(3);
        chunks.forEach(c -> assertThat(found.get(c.record().id())).isEqualTo(c.record()));
    }

    @Test
    void insertDocument_failedWithoutTitleOrChunks_roundTripsError() {
        DocumentInfo failed = new DocumentInfo("d1", Optional.empty(), ALICE, "text/plain",
                "failed", 0, T0, Optional.of("not UTF-8"));
        facts.insertDocument(CONTEXT, failed, List.of());
        assertThat(facts.document(CONTEXT, "d1")).contains(failed);
    }

    @Test
    void documents_floorMatching_newestFirstUpToLimit() {
        facts.insertDocument(CONTEXT, document("org1", ORG, T0), List.of());
        facts.insertDocument(CONTEXT, document("alice", ALICE, T0.plusSeconds(1)), List.of());
        facts.insertDocument(CONTEXT, document("bob", BOB, T0.plusSeconds(2)), List.of());
        facts.insertDocument(CONTEXT, document("org2", ORG, T0.plusSeconds(3)), List.of());
        facts.insertDocument(OTHER_CONTEXT, document("other", ORG, T0), List.of());
        assertThat(facts.documents(CONTEXT, ALICE.floorKeys(), 10)).extracting(DocumentInfo::id)
                .containsExactly("org2", "alice", "org1");
        assertThat(facts.documents(CONTEXT, ALICE.floorKeys(), 2)).extracting(DocumentInfo::id)
                .containsExactly("org2", "alice");
        assertThat(facts.document(CONTEXT, "other")).isEmpty();
    }

    @Test
    void insertDocument_duplicateIdOrChunkId_throwsConflictAndStoresNothing() {
        DocumentInfo doc = document("d1", ORG, T0);
        facts.insertDocument(CONTEXT, doc, chunks(doc, 2));
        long before = store.lastChange();
        assertThatThrownBy(() -> facts.insertDocument(CONTEXT, doc, List.of()))
                .isInstanceOf(ConflictException.class);
        DocumentInfo other = document("d2", ORG, T0);
        List<Indexed<ChunkRecord>> clashing = List.of(indexed(new ChunkRecord("d1-c2", "d2", 1,
                "text", ORG, new Span(0, 4)), "text"));
        assertThatThrownBy(() -> facts.insertDocument(CONTEXT, other, clashing))
                .isInstanceOf(ConflictException.class);
        assertThat(facts.document(CONTEXT, "d2")).isEmpty();
        assertThat(store.lastChange()).isEqualTo(before);
    }

    @Test
    void insertDocument_chunkOfAnotherDocument_throwsIllegalArgument() {
        DocumentInfo doc = document("d1", ORG, T0);
        List<Indexed<ChunkRecord>> stray = List.of(indexed(new ChunkRecord("c1", "d9", 1, "x",
                ORG, new Span(0, 1)), "x"));
        assertThatThrownBy(() -> facts.insertDocument(CONTEXT, doc, stray))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c1");
        assertThat(facts.document(CONTEXT, "d1")).isEmpty();
    }

    @Test
    void insertDocument_unknownContext_throwsNotFound() {
        assertThatThrownBy(() -> facts.insertDocument("nope", document("d1", ORG, T0),
                List.of())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deleteDocument_known_removesDocumentAndChunks() {
        DocumentInfo doc = document("d1", ORG, T0);
        facts.insertDocument(CONTEXT, doc, chunks(doc, 2));
        assertThat(facts.deleteDocument(CONTEXT, "d1")).isTrue();
        assertThat(facts.document(CONTEXT, "d1")).isEmpty();
        assertThat(facts.documents(CONTEXT, ORG.floorKeys(), 10)).isEmpty();
        assertThat(facts.chunksById(CONTEXT, List.of("d1-c1", "d1-c2"))).isEmpty();
        facts.insertDocument(CONTEXT, doc, chunks(doc, 1));
        assertThat(facts.chunksById(CONTEXT, List.of("d1-c1"))).hasSize(1);
    }

    @Test
    void deleteDocument_unknownOrOtherContext_returnsFalse() {
        facts.insertDocument(CONTEXT, document("d1", ORG, T0), List.of());
        long before = store.lastChange();
        assertThat(facts.deleteDocument(CONTEXT, "nope")).isFalse();
        assertThat(facts.deleteDocument(OTHER_CONTEXT, "d1")).isFalse();
        assertThat(facts.document(CONTEXT, "d1")).isPresent();
        assertThat(store.lastChange()).isEqualTo(before);
    }

    // --- change log -----------------------------------------------------------------------

    @Test
    void changesSince_newAttributeAndRelation_upsertsFullDocuments() {
        long before = store.lastChange();
        FactRecord attribute = attribute("f1", ALICE_KEY, "diet", "vegan", ALICE, T0);
        FactRecord relation = relation("f2", ALICE_KEY, "works_at", ACME, ALICE, T0);
        facts.apply(CONTEXT, batch().fact(attribute).fact(relation).build());

        List<IndexChange> changes = store.changesSince(before, 10);
        assertThat(changes).hasSize(2).allMatch(c -> c instanceof IndexChange.Upsert);
        IndexChange.Upsert first = (IndexChange.Upsert) changes.get(0);
        assertThat(first.modelId()).isEqualTo(MODEL);
        IndexDocument doc = first.document();
        assertThat(doc.id()).isEqualTo("f1");
        assertThat(doc.context()).isEqualTo(CONTEXT);
        assertThat(doc.kind()).isEqualTo("attribute");
        assertThat(doc.scopeKey()).isEqualTo(ALICE.key());
        assertThat(doc.sessionId()).isEqualTo("s1");
        assertThat(doc.text()).isEqualTo(indexText(attribute));
        assertThat(doc.vector()).containsExactly(vectorOf("f1"));
        assertThat(doc.createdAt()).isEqualTo(T0);
        assertThat(((IndexChange.Upsert) changes.get(1)).document().kind()).isEqualTo("relation");
    }

    @Test
    void changesSince_factFromSourceWithoutSession_hasEmptySessionId() {
        long before = store.lastChange();
        Source document = new Source("document", "doc:d1", Optional.empty(), Optional.empty(),
                Map.of(), Optional.empty(), Source.AUTHORITATIVE_TRUST);
        facts.apply(CONTEXT, batch().fact(withSource(attribute("f1", ACME, "return_window",
                "30 days", ORG, T0), document)).build());
        assertThat(upsert(store.changesSince(before, 10).getFirst()).sessionId()).isEmpty();
    }

    @Test
    void changesSince_supersededFact_logsDeleteAndEarlierUpsertReadsAsDelete() {
        long before = store.lastChange();
        facts.apply(CONTEXT, batch().fact(attribute("f1", ALICE_KEY, "diet", "veg", ALICE, T0))
                .build());
        Instant later = T0.plusSeconds(60);
        facts.apply(CONTEXT, batch()
                .fact(supersedes(attribute("f2", ALICE_KEY, "diet", "vegan", ALICE, later), "f1"))
                .update(new FactBatch.FactUpdate("f1", FactStatus.SUPERSEDED, Optional.of(later),
                        later, Optional.of("f2"))).build());
        List<IndexChange> changes = store.changesSince(before, 10);
        List<Long> seqs = changes.stream().map(IndexChange::seq).toList();
        assertThat(changes).hasSize(3);
        assertThat(changes.get(0)).isEqualTo(new IndexChange.Delete(seqs.get(0), "f1"));
        assertThat(upsert(changes.get(1)).id()).isEqualTo("f2");
        assertThat(changes.get(2)).isEqualTo(new IndexChange.Delete(seqs.get(2), "f1"));
    }

    @Test
    void changesSince_retractedOrForgottenFact_logsOneDeleteOnly() {
        facts.apply(CONTEXT, batch().fact(attribute("f1", ALICE_KEY, "hobby", "chess", ALICE, T0))
                .build());
        long before = store.lastChange();
        facts.apply(CONTEXT, batch().update(new FactBatch.FactUpdate("f1", FactStatus.RETRACTED,
                Optional.empty(), T0, Optional.empty())).build());
        facts.apply(CONTEXT, batch().update(new FactBatch.FactUpdate("f1", FactStatus.FORGOTTEN,
                Optional.empty(), T0, Optional.empty())).build());
        List<IndexChange> changes = store.changesSince(before, 10);
        assertThat(changes).singleElement().isInstanceOf(IndexChange.Delete.class);
        assertThat(((IndexChange.Delete) changes.getFirst()).id()).isEqualTo("f1");
    }

    @Test
    void changesSince_historicalFactOrInactiveInstruction_logsNothing() {
        FactRecord historical = new FactRecord("f1", ALICE_KEY, "lives_in", "Paris",
                Optional.empty(), "identity", 1.0, 0.9, ALICE, FactStatus.SUPERSEDED, T0,
                Optional.of(T0), T0, Optional.of(T0), Optional.empty(), Optional.empty(),
                source());
        Instruction inactive = new Instruction("i1", "Use feet", ALICE, false, T0,
                Optional.empty(), source());
        facts.apply(CONTEXT, batch().fact(historical).instruction(inactive)
                .entity(entity("e1", ALICE_KEY, "Alice", List.of(), T0))
                .uncertainty(uncertainty("u1", ALICE, T0)).build());
        assertThat(store.lastChange()).isZero();
    }

    @Test
    void changesSince_instruction_upsertThenDeleteWhenDeactivated() {
        facts.apply(CONTEXT, batch().instruction(instruction("i1", ALICE, T0)).build());
        List<IndexChange> added = store.changesSince(0, 10);
        assertThat(added).singleElement().isInstanceOf(IndexChange.Upsert.class);
        IndexDocument doc = upsert(added.getFirst());
        assertThat(doc.kind()).isEqualTo("instruction");
        assertThat(doc.scopeKey()).isEqualTo(ALICE.key());
        assertThat(doc.sessionId()).isEqualTo("s1");
        assertThat(doc.text()).isEqualTo("instruction: Answer in metric units (i1)");

        long before = store.lastChange();
        facts.apply(CONTEXT, batch().deactivate("i1", Optional.empty()).build());
        facts.apply(CONTEXT, batch().deactivate("i1", Optional.empty()).build());
        List<IndexChange> removed = store.changesSince(before, 10);
        assertThat(removed).singleElement()
                .isEqualTo(new IndexChange.Delete(removed.getFirst().seq(), "i1"));
        assertThat(store.changesSince(0, 10).getFirst()).isInstanceOf(IndexChange.Delete.class);
    }

    @Test
    void changesSince_documentChunks_upsertsWithDocumentTimeAndNoSession() {
        DocumentInfo doc = document("d1", ORG, T0.plusSeconds(7));
        List<Indexed<ChunkRecord>> chunks = chunks(doc, 2);
        facts.insertDocument(CONTEXT, doc, chunks);
        List<IndexChange> changes = store.changesSince(0, 10);
        assertThat(changes).hasSize(2).allMatch(c -> c instanceof IndexChange.Upsert);
        IndexDocument first = upsert(changes.getFirst());
        assertThat(first.id()).isEqualTo("d1-c1");
        assertThat(first.kind()).isEqualTo("chunk");
        assertThat(first.scopeKey()).isEqualTo(ORG.key());
        assertThat(first.sessionId()).isEmpty();
        assertThat(first.text()).isEqualTo(chunks.getFirst().indexText());
        assertThat(first.vector()).containsExactly(vectorOf("d1-c1"));
        assertThat(first.createdAt()).isEqualTo(T0.plusSeconds(7));
    }

    @Test
    void changesSince_deletedDocument_logsOneDeletePerChunk() {
        DocumentInfo doc = document("d1", ORG, T0);
        facts.insertDocument(CONTEXT, doc, chunks(doc, 3));
        long before = store.lastChange();
        facts.deleteDocument(CONTEXT, "d1");
        List<IndexChange> changes = store.changesSince(before, 10);
        assertThat(changes).hasSize(3).allMatch(c -> c instanceof IndexChange.Delete);
        assertThat(changes).extracting(c -> ((IndexChange.Delete) c).id())
                .containsExactly("d1-c1", "d1-c2", "d1-c3");
        assertThat(store.changesSince(0, 10)).allMatch(c -> c instanceof IndexChange.Delete);
    }

    @Test
    void changesSince_turnsAndFactsInterleaved_keepLogOrderAndKinds() {
        store.insertSession(CONTEXT, MemoryStoreContract.session("s1", ALICE));
        store.appendTurn(CONTEXT, new NewTurn("t1", "s1", Role.USER,
                Optional.empty(), "I am vegan", T0, T0, Map.of(), "user: I am vegan", vector(),
                MODEL));
        facts.apply(CONTEXT, batch().fact(attribute("f1", ALICE_KEY, "diet", "vegan", ALICE, T0))
                .build());
        List<IndexChange> changes = store.changesSince(0, 10);
        assertThat(changes).extracting(c -> upsert(c).kind()).containsExactly("turn", "attribute");
        assertThat(changes).extracting(c -> upsert(c).sessionId()).containsExactly("s1", "s1");
    }

    // --- visible entities -----------------------------------------------------------------

    @Test
    void visibleEntities_factsAtVisibleScopes_returnsSubjectsAndObjectsByName() {
        storeFamily();
        assertThat(keys(facts.visibleEntities(CONTEXT, ALICE.floorKeys(), Optional.empty(),
                Optional.empty(), 100))).containsExactly(ACME, ALICE_KEY, BOB_KEY);
    }

    @Test
    void visibleEntities_onlyInvisibleOrForgottenFacts_excludesEntity() {
        facts.apply(CONTEXT, batch()
                .entity(entity("e1", ALICE_KEY, "Alice", List.of(), T0))
                .entity(entity("e2", BOB_KEY, "Bob", List.of(), T0))
                .entity(entity("e3", ACME, "Acme Corp", List.of(), T0))
                .entity(entity("e4", EntityKey.of("topic", "chess"), "chess", List.of(), T0))
                .fact(attribute("f1", BOB_KEY, "diet", "vegan", BOB, T0))
                .fact(attribute("f2", ALICE_KEY, "diet", "vegan", ALICE, T0))
                .fact(relation("f3", ALICE_KEY, "works_at", ACME, ALICE, T0))
                .update(new FactBatch.FactUpdate("f3", FactStatus.FORGOTTEN, Optional.empty(),
                        T0, Optional.empty()))
                .build());
        assertThat(keys(facts.visibleEntities(CONTEXT, ALICE.floorKeys(), Optional.empty(),
                Optional.empty(), 100))).containsExactly(ALICE_KEY);
        assertThat(facts.visibleEntities(CONTEXT, Set.of(), Optional.empty(), Optional.empty(),
                100)).isEmpty();
        assertThat(facts.visibleEntities(OTHER_CONTEXT, ALICE.floorKeys(), Optional.empty(),
                Optional.empty(), 100)).isEmpty();
    }

    @Test
    void visibleEntities_typeAndNameFilters_matchCaseInsensitively() {
        storeFamily();
        Set<String> keys = ALICE.floorKeys();
        assertThat(keys(facts.visibleEntities(CONTEXT, keys, Optional.of("person"),
                Optional.empty(), 100))).containsExactly(ALICE_KEY, BOB_KEY);
        assertThat(keys(facts.visibleEntities(CONTEXT, keys, Optional.empty(),
                Optional.of("ACME"), 100))).containsExactly(ACME);
        assertThat(keys(facts.visibleEntities(CONTEXT, keys, Optional.empty(),
                Optional.of("me co"), 100))).containsExactly(ACME);
        assertThat(keys(facts.visibleEntities(CONTEXT, keys, Optional.of("organization"),
                Optional.of("li"), 100))).isEmpty();
    }

    @Test
    void visibleEntities_limit_returnsFirstByName() {
        storeFamily();
        assertThat(keys(facts.visibleEntities(CONTEXT, ALICE.floorKeys(), Optional.empty(),
                Optional.empty(), 2))).containsExactly(ACME, ALICE_KEY);
        assertThat(facts.visibleEntities(CONTEXT, ALICE.floorKeys(), Optional.empty(),
                Optional.empty(), 0)).isEmpty();
    }

    // --- helpers --------------------------------------------------------------------------

    /** A fresh batch builder. */
    public static Batch batch() {
        return new Batch();
    }

    /** Builds a {@link FactBatch}, giving facts and instructions index texts and vectors. */
    public static final class Batch {
        private final List<EntityRecord> entities = new ArrayList<>();
        private final List<Indexed<FactRecord>> facts = new ArrayList<>();
        private final List<FactBatch.FactUpdate> updates = new ArrayList<>();
        private final List<Indexed<Instruction>> instructions = new ArrayList<>();
        private final List<FactBatch.InstructionUpdate> deactivations = new ArrayList<>();
        private final List<Uncertainty> uncertainties = new ArrayList<>();
        private final List<FactBatch.Resolution> resolutions = new ArrayList<>();

        public Batch entity(EntityRecord entity) {
            entities.add(entity);
            return this;
        }

        public Batch fact(FactRecord fact) {
            facts.add(indexed(fact, indexText(fact)));
            return this;
        }

        public Batch update(FactBatch.FactUpdate update) {
            updates.add(update);
            return this;
        }

        public Batch instruction(Instruction instruction) {
            instructions.add(indexed(instruction,
                    "instruction: " + instruction.text() + " (" + instruction.id() + ")"));
            return this;
        }

        public Batch deactivate(String id, Optional<String> supersededBy) {
            deactivations.add(new FactBatch.InstructionUpdate(id, supersededBy));
            return this;
        }

        public Batch uncertainty(Uncertainty uncertainty) {
            uncertainties.add(uncertainty);
            return this;
        }

        public Batch resolve(String id, Instant at, String resolution) {
            resolutions.add(new FactBatch.Resolution(id, at, resolution));
            return this;
        }

        public FactBatch build() {
            return new FactBatch(entities, facts, updates, instructions, deactivations,
                    uncertainties, resolutions);
        }
    }

    /** An entity with importance 0.5 created and updated at {@code at}. */
    public static EntityRecord entity(String id, EntityKey key, String displayName,
            List<String> aliases, Instant at) {
        return new EntityRecord(id, key, displayName, aliases, 0.5, at, at);
    }

    /** A current knowledge attribute from turn {@code t1} of session {@code s1}. */
    public static FactRecord attribute(String id, EntityKey subject, String key, String value,
            Scope scope, Instant at) {
        return new FactRecord(id, subject, key, value, Optional.empty(), "knowledge", 0.8, 0.9,
                scope, FactStatus.CURRENT, at, Optional.empty(), at, Optional.empty(),
                Optional.empty(), Optional.empty(), source());
    }

    /** A current relation from turn {@code t1} of session {@code s1}. */
    public static FactRecord relation(String id, EntityKey subject, String label,
            EntityKey object, Scope scope, Instant at) {
        return new FactRecord(id, subject, label, object.name(), Optional.of(object), "identity",
                1.0, 0.9, scope, FactStatus.CURRENT, at, Optional.empty(), at, Optional.empty(),
                Optional.empty(), Optional.empty(), source());
    }

    /** Turn {@code t1} of session {@code s1}, characters 0 to 12. */
    public static Source source() {
        return new Source("turn", "turn:t1", Optional.of("s1"), Optional.of("t1"),
                Map.of("channel", "chat"), Optional.of(new TextSpan(0, 12)),
                Source.EXPERIENTIAL_TRUST);
    }

    /** An active instruction from {@link #source()}. */
    public static Instruction instruction(String id, Scope scope, Instant at) {
        return new Instruction(id, "Answer in metric units", scope, true, at, Optional.empty(),
                source());
    }

    /** An open authority conflict with two candidates. */
    public static Uncertainty uncertainty(String id, Scope scope, Instant at) {
        Source policy = new Source("document", "doc:d1", Optional.empty(), Optional.empty(),
                Map.of(), Optional.of(new TextSpan(100, 140)), Source.AUTHORITATIVE_TRUST);
        return new Uncertainty(id, "authority_conflict", "organization/shop#return_window",
                "a user said 60 days; the policy says 30 days",
                List.of(new Uncertainty.Candidate("30 days", policy),
                        new Uncertainty.Candidate("60 days", source())),
                scope, false, at, Optional.empty(), Optional.empty());
    }

    /** A ready markdown document. */
    public static DocumentInfo document(String id, Scope scope, Instant at) {
        return new DocumentInfo(id, Optional.of("Policy " + id), scope, "text/markdown", "ready",
                0, at, Optional.empty());
    }

    /** {@code count} chunks of a document, ids {@code <doc>-c1…}, 100 characters each. */
    public static List<Indexed<ChunkRecord>> chunks(DocumentInfo doc, int count) {
        List<Indexed<ChunkRecord>> chunks = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String text = "Passage " + i + " of " + doc.id();
            chunks.add(indexed(new ChunkRecord(doc.id() + "-c" + i, doc.id(), i, text,
                    doc.scope(), new Span((i - 1) * 100, i * 100)), "policy: " + text));
        }
        return chunks;
    }

    /** A record with its index text, a vector derived from its id and {@link #MODEL}. */
    public static <T> Indexed<T> indexed(T record, String indexText) {
        String id = switch (record) {
            case FactRecord f -> f.id();
            case Instruction i -> i.id();
            case ChunkRecord c -> c.id();
            default -> throw new IllegalArgumentException("not indexed: " + record);
        };
        return new Indexed<>(record, indexText, vectorOf(id), MODEL);
    }

    /** The vector {@link #indexed} gives a record. */
    public static float[] vectorOf(String id) {
        return MemoryStoreContract.vector(id.hashCode());
    }

    /** The index text {@link Batch} gives a fact. */
    public static String indexText(FactRecord fact) {
        return fact.subject().name() + " — " + fact.key() + ": " + fact.value();
    }

    private float[] vector() {
        return MemoryStoreContract.vector(++seed);
    }

    private static FactRecord withSource(FactRecord f, Source source) {
        return new FactRecord(f.id(), f.subject(), f.key(), f.value(), f.object(), f.category(),
                f.importance(), f.confidence(), f.scope(), f.status(), f.validFrom(),
                f.validUntil(), f.createdAt(), f.closedAt(), f.supersedes(), f.supersededBy(),
                source);
    }

    private static FactRecord supersedes(FactRecord f, String previous) {
        return new FactRecord(f.id(), f.subject(), f.key(), f.value(), f.object(), f.category(),
                f.importance(), f.confidence(), f.scope(), f.status(), f.validFrom(),
                f.validUntil(), f.createdAt(), f.closedAt(), Optional.of(previous),
                f.supersededBy(), f.source());
    }

    private static FactQuery query(Set<String> scopeKeys, Set<FactStatus> statuses) {
        return FactQuery.visible(scopeKeys, statuses, 100);
    }

    /** Alice and Bob of org a working at Acme, plus Bob's diet, at Alice's floor scopes. */
    private void storeFamily() {
        facts.apply(CONTEXT, batch()
                .entity(entity("e1", ALICE_KEY, "Alice", List.of(), T0))
                .entity(entity("e2", BOB_KEY, "Bob", List.of(), T0))
                .entity(entity("e3", ACME, "Acme Corp", List.of(), T0))
                .fact(relation("alice-works", ALICE_KEY, "works_at", ACME, ALICE, T0))
                .fact(attribute("bob-diet", BOB_KEY, "diet", "vegan", ORG, T0.plusSeconds(1)))
                .fact(relation("bob-works", BOB_KEY, "works_at", ACME, EMPTY, T0.plusSeconds(2)))
                .build());
    }

    private void storeAtEveryScope() {
        Batch builder = batch();
        Map<String, Scope> scopes = Map.of("empty", EMPTY, "org", ORG, "alice", ALICE,
                "bob", BOB, "other-org", Scope.of("org", "b"),
                "alice-agent", Scope.of("org", "a", "user", "alice", "agent", "helper"),
                "user-only", Scope.of("user", "alice", "team", "x"));
        scopes.forEach((id, scope) -> builder.fact(attribute(id, ALICE_KEY, "hobby", id, scope,
                T0)));
        facts.apply(CONTEXT, builder.build());
    }

    private void storeOneOfEachStatus() {
        Batch builder = batch();
        int i = 0;
        for (FactStatus status : FactStatus.values()) {
            builder.fact(attribute(status.wireName(), ALICE_KEY, "hobby", status.wireName(), ORG,
                    T0.plusSeconds(i++)));
        }
        facts.apply(CONTEXT, builder.build());
        for (FactStatus status : List.of(FactStatus.SUPERSEDED, FactStatus.RETRACTED,
                FactStatus.FORGOTTEN)) {
            facts.apply(CONTEXT, batch().update(new FactBatch.FactUpdate(status.wireName(),
                    status, Optional.empty(), T0, Optional.empty())).build());
        }
    }

    private static IndexDocument upsert(IndexChange change) {
        return ((IndexChange.Upsert) change).document();
    }

    private static List<String> ids(List<?> records) {
        return records.stream().map(r -> switch (r) {
            case FactRecord f -> f.id();
            case Instruction i -> i.id();
            case Uncertainty u -> u.id();
            default -> throw new IllegalArgumentException(String.valueOf(r));
        }).toList();
    }

    private static List<EntityKey> keys(List<EntityRecord> entities) {
        return entities.stream().map(EntityRecord::key).toList();
    }
}
