package dev.spectron.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.spectron.engine.contract.SearchIndexContract;
import dev.spectron.engine.spi.IndexChange;
import dev.spectron.engine.spi.IndexDocument;
import dev.spectron.engine.spi.IndexFilter;
import dev.spectron.engine.spi.ScoredId;
import dev.spectron.engine.spi.SearchIndex;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the {@link SearchIndexContract} on PostgreSQL, plus what only this index does. */
class PostgresSearchIndexTest extends SearchIndexContract {
    @RegisterExtension
    final TestPostgres postgres = new TestPostgres();

    private PostgresOptions options;

    @Override
    protected SearchIndex createIndex() {
        options = postgres.options(Clock.systemUTC());
        return PostgresBackend.open(options).index(dimensions());
    }

    @Test
    void searchVector_tenantTheHnswPlanServesBadly_stillReturnsNHits() throws SQLException {
        Random random = new Random(11);
        float[] query = randomUnit(random);
        List<IndexDocument> docs = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            docs.add(doc("big-" + i, "big-tenant", ALICE, "x", blend(query, randomUnit(random),
                    0.5f)));
        }
        for (int i = 0; i < 1_000; i++) {
            docs.add(doc("mid-" + i, "mid-tenant", ALICE, "y", randomUnit(random)));
        }
        upsert(docs);
        execute("ANALYZE search_docs");
        IndexFilter mid = filter("mid-tenant", ALICE);
        // A quarter of the rows is too many for the planner to sort them exactly, so it takes
        // the HNSW scan; every other tenant's vector is nearer the query, so without an
        // iterative scan its 40 candidates would hold none of this tenant's.
        assertThat(plan(mid, query, 10)).contains("search_docs_vector");

        List<ScoredId> hits = index.searchVector(mid, query, 10);

        assertThat(hits).hasSize(10).allMatch(hit -> hit.id().startsWith("mid-"));
        assertThat(hits).isSortedAccordingTo((a, b) -> Float.compare(b.score(), a.score()));
    }

    @Test
    void apply_twoNodesReplayingOneLogConcurrently_endInTheLogsFinalState() throws Exception {
        List<IndexChange> log = new ArrayList<>();
        long seq = 0;
        for (int i = 1; i <= 200; i++) {
            log.add(upsertChange(++seq, doc("d" + (i % 50), "pizza number " + i)));
            if (i % 7 == 0) {
                log.add(new IndexChange.Delete(++seq, "d" + ((i + 3) % 50)));
            }
        }
        long last = seq;
        try (PostgresBackend second = PostgresBackend.open(options);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<SearchIndex> nodes = List.of(index, second.index(dimensions()));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> tasks = new ArrayList<>();
            for (int n = 0; n < 4; n++) {
                SearchIndex node = nodes.get(n % 2);
                int batch = 5 + 6 * n;
                tasks.add(pool.submit(() -> {
                    start.await();
                    for (int from = 0; from < log.size(); from += batch) {
                        node.apply(log.subList(from, Math.min(log.size(), from + batch)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> task : tasks) {
                task.get();
            }
            SearchIndex expected = PostgresBackend.open(postgres.options(Clock.systemUTC()))
                    .index(dimensions());
            try {
                expected.apply(log);
                assertThat(index.size()).isEqualTo(expected.size());
                assertThat(ids(index.searchText(filter(ALICE), "pizza", 100)))
                        .containsExactlyInAnyOrderElementsOf(
                                ids(expected.searchText(filter(ALICE), "pizza", 100)));
                assertThat(nodes.get(1).watermark()).isEqualTo(last);
            } finally {
                expected.close();
            }
        }
    }

    @Test
    void apply_batchOlderThanTheWatermark_isSkippedAndCannotResurrect() {
        index.apply(List.of(upsertChange(5, doc("t1", "pizza")),
                new IndexChange.Delete(9, "t1")));

        index.apply(List.of(upsertChange(5, doc("t1", "pizza"))));

        assertThat(index.size()).isZero();
        assertThat(index.watermark()).isEqualTo(9);
    }

    @Test
    void apply_vectorOfAnotherDimension_throwsAndAppliesNothing() {
        List<IndexChange> batch = List.of(
                upsertChange(1, doc("ok", "pizza", axis(0))),
                upsertChange(2, doc("bad", "pizza", new float[] {1, 0, 0})));

        assertThatThrownBy(() -> index.apply(batch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("change 2");

        assertThat(index.watermark()).isZero();
        assertThat(index.size()).isZero();
    }

    @Test
    void apply_documentWithoutUsableVector_isFoundByTextOnly() {
        index.apply(List.of(upsertChange(1, doc("empty", "pizza", new float[0])),
                upsertChange(2, doc("zero", "pizza", new float[dimensions()])),
                upsertChange(3, doc("both", "pizza", axis(0)))));

        assertThat(ids(index.searchText(filter(ALICE), "pizza", 10)))
                .containsExactlyInAnyOrder("empty", "zero", "both");
        assertThat(ids(index.searchVector(filter(ALICE), axis(0), 10))).containsExactly("both");
    }

    @Test
    void apply_documentWithNullId_throwsNamingTheField() {
        IndexDocument noId = new IndexDocument(null, CONTEXT, "turn", ALICE.key(), "", "pizza",
                axis(0), null);

        assertThatThrownBy(() -> index.apply(List.of(upsertChange(1, noId))))
                .hasMessageContaining("document.id");
    }

    @Test
    void searchVector_queryOfAnotherDimensionOrZero_throwsOrFindsNothing() {
        upsert(doc("t1", "pizza", axis(0)));

        assertThatThrownBy(() -> index.searchVector(filter(ALICE), new float[] {1, 0}, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
        assertThat(index.searchVector(filter(ALICE), new float[dimensions()], 10)).isEmpty();
        assertThat(index.searchVector(filter(ALICE), new float[0], 10)).isEmpty();
    }

    @Test
    void searchText_queryWithNulCharacter_findsByItsOtherTerms() {
        upsert(doc("t1", "pizza"), doc("t2", "pasta"));

        assertThat(ids(index.searchText(filter(ALICE), "pizza\u0000pasta", 10)))
                .containsExactlyInAnyOrder("t1", "t2");
    }

    @Test
    void searchText_quotesAndBackslashesInTerms_areMatchedLiterally() {
        upsert(doc("t1", "see http://example.com/a?b='c'&d=\\e for details"),
                doc("t2", "nothing here"));

        assertThat(ids(index.searchText(filter(ALICE), "example.com/a?b='c'&d=\\e", 10)))
                .containsExactly("t1");
    }

    @Test
    void searchVector_scores_areCosineSimilarity() {
        float[] a = randomUnit(new Random(3));
        float[] b = randomUnit(new Random(4));
        upsert(doc("t1", "a", b));
        double cosine = 0;
        for (int i = 0; i < a.length; i++) {
            cosine += a[i] * b[i];
        }

        assertThat(index.searchVector(filter(ALICE), a, 1).getFirst().score())
                .isCloseTo((float) cosine, within(1e-5f));
    }

    @Test
    void watermark_appliedOnOneNode_isSeenByAnotherWithoutCommit() {
        upsert(doc("t1", "pizza"));

        try (PostgresBackend second = PostgresBackend.open(options)) {
            SearchIndex other = second.index(dimensions());
            assertThat(other.watermark()).isEqualTo(index.watermark()).isPositive();
            assertThat(ids(other.searchText(filter(ALICE), "pizza", 10))).containsExactly("t1");
        }
    }

    @Test
    void embeddingModel_adoptedOnOneNode_isSeenByAnotherAndAfterReopen() {
        index.adoptEmbeddingModel("model-a");
        upsert(doc("t1", "pizza"));

        try (PostgresBackend second = PostgresBackend.open(options)) {
            SearchIndex other = second.index(dimensions());
            assertThat(other.embeddingModel()).isEqualTo("model-a");
            assertThat(other.adoptEmbeddingModel("model-a")).isFalse();
        }
        index.close();
        index = PostgresBackend.open(options).index(dimensions());

        assertThat(index.embeddingModel()).isEqualTo("model-a");
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void adoptEmbeddingModel_twoNodesAtOnceThenBothReplaying_oneClearsAndNothingIsLost()
            throws Exception {
        List<IndexChange> log = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            log.add(upsertChange(i, doc("d" + i, "pizza number " + i)));
        }
        index.adoptEmbeddingModel("model-a");
        index.apply(log);
        try (PostgresBackend second = PostgresBackend.open(options);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<SearchIndex> nodes = List.of(index, second.index(dimensions()));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> cleared = new ArrayList<>();
            for (SearchIndex node : nodes) {
                cleared.add(pool.submit(() -> {
                    start.await();
                    boolean result = node.adoptEmbeddingModel("model-b");
                    for (int from = 0; from < log.size(); from += 7) {
                        node.apply(log.subList(from, Math.min(log.size(), from + 7)));
                    }
                    return result;
                }));
            }
            start.countDown();

            assertThat(List.of(cleared.get(0).get(), cleared.get(1).get()))
                    .containsExactlyInAnyOrder(true, false);
        }
        assertThat(index.embeddingModel()).isEqualTo("model-b");
        assertThat(index.watermark()).isEqualTo(300);
        assertThat(index.size()).isEqualTo(300);
    }

    @Test
    void embeddingModel_indexOfSchemaVersion1_isUnrecordedAndAdoptingClearsIt()
            throws SQLException {
        index.close();
        options = postgres.options(Clock.systemUTC());
        String schema = options.schema().orElseThrow();
        try (PostgresBackend backend = PostgresBackend.open(options)) {
            org.postgresql.ds.PGSimpleDataSource v1 = new org.postgresql.ds.PGSimpleDataSource();
            v1.setURL(TestPostgres.url());
            org.flywaydb.core.Flyway.configure().dataSource(v1).schemas(schema)
                    .locations(Migrations.INDEX).table(Migrations.INDEX_HISTORY)
                    .baselineOnMigrate(true).baselineVersion("0").target("1")
                    .placeholders(java.util.Map.of("dimensions", Integer.toString(dimensions())))
                    .load().migrate();
            execute("INSERT INTO search_docs (id, context, kind, scope_key, session_id, text,"
                    + " model_id) VALUES ('old', 'acme-app', 'turn', '', '', 'pizza', 'm');"
                    + " UPDATE search_watermark SET seq = 5");

            index = backend.index(dimensions());

            assertThat(index.embeddingModel()).isEmpty();
            assertThat(index.watermark()).isEqualTo(5);
            assertThat(index.adoptEmbeddingModel("model-a")).isTrue();
            assertThat(index.size()).isZero();
        }
        index = PostgresBackend.open(options).index(dimensions());
    }

    @Test
    void expungeDeletes_afterDeletes_vacuumsTheTable() throws SQLException {
        upsert(doc("t1", "pizza"), doc("t2", "pasta"));
        index.apply(List.of(new IndexChange.Delete(100, "t1")));

        index.expungeDeletes();

        assertThat(count("SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = '"
                + options.schema().orElseThrow() + "' AND relname = 'search_docs'"
                + " AND last_vacuum IS NOT NULL")).isEqualTo(1);
        assertThat(ids(index.searchText(filter(ALICE), "pasta", 10))).containsExactly("t2");
    }

    @Test
    void close_calledTwice_isHarmlessAndLaterUseFailsClearly() {
        index.close();
        index.close();

        assertThatThrownBy(() -> index.searchText(filter(ALICE), "pizza", 10))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        index = PostgresBackend.open(options).index(dimensions());
    }

    @Test
    void tryApply_anotherTransactionHoldsTheWatermark_skipsWithoutWaiting() throws SQLException {
        upsert(doc("t1", "pizza"));
        IndexChange next = upsertChange(2, doc("t2", "pizza again"));
        try (Connection holder = TestPostgres.connect(options.schema().orElseThrow())) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("SELECT seq FROM search_watermark FOR UPDATE");
            }

            assertThat(index.tryApply(List.of(next))).isFalse();

            holder.rollback();
        }
        assertThat(index.watermark()).isEqualTo(1);
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.tryApply(List.of(next))).isTrue();
        assertThat(index.watermark()).isEqualTo(2);
        assertThat(ids(index.searchText(filter(ALICE), "pizza", 10)))
                .containsExactlyInAnyOrder("t1", "t2");
    }

    private String plan(IndexFilter filter, float[] vector, int n) throws SQLException {
        Restriction restriction = Restriction.of(filter);
        StringBuilder literal = new StringBuilder("[");
        for (int i = 0; i < vector.length; i++) {
            literal.append(i == 0 ? "" : ",").append(vector[i]);
        }
        try (Connection c = TestPostgres.connect(options.schema().orElseThrow());
                PreparedStatement st = c.prepareStatement("EXPLAIN "
                        + PostgresSearchIndex.vectorSql(restriction, true))) {
            st.setString(1, literal.append(']').toString());
            st.setInt(restriction.bind(st, 2), n);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
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
