package dev.spectron.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.engine.spi.Embedder;
import dev.spectron.engine.spi.IndexChange;
import dev.spectron.engine.spi.IndexDocument;
import dev.spectron.engine.spi.MemoryStore;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IndexSyncTest {
    private static final String OLD = "old-model";
    private static final String NEW = "new-model";

    /** The store's change log: three turns embedded with the old model, one of them deleted. */
    private final List<IndexChange> log = new ArrayList<>(List.of(upsert(1, "t1", OLD),
            upsert(2, "t2", OLD), upsert(3, "t3", OLD), new IndexChange.Delete(4, "t2")));
    private final MemoryStore store = changeLog(log);
    private final InMemorySearchIndex index = new InMemorySearchIndex();

    @Test
    void start_emptyIndex_recordsTheModelAndReplaysWithoutClearing() {
        CountingEmbedder embedder = new CountingEmbedder(OLD);

        int replayed = new IndexSync(store, index, embedder).start(applied -> { });

        assertThat(replayed).isEqualTo(4);
        assertThat(index.embeddingModel()).isEqualTo(OLD);
        assertThat(index.clears).isZero();
        assertThat(embedder.embedded.get()).isZero();
    }

    @Test
    void start_sameModelAgain_replaysNothingAndKeepsTheIndex() {
        new IndexSync(store, index, new CountingEmbedder(OLD)).start(applied -> { });
        CountingEmbedder restarted = new CountingEmbedder(OLD);

        int replayed = new IndexSync(store, index, restarted).start(applied -> { });

        assertThat(replayed).isZero();
        assertThat(index.clears).isZero();
        assertThat(restarted.embedded.get()).isZero();
        assertThat(index.documents.keySet()).containsExactly("t1", "t3");
        assertThat(index.documents.get("t1").document().vector()).isEqualTo(vector(OLD));
    }

    @Test
    void start_embedderOfAnotherModel_rebuildsTheIndexWithReembeddedVectors() {
        new IndexSync(store, index, new CountingEmbedder(OLD)).start(applied -> { });
        CountingEmbedder restarted = new CountingEmbedder(NEW);
        List<Long> progress = new ArrayList<>();

        int replayed = new IndexSync(store, index, restarted).start(progress::add);

        assertThat(replayed).isEqualTo(4);
        assertThat(progress).containsExactly(4L);
        assertThat(index.clears).isEqualTo(1);
        assertThat(index.embeddingModel()).isEqualTo(NEW);
        assertThat(index.watermark()).isEqualTo(4);
        assertThat(restarted.embedded.get()).as("every upsert of the log").isEqualTo(3);
        assertThat(index.documents.keySet()).containsExactly("t1", "t3");
        assertThat(index.documents.values()).allSatisfy(upsert -> {
            assertThat(upsert.modelId()).isEqualTo(NEW);
            assertThat(upsert.document().vector()).isEqualTo(vector(NEW));
        });
    }

    @Test
    void start_indexThatRecordedNoModel_rebuildsIt() {
        index.apply(log);
        CountingEmbedder embedder = new CountingEmbedder(OLD);

        int replayed = new IndexSync(store, index, embedder).start(applied -> { });

        assertThat(replayed).isEqualTo(4);
        assertThat(index.clears).isEqualTo(1);
        assertThat(index.embeddingModel()).isEqualTo(OLD);
        assertThat(index.documents.keySet()).containsExactly("t1", "t3");
    }

    @Test
    void start_afterARebuild_sameNewModelAgain_replaysNothing() {
        new IndexSync(store, index, new CountingEmbedder(OLD)).start(applied -> { });
        new IndexSync(store, index, new CountingEmbedder(NEW)).start(applied -> { });
        CountingEmbedder again = new CountingEmbedder(NEW);

        int replayed = new IndexSync(store, index, again).start(applied -> { });

        assertThat(replayed).isZero();
        assertThat(index.clears).isEqualTo(1);
        assertThat(again.embedded.get()).isZero();
    }

    @Test
    void start_afterARebuild_theStoreKeepsTheNewVectors_soTheNextRebuildEmbedsNothing() {
        new IndexSync(store, index, new CountingEmbedder(OLD)).start(applied -> { });
        new IndexSync(store, index, new CountingEmbedder(NEW)).start(applied -> { });
        assertThat(log).filteredOn(c -> c instanceof IndexChange.Upsert)
                .allSatisfy(c -> assertThat(((IndexChange.Upsert) c).modelId()).isEqualTo(NEW));

        index.clear(); // a lost index directory
        CountingEmbedder again = new CountingEmbedder(NEW);
        int replayed = new IndexSync(store, index, again).start(applied -> { });

        assertThat(replayed).isEqualTo(4);
        assertThat(again.embedded.get()).isZero();
        assertThat(index.documents.get("t3").document().vector()).isEqualTo(vector(NEW));
    }

    @Test
    void start_withALexicon_indexesTheKindsAfterTheTurnsOwnText_andRecordsIt() {
        log.set(0, new IndexChange.Upsert(1, new IndexDocument("t1", "acme", "turn", "", "",
                "jon: Took a trip to Rome" + TurnText.ADDITIONS + "(8 May 2023)", vector(OLD),
                Instant.parse("2023-05-08T12:00:00Z")), OLD));

        new IndexSync(store, index, new CountingEmbedder(OLD), new CityLexicon("cities-1"))
                .start(applied -> { });

        assertThat(index.documents.get("t1").document().text()).isEqualTo("jon: Took a trip to"
                + " Rome" + TurnText.ADDITIONS + "(city, capital) (8 May 2023)");
        assertThat(index.documents.get("t3").document().text()).isEqualTo("alice: turn t3");
        assertThat(index.embeddingModel()).isEqualTo(OLD + "+cities-1");
    }

    @Test
    void start_anotherLexicon_rebuildsTheIndexWithoutEmbeddingAnything() {
        new IndexSync(store, index, new CountingEmbedder(OLD), new CityLexicon("cities-1"))
                .start(applied -> { });
        CountingEmbedder restarted = new CountingEmbedder(OLD);

        int replayed = new IndexSync(store, index, restarted, new CityLexicon("cities-2"))
                .start(applied -> { });

        assertThat(replayed).isEqualTo(4);
        assertThat(index.clears).isEqualTo(1);
        assertThat(restarted.embedded.get()).isZero();
        assertThat(index.embeddingModel()).isEqualTo(OLD + "+cities-2");
    }

    @Test
    void start_lexiconDroppedAgain_rebuildsWithoutTheKinds() {
        log.set(0, upsert(1, "t1", OLD, "jon: Rome"));
        new IndexSync(store, index, new CountingEmbedder(OLD), new CityLexicon("cities-1"))
                .start(applied -> { });

        new IndexSync(store, index, new CountingEmbedder(OLD)).start(applied -> { });

        assertThat(index.documents.get("t1").document().text()).isEqualTo("jon: Rome");
        assertThat(index.embeddingModel()).isEqualTo(OLD);
    }

    @Test
    void start_withALexicon_aTurnsKindsComeFromWhatWasSaid_notFromItsSpeaker() {
        log.set(0, upsert(1, "t1", OLD, "Rome: I stayed home all week"));

        new IndexSync(store, index, new CountingEmbedder(OLD), new CityLexicon("cities-1"))
                .start(applied -> { });

        assertThat(index.documents.get("t1").document().text())
                .isEqualTo("Rome: I stayed home all week");
    }

    /** Knows that Rome is a city and a capital; {@code id} tells two versions apart. */
    private record CityLexicon(String id) implements dev.spectron.engine.spi.Lexicon {
        @Override
        public List<String> kinds(String text) {
            return text.contains("Rome") ? List.of("city", "capital") : List.of();
        }
    }

    private static IndexDocument withVector(IndexDocument d, float[] vector) {
        return new IndexDocument(d.id(), d.context(), d.kind(), d.scopeKey(), d.sessionId(),
                d.text(), vector, d.createdAt());
    }

    private static IndexChange.Upsert upsert(long seq, String id, String model) {
        return upsert(seq, id, model, "alice: turn " + id);
    }

    private static IndexChange.Upsert upsert(long seq, String id, String model, String text) {
        return new IndexChange.Upsert(seq, new IndexDocument(id, "acme", "turn", "", "",
                text, vector(model), Instant.parse("2023-05-08T12:00:00Z")), model);
    }

    /** The vector every text gets from {@code model}: one per model, to tell them apart. */
    private static float[] vector(String model) {
        return model.equals(OLD) ? new float[] {1, 0} : new float[] {0, 1};
    }

    /**
     * A MemoryStore that only has a change log: {@code IndexSync} reads nothing else, and the
     * store interface is too wide to fake whole for it.
     */
    private static MemoryStore changeLog(List<IndexChange> log) {
        return (MemoryStore) Proxy.newProxyInstance(MemoryStore.class.getClassLoader(),
                new Class<?>[] {MemoryStore.class}, (proxy, method, args) -> switch (
                        method.getName()) {
                    case "lastChange" -> log.isEmpty() ? 0L : log.getLast().seq();
                    case "changesSince" -> log.stream()
                            .filter(c -> c.seq() > (long) args[0]).limit((int) args[1]).toList();
                    case "replaceVectors" -> {
                        // As the stores do: the log's upserts carry the replaced vectors.
                        @SuppressWarnings("unchecked")
                        java.util.Map<String, float[]> vectors =
                                (java.util.Map<String, float[]>) args[0];
                        log.replaceAll(c -> c instanceof IndexChange.Upsert u
                                && vectors.containsKey(u.document().id())
                                ? new IndexChange.Upsert(u.seq(), withVector(u.document(),
                                        vectors.get(u.document().id())), (String) args[1]) : c);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Embeds every text as its model's vector, counting the texts. */
    private static final class CountingEmbedder implements Embedder {
        private final String model;
        final AtomicInteger embedded = new AtomicInteger();

        CountingEmbedder(String model) {
            this.model = model;
        }

        @Override
        public String modelId() {
            return model;
        }

        @Override
        public int dimensions() {
            return 2;
        }

        @Override
        public float[] embedQuery(String text) {
            return vector(model);
        }

        @Override
        public List<float[]> embedPassages(List<String> texts) {
            embedded.addAndGet(texts.size());
            return texts.stream().map(t -> vector(model)).toList();
        }
    }
}
