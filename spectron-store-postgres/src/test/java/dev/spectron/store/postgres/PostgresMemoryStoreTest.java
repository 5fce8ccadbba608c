package dev.spectron.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spectron.api.ConflictException;
import dev.spectron.api.InvalidInputException;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.Turn;
import dev.spectron.engine.contract.MemoryStoreContract;
import dev.spectron.engine.spi.ForgetSpec;
import dev.spectron.engine.spi.IndexChange;
import dev.spectron.engine.spi.MemoryStore;
import dev.spectron.engine.spi.NewTurn;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the {@link MemoryStoreContract} on PostgreSQL, plus what only this store does. */
class PostgresMemoryStoreTest extends MemoryStoreContract {
    @RegisterExtension
    final TestPostgres postgres = new TestPostgres();

    private PostgresOptions options;

    @Override
    protected MemoryStore createStore() {
        options = postgres.options(Clock.systemUTC());
        return PostgresBackend.open(options).store();
    }

    @Test
    void changesSince_writersOnTwoNodes_readerFollowingItsWatermarkMissesNothing()
            throws Exception {
        int writers = 12;
        int perWriter = 15;
        try (PostgresBackend second = PostgresBackend.open(options)) {
            List<MemoryStore> nodes = List.of(store, second.store());
            for (int w = 0; w < writers; w++) {
                store.insertSession(CONTEXT, session("s" + w, Scope.empty()));
            }
            Set<String> written = ConcurrentHashMap.newKeySet();
            AtomicBoolean done = new AtomicBoolean();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<List<String>> reader = pool.submit(() -> follow(second.store(), done));
                List<Future<?>> tasks = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    MemoryStore node = nodes.get(w % 2);
                    String sessionId = "s" + w;
                    tasks.add(pool.submit(() -> {
                        for (int i = 0; i < perWriter; i++) {
                            written.add(node.appendTurn(CONTEXT, newTurn(sessionId)).id());
                        }
                        return null;
                    }));
                }
                for (Future<?> task : tasks) {
                    task.get();
                }
                done.set(true);
                List<String> seen = reader.get();
                assertThat(seen).doesNotHaveDuplicates();
                assertThat(new HashSet<>(seen)).isEqualTo(written);
                assertThat(written).hasSize(writers * perWriter);
            }
        }
    }

    /**
     * Reads the change log as an index does, each page after the last sequence it saw, until
     * the writers are done and it has caught up; returns the ids in the order seen.
     */
    private static List<String> follow(MemoryStore node, AtomicBoolean done) {
        List<String> seen = new ArrayList<>();
        long watermark = 0;
        while (true) {
            boolean finished = done.get();
            List<IndexChange> page = node.changesSince(watermark, 7);
            for (IndexChange change : page) {
                seen.add(((IndexChange.Upsert) change).document().id());
                watermark = change.seq();
            }
            if (page.isEmpty() && finished) {
                return seen;
            }
        }
    }

    @Test
    void appendTurn_twoNodesOnOneSession_seqsHaveNoGapsOrDuplicates() throws Exception {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        try (PostgresBackend second = PostgresBackend.open(options);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<MemoryStore> nodes = List.of(store, second.store());
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                MemoryStore node = nodes.get(t % 2);
                results.add(pool.submit(() -> {
                    List<Integer> seqs = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        seqs.add(node.appendTurn(CONTEXT, newTurn("s1")).seq());
                    }
                    return seqs;
                }));
            }
            List<Integer> returned = new ArrayList<>();
            for (Future<List<Integer>> result : results) {
                returned.addAll(result.get());
            }
            Collections.sort(returned);
            assertThat(returned).isEqualTo(IntStream.rangeClosed(1, 160).boxed().toList());
        }
    }

    @Test
    void open_secondNodeOnSameSchema_seesDataAndMigratesNothing() throws SQLException {
        store.insertSession(CONTEXT, session("s1", Scope.of("user", "alice")));
        Turn turn = store.appendTurn(CONTEXT, newTurn("s1"));
        try (PostgresBackend second = PostgresBackend.open(options)) {
            assertThat(second.store().turns(CONTEXT, "s1")).containsExactly(turn);
            assertThat(second.store().lastChange()).isEqualTo(store.lastChange());
        }
        assertThat(count("SELECT count(*) FROM flyway_schema_history WHERE version = '1'"))
                .isEqualTo(1);
    }

    @Test
    void appendTurn_failureAfterTurnRowWritten_leavesNothing() throws SQLException {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        store.appendTurn(CONTEXT, newTurn("s1"));
        long before = store.lastChange();
        execute("CREATE FUNCTION fail() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$");
        execute("CREATE TRIGGER fail_vectors BEFORE INSERT ON vectors"
                + " FOR EACH ROW EXECUTE FUNCTION fail()");
        NewTurn doomed = newTurn("s1");

        assertThatThrownBy(() -> store.appendTurn(CONTEXT, doomed))
                .isInstanceOf(PostgresStoreException.class)
                .hasMessageContaining("injected failure");

        assertThat(store.turns(CONTEXT, "s1")).hasSize(1);
        assertThat(store.turnsById(CONTEXT, List.of(doomed.id()))).isEmpty();
        assertThat(store.lastChange()).isEqualTo(before);
        execute("DROP TRIGGER fail_vectors ON vectors");
        assertThat(store.appendTurn(CONTEXT, newTurn("s1")).seq()).isEqualTo(2);
    }

    @Test
    void deleteContext_withMemoryLeft_isConflictAndAfterPurgeRemovesIt() {
        store.insertSession(CONTEXT, session("del-1", Scope.of("user", "x")));
        assertThatThrownBy(() -> store.deleteContext(CONTEXT))
                .isInstanceOf(ConflictException.class).hasMessageContaining("sessions");
        store.forget(CONTEXT, new ForgetSpec(Scope.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), true), false);

        assertThat(store.deleteContext(CONTEXT)).isTrue();

        assertThat(store.contextExists(CONTEXT)).isFalse();
        assertThat(store.deleteContext(CONTEXT)).isFalse();
        assertThat(store.contextExists(OTHER_CONTEXT)).isTrue();
    }

    @Test
    void appendTurn_subMicrosecondInstants_keepMicrosecondsAsReadBack() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        Instant created = Instant.parse("2024-05-08T10:15:30.123456789Z");
        Instant observed = Instant.parse("1969-07-20T20:17:40.999999999Z");
        NewTurn input = new NewTurn("t1", "s1", Role.USER, Optional.empty(), "hi", created,
                observed, Map.of(), "hi", vector(1), MODEL);

        Turn stored = store.appendTurn(CONTEXT, input);

        assertThat(stored.createdAt()).isEqualTo(Instant.parse("2024-05-08T10:15:30.123456Z"));
        assertThat(stored.observedAt()).isEqualTo(Instant.parse("1969-07-20T20:17:40.999999Z"));
        assertThat(store.turns(CONTEXT, "s1")).containsExactly(stored);
    }

    @Test
    void appendTurn_contentWithNulCharacter_throwsInvalidInputAndStoresNothing() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        NewTurn bad = new NewTurn("t1", "s1", Role.USER, Optional.empty(), "a\u0000b", T0, T0,
                Map.of(), "a b", vector(1), MODEL);

        assertThatThrownBy(() -> store.appendTurn(CONTEXT, bad))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("NUL");

        assertThat(store.turns(CONTEXT, "s1")).isEmpty();
        assertThat(store.lastChange()).isZero();
    }

    @Test
    void methods_afterClose_throwIllegalState() {
        store.close();
        store.close();

        assertThatThrownBy(() -> store.contexts()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.createContext("x", T0))
                .isInstanceOf(IllegalStateException.class);
        store = PostgresBackend.open(options).store();
    }

    @Test
    void lastTurns_manyTurns_returnsTheLastOldestFirst() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        for (int i = 0; i < 5; i++) {
            store.appendTurn(CONTEXT, newTurn("s1"));
        }

        assertThat(store.lastTurns(CONTEXT, "s1", 2)).extracting(Turn::seq).containsExactly(4, 5);
        assertThat(store.lastTurns(CONTEXT, "s1", 10)).hasSize(5);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(options.schema().orElseThrow());
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(options.schema().orElseThrow());
                Statement st = c.createStatement();
                ResultSet row = st.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
