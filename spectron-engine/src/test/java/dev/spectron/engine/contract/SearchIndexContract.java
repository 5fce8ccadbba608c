package dev.spectron.engine.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.within;

import dev.spectron.api.Scope;
import dev.spectron.engine.spi.IndexChange;
import dev.spectron.engine.spi.IndexDocument;
import dev.spectron.engine.spi.IndexFilter;
import dev.spectron.engine.spi.ScoredId;
import dev.spectron.engine.spi.SearchIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link SearchIndex} must do, whatever holds it. A backend's test extends this class
 * and says how to make an empty index; the Lucene and the PostgreSQL indexes run it. Text scores
 * are each retriever's own (BM25 for Lucene, cover density for PostgreSQL), so the contract asks
 * only what both promise: positive, and higher for the better match.
 */
public abstract class SearchIndexContract {
    protected static final String CONTEXT = "acme-app";
    protected static final Scope ALICE = Scope.of("org", "acme", "user", "alice");

    protected SearchIndex index;
    private final AtomicLong seq = new AtomicLong();
    /** Hands out sequence numbers and applies them together, as a store's change log does. */
    private final ReentrantLock log = new ReentrantLock();

    /** A new, empty index. */
    protected abstract SearchIndex createIndex();

    /** Vector dimension the tests use; a backend with a fixed column size may override it. */
    protected int dimensions() {
        return 8;
    }

    @BeforeEach
    void openIndex() {
        index = createIndex();
    }

    @AfterEach
    void closeIndex() {
        index.close();
    }

    @Test
    void searchText_matchingDocument_returnsItWithPositiveScore() {
        upsert(doc("t1", "alice: I love spicy pizza (8 May 2023)"),
                doc("t2", "alice: my sister lives in Lisbon (9 May 2023)"));

        List<ScoredId> hits = index.searchText(filter(ALICE), "pizza", 10);

        assertThat(hits).extracting(ScoredId::id).containsExactly("t1");
        assertThat(hits.get(0).score()).isPositive();
    }

    @Test
    void searchText_severalMatches_ranksBetterMatchFirst() {
        upsert(doc("weak", "we talked about many things, the weather, a film, and pizza"),
                doc("strong", "pizza with olives, pizza with ham"));

        List<ScoredId> hits = index.searchText(filter(ALICE), "pizza olives", 10);

        assertThat(hits).extracting(ScoredId::id).containsExactly("strong", "weak");
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
    }

    @Test
    void searchText_inflectedAndCapitalisedQuery_matchesStemmedText() {
        upsert(doc("t1", "Alice's brother runs marathons"));

        assertThat(ids(index.searchText(filter(ALICE), "RUNNING marathon alice", 10)))
                .containsExactly("t1");
    }

    @Test
    void searchVector_identicalAndOrthogonalVectors_scoreCosineOneAndZero() {
        upsert(doc("same", "a", axis(0)), doc("orthogonal", "b", axis(1)),
                doc("opposite", "c", scaled(axis(0), -1)));

        List<ScoredId> hits = index.searchVector(filter(ALICE), axis(0), 10);

        assertThat(ids(hits)).containsExactly("same", "orthogonal", "opposite");
        assertThat(hits.get(0).score()).isCloseTo(1f, within(1e-4f));
        assertThat(hits.get(1).score()).isCloseTo(0f, within(1e-4f));
        assertThat(hits.get(2).score()).isCloseTo(-1f, within(1e-4f));
    }

    @Test
    void searchVector_unnormalisedQuery_scoresCosine() {
        float[] stored = randomUnit(new Random(7));
        upsert(doc("t1", "a", stored));

        List<ScoredId> hits = index.searchVector(filter(ALICE), scaled(stored, 3.5f), 10);

        assertThat(hits.get(0).score()).isCloseTo(1f, within(1e-4f));
    }

    @Test
    void searchVector_nearestNeighbours_returnsBestFirst() {
        Random random = new Random(42);
        float[] query = randomUnit(random);
        upsert(doc("near", "a", blend(query, randomUnit(random), 0.9f)),
                doc("middle", "b", blend(query, randomUnit(random), 0.5f)),
                doc("far", "c", blend(query, randomUnit(random), 0.1f)));

        List<ScoredId> hits = index.searchVector(filter(ALICE), query, 10);

        assertThat(ids(hits)).containsExactly("near", "middle", "far");
        assertThat(hits).isSortedAccordingTo((a, b) -> Float.compare(b.score(), a.score()));
    }

    @Test
    void search_floorScopeKeys_seeOnlyRecordsOfSubsetScopes() {
        upsert(doc("empty", CONTEXT, Scope.empty(), "pizza"),
                doc("org", CONTEXT, Scope.of("org", "acme"), "pizza"),
                doc("alice", CONTEXT, ALICE, "pizza"),
                doc("bob", CONTEXT, Scope.of("org", "acme", "user", "bob"), "pizza"),
                doc("other-org", CONTEXT, Scope.of("user", "alice", "org", "other"), "pizza"));

        IndexFilter alice = filter(ALICE);

        assertThat(ids(index.searchText(alice, "pizza", 10)))
                .containsExactlyInAnyOrder("empty", "org", "alice");
        assertThat(ids(index.searchVector(alice, axis(0), 10)))
                .containsExactlyInAnyOrder("empty", "org", "alice");
    }

    @Test
    void search_orgWideScope_seesOnlyOrgAndEmptyScopes() {
        upsert(doc("empty", CONTEXT, Scope.empty(), "pizza"),
                doc("org", CONTEXT, Scope.of("org", "acme"), "pizza"),
                doc("alice", CONTEXT, ALICE, "pizza"));

        assertThat(ids(index.searchText(filter(Scope.of("org", "acme")), "pizza", 10)))
                .containsExactlyInAnyOrder("empty", "org");
    }

    @Test
    void search_otherContext_seesNothingOfThisOne() {
        upsert(doc("mine", CONTEXT, ALICE, "pizza"), doc("theirs", "other-app", ALICE, "pizza"));

        assertThat(ids(index.searchText(filter(ALICE), "pizza", 10))).containsExactly("mine");
        assertThat(ids(index.searchVector(filter(ALICE), axis(0), 10))).containsExactly("mine");
        assertThat(ids(index.searchText(filter("nobody", ALICE), "pizza", 10))).isEmpty();
    }

    @Test
    void searchText_smallTenantAmongManyBetterMatches_findsItsDocument() {
        List<IndexDocument> crowd = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            crowd.add(doc("big-" + i, "big-tenant", ALICE, "pizza pizza pizza", axis(0)));
        }
        upsert(crowd);
        upsert(doc("small", "small-tenant", ALICE,
                "a long turn that mentions pizza once among many other words about the day"));

        List<ScoredId> hits = index.searchText(filter("small-tenant", ALICE), "pizza", 5);

        assertThat(ids(hits)).containsExactly("small");
    }

    @Test
    void searchVector_smallTenantAmongManyBetterMatches_findsItsDocument() {
        Random random = new Random(5);
        float[] query = randomUnit(random);
        List<IndexDocument> crowd = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            crowd.add(doc("big-" + i, "big-tenant", ALICE, "x", blend(query, randomUnit(random),
                    0.95f)));
        }
        upsert(crowd);
        upsert(doc("small", "small-tenant", ALICE, "y", blend(query, randomUnit(random), 0.2f)));

        List<ScoredId> hits = index.searchVector(filter("small-tenant", ALICE), query, 5);

        assertThat(ids(hits)).containsExactly("small");
    }

    @Test
    void search_kindFilter_returnsOnlyThoseKinds() {
        upsert(doc("turn", CONTEXT, "turn", ALICE, "", "pizza", axis(0)),
                doc("fact", CONTEXT, "fact", ALICE, "", "pizza", axis(0)),
                doc("chunk", CONTEXT, "chunk", ALICE, "", "pizza", axis(0)));

        IndexFilter facts = new IndexFilter(CONTEXT, ALICE.floorKeys(), Set.of("fact", "chunk"),
                Optional.empty());

        assertThat(ids(index.searchText(facts, "pizza", 10)))
                .containsExactlyInAnyOrder("fact", "chunk");
        assertThat(ids(index.searchVector(facts, axis(0), 10)))
                .containsExactlyInAnyOrder("fact", "chunk");
        assertThat(ids(index.searchText(filter(ALICE), "pizza", 10))).hasSize(3);
    }

    @Test
    void search_sessionFilter_returnsOnlyThatSession() {
        upsert(doc("s1-turn", CONTEXT, "turn", ALICE, "s1", "pizza", axis(0)),
                doc("s2-turn", CONTEXT, "turn", ALICE, "s2", "pizza", axis(0)),
                doc("no-session", CONTEXT, "fact", ALICE, "", "pizza", axis(0)));

        IndexFilter s1 = new IndexFilter(CONTEXT, ALICE.floorKeys(), Set.of(), Optional.of("s1"));

        assertThat(ids(index.searchText(s1, "pizza", 10))).containsExactly("s1-turn");
        assertThat(ids(index.searchVector(s1, axis(0), 10))).containsExactly("s1-turn");
    }

    @Test
    void search_limit_returnsAtMostN() {
        List<IndexDocument> docs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            docs.add(doc("t" + i, "pizza number " + i));
        }
        upsert(docs);

        assertThat(index.searchText(filter(ALICE), "pizza", 7)).hasSize(7);
        assertThat(index.searchVector(filter(ALICE), axis(0), 7)).hasSize(7);
    }

    @Test
    void apply_sameChangesTwice_holdsOneCopy() {
        List<IndexChange> changes = List.of(
                upsertChange(10, doc("t1", "pizza")),
                upsertChange(11, doc("t2", "pasta")),
                new IndexChange.Delete(12, "t2"));

        index.apply(changes);
        index.apply(changes);

        assertThat(index.size()).isEqualTo(1);
        assertThat(index.watermark()).isEqualTo(12);
        assertThat(ids(index.searchText(filter(ALICE), "pizza", 10))).containsExactly("t1");
    }

    @Test
    void apply_upsertOfExistingId_replacesTheDocument() {
        upsert(doc("t1", "I love pizza"));
        upsert(doc("t1", "I now prefer sushi"));

        assertThat(index.size()).isEqualTo(1);
        assertThat(index.searchText(filter(ALICE), "pizza", 10)).isEmpty();
        assertThat(ids(index.searchText(filter(ALICE), "sushi", 10))).containsExactly("t1");
    }

    @Test
    void apply_delete_removesTheDocumentFromBothRetrievers() {
        upsert(doc("t1", "pizza"), doc("t2", "pizza"));

        index.apply(List.of(new IndexChange.Delete(seq.incrementAndGet(), "t1")));

        assertThat(ids(index.searchText(filter(ALICE), "pizza", 10))).containsExactly("t2");
        assertThat(ids(index.searchVector(filter(ALICE), axis(0), 10))).containsExactly("t2");
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void apply_deleteOfUnknownId_changesNothingButTheWatermark() {
        upsert(doc("t1", "pizza"));

        index.apply(List.of(new IndexChange.Delete(99, "missing")));

        assertThat(index.size()).isEqualTo(1);
        assertThat(index.watermark()).isEqualTo(99);
    }

    @Test
    void apply_upsertThenDeleteInOneBatch_leavesNothing() {
        index.apply(List.of(upsertChange(1, doc("t1", "pizza")), new IndexChange.Delete(2, "t1")));

        assertThat(index.size()).isZero();
        assertThat(index.searchText(filter(ALICE), "pizza", 10)).isEmpty();
    }

    @Test
    void apply_emptyBatch_changesNothing() {
        index.apply(List.of());

        assertThat(index.watermark()).isZero();
        assertThat(index.size()).isZero();
    }

    @Test
    void watermark_newIndex_isZero() {
        assertThat(index.watermark()).isZero();
    }

    @Test
    void watermark_afterApply_isHighestSequenceApplied() {
        index.apply(List.of(upsertChange(3, doc("a", "x")), upsertChange(8, doc("b", "y"))));
        index.apply(List.of(upsertChange(5, doc("c", "z"))));

        assertThat(index.watermark()).isEqualTo(8);
    }

    @Test
    void commit_afterApply_keepsEverythingSearchable() {
        upsert(doc("t1", "pizza"));

        index.commit();

        assertThat(ids(index.searchText(filter(ALICE), "pizza", 10))).containsExactly("t1");
        assertThat(index.watermark()).isEqualTo(seq.get());
    }

    @Test
    void clear_populatedIndex_removesEverythingAndResetsWatermark() {
        upsert(doc("t1", "pizza"), doc("t2", "other-app", ALICE, "pizza"));

        index.clear();

        assertThat(index.size()).isZero();
        assertThat(index.watermark()).isZero();
        assertThat(index.searchText(filter(ALICE), "pizza", 10)).isEmpty();
        assertThat(index.searchVector(filter(ALICE), axis(0), 10)).isEmpty();
    }

    @Test
    void clear_thenApply_indexesAgain() {
        upsert(doc("t1", "pizza"));
        index.clear();

        upsert(doc("t2", "pizza"));

        assertThat(ids(index.searchText(filter(ALICE), "pizza", 10))).containsExactly("t2");
    }

    @Test
    void embeddingModel_newIndex_isEmpty() {
        assertThat(index.embeddingModel()).isEmpty();
    }

    @Test
    void adoptEmbeddingModel_emptyIndex_recordsItWithoutClearing() {
        boolean cleared = index.adoptEmbeddingModel("model-a");

        assertThat(cleared).isFalse();
        assertThat(index.embeddingModel()).isEqualTo("model-a");
    }

    @Test
    void adoptEmbeddingModel_modelRecordedAlready_keepsTheDocuments() {
        index.adoptEmbeddingModel("model-a");
        upsert(doc("t1", "pizza"));

        boolean cleared = index.adoptEmbeddingModel("model-a");

        assertThat(cleared).isFalse();
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.watermark()).isEqualTo(seq.get());
    }

    @Test
    void adoptEmbeddingModel_anotherModelWithDocuments_clearsAndRecordsIt() {
        index.adoptEmbeddingModel("model-a");
        upsert(doc("t1", "pizza"));

        boolean cleared = index.adoptEmbeddingModel("model-b");

        assertThat(cleared).isTrue();
        assertThat(index.embeddingModel()).isEqualTo("model-b");
        assertThat(index.size()).isZero();
        assertThat(index.watermark()).isZero();
        assertThat(index.searchText(filter(ALICE), "pizza", 10)).isEmpty();
    }

    @Test
    void adoptEmbeddingModel_documentsButNoModelRecorded_clears() {
        upsert(doc("t1", "pizza"));

        assertThat(index.adoptEmbeddingModel("model-a")).isTrue();
        assertThat(index.size()).isZero();
        assertThat(index.embeddingModel()).isEqualTo("model-a");
    }

    @Test
    void adoptEmbeddingModel_afterClearing_indexesAgainAndKeepsTheModel() {
        upsert(doc("t1", "pizza"));
        index.adoptEmbeddingModel("model-a");

        index.apply(List.of(upsertChange(1, doc("t1", "pizza"))));
        index.commit();

        assertThat(ids(index.searchText(filter(ALICE), "pizza", 10))).containsExactly("t1");
        assertThat(index.watermark()).isEqualTo(1);
        assertThat(index.embeddingModel()).isEqualTo("model-a");
    }

    @Test
    void clear_recordedModel_isForgotten() {
        index.adoptEmbeddingModel("model-a");
        upsert(doc("t1", "pizza"));

        index.clear();

        assertThat(index.embeddingModel()).isEmpty();
    }

    @Test
    void size_documentsOfSeveralContexts_countsThemAll() {
        upsert(doc("a", "x"), doc("b", "other-app", ALICE, "y"),
                doc("c", "third", Scope.empty(), "z"));

        assertThat(index.size()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "AND OR NOT \"( * ? ~ : \\ / [ ] { } ^ -",
        "pizza AND", "\"unterminated", "title:pizza", "pizza~2", "piz*", "?", "*", "(((", "]]]",
        "-pizza", "+pizza", "pizza^10", "\\", "/regex/", "{a TO b}", "&& || !", "NOT",
        "\u0000\u0001", "😀 pizza 😀", "ピザ", "\t\n"
    })
    void searchText_hostileQueryText_neverThrows(String query) {
        upsert(doc("t1", "pizza and pasta"));

        assertThatCode(() -> index.searchText(filter(ALICE), query, 10)).doesNotThrowAnyException();
    }

    @Test
    void searchText_operatorsInQuery_areTreatedAsWords() {
        upsert(doc("t1", "pizza and pasta"));

        assertThat(ids(index.searchText(filter(ALICE), "-pizza AND NOT \"pasta", 10)))
                .containsExactly("t1");
    }

    @Test
    void searchText_tenThousandCharacterQuery_returnsHits() {
        upsert(doc("t1", "pizza"));
        StringBuilder query = new StringBuilder("pizza");
        Random random = new Random(1);
        while (query.length() < 10_000) {
            query.append(' ').append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
        }

        assertThat(ids(index.searchText(filter(ALICE), query.toString(), 10)))
                .containsExactly("t1");
    }

    @Test
    void searchText_moreDistinctTermsThanBooleanClauseLimit_returnsHits() {
        upsert(doc("t1", "pizza"));
        StringBuilder query = new StringBuilder("pizza");
        for (int i = 0; i < 3_000; i++) {
            query.append(" w").append(i);
        }

        assertThat(ids(index.searchText(filter(ALICE), query.toString(), 10)))
                .containsExactly("t1");
    }

    @Test
    void searchText_tenThousandCharacterWord_returnsEmptyList() {
        upsert(doc("t1", "pizza"));

        assertThat(index.searchText(filter(ALICE), "x".repeat(10_000), 10)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "the and of", "!!! ??? ..."})
    void searchText_textWithoutSearchableTerms_returnsEmptyList(String query) {
        upsert(doc("t1", "the pizza and the pasta"));

        assertThat(index.searchText(filter(ALICE), query, 10)).isEmpty();
    }

    @Test
    void search_emptyIndex_returnsEmptyLists() {
        assertThat(index.searchText(filter(ALICE), "pizza", 10)).isEmpty();
        assertThat(index.searchVector(filter(ALICE), axis(0), 10)).isEmpty();
    }

    @Test
    void apply_concurrentWithSearchesOnVirtualThreads_losesNothing() throws Exception {
        int writers = 8;
        int perWriter = 50;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> tasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        upsert(doc("w" + writer + "-" + i, "pizza from writer " + writer));
                    }
                }));
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        index.searchText(filter(ALICE), "pizza", 10);
                        index.searchVector(filter(ALICE), axis(0), 10);
                    }
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        }

        assertThat(index.size()).isEqualTo(writers * perWriter);
        assertThat(index.watermark()).isEqualTo(seq.get());
        assertThat(index.searchText(filter(ALICE), "pizza", 1000)).hasSize(writers * perWriter);
    }

    @Test
    void tryApply_noOtherWriter_appliesAndReturnsTrue() {
        boolean applied;
        log.lock();
        try {
            applied = index.tryApply(List.of(upsertChange(seq.incrementAndGet(),
                    doc("t1", "alice: pizza on Fridays"))));
        } finally {
            log.unlock();
        }

        assertThat(applied).isTrue();
        assertThat(ids(index.searchText(filter(ALICE), "pizza", 10))).containsExactly("t1");
        assertThat(index.watermark()).isEqualTo(seq.get());
    }

    /** Applies upserts with the next sequence numbers. */
    protected void upsert(IndexDocument... docs) {
        upsert(List.of(docs));
    }

    /**
     * Applies upserts with the next sequence numbers. Batches from concurrent callers reach the
     * index in sequence order, as when an engine replays its store's change log: an index may
     * skip a change at or below its watermark as one it has applied already (which is what keeps
     * a late batch from undoing newer changes when several nodes apply one log).
     */
    protected void upsert(List<IndexDocument> docs) {
        log.lock();
        try {
            List<IndexChange> changes = new ArrayList<>(docs.size());
            for (IndexDocument d : docs) {
                changes.add(upsertChange(seq.incrementAndGet(), d));
            }
            index.apply(changes);
        } finally {
            log.unlock();
        }
    }

    protected static IndexChange.Upsert upsertChange(long seq, IndexDocument doc) {
        return new IndexChange.Upsert(seq, doc, "test-model");
    }

    protected IndexDocument doc(String id, String text) {
        return doc(id, CONTEXT, ALICE, text);
    }

    protected IndexDocument doc(String id, String text, float[] vector) {
        return doc(id, CONTEXT, "turn", ALICE, "", text, vector);
    }

    protected IndexDocument doc(String id, String context, Scope scope, String text) {
        return doc(id, context, "turn", scope, "", text, axis(0));
    }

    protected IndexDocument doc(String id, String context, Scope scope, String text,
            float[] vector) {
        return doc(id, context, "turn", scope, "", text, vector);
    }

    protected static IndexDocument doc(String id, String context, String kind, Scope scope,
            String sessionId, String text, float[] vector) {
        return new IndexDocument(id, context, kind, scope.key(), sessionId, text, vector,
                Instant.parse("2023-05-08T12:00:00Z"));
    }

    protected static IndexFilter filter(Scope scope) {
        return filter(CONTEXT, scope);
    }

    protected static IndexFilter filter(String context, Scope scope) {
        return new IndexFilter(context, scope.floorKeys(), Set.of(), Optional.empty());
    }

    protected static List<String> ids(List<ScoredId> hits) {
        return hits.stream().map(ScoredId::id).toList();
    }

    /** The unit vector along dimension {@code i}. */
    protected float[] axis(int i) {
        float[] v = new float[dimensions()];
        v[i] = 1;
        return v;
    }

    protected float[] randomUnit(Random random) {
        float[] v = new float[dimensions()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return normalised(v);
    }

    /** A unit vector {@code weight} of the way towards {@code a} from {@code b}. */
    protected static float[] blend(float[] a, float[] b, float weight) {
        float[] v = new float[a.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = weight * a[i] + (1 - weight) * b[i];
        }
        return normalised(v);
    }

    protected static float[] scaled(float[] v, float factor) {
        float[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= factor;
        }
        return out;
    }

    protected static float[] normalised(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        float norm = (float) Math.sqrt(sum);
        return scaled(v, 1 / norm);
    }
}
