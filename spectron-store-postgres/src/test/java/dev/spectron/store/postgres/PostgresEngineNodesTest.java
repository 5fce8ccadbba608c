package dev.spectron.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.spectron.api.ExtractMode;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.SessionInfo;
import dev.spectron.api.SessionStatus;
import dev.spectron.engine.MemoryEngine;
import dev.spectron.engine.spi.Embedder;
import dev.spectron.engine.spi.IndexFilter;
import dev.spectron.engine.spi.NewTurn;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Engines on two nodes sharing one database: the background catch-up sweep applies what a node
 * committed and never applied, and yields to a node that holds the index's watermark; nodes
 * starting together with a new embedding model rebuild the index once.
 */
class PostgresEngineNodesTest {
    private static final Instant T0 = Instant.parse("2024-05-08T10:15:30.123Z");

    @RegisterExtension
    final TestPostgres postgres = new TestPostgres();

    @Test
    void sweep_changeCommittedByACrashedNode_isAppliedUnlessAnotherNodeHoldsTheWatermark()
            throws Exception {
        PostgresOptions options = postgres.options(Clock.systemUTC());
        try (PostgresBackend crashed = PostgresBackend.open(options);
                MemoryEngine survivor = engine(PostgresBackend.open(options))) {
            // The crashed node committed a turn (and its change-log row) but never applied it.
            crashed.store().createContext("acme", T0);
            crashed.store().insertSession("acme", new SessionInfo("s1", Scope.empty(), Map.of(),
                    ExtractMode.TURN, SessionStatus.OPEN, T0, Optional.empty()));
            crashed.store().appendTurn("acme", new NewTurn("t1", "s1", Role.USER,
                    Optional.empty(), "the blue folder is in locker 12", T0, T0, Map.of(),
                    "the blue folder is in locker 12", vector("t1"), HashEmbedder.MODEL));
            PostgresSearchIndex index = crashed.index(HashEmbedder.DIMENSIONS);
            assertThat(survivor.indexLag()).isEqualTo(1);

            try (Connection holder = TestPostgres.connect(options.schema().orElseThrow())) {
                holder.setAutoCommit(false);
                try (Statement st = holder.createStatement()) {
                    st.execute("SELECT seq FROM search_watermark FOR UPDATE");
                }
                int applied = assertTimeoutPreemptively(Duration.ofSeconds(10),
                        survivor::sweep);
                assertThat(applied).isZero();
                holder.rollback();
            }
            assertThat(survivor.indexLag()).isEqualTo(1);

            assertThat(survivor.sweep()).isEqualTo(1);

            assertThat(survivor.indexLag()).isZero();
            assertThat(index.searchText(new IndexFilter("acme", Scope.empty().floorKeys(),
                    Set.of(), Optional.empty()), "locker", 10)).hasSize(1);
            assertThat(survivor.sweep()).isZero();
        }
    }

    @Test
    void start_twoNodesWithANewModelAtOnce_rebuildTheIndexOnceWithEveryVectorReembedded()
            throws Exception {
        PostgresOptions options = postgres.options(Clock.systemUTC());
        int turns = 600;
        try (PostgresBackend writer = PostgresBackend.open(options)) {
            writer.store().createContext("acme", T0);
            writer.store().insertSession("acme", new SessionInfo("s1", Scope.empty(), Map.of(),
                    ExtractMode.TURN, SessionStatus.OPEN, T0, Optional.empty()));
            for (int i = 0; i < turns; i++) {
                String text = "turn number " + i;
                writer.store().appendTurn("acme", new NewTurn("t" + i, "s1", Role.USER,
                        Optional.empty(), text, T0, T0, Map.of(), text, vector(text),
                        HashEmbedder.MODEL));
            }
        }
        try (MemoryEngine old = engine(PostgresBackend.open(options), new HashEmbedder())) {
            assertThat(old.start(applied -> { })).isEqualTo(turns);
        }
        String model = "hash-8-v2";
        String recorded;

        try (MemoryEngine a = engine(PostgresBackend.open(options), new HashEmbedder(model));
                MemoryEngine b = engine(PostgresBackend.open(options), new HashEmbedder(model));
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch go = new CountDownLatch(1);
            Future<Integer> startA = pool.submit(() -> {
                go.await();
                return a.start(applied -> { });
            });
            Future<Integer> startB = pool.submit(() -> {
                go.await();
                return b.start(applied -> { });
            });
            go.countDown();
            int replayed = startA.get() + startB.get();

            assertThat(replayed).isGreaterThanOrEqualTo(turns);
            assertThat(a.indexLag()).isZero();
            assertThat(a.indexSize()).isEqualTo(turns);
            // The engine's id for the vectors it makes (the model's, marked by how passages
            // are embedded).
            recorded = a.embeddingModel();
            assertThat(recorded).startsWith(model);
        }
        try (Connection c = TestPostgres.connect(options.schema().orElseThrow());
                Statement st = c.createStatement();
                ResultSet rows = st.executeQuery("SELECT model_id, count(*) FROM search_docs"
                        + " GROUP BY model_id UNION ALL SELECT 'recorded ' || model_id, seq"
                        + " FROM search_watermark ORDER BY 1")) {
            List<String> found = new ArrayList<>();
            while (rows.next()) {
                found.add(rows.getString(1) + "=" + rows.getLong(2));
            }
            assertThat(found).containsExactly(recorded + "=" + turns,
                    "recorded " + recorded + "=" + turns);
        }
    }

    private static MemoryEngine engine(PostgresBackend backend) {
        return engine(backend, new HashEmbedder());
    }

    private static MemoryEngine engine(PostgresBackend backend, HashEmbedder embedder) {
        return MemoryEngine.builder().store(backend.store())
                .index(backend.index(embedder.dimensions())).embedder(embedder).build();
    }

    private static float[] vector(String text) {
        return new HashEmbedder().embedQuery(text);
    }

    /** Deterministic unit vectors from text bytes; enough for tests that do not rank. */
    private static final class HashEmbedder implements Embedder {
        static final String MODEL = "hash-8";
        static final int DIMENSIONS = 8;
        private final String model;

        HashEmbedder() {
            this(MODEL);
        }

        /** The same vectors under another model id, as a change of model would look. */
        HashEmbedder(String model) {
            this.model = model;
        }

        @Override
        public String modelId() {
            return model;
        }

        @Override
        public int dimensions() {
            return DIMENSIONS;
        }

        @Override
        public float[] embedQuery(String text) {
            float[] v = new float[DIMENSIONS];
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i++) {
                v[i % DIMENSIONS] += bytes[i];
            }
            v[0] += 1;
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            for (int i = 0; i < DIMENSIONS; i++) {
                v[i] /= (float) Math.sqrt(norm);
            }
            return v;
        }

        @Override
        public List<float[]> embedPassages(List<String> texts) {
            return texts.stream().map(this::embedQuery).toList();
        }
    }
}
