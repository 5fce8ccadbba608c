package dev.spectron.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OnnxEmbedderTest {
    private static final Map<EmbeddingModel, OnnxEmbedder> EMBEDDERS =
            new EnumMap<>(EmbeddingModel.class);

    @BeforeAll
    static void load() {
        for (EmbeddingModel model : EmbeddingModel.values()) {
            EMBEDDERS.put(model, OnnxEmbedder.create(model, 1));
        }
    }

    @AfterAll
    static void close() {
        EMBEDDERS.values().forEach(OnnxEmbedder::close);
    }

    @ParameterizedTest
    @EnumSource(EmbeddingModel.class)
    void embedQuery_anyText_isUnitLengthWith384Dimensions(EmbeddingModel model) {
        OnnxEmbedder embedder = EMBEDDERS.get(model);

        float[] query = embedder.embedQuery("What are Alice's food preferences?");
        float[] passage = embedder.embedPassage("I prefer vegetarian food.");

        assertThat(embedder.dimensions()).isEqualTo(384);
        assertThat(query).hasSize(384);
        assertThat(norm(query)).isCloseTo(1.0, within(1e-5));
        assertThat(norm(passage)).isCloseTo(1.0, within(1e-5));
    }

    @ParameterizedTest
    @EnumSource(EmbeddingModel.class)
    void modelId_eachModel_isTheStoredId(EmbeddingModel model) {
        assertThat(EMBEDDERS.get(model).modelId()).isEqualTo(model.id());
    }

    @ParameterizedTest
    @EnumSource(EmbeddingModel.class)
    void embedPassage_sameTextTwice_givesSameVector(EmbeddingModel model) {
        OnnxEmbedder embedder = EMBEDDERS.get(model);

        assertThat(embedder.embedPassage("Alice moved to Berlin in 2021."))
                .containsExactly(embedder.embedPassage("Alice moved to Berlin in 2021."));
    }

    @ParameterizedTest
    @EnumSource(EmbeddingModel.class)
    void embedQuery_relatedPassage_scoresAboveUnrelated(EmbeddingModel model) {
        OnnxEmbedder embedder = EMBEDDERS.get(model);
        float[] query = embedder.embedQuery("What are Alice's food preferences?");

        double related = dot(query, embedder.embedPassage("I prefer vegetarian food."));
        double unrelated = dot(query, embedder.embedPassage("The capital of France is Paris."));

        assertThat(related).isGreaterThan(unrelated + 0.05);
    }

    @ParameterizedTest
    @EnumSource(EmbeddingModel.class)
    void embedPassage_paraphrase_isCloserThanUnrelatedSentence(EmbeddingModel model) {
        OnnxEmbedder embedder = EMBEDDERS.get(model);
        float[] cat = embedder.embedPassage("The cat sat on the mat.");

        double paraphrase = dot(cat, embedder.embedPassage("A cat was sitting on the rug."));
        double unrelated = dot(cat, embedder.embedPassage("Interest rates rose again in May."));

        assertThat(paraphrase).isGreaterThan(unrelated + 0.1);
    }

    @Test
    void embedQuery_bge_addsInstructionButPassageDoesNot() {
        OnnxEmbedder bge = EMBEDDERS.get(EmbeddingModel.BGE_SMALL_EN_V15_Q);
        OnnxEmbedder minilm = EMBEDDERS.get(EmbeddingModel.ALL_MINILM_L6_V2_Q);
        String text = "What does Alice eat?";

        assertThat(bge.embedQuery(text)).isNotEqualTo(bge.embedPassage(text));
        assertThat(bge.embedQuery(text)).usingElementComparator(closeTo(1e-5))
                .containsExactly(bge.embedPassage(bge.model().queryPrefix() + text));
        assertThat(minilm.embedQuery(text)).usingElementComparator(closeTo(1e-5))
                .containsExactly(minilm.embedPassage(text));
    }

    @ParameterizedTest
    @EnumSource(EmbeddingModel.class)
    void embedPassages_mixedLengths_matchSingleTextResultsInOrder(EmbeddingModel model) {
        OnnxEmbedder embedder = EMBEDDERS.get(model);
        List<String> texts = mixedTexts(70);
        List<float[]> singles = texts.stream().map(embedder::embedPassage).toList();

        List<float[]> batched = embedder.embedPassages(texts);

        // int8 dynamic quantisation scales activations per batch, so equality is approximate.
        assertThat(batched).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            assertThat(dot(batched.get(i), singles.get(i))).as("text %d", i).isGreaterThan(0.95);
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddingModel.class)
    void embedPassages_sameBatchTwice_givesSameVectors(EmbeddingModel model) {
        OnnxEmbedder embedder = EMBEDDERS.get(model);
        List<String> texts = mixedTexts(20);

        assertThat(maxDifference(embedder.embedPassages(texts), embedder.embedPassages(texts)))
                .isZero();
    }

    @ParameterizedTest
    @EnumSource(EmbeddingModel.class)
    void embedPassages_batchOfOne_equalsEmbedPassage(EmbeddingModel model) {
        OnnxEmbedder embedder = EMBEDDERS.get(model);
        String text = "Caroline went to the support group and felt accepted.";

        assertThat(maxDifference(embedder.embedPassages(List.of(text)),
                List.of(embedder.embedPassage(text)))).isLessThan(1e-6f);
    }

    @ParameterizedTest
    @EnumSource(EmbeddingModel.class)
    void embedPassages_emptyList_returnsEmptyList(EmbeddingModel model) {
        assertThat(EMBEDDERS.get(model).embedPassages(List.of())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EmbeddingModel.class)
    void embedPassage_emptyOrVeryLongText_givesUnitVector(EmbeddingModel model) {
        OnnxEmbedder embedder = EMBEDDERS.get(model);
        String longText = "Alice told Bob about her trip to the mountains. ".repeat(2000);

        float[] empty = embedder.embedPassage("");
        float[] blank = embedder.embedQuery("   ");
        float[] longVector = embedder.embedPassage(longText);

        assertThat(norm(empty)).isCloseTo(1.0, within(1e-5));
        assertThat(norm(blank)).isCloseTo(1.0, within(1e-5));
        assertThat(norm(longVector)).isCloseTo(1.0, within(1e-5));
    }

    @ParameterizedTest
    @EnumSource(EmbeddingModel.class)
    void embedPassages_concurrentCallers_getSameVectors(EmbeddingModel model) throws Exception {
        OnnxEmbedder embedder = EMBEDDERS.get(model);
        List<String> texts = List.of("Caroline went to a support group.", "Melanie paints.",
                "Bob prefers tea over coffee, especially in the morning.", "",
                "The meeting moved to Thursday at 3pm because the client was travelling.");
        List<float[]> batched = embedder.embedPassages(texts);
        List<float[]> singles = texts.stream().map(embedder::embedPassage).toList();
        List<Future<List<float[]>>> batchedFutures = new ArrayList<>();
        List<Future<List<float[]>>> singleFutures = new ArrayList<>();

        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                batchedFutures.add(pool.submit(() -> embedder.embedPassages(texts)));
                singleFutures.add(pool.submit(
                        () -> texts.stream().map(embedder::embedPassage).toList()));
            }
            for (int i = 0; i < batchedFutures.size(); i++) {
                assertThat(maxDifference(batchedFutures.get(i).get(), batched)).isLessThan(1e-6f);
                assertThat(maxDifference(singleFutures.get(i).get(), singles)).isLessThan(1e-6f);
            }
        }
    }

    @Test
    void embedQuery_afterClose_throws() {
        OnnxEmbedder embedder = OnnxEmbedder.create(EmbeddingModel.ALL_MINILM_L6_V2_Q, 1);
        embedder.close();
        embedder.close();

        assertThatThrownBy(() -> embedder.embedQuery("hello"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void create_twoIntraOpThreads_matchesOneThreadAndIsDeterministic() {
        List<String> texts = mixedTexts(20);
        OnnxEmbedder single = EMBEDDERS.get(EmbeddingModel.ALL_MINILM_L6_V2_Q);

        try (OnnxEmbedder two = OnnxEmbedder.create(EmbeddingModel.ALL_MINILM_L6_V2_Q, 2)) {
            List<float[]> first = two.embedPassages(texts);

            assertThat(maxDifference(two.embedPassages(texts), first)).isZero();
            assertThat(maxDifference(single.embedPassages(texts), first)).isLessThan(1e-4f);
        }
    }

    @Test
    void create_maxTokensLimit_truncatesLongTexts() {
        try (OnnxEmbedder short16 = OnnxEmbedder.create(EmbeddingModel.ALL_MINILM_L6_V2_Q, 1, 16)) {
            String head = "Alice lives in Berlin and works as a nurse at the city hospital";
            float[] truncated = short16.embedPassage(head + " and she has two cats.");

            assertThat(truncated).usingElementComparator(closeTo(1e-5))
                    .containsExactly(short16.embedPassage(head + " and she likes dogs."));
        }
    }

    @Test
    void create_invalidArguments_throw() {
        assertThatThrownBy(() -> OnnxEmbedder.create(EmbeddingModel.BGE_SMALL_EN_V15_Q, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
        assertThatThrownBy(() -> OnnxEmbedder.create(EmbeddingModel.BGE_SMALL_EN_V15_Q, 1, 513))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTokens");
    }

    static List<String> mixedTexts(int count) {
        String[] parts = {"Alice", "adopted a rescue dog named Biscuit", "last spring,",
            "and", "she walks him every morning before work.", "Bob", "prefers tea.",
            "The meeting moved to Thursday at 3pm because the client was travelling.", "Hi!"};
        List<String> texts = new ArrayList<>();
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            int words = random.nextInt(i % 5 == 0 ? 60 : 8);
            for (int w = 0; w < words; w++) {
                text.append(parts[random.nextInt(parts.length)]).append(' ');
            }
            texts.add(text.toString().strip());
        }
        return texts;
    }

    private static float maxDifference(List<float[]> a, List<float[]> b) {
        assertThat(a).hasSameSizeAs(b);
        float max = 0;
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i)).hasSameSizeAs(b.get(i));
            for (int d = 0; d < a.get(i).length; d++) {
                max = Math.max(max, Math.abs(a.get(i)[d] - b.get(i)[d]));
            }
        }
        return max;
    }

    private static java.util.Comparator<Float> closeTo(double tolerance) {
        return (a, b) -> Math.abs(a - b) <= tolerance ? 0 : Float.compare(a, b);
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }
}
