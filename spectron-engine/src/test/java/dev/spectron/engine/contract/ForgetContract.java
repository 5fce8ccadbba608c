package dev.spectron.engine.contract;

import static dev.spectron.engine.contract.FactStoreContract.attribute;
import static dev.spectron.engine.contract.FactStoreContract.batch;
import static dev.spectron.engine.contract.FactStoreContract.chunks;
import static dev.spectron.engine.contract.FactStoreContract.document;
import static dev.spectron.engine.contract.FactStoreContract.entity;
import static dev.spectron.engine.contract.FactStoreContract.instruction;
import static dev.spectron.engine.contract.FactStoreContract.relation;
import static dev.spectron.engine.contract.FactStoreContract.uncertainty;
import static dev.spectron.engine.contract.FactStoreContract.vectorOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spectron.api.DocumentInfo;
import dev.spectron.api.FactStatus;
import dev.spectron.api.Instruction;
import dev.spectron.api.NotFoundException;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.SessionInfo;
import dev.spectron.api.Turn;
import dev.spectron.api.Uncertainty;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.EntityRecord;
import dev.spectron.engine.spi.FactBatch;
import dev.spectron.engine.spi.FactQuery;
import dev.spectron.engine.spi.FactRecord;
import dev.spectron.engine.spi.FactStore;
import dev.spectron.engine.spi.ForgetCount;
import dev.spectron.engine.spi.ForgetSpec;
import dev.spectron.engine.spi.IndexChange;
import dev.spectron.engine.spi.MemoryStore;
import dev.spectron.engine.spi.NewTurn;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link FactStore#forget} must show, soft and purging: superset matching by
 * scope, narrowing, counts, dry runs, and that nothing forgotten is read back by any read of the
 * store or replayed by the search index. A backend's test extends this class and supplies a
 * fresh, empty store per test whose clock reads {@link #FORGET_AT}.
 *
 * <p>Most tests store a world: for each label of {@link #WORLD}, under its scope, a session with
 * two turns, an entity with one fact, an instruction, an uncertainty and a document with two
 * chunks, all with ids derived from the label ({@link #idsOf}).
 */
public abstract class ForgetContract {
    protected static final String CONTEXT = MemoryStoreContract.CONTEXT;
    protected static final String OTHER_CONTEXT = MemoryStoreContract.OTHER_CONTEXT;
    protected static final Instant T0 = MemoryStoreContract.T0;
    /** What the store's clock reads: the time a forget marks rows forgotten. */
    protected static final Instant FORGET_AT = T0.plusSeconds(3600);
    protected static final Scope USER_ALICE = Scope.of("user", "alice");
    protected static final Scope ALICE_A = Scope.of("org", "a", "user", "alice");
    protected static final Scope BOB = Scope.of("org", "a", "user", "bob");
    protected static final EntityKey ALICE_KEY = EntityKey.of("person", "Alice");
    protected static final EntityKey BOB_KEY = EntityKey.of("person", "Bob");
    protected static final EntityKey ACME = EntityKey.of("organization", "Acme Corp");
    /** Label to scope of the records {@link #storeWorld} stores. */
    protected static final Map<String, Scope> WORLD = world();
    /** The labels whose scope contains {@code user: alice}. */
    protected static final List<String> ALICES = List.of("alice-a", "alice-b", "alice-only");

    protected MemoryStore store;
    protected FactStore facts;

    /** A new, empty store implementing {@link FactStore} too, its clock at {@link #FORGET_AT}. */
    protected abstract MemoryStore createStore();

    @BeforeEach
    void openStore() {
        store = createStore();
        facts = (FactStore) store;
        store.createContext(CONTEXT, T0);
        store.createContext(OTHER_CONTEXT, T0);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // --- bulk -----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void forget_bulkByUser_forgetsAlicesRecordsUnderAnyOrgOnly(boolean purge) {
        storeWorld(CONTEXT, "");
        storeWorld(OTHER_CONTEXT, "x-");
        Map<String, Set<String>> before = everyRead(CONTEXT, "");
        Map<String, Set<String>> otherBefore = everyRead(OTHER_CONTEXT, "x-");

        ForgetCount count = facts.forget(CONTEXT, bulk(USER_ALICE, purge), false);

        assertThat(count).isEqualTo(new ForgetCount(6, 3, 3, 3, 3, 6, 3));
        assertThat(count.records()).isEqualTo(21);
        assertThat(everyRead(CONTEXT, "")).isEqualTo(without(before, idsOf("", ALICES)));
        assertThat(everyRead(OTHER_CONTEXT, "x-")).isEqualTo(otherBefore);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void forget_emptyTags_forgetsWholeContextButNoOtherContext(boolean purge) {
        storeWorld(CONTEXT, "");
        storeWorld(OTHER_CONTEXT, "x-");
        Map<String, Set<String>> otherBefore = everyRead(OTHER_CONTEXT, "x-");

        ForgetCount count = facts.forget(CONTEXT, bulk(Scope.empty(), purge), false);

        int n = WORLD.size();
        assertThat(count).isEqualTo(new ForgetCount(2 * n, n, n, n, n, 2 * n, n));
        assertThat(everyRead(CONTEXT, "")).allSatisfy((read, ids) ->
                assertThat(ids).as(read).isEmpty());
        assertThat(everyRead(OTHER_CONTEXT, "x-")).isEqualTo(otherBefore);
    }

    @Test
    void forget_historyFacts_forgetsSupersededAndRetractedToo() {
        facts.apply(CONTEXT, batch()
                .fact(attribute("f1", ALICE_KEY, "diet", "vegetarian", ALICE_A, T0))
                .fact(attribute("f2", ALICE_KEY, "diet", "vegan", ALICE_A, T0.plusSeconds(1)))
                .fact(attribute("f3", ALICE_KEY, "hobby", "chess", ALICE_A, T0))
                .update(new FactBatch.FactUpdate("f1", FactStatus.SUPERSEDED, Optional.empty(),
                        T0.plusSeconds(1), Optional.of("f2")))
                .update(new FactBatch.FactUpdate("f3", FactStatus.RETRACTED, Optional.empty(),
                        T0.plusSeconds(1), Optional.empty()))
                .build());

        assertThat(facts.forget(CONTEXT, bulk(USER_ALICE, false), false).facts()).isEqualTo(3);

        assertThat(facts.facts(CONTEXT, FactQuery.visible(ALICE_A.floorKeys(), Set.of(), 10)))
                .isEmpty();
        assertThat(facts.facts(CONTEXT, FactQuery.visible(ALICE_A.floorKeys(),
                Set.of(FactStatus.FORGOTTEN), 10)))
                .extracting(FactRecord::id).containsExactlyInAnyOrder("f1", "f2", "f3");
    }

    // --- narrowed -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void forget_byEntity_forgetsItsFactsAndUncertaintiesWithinTagsOnly(boolean purge) {
        storeWorld(CONTEXT, "");
        facts.apply(CONTEXT, batch()
                .fact(attribute("f1", ALICE_KEY, "diet", "vegan", ALICE_A, T0))
                .fact(relation("f2", BOB_KEY, "knows", ALICE_KEY, BOB, T0))
                .fact(attribute("f3", BOB_KEY, "diet", "vegan", BOB, T0))
                .fact(attribute("f4", ALICE_KEY, "hobby", "chess", WORLD.get("alice-b"), T0))
                .fact(relation("f5", ALICE_KEY, "works_at", ACME, WORLD.get("org"), T0))
                .fact(relation("f6", BOB_KEY, "knows", ALICE_KEY, ALICE_A, T0))
                .uncertainty(about("u1", "person/alice#diet", ALICE_A))
                .uncertainty(about("u2", "person/bob#diet", ALICE_A))
                .uncertainty(about("u3", "person/alice", ALICE_A))
                .uncertainty(about("u4", "person/alice smith#diet", ALICE_A))
                .uncertainty(about("u5", "person/alice#diet", BOB))
                .build());
        Map<String, Set<String>> before = everyRead(CONTEXT, "");

        ForgetCount count = facts.forget(CONTEXT, new ForgetSpec(USER_ALICE,
                Optional.of(ALICE_KEY), Optional.empty(), Optional.empty(), purge), false);

        assertThat(count).isEqualTo(new ForgetCount(0, 0, 3, 0, 2, 0, 0));
        assertThat(everyRead(CONTEXT, ""))
                .isEqualTo(without(before, Set.of("f1", "f4", "f6", "u1", "u3")));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void forget_byKey_forgetsThatKeyWithOrWithoutEntity(boolean purge) {
        storeWorld(CONTEXT, "");
        facts.apply(CONTEXT, batch()
                .fact(attribute("f1", ALICE_KEY, "diet", "vegan", ALICE_A, T0))
                .fact(attribute("f2", BOB_KEY, "diet", "vegan", BOB, T0))
                .fact(attribute("f3", ALICE_KEY, "hobby", "chess", ALICE_A, T0))
                .uncertainty(about("u1", "person/alice#diet", ALICE_A))
                .uncertainty(about("u2", "person/bob#diet", BOB))
                .uncertainty(about("u3", "person/alice#hobby", ALICE_A))
                .uncertainty(about("u4", "person/alice#special_diet", ALICE_A))
                .build());
        Map<String, Set<String>> before = everyRead(CONTEXT, "");

        ForgetCount bobsDiet = facts.forget(CONTEXT, new ForgetSpec(Scope.empty(),
                Optional.of(BOB_KEY), Optional.of("diet"), Optional.empty(), purge), false);
        ForgetCount anyDiet = facts.forget(CONTEXT, new ForgetSpec(Scope.empty(),
                Optional.empty(), Optional.of("diet"), Optional.empty(), purge), false);

        assertThat(bobsDiet).isEqualTo(new ForgetCount(0, 0, 1, 0, 1, 0, 0));
        assertThat(anyDiet).isEqualTo(new ForgetCount(0, 0, 1, 0, 1, 0, 0));
        assertThat(everyRead(CONTEXT, ""))
                .isEqualTo(without(before, Set.of("f1", "f2", "u1", "u2")));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void forget_byIds_forgetsExactlyThoseRecordsWithinTags(boolean purge) {
        storeWorld(CONTEXT, "");
        Map<String, Set<String>> before = everyRead(CONTEXT, "");
        Set<String> ids = Set.of("t-alice-a-1", "f-alice-a", "i-alice-b", "d-alice-only-c2",
                "u-alice-a", "s-alice-a", "d-alice-b", "t-bob-1", "f-org", "i-empty", "nope");

        ForgetCount count = facts.forget(CONTEXT, new ForgetSpec(USER_ALICE, Optional.empty(),
                Optional.empty(), Optional.of(ids), purge), false);

        assertThat(count).isEqualTo(new ForgetCount(1, 0, 1, 1, 0, 1, 0));
        assertThat(everyRead(CONTEXT, "")).isEqualTo(without(before, Set.of("t-alice-a-1",
                "f-alice-a", "e-alice-a", "i-alice-b", "d-alice-only-c2")));
    }

    @Test
    void forget_emptyIds_forgetsNothing() {
        storeWorld(CONTEXT, "");
        ForgetCount count = facts.forget(CONTEXT, new ForgetSpec(Scope.empty(), Optional.empty(),
                Optional.empty(), Optional.of(Set.of()), false), false);
        assertThat(count.records()).isZero();
        assertThat(count.sessions() + count.documents()).isZero();
    }

    // --- dry run, counts, idempotence -----------------------------------------------------

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void forget_dryRun_countsAsTheRealRunAndChangesNothing(boolean purge) {
        storeWorld(CONTEXT, "");
        List<ForgetSpec> specs = List.of(
                new ForgetSpec(USER_ALICE, Optional.empty(), Optional.empty(),
                        Optional.of(Set.of("t-alice-a-1", "f-alice-b", "d-alice-a-c1")), purge),
                new ForgetSpec(USER_ALICE, Optional.of(EntityKey.of("person", "alice-only")),
                        Optional.empty(), Optional.empty(), purge),
                bulk(USER_ALICE, purge));
        for (ForgetSpec spec : specs) {
            Map<String, Set<String>> before = everyRead(CONTEXT, "");
            List<String> forgottenBefore = forgottenFacts(CONTEXT);
            long lastChange = store.lastChange();

            ForgetCount dry = facts.forget(CONTEXT, spec, true);

            assertThat(everyRead(CONTEXT, "")).isEqualTo(before);
            assertThat(forgottenFacts(CONTEXT)).isEqualTo(forgottenBefore);
            assertThat(store.lastChange()).isEqualTo(lastChange);
            ForgetCount real = facts.forget(CONTEXT, spec, false);
            assertThat(dry).isEqualTo(real);
            assertThat(real.records()).isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void forget_twice_secondCountsNothingAndLogsNothing(boolean purge) {
        storeWorld(CONTEXT, "");
        facts.forget(CONTEXT, bulk(USER_ALICE, purge), false);
        long lastChange = store.lastChange();

        ForgetCount again = facts.forget(CONTEXT, bulk(USER_ALICE, purge), false);

        assertThat(again).isEqualTo(new ForgetCount(0, 0, 0, 0, 0, 0, 0));
        assertThat(facts.forget(CONTEXT, bulk(USER_ALICE, purge), true)).isEqualTo(again);
        assertThat(store.lastChange()).isEqualTo(lastChange);
    }

    @Test
    void forget_purgeAfterSoftForget_countsNothingAndReadsStayEmpty() {
        storeWorld(CONTEXT, "");
        Map<String, Set<String>> before = everyRead(CONTEXT, "");
        facts.forget(CONTEXT, bulk(USER_ALICE, false), false);

        ForgetCount purged = facts.forget(CONTEXT, bulk(USER_ALICE, true), false);

        assertThat(purged.records()).isZero();
        assertThat(everyRead(CONTEXT, "")).isEqualTo(without(before, idsOf("", ALICES)));
        assertThat(forgottenFacts(CONTEXT)).isEmpty();
    }

    // --- what reads see afterwards --------------------------------------------------------

    @Test
    void facts_forgottenStatusAfterSoftForget_returnsThemClosedAtForgetTime() {
        storeWorld(CONTEXT, "");
        facts.forget(CONTEXT, bulk(USER_ALICE, false), false);

        List<FactRecord> forgotten = facts.facts(CONTEXT,
                FactQuery.visible(allKeys(), Set.of(FactStatus.FORGOTTEN), 100));

        assertThat(forgotten).extracting(FactRecord::id)
                .containsExactlyInAnyOrder("f-alice-a", "f-alice-b", "f-alice-only");
        assertThat(forgotten).allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(FactStatus.FORGOTTEN);
            assertThat(f.closedAt()).contains(FORGET_AT);
        });
    }

    @Test
    void facts_forgottenStatusAfterPurge_returnsNothing() {
        storeWorld(CONTEXT, "");
        facts.forget(CONTEXT, bulk(USER_ALICE, true), false);
        assertThat(forgottenFacts(CONTEXT)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void changesSince_afterForget_logsOneDeletePerIndexedRecord(boolean purge) {
        storeWorld(CONTEXT, "");
        facts.apply(CONTEXT, batch()
                .fact(attribute("old", ALICE_KEY, "diet", "vegan", ALICE_A, T0))
                .update(new FactBatch.FactUpdate("old", FactStatus.SUPERSEDED, Optional.empty(),
                        T0, Optional.empty()))
                .instruction(new Instruction("inactive", "Use feet", ALICE_A, false, T0,
                        Optional.empty(), FactStoreContract.source()))
                .build());
        long last = store.lastChange();

        facts.forget(CONTEXT, bulk(USER_ALICE, purge), false);

        List<IndexChange> changes = store.changesSince(last, 1000);
        assertThat(changes).allMatch(c -> c instanceof IndexChange.Delete);
        Set<String> indexed = idsOf("", ALICES).stream()
                .filter(id -> id.matches("[tfi]-.*|d-.*-c[0-9]")).collect(Collectors.toSet());
        assertThat(changes).extracting(c -> ((IndexChange.Delete) c).id())
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(indexed);
        assertThat(store.changesSince(0, 1000)).noneMatch(c -> c instanceof IndexChange.Upsert
                && indexed.contains(((IndexChange.Upsert) c).document().id()));
    }

    @Test
    void visibleEntities_entityOfForgottenFactsOnly_isExcluded() {
        facts.apply(CONTEXT, batch()
                .entity(entity("e1", ALICE_KEY, "Alice", List.of(), T0))
                .entity(entity("e3", ACME, "Acme Corp", List.of(), T0))
                .fact(relation("f1", ALICE_KEY, "works_at", ACME, ALICE_A, T0))
                .fact(relation("f2", BOB_KEY, "works_at", ACME, BOB, T0))
                .build());
        facts.forget(CONTEXT, bulk(USER_ALICE, false), false);
        assertThat(facts.visibleEntities(CONTEXT, allKeys(), Optional.empty(), Optional.empty(),
                10)).extracting(EntityRecord::key).containsExactly(ACME);
        assertThat(facts.entity(CONTEXT, ALICE_KEY)).isPresent();
    }

    @Test
    void forget_purge_deletesEntitiesNoRemainingFactNames() {
        facts.apply(CONTEXT, batch()
                .entity(entity("e1", ALICE_KEY, "Alice", List.of(), T0))
                .entity(entity("e2", BOB_KEY, "Bob", List.of(), T0))
                .entity(entity("e3", ACME, "Acme Corp", List.of(), T0))
                .fact(attribute("f1", ALICE_KEY, "diet", "vegan", ALICE_A, T0))
                .fact(relation("f2", ALICE_KEY, "works_at", ACME, ALICE_A, T0))
                .fact(relation("f3", BOB_KEY, "works_at", ACME, BOB, T0))
                .build());

        facts.forget(CONTEXT, bulk(USER_ALICE, true), false);

        assertThat(facts.entities(CONTEXT, List.of(ALICE_KEY, BOB_KEY, ACME)))
                .containsOnlyKeys(BOB_KEY, ACME);
    }

    // --- writes to forgotten records ------------------------------------------------------

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void appendTurn_forgottenSession_throwsNotFound(boolean purge) {
        storeWorld(CONTEXT, "");
        facts.forget(CONTEXT, bulk(USER_ALICE, purge), false);
        NewTurn turn = turn("late", "s-alice-a");
        assertThatThrownBy(() -> store.appendTurn(CONTEXT, turn))
                .isInstanceOf(NotFoundException.class);
        assertThat(store.turnsById(CONTEXT, List.of("late"))).isEmpty();
    }

    @Test
    void closeAndDeleteSession_forgottenSession_findNothing() {
        storeWorld(CONTEXT, "");
        facts.forget(CONTEXT, bulk(USER_ALICE, false), false);
        assertThat(store.closeSession(CONTEXT, "s-alice-a", FORGET_AT)).isFalse();
        assertThat(store.deleteSession(CONTEXT, "s-alice-a")).isEqualTo(-1);
        assertThat(facts.deleteDocument(CONTEXT, "d-alice-a")).isFalse();
    }

    @Test
    void apply_updateOfForgottenFact_leavesItForgotten() {
        facts.apply(CONTEXT, batch()
                .fact(attribute("f1", ALICE_KEY, "diet", "vegetarian", ALICE_A, T0)).build());
        facts.forget(CONTEXT, bulk(USER_ALICE, false), false);
        long lastChange = store.lastChange();

        facts.apply(CONTEXT, batch()
                .fact(attribute("f2", ALICE_KEY, "diet", "vegan", ALICE_A, T0.plusSeconds(1)))
                .update(new FactBatch.FactUpdate("f1", FactStatus.SUPERSEDED, Optional.empty(),
                        T0.plusSeconds(1), Optional.of("f2")))
                .update(new FactBatch.FactUpdate("f1", FactStatus.CURRENT, Optional.empty(),
                        T0.plusSeconds(1), Optional.empty()))
                .build());

        assertThat(facts.facts(CONTEXT, FactQuery.visible(allKeys(), Set.of(), 10)))
                .extracting(FactRecord::id).containsExactly("f2");
        assertThat(forgottenFacts(CONTEXT)).containsExactly("f1");
        assertThat(store.changesSince(lastChange, 10)).singleElement()
                .isInstanceOf(IndexChange.Upsert.class);
    }

    @Test
    void forget_unknownContext_throwsNotFound() {
        assertThatThrownBy(() -> facts.forget("nope", bulk(Scope.empty(), false), false))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> facts.forget("nope", bulk(Scope.empty(), true), true))
                .isInstanceOf(NotFoundException.class);
    }

    // --- helpers --------------------------------------------------------------------------

    /** A scoped bulk forget. */
    protected static ForgetSpec bulk(Scope tags, boolean purge) {
        return new ForgetSpec(tags, Optional.empty(), Optional.empty(), Optional.empty(), purge);
    }

    /**
     * Stores the world in {@code context}, every id prefixed with {@code prefix} (ids are
     * unique store-wide).
     */
    protected void storeWorld(String context, String prefix) {
        WORLD.forEach((label, scope) -> {
            String p = prefix;  // short, to keep the ids below on one line each
            store.insertSession(context, MemoryStoreContract.session(p + "s-" + label, scope));
            store.appendTurn(context, turn(p + "t-" + label + "-1", p + "s-" + label));
            store.appendTurn(context, turn(p + "t-" + label + "-2", p + "s-" + label));
            EntityKey subject = EntityKey.of("person", label);
            facts.apply(context, batch()
                    .entity(entity(p + "e-" + label, subject, label, List.of(), T0))
                    .fact(attribute(p + "f-" + label, subject, "nickname", "nick " + label,
                            scope, T0))
                    .instruction(instruction(p + "i-" + label, scope, T0))
                    .uncertainty(uncertainty(p + "u-" + label, scope, T0))
                    .build());
            DocumentInfo doc = document(p + "d-" + label, scope, T0);
            facts.insertDocument(context, doc, chunks(doc, 2));
        });
    }

    /** Every id {@link #storeWorld} gives the records of {@code labels}. */
    protected static Set<String> idsOf(String prefix, List<String> labels) {
        Set<String> ids = new TreeSet<>();
        for (String label : labels) {
            for (String id : List.of("s-%s", "t-%s-1", "t-%s-2", "e-%s", "f-%s", "i-%s", "u-%s",
                    "d-%s", "d-%s-c1", "d-%s-c2")) {
                ids.add(prefix + id.formatted(label));
            }
        }
        return ids;
    }

    /**
     * The ids each read of the store returns for the world of {@code context} (and any other
     * record stored under the world's scopes), by read: the list reads at every scope of the
     * world, the by-id reads of every world id, and the documents the search index holds after
     * replaying the change log.
     */
    protected Map<String, Set<String>> everyRead(String context, String prefix) {
        Set<String> keys = allKeys();
        List<String> sessions = ids(prefix, "s-%s");
        Map<String, Set<String>> reads = new LinkedHashMap<>();
        reads.put("sessions", set(store.sessions(context, keys, 1000), SessionInfo::id));
        reads.put("session", sessions.stream()
                .filter(id -> store.session(context, id).isPresent())
                .collect(Collectors.toCollection(TreeSet::new)));
        reads.put("turns", set(sessions.stream()
                .flatMap(id -> store.turns(context, id).stream()).toList(), Turn::id));
        reads.put("lastTurns", set(sessions.stream()
                .flatMap(id -> store.lastTurns(context, id, 10).stream()).toList(), Turn::id));
        reads.put("turnsById", new TreeSet<>(store.turnsById(context,
                Stream.concat(ids(prefix, "t-%s-1").stream(), ids(prefix, "t-%s-2").stream())
                        .toList()).keySet()));
        reads.put("facts", set(facts.facts(context, FactQuery.visible(keys, Set.of(), 1000)),
                FactRecord::id));
        reads.put("factsOfEveryStatusButForgotten", set(facts.facts(context, FactQuery.visible(
                keys, EnumSet.complementOf(EnumSet.of(FactStatus.FORGOTTEN)), 1000)),
                FactRecord::id));
        reads.put("factsById", new TreeSet<>(facts.factsById(context, ids(prefix, "f-%s"))
                .keySet()));
        reads.put("instructions", set(facts.instructions(context, keys, false),
                Instruction::id));
        reads.put("activeInstructions", set(facts.instructions(context, keys, true),
                Instruction::id));
        reads.put("instructionsById", new TreeSet<>(facts.instructionsById(context,
                ids(prefix, "i-%s")).keySet()));
        reads.put("uncertainties", set(facts.uncertainties(context, keys, false),
                Uncertainty::id));
        reads.put("openUncertainties", set(facts.uncertainties(context, keys, true),
                Uncertainty::id));
        reads.put("uncertainty", ids(prefix, "u-%s").stream()
                .filter(id -> facts.uncertainty(context, id).isPresent())
                .collect(Collectors.toCollection(TreeSet::new)));
        reads.put("documents", set(facts.documents(context, keys, 1000), DocumentInfo::id));
        reads.put("document", ids(prefix, "d-%s").stream()
                .filter(id -> facts.document(context, id).isPresent())
                .collect(Collectors.toCollection(TreeSet::new)));
        reads.put("chunksById", new TreeSet<>(facts.chunksById(context,
                Stream.concat(ids(prefix, "d-%s-c1").stream(), ids(prefix, "d-%s-c2").stream())
                        .toList()).keySet()));
        reads.put("visibleEntities", set(facts.visibleEntities(context, keys, Optional.empty(),
                Optional.empty(), 1000), EntityRecord::id));
        reads.put("index", indexed(context));
        return reads;
    }

    /** {@code reads} with {@code forgotten} taken out of every read. */
    protected static Map<String, Set<String>> without(Map<String, Set<String>> reads,
            Set<String> forgotten) {
        assertThat(reads.values().stream().flatMap(Set::stream).collect(Collectors.toSet()))
                .as("every forgotten id was readable before").containsAll(forgotten);
        Map<String, Set<String>> out = new LinkedHashMap<>();
        reads.forEach((read, ids) -> {
            Set<String> left = new TreeSet<>(ids);
            left.removeAll(forgotten);
            out.put(read, left);
        });
        return out;
    }

    /** The ids of the forgotten facts at every scope of the world. */
    protected List<String> forgottenFacts(String context) {
        return facts.facts(context, FactQuery.visible(allKeys(), Set.of(FactStatus.FORGOTTEN),
                1000)).stream().map(FactRecord::id).sorted().toList();
    }

    protected static Set<String> allKeys() {
        return WORLD.values().stream().map(Scope::key).collect(Collectors.toSet());
    }

    /** A user turn whose text names its id. */
    protected static NewTurn turn(String id, String sessionId) {
        return new NewTurn(id, sessionId, Role.USER, Optional.empty(), "turn " + id, T0, T0,
                Map.of(), "user: turn " + id, vectorOf(id), MemoryStoreContract.MODEL);
    }

    /** An open low-confidence uncertainty about {@code about}. */
    protected static Uncertainty about(String id, String about, Scope scope) {
        return new Uncertainty(id, "low_confidence", about, "unsure", List.of(), scope, false,
                T0, Optional.empty(), Optional.empty());
    }

    /** The ids the search index holds for {@code context} after replaying the whole log. */
    private Set<String> indexed(String context) {
        Set<String> ids = new TreeSet<>();
        for (IndexChange change : store.changesSince(0, Integer.MAX_VALUE)) {
            switch (change) {
                case IndexChange.Upsert u when u.document().context().equals(context) ->
                        ids.add(u.document().id());
                case IndexChange.Upsert u -> { }
                case IndexChange.Delete d -> ids.remove(d.id());
            }
        }
        return ids;
    }

    private static List<String> ids(String prefix, String pattern) {
        return WORLD.keySet().stream().map(label -> prefix + pattern.formatted(label)).toList();
    }

    private static <T> Set<String> set(List<T> records, Function<T, String> id) {
        return records.stream().map(id).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Scope> world() {
        Map<String, Scope> world = new LinkedHashMap<>();
        world.put("alice-a", ALICE_A);
        world.put("alice-b", Scope.of("org", "b", "user", "alice"));
        world.put("alice-only", USER_ALICE);
        world.put("bob", BOB);
        world.put("org", Scope.of("org", "a"));
        world.put("agent-alice", Scope.of("org", "a", "agent", "alice"));
        world.put("empty", Scope.empty());
        return world;
    }
}
