package dev.spectron.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spectron.api.FactStatus;
import dev.spectron.engine.contract.FactStoreContract;
import dev.spectron.engine.spi.FactBatch;
import dev.spectron.engine.spi.IndexChange;
import dev.spectron.engine.spi.MemoryStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the {@link FactStoreContract} on PostgreSQL, plus what only this store does. */
class PostgresFactStoreTest extends FactStoreContract {
    @RegisterExtension
    final TestPostgres postgres = new TestPostgres();

    private PostgresOptions options;

    @Override
    protected MemoryStore createStore() {
        options = postgres.options(Clock.systemUTC());
        return PostgresBackend.open(options).store();
    }

    @Test
    void apply_failureInLastStage_leavesNothing() throws SQLException {
        facts.apply(CONTEXT, batch().fact(attribute("f1", ALICE_KEY, "diet", "veg", ALICE, T0))
                .build());
        long before = store.lastChange();
        execute("CREATE FUNCTION fail() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$");
        execute("CREATE TRIGGER fail_uncertainties BEFORE INSERT ON uncertainties"
                + " FOR EACH ROW EXECUTE FUNCTION fail()");
        FactBatch doomed = batch()
                .entity(entity("e1", ALICE_KEY, "Alice", List.of(), T0))
                .fact(attribute("f2", ALICE_KEY, "diet", "vegan", ALICE, T0))
                .update(new FactBatch.FactUpdate("f1", FactStatus.SUPERSEDED, Optional.empty(),
                        T0, Optional.of("f2")))
                .instruction(instruction("i1", ALICE, T0))
                .uncertainty(uncertainty("u1", ALICE, T0))
                .build();

        assertThatThrownBy(() -> facts.apply(CONTEXT, doomed))
                .isInstanceOf(PostgresStoreException.class)
                .hasMessageContaining("injected failure");

        assertThat(facts.entity(CONTEXT, ALICE_KEY)).isEmpty();
        assertThat(facts.factsById(CONTEXT, List.of("f1", "f2"))).containsOnlyKeys("f1");
        assertThat(facts.factsById(CONTEXT, List.of("f1")).get("f1").status())
                .isEqualTo(FactStatus.CURRENT);
        assertThat(facts.instructionsById(CONTEXT, List.of("i1"))).isEmpty();
        assertThat(store.lastChange()).isEqualTo(before);
    }

    @Test
    void apply_oneFactRetractedOnTwoNodesAtOnce_logsOneDelete() throws Exception {
        facts.apply(CONTEXT, batch().fact(attribute("f1", ALICE_KEY, "diet", "veg", ALICE, T0))
                .build());
        long before = store.lastChange();
        FactBatch retract = batch().update(new FactBatch.FactUpdate("f1", FactStatus.RETRACTED,
                Optional.empty(), T0.plusSeconds(1), Optional.empty())).build();
        try (PostgresBackend second = PostgresBackend.open(options);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> tasks = new ArrayList<>();
            for (MemoryStore node : List.of(store, second.store())) {
                for (int i = 0; i < 4; i++) {
                    tasks.add(pool.submit(() -> {
                        start.await();
                        node.apply(CONTEXT, retract);
                        return null;
                    }));
                }
            }
            start.countDown();
            for (Future<?> task : tasks) {
                task.get();
            }
        }

        List<IndexChange> changes = store.changesSince(before, 10);

        assertThat(changes).singleElement().isEqualTo(
                new IndexChange.Delete(changes.getFirst().seq(), "f1"));
    }

    @Test
    void apply_entityIdTakenInAnotherContext_throwsConflict() {
        facts.apply(OTHER_CONTEXT, batch().entity(entity("e1", ALICE_KEY, "Alice", List.of(),
                T0)).build());

        assertThatThrownBy(() -> facts.apply(CONTEXT, batch().entity(entity("e1", ALICE_KEY,
                "Alice", List.of(), T0)).build()))
                .isInstanceOf(dev.spectron.api.ConflictException.class)
                .hasMessageContaining("e1");
        assertThat(facts.entity(CONTEXT, ALICE_KEY)).isEmpty();
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(options.schema().orElseThrow());
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
