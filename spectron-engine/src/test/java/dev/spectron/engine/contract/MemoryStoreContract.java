package dev.spectron.engine.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spectron.api.ConflictException;
import dev.spectron.api.ExtractMode;
import dev.spectron.api.InvalidInputException;
import dev.spectron.api.NotFoundException;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.SessionInfo;
import dev.spectron.api.SessionStatus;
import dev.spectron.api.Turn;
import dev.spectron.engine.spi.ApiKeyRecord;
import dev.spectron.engine.spi.IndexChange;
import dev.spectron.engine.spi.IndexDocument;
import dev.spectron.engine.spi.MemoryStore;
import dev.spectron.engine.spi.NewTurn;
import dev.spectron.engine.spi.StoredTurn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MemoryStore} must show. A backend's test extends this class and
 * supplies a fresh, empty store per test. Instants used here have millisecond precision, which
 * every backend keeps exactly.
 */
public abstract class MemoryStoreContract {
    public static final String CONTEXT = "acme";
    public static final String OTHER_CONTEXT = "globex";
    public static final Instant T0 = Instant.parse("2024-05-08T10:15:30.123Z");
    public static final String MODEL = "bge-small-en-v1.5-int8";
    public static final int DIMS = 384;

    private final AtomicInteger ids = new AtomicInteger();
    protected MemoryStore store;

    /** A new, empty store; it is closed after each test. */
    protected abstract MemoryStore createStore();

    @BeforeEach
    void openStore() {
        store = createStore();
        store.createContext(CONTEXT, T0);
        store.createContext(OTHER_CONTEXT, T0);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // --- contexts -------------------------------------------------------------------------

    @Test
    void createContext_newName_returnsTrueAndExists() {
        assertThat(store.createContext("initech", T0)).isTrue();
        assertThat(store.contextExists("initech")).isTrue();
    }

    @Test
    void createContext_existingName_returnsFalse() {
        assertThat(store.createContext(CONTEXT, T0.plusSeconds(1))).isFalse();
    }

    @Test
    void contextExists_unknownName_returnsFalse() {
        assertThat(store.contextExists("nope")).isFalse();
    }

    @Test
    void contexts_several_sortedByName() {
        store.createContext("zeta", T0);
        store.createContext("alpha", T0);
        assertThat(store.contexts()).containsExactly("acme", "alpha", "globex", "zeta");
    }

    // --- keys -----------------------------------------------------------------------------

    @Test
    void insertKey_dataKey_readsBackEqual() {
        ApiKeyRecord key = new ApiKeyRecord("k1", ApiKeyRecord.Kind.DATA, Optional.of(CONTEXT),
                "agent", Scope.of("org", "acme", "user", "alice"), "pbkdf2$1000$c2FsdA==$ZGln",
                T0, Optional.empty());
        store.insertKey(key);
        assertThat(store.key("k1")).contains(key);
    }

    @Test
    void insertKey_revokedManagementKey_readsBackEqual() {
        ApiKeyRecord key = new ApiKeyRecord("m1", ApiKeyRecord.Kind.MANAGEMENT, Optional.empty(),
                "agent", Scope.empty(), "hash", T0, Optional.of(T0.plusSeconds(60)));
        store.insertKey(key);
        assertThat(store.key("m1")).contains(key);
    }

    @Test
    void insertKey_duplicateId_throwsConflict() {
        store.insertKey(managementKey("m1"));
        assertThatThrownBy(() -> store.insertKey(managementKey("m1")))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void insertKey_dataKeyForUnknownContext_throwsNotFound() {
        ApiKeyRecord key = new ApiKeyRecord("d1", ApiKeyRecord.Kind.DATA, Optional.of("nope"),
                "agent", Scope.empty(), "hash", T0, Optional.empty());
        assertThatThrownBy(() -> store.insertKey(key)).isInstanceOf(NotFoundException.class);
        assertThat(store.key("d1")).isEmpty();
    }

    @Test
    void key_unknownId_returnsEmpty() {
        assertThat(store.key("missing")).isEmpty();
    }

    @Test
    void hasManagementKey_onlyDataKeys_returnsFalse() {
        store.insertKey(new ApiKeyRecord("d1", ApiKeyRecord.Kind.DATA, Optional.of(CONTEXT),
                "reader", Scope.empty(), "hash", T0, Optional.empty()));
        assertThat(store.hasManagementKey()).isFalse();
    }

    @Test
    void hasManagementKey_afterInsert_returnsTrue() {
        store.insertKey(managementKey("m1"));
        assertThat(store.hasManagementKey()).isTrue();
    }

    @Test
    void bootstrap_freshStore_createsTheContextAndBothKeys() {
        ApiKeyRecord data = dataKey("d1", "initech");

        assertThat(store.bootstrap("initech", T0, managementKey("m1"), data)).isTrue();

        assertThat(store.contextExists("initech")).isTrue();
        assertThat(store.key("m1")).contains(managementKey("m1"));
        assertThat(store.keys("initech")).containsExactly(data);
        assertThat(store.hasManagementKey()).isTrue();
    }

    @Test
    void bootstrap_existingContext_keepsItAndStoresTheKeys() {
        assertThat(store.bootstrap(CONTEXT, T0, managementKey("m1"), dataKey("d1", CONTEXT)))
                .isTrue();
        assertThat(store.contexts()).containsExactly(CONTEXT, OTHER_CONTEXT);
        assertThat(store.key("d1")).isPresent();
    }

    @Test
    void bootstrap_revokedManagementKeyExists_changesNothing() {
        store.insertKey(new ApiKeyRecord("m0", ApiKeyRecord.Kind.MANAGEMENT, Optional.empty(),
                "agent", Scope.empty(), "hash", T0, Optional.of(T0)));

        assertThat(store.bootstrap("initech", T0, managementKey("m1"), dataKey("d1", "initech")))
                .isFalse();

        assertThat(store.contextExists("initech")).isFalse();
        assertThat(store.key("m1")).isEmpty();
        assertThat(store.key("d1")).isEmpty();
    }

    @Test
    void bootstrap_keysOfTheWrongKind_throwsIllegalArgument() {
        assertThatThrownBy(() -> store.bootstrap(CONTEXT, T0, dataKey("d0", CONTEXT),
                dataKey("d1", CONTEXT))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.bootstrap(CONTEXT, T0, managementKey("m1"),
                dataKey("d1", OTHER_CONTEXT))).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.hasManagementKey()).isFalse();
    }

    @Test
    void bootstrap_concurrentCalls_exactlyOneStoresItsKeys() throws Exception {
        int callers = 12;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < callers; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    start.await();
                    return store.bootstrap("fresh", T0, managementKey("m" + n),
                            dataKey("d" + n, "fresh"));
                }));
            }
            start.countDown();
            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                if (results.get(i).get()) {
                    winners.add(i);
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(store.keys("fresh")).extracting(ApiKeyRecord::id)
                    .containsExactly("d" + winners.getFirst());
            for (int i = 0; i < callers; i++) {
                assertThat(store.key("m" + i).isPresent()).isEqualTo(winners.contains(i));
            }
        }
    }

    // --- sessions -------------------------------------------------------------------------

    @Test
    void insertSession_withMetadata_readsBackEqual() {
        SessionInfo session = new SessionInfo("s1", Scope.of("org", "acme", "user", "alice"),
                jsonOfEveryKind(), ExtractMode.SESSION, SessionStatus.OPEN, T0, Optional.empty());
        store.insertSession(CONTEXT, session);
        assertThat(store.session(CONTEXT, "s1")).contains(session);
    }

    @Test
    void insertSession_unknownContext_throwsNotFound() {
        assertThatThrownBy(() -> store.insertSession("nope", session("s1", Scope.empty())))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void insertSession_duplicateId_throwsConflict() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        assertThatThrownBy(() -> store.insertSession(OTHER_CONTEXT, session("s1", Scope.empty())))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void session_otherContext_returnsEmpty() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        assertThat(store.session(OTHER_CONTEXT, "s1")).isEmpty();
        assertThat(store.session(CONTEXT, "s2")).isEmpty();
    }

    @Test
    void sessions_userScope_returnsOnlySessionsAtSubsetsOfIt() {
        storeSessionsAtEveryScope();
        Scope alice = Scope.of("org", "acme", "user", "alice");
        assertThat(ids(store.sessions(CONTEXT, alice.floorKeys(), 100)))
                .containsExactlyInAnyOrder("empty", "org", "alice");
    }

    @Test
    void sessions_orgScope_doesNotSeeUserSessions() {
        storeSessionsAtEveryScope();
        assertThat(ids(store.sessions(CONTEXT, Scope.of("org", "acme").floorKeys(), 100)))
                .containsExactlyInAnyOrder("empty", "org");
        assertThat(ids(store.sessions(CONTEXT, Scope.empty().floorKeys(), 100)))
                .containsExactly("empty");
    }

    @Test
    void sessions_otherContext_notVisible() {
        store.insertSession(OTHER_CONTEXT, session("theirs", Scope.of("org", "acme")));
        assertThat(store.sessions(CONTEXT, Scope.of("org", "acme").floorKeys(), 100)).isEmpty();
    }

    @Test
    void sessions_manyMatches_newestFirstUpToLimit() {
        for (int i = 0; i < 5; i++) {
            store.insertSession(CONTEXT, new SessionInfo("s" + i, Scope.empty(), Map.of(),
                    ExtractMode.TURN, SessionStatus.OPEN, T0.plusSeconds(i), Optional.empty()));
        }
        assertThat(ids(store.sessions(CONTEXT, Scope.empty().floorKeys(), 3)))
                .containsExactly("s4", "s3", "s2");
    }

    @Test
    void sessions_noScopeKeys_returnsEmpty() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        assertThat(store.sessions(CONTEXT, Set.of(), 10)).isEmpty();
    }

    @Test
    void closeSession_openSession_returnsTrueAndRecordsClose() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        assertThat(store.closeSession(CONTEXT, "s1", T0.plusSeconds(5))).isTrue();
        SessionInfo closed = store.session(CONTEXT, "s1").orElseThrow();
        assertThat(closed.status()).isEqualTo(SessionStatus.CLOSED);
        assertThat(closed.closedAt()).contains(T0.plusSeconds(5));
    }

    @Test
    void closeSession_closedUnknownOrOtherContext_returnsFalse() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        store.closeSession(CONTEXT, "s1", T0);
        assertThat(store.closeSession(CONTEXT, "s1", T0.plusSeconds(1))).isFalse();
        assertThat(store.closeSession(CONTEXT, "missing", T0)).isFalse();
        store.insertSession(CONTEXT, session("s2", Scope.empty()));
        assertThat(store.closeSession(OTHER_CONTEXT, "s2", T0)).isFalse();
        assertThat(store.session(CONTEXT, "s1").orElseThrow().closedAt()).contains(T0);
    }

    @Test
    void deleteSession_withTurns_returnsCountAndRemovesEverything() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        Turn first = store.appendTurn(CONTEXT, newTurn("s1"));
        Turn second = store.appendTurn(CONTEXT, newTurn("s1"));
        assertThat(store.deleteSession(CONTEXT, "s1")).isEqualTo(2);
        assertThat(store.session(CONTEXT, "s1")).isEmpty();
        assertThat(store.turns(CONTEXT, "s1")).isEmpty();
        assertThat(store.turnsById(CONTEXT, List.of(first.id(), second.id()))).isEmpty();
    }

    @Test
    void deleteSession_withoutTurns_returnsZero() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        assertThat(store.deleteSession(CONTEXT, "s1")).isZero();
        assertThat(store.session(CONTEXT, "s1")).isEmpty();
    }

    @Test
    void deleteSession_unknownOrOtherContext_returnsMinusOne() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        store.appendTurn(CONTEXT, newTurn("s1"));
        long before = store.lastChange();
        assertThat(store.deleteSession(CONTEXT, "missing")).isEqualTo(-1);
        assertThat(store.deleteSession(OTHER_CONTEXT, "s1")).isEqualTo(-1);
        assertThat(store.turns(CONTEXT, "s1")).hasSize(1);
        assertThat(store.lastChange()).isEqualTo(before);
    }

    @Test
    void deleteSession_thenSameIdAgain_canBeReused() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        store.appendTurn(CONTEXT, newTurn("s1"));
        store.deleteSession(CONTEXT, "s1");
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        assertThat(store.appendTurn(CONTEXT, newTurn("s1")).seq()).isEqualTo(1);
    }

    // --- turns ----------------------------------------------------------------------------

    @Test
    void appendTurn_severalTurns_numberedFromOneInOrder() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        store.insertSession(CONTEXT, session("s2", Scope.empty()));
        assertThat(store.appendTurn(CONTEXT, newTurn("s1")).seq()).isEqualTo(1);
        assertThat(store.appendTurn(CONTEXT, newTurn("s2")).seq()).isEqualTo(1);
        assertThat(store.appendTurn(CONTEXT, newTurn("s1")).seq()).isEqualTo(2);
        assertThat(store.turns(CONTEXT, "s1")).extracting(Turn::seq).containsExactly(1, 2);
    }

    @Test
    void appendTurn_everyField_returnsWhatIsReadBack() {
        store.insertSession(CONTEXT, session("s1", Scope.of("user", "alice")));
        NewTurn input = new NewTurn("t1", "s1", Role.ASSISTANT, Optional.of("Ava"),
                "Hello — 你好 👋", T0, T0.minus(Duration.ofDays(400)), jsonOfEveryKind(),
                "Ava: Hello (8 May 2024)", vector(1), MODEL);
        Turn stored = store.appendTurn(CONTEXT, input);
        assertThat(stored).isEqualTo(new Turn("t1", "s1", 1, Role.ASSISTANT, Optional.of("Ava"),
                "Hello — 你好 👋", T0, T0.minus(Duration.ofDays(400)), jsonOfEveryKind()));
        assertThat(store.turns(CONTEXT, "s1")).containsExactly(stored);
        assertThat(store.turnsById(CONTEXT, List.of("t1")).get("t1").turn()).isEqualTo(stored);
    }

    @Test
    void appendTurn_noSpeakerNoMetadata_readsBackEmpty() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        store.appendTurn(CONTEXT, newTurn("s1"));
        Turn turn = store.turns(CONTEXT, "s1").get(0);
        assertThat(turn.speaker()).isEmpty();
        assertThat(turn.metadata()).isEmpty();
    }

    @Test
    void appendTurn_unknownSession_throwsNotFound() {
        assertThatThrownBy(() -> store.appendTurn(CONTEXT, newTurn("missing")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void appendTurn_sessionOfOtherContext_throwsNotFoundAndStoresNothing() {
        store.insertSession(OTHER_CONTEXT, session("s1", Scope.empty()));
        long before = store.lastChange();
        assertThatThrownBy(() -> store.appendTurn(CONTEXT, newTurn("s1")))
                .isInstanceOf(NotFoundException.class);
        assertThat(store.turns(OTHER_CONTEXT, "s1")).isEmpty();
        assertThat(store.lastChange()).isEqualTo(before);
    }

    @Test
    void appendTurn_closedSession_throwsConflictAndStoresNothing() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        store.closeSession(CONTEXT, "s1", T0);
        long before = store.lastChange();
        assertThatThrownBy(() -> store.appendTurn(CONTEXT, newTurn("s1")))
                .isInstanceOf(ConflictException.class);
        assertThat(store.turns(CONTEXT, "s1")).isEmpty();
        assertThat(store.lastChange()).isEqualTo(before);
    }

    @Test
    void appendTurn_duplicateTurnId_throwsConflictAndStoresNothing() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        store.insertSession(CONTEXT, session("s2", Scope.empty()));
        NewTurn turn = newTurn("s1");
        store.appendTurn(CONTEXT, turn);
        long before = store.lastChange();
        NewTurn again = new NewTurn(turn.id(), "s2", Role.USER, Optional.empty(), "other", T0, T0,
                Map.of(), "other", vector(2), MODEL);
        assertThatThrownBy(() -> store.appendTurn(CONTEXT, again))
                .isInstanceOf(ConflictException.class);
        assertThat(store.turns(CONTEXT, "s2")).isEmpty();
        assertThat(store.lastChange()).isEqualTo(before);
    }

    @Test
    void appendTurn_metadataThatIsNotJson_throwsInvalidInputAndStoresNothing() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        long before = store.lastChange();
        NewTurn bad = new NewTurn("t1", "s1", Role.USER, Optional.empty(), "hi", T0, T0,
                Map.of("thing", new Object()), "hi", vector(1), MODEL);
        assertThatThrownBy(() -> store.appendTurn(CONTEXT, bad))
                .isInstanceOf(InvalidInputException.class);
        assertThat(store.turns(CONTEXT, "s1")).isEmpty();
        assertThat(store.turnsById(CONTEXT, List.of("t1"))).isEmpty();
        assertThat(store.lastChange()).isEqualTo(before);
    }

    @Test
    void appendTurn_eightThreadsOnOneSession_seqsHaveNoGapsOrDuplicates() throws Exception {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        int threads = 8;
        int perThread = 25;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Integer>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<Integer> seqs = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        seqs.add(store.appendTurn(CONTEXT, newTurn("s1")).seq());
                    }
                    return seqs;
                }));
            }
            start.countDown();
            List<Integer> returned = new ArrayList<>();
            for (Future<List<Integer>> result : results) {
                returned.addAll(result.get());
            }
            Collections.sort(returned);
            List<Integer> expected = IntStream.rangeClosed(1, threads * perThread).boxed().toList();
            assertThat(returned).isEqualTo(expected);
            assertThat(store.turns(CONTEXT, "s1")).extracting(Turn::seq).isEqualTo(expected);
        }
    }

    @Test
    void appendTurn_manyVirtualThreadsWithReaders_readersSeeOrderedLog() throws Exception {
        int writers = 16;
        int perWriter = 10;
        for (int w = 0; w < writers; w++) {
            store.insertSession(CONTEXT, session("s" + w, Scope.empty()));
        }
        long before = store.lastChange();
        List<Future<?>> tasks = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < writers; w++) {
                String sessionId = "s" + w;
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        store.appendTurn(CONTEXT, newTurn(sessionId));
                    }
                    return null;
                }));
            }
            for (int r = 0; r < 16; r++) {
                tasks.add(pool.submit(() -> {
                    long seen = before;
                    int count = 0;
                    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                    while (count < writers * perWriter && System.nanoTime() < deadline) {
                        List<IndexChange> changes = store.changesSince(before, 10_000);
                        assertStrictlyIncreasing(changes);
                        long last = changes.isEmpty() ? before : changes.getLast().seq();
                        assertThat(last).isGreaterThanOrEqualTo(seen);
                        assertThat(changes.size()).isGreaterThanOrEqualTo(count);
                        seen = last;
                        count = changes.size();
                    }
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        }
        assertThat(store.changesSince(before, 10_000)).hasSize(writers * perWriter);
    }

    @Test
    void turns_unknownSessionOrOtherContext_returnsEmpty() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        store.appendTurn(CONTEXT, newTurn("s1"));
        assertThat(store.turns(CONTEXT, "missing")).isEmpty();
        assertThat(store.turns(OTHER_CONTEXT, "s1")).isEmpty();
    }

    @Test
    void turnsById_knownAndUnknownIds_returnsKnownWithSessionScope() {
        Scope alice = Scope.of("org", "acme", "user", "alice");
        store.insertSession(CONTEXT, session("s1", alice));
        store.insertSession(CONTEXT, session("s2", Scope.empty()));
        Turn a = store.appendTurn(CONTEXT, newTurn("s1"));
        Turn b = store.appendTurn(CONTEXT, newTurn("s2"));
        Map<String, StoredTurn> found = store.turnsById(CONTEXT, List.of(a.id(), "nope", b.id()));
        assertThat(found).containsOnlyKeys(a.id(), b.id());
        assertThat(found.get(a.id())).isEqualTo(new StoredTurn(a, alice));
        assertThat(found.get(b.id())).isEqualTo(new StoredTurn(b, Scope.empty()));
    }

    @Test
    void turnsById_otherContext_returnsEmpty() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        Turn turn = store.appendTurn(CONTEXT, newTurn("s1"));
        assertThat(store.turnsById(OTHER_CONTEXT, List.of(turn.id()))).isEmpty();
    }

    @Test
    void turnsById_noIds_returnsEmpty() {
        assertThat(store.turnsById(CONTEXT, List.of())).isEmpty();
    }

    @Test
    void turnsById_moreIdsThanOneQueryBinds_returnsAll() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            wanted.add(store.appendTurn(CONTEXT, newTurn("s1")).id());
            wanted.add("absent-" + i);
        }
        assertThat(store.turnsById(CONTEXT, wanted)).hasSize(600);
    }

    // --- change log -----------------------------------------------------------------------

    @Test
    void lastChange_emptyStore_returnsZero() {
        assertThat(store.lastChange()).isZero();
        assertThat(store.changesSince(0, 10)).isEmpty();
    }

    @Test
    void changesSince_appendedTurns_returnsUpsertsWithFullDocuments() {
        Scope alice = Scope.of("org", "acme", "user", "alice");
        store.insertSession(CONTEXT, session("s1", alice));
        long before = store.lastChange();
        NewTurn input = newTurn("s1");
        store.appendTurn(CONTEXT, input);
        store.appendTurn(CONTEXT, newTurn("s1"));

        List<IndexChange> changes = store.changesSince(before, 10);
        assertThat(changes).hasSize(2).allMatch(c -> c instanceof IndexChange.Upsert);
        assertStrictlyIncreasing(changes);
        assertThat(store.lastChange()).isEqualTo(changes.getLast().seq());
        IndexChange.Upsert upsert = (IndexChange.Upsert) changes.getFirst();
        assertThat(upsert.modelId()).isEqualTo(MODEL);
        IndexDocument doc = upsert.document();
        assertThat(doc.id()).isEqualTo(input.id());
        assertThat(doc.context()).isEqualTo(CONTEXT);
        assertThat(doc.kind()).isEqualTo("turn");
        assertThat(doc.scopeKey()).isEqualTo(alice.key());
        assertThat(doc.sessionId()).isEqualTo("s1");
        assertThat(doc.text()).isEqualTo(input.indexText());
        assertThat(doc.vector()).containsExactly(input.vector());
        assertThat(doc.createdAt()).isEqualTo(input.createdAt());
    }

    @Test
    void replaceVectors_existingRecords_laterChangesCarryThemUnderTheNewModel() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        long before = store.lastChange();
        NewTurn input = newTurn("s1");
        store.appendTurn(CONTEXT, input);
        float[] replaced = new float[input.vector().length];
        replaced[0] = 1;

        store.replaceVectors(java.util.Map.of(input.id(), replaced, "gone", replaced),
                "other-model");

        IndexChange.Upsert upsert = (IndexChange.Upsert) store.changesSince(before, 10)
                .getFirst();
        assertThat(upsert.modelId()).isEqualTo("other-model");
        assertThat(upsert.document().vector()).containsExactly(replaced);
        assertThat(upsert.document().text()).isEqualTo(input.indexText());
        assertThat(store.lastChange()).as("no change logged").isEqualTo(upsert.seq());
    }

    @Test
    void changesSince_deletedSession_logsOneDeletePerTurn() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        Turn first = store.appendTurn(CONTEXT, newTurn("s1"));
        Turn second = store.appendTurn(CONTEXT, newTurn("s1"));
        long before = store.lastChange();
        store.deleteSession(CONTEXT, "s1");
        List<IndexChange> changes = store.changesSince(before, 10);
        assertThat(changes).hasSize(2);
        assertThat(changes).allMatch(c -> c instanceof IndexChange.Delete);
        assertThat(changes).extracting(c -> ((IndexChange.Delete) c).id())
                .containsExactlyInAnyOrder(first.id(), second.id());
        assertStrictlyIncreasing(changes);
    }

    @Test
    void changesSince_upsertOfTurnDeletedSince_becomesDelete() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        store.insertSession(CONTEXT, session("s2", Scope.empty()));
        long before = store.lastChange();
        Turn gone = store.appendTurn(CONTEXT, newTurn("s1"));
        Turn kept = store.appendTurn(CONTEXT, newTurn("s2"));
        store.deleteSession(CONTEXT, "s1");
        List<IndexChange> changes = store.changesSince(before, 10);
        assertThat(changes).hasSize(3);
        List<Long> seqs = seqs(changes);
        assertThat(changes.get(0)).isEqualTo(new IndexChange.Delete(seqs.get(0), gone.id()));
        assertThat(changes.get(1)).isInstanceOf(IndexChange.Upsert.class);
        assertThat(((IndexChange.Upsert) changes.get(1)).document().id()).isEqualTo(kept.id());
        assertThat(changes.get(2)).isEqualTo(new IndexChange.Delete(seqs.get(2), gone.id()));
    }

    @Test
    void changesSince_limit_pagesOldestFirstWithoutGapsOrRepeats() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        long before = store.lastChange();
        for (int i = 0; i < 7; i++) {
            store.appendTurn(CONTEXT, newTurn("s1"));
        }
        List<IndexChange> all = store.changesSince(before, 100);
        List<IndexChange> paged = new ArrayList<>();
        long after = before;
        List<IndexChange> page;
        while (!(page = store.changesSince(after, 3)).isEmpty()) {
            assertThat(page.size()).isLessThanOrEqualTo(3);
            paged.addAll(page);
            after = page.getLast().seq();
        }
        assertThat(all).hasSize(7);
        assertThat(seqs(paged)).isEqualTo(seqs(all));
        assertThat(store.changesSince(store.lastChange(), 10)).isEmpty();
        assertThat(store.changesSince(before, 0)).isEmpty();
    }

    // --- helpers --------------------------------------------------------------------------

    /** A session opened at {@link #T0} with no metadata. */
    public static SessionInfo session(String id, Scope scope) {
        return new SessionInfo(id, scope, Map.of(), ExtractMode.TURN, SessionStatus.OPEN, T0,
                Optional.empty());
    }

    /** A user turn with a fresh id, no speaker and no metadata. */
    protected NewTurn newTurn(String sessionId) {
        int n = ids.incrementAndGet();
        String content = "turn number " + n;
        return new NewTurn("t" + n, sessionId, Role.USER, Optional.empty(), content,
                T0.plusMillis(n), T0.plusMillis(n), Map.of(), "user: " + content, vector(n),
                MODEL);
    }

    /** A deterministic {@value #DIMS}-dimensional vector. */
    public static float[] vector(int seed) {
        float[] vector = new float[DIMS];
        for (int i = 0; i < DIMS; i++) {
            vector[i] = (float) Math.sin(seed * 31.0 + i) / 7f;
        }
        return vector;
    }

    /** Metadata with every kind of JSON value, as it reads back from JSON. */
    public static Map<String, Object> jsonOfEveryKind() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of(1, "two", 3.5, true, List.of()));
        nested.put("missing", null);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("text", "ünïcødé \"quoted\"\n");
        metadata.put("int", 42);
        metadata.put("long", 9_007_199_254_740_993L);
        metadata.put("double", -0.125);
        metadata.put("yes", true);
        metadata.put("no", false);
        metadata.put("nothing", null);
        metadata.put("nested", nested);
        metadata.put("empty", Map.of());
        return metadata;
    }

    private void storeSessionsAtEveryScope() {
        store.insertSession(CONTEXT, session("empty", Scope.empty()));
        store.insertSession(CONTEXT, session("org", Scope.of("org", "acme")));
        store.insertSession(CONTEXT, session("alice", Scope.of("org", "acme", "user", "alice")));
        store.insertSession(CONTEXT, session("bob", Scope.of("org", "acme", "user", "bob")));
        store.insertSession(CONTEXT, session("other-org", Scope.of("org", "initech")));
        store.insertSession(CONTEXT, session("alice-agent",
                Scope.of("org", "acme", "user", "alice", "agent", "helper")));
        store.insertSession(CONTEXT, session("user-only", Scope.of("user", "alice", "team", "x")));
    }

    private static ApiKeyRecord dataKey(String id, String context) {
        return new ApiKeyRecord(id, ApiKeyRecord.Kind.DATA, Optional.of(context), "agent",
                Scope.empty(), "hash-" + id, T0, Optional.empty());
    }

    private static ApiKeyRecord managementKey(String id) {
        return new ApiKeyRecord(id, ApiKeyRecord.Kind.MANAGEMENT, Optional.empty(), "agent",
                Scope.empty(), "hash", T0, Optional.empty());
    }

    private static List<String> ids(List<SessionInfo> sessions) {
        return sessions.stream().map(SessionInfo::id).toList();
    }

    private static List<Long> seqs(List<IndexChange> changes) {
        return changes.stream().map(IndexChange::seq).toList();
    }

    private static void assertStrictlyIncreasing(List<IndexChange> changes) {
        Set<Long> distinct = new HashSet<>(seqs(changes));
        assertThat(distinct).hasSize(changes.size());
        assertThat(seqs(changes)).isSorted();
    }
}
