package dev.spectron.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spectron.engine.spi.Embedder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceVectorsTest {
    /** Embeds a text as a one-hot vector of its position in a fixed vocabulary of texts. */
    private static final class Recording implements Embedder {
        final List<String> vocabulary = new ArrayList<>();
        final List<List<String>> calls = new ArrayList<>();

        @Override
        public String modelId() {
            return "fake";
        }

        @Override
        public int dimensions() {
            return 16;
        }

        @Override
        public float[] embedQuery(String text) {
            return vector(text);
        }

        @Override
        public List<float[]> embedPassages(List<String> texts) {
            calls.add(List.copyOf(texts));
            return texts.stream().map(this::vector).toList();
        }

        private float[] vector(String text) {
            if (!vocabulary.contains(text)) {
                vocabulary.add(text);
            }
            float[] v = new float[dimensions()];
            v[vocabulary.indexOf(text)] = 1;
            return v;
        }
    }

    @Test
    void sentences_carryTheSpeakerPrefix() {
        assertThat(SentenceVectors.sentences("Jon: Hey Gina! Took a short trip to Rome. Loved it."))
                .containsExactly("Jon: Hey Gina!", "Jon: Took a short trip to Rome.",
                        "Jon: Loved it.");
    }

    @Test
    void sentences_oneSentence_isTheTextItself() {
        assertThat(SentenceVectors.sentences("alice — likes: hiking"))
                .containsExactly("alice — likes: hiking");
        assertThat(SentenceVectors.sentences("Jon: Took a trip to Rome."))
                .containsExactly("Jon: Took a trip to Rome.");
    }

    @Test
    void prefix_onlyAnEarlyColonWithoutASentenceEnd() {
        assertThat(SentenceVectors.prefix("Jon: Hi. Bye.")).isEqualTo("Jon: ");
        assertThat(SentenceVectors.prefix("Hi. Note: bye.")).isEmpty();
        assertThat(SentenceVectors.prefix("No colon here. At all.")).isEmpty();
        assertThat(SentenceVectors.prefix("x".repeat(80) + ": text")).isEmpty();
    }

    @Test
    void sentences_manySentences_groupedToTheCap() {
        String text = "Ann: " + "Short one. ".repeat(SentenceVectors.MAX_SENTENCES * 2 + 1);
        List<String> sentences = SentenceVectors.sentences(text);
        assertThat(sentences).hasSizeLessThanOrEqualTo(SentenceVectors.MAX_SENTENCES)
                .allMatch(s -> s.startsWith("Ann: "));
        assertThat(String.join(" ", sentences).split("Short one\\.", -1))
                .hasSize(SentenceVectors.MAX_SENTENCES * 2 + 2);
    }

    @Test
    void embedPassages_severalSentences_wholePlusMeanOfSentencesNormalised() {
        Recording model = new Recording();
        SentenceVectors vectors = new SentenceVectors(model);
        float[] v = vectors.embedPassages(List.of("Jon: Hey! Went to Rome.")).getFirst();
        // whole (1) + mean of two sentences (½, ½) = (1, ½, ½), normalised.
        int whole = model.vocabulary.indexOf("Jon: Hey! Went to Rome.");
        int hey = model.vocabulary.indexOf("Jon: Hey!");
        int rome = model.vocabulary.indexOf("Jon: Went to Rome.");
        double norm = Math.sqrt(1 + 0.25 + 0.25);
        assertThat((double) v[whole]).isCloseTo(1 / norm, within(1e-6));
        assertThat((double) v[hey]).isCloseTo(0.5 / norm, within(1e-6));
        assertThat((double) v[rome]).isCloseTo(0.5 / norm, within(1e-6));
        assertThat(model.calls).hasSize(1); // one batch for the whole and its sentences
    }

    @Test
    void embedPassages_oneSentence_isTheModelsVectorAndEmbeddedOnce() {
        Recording model = new Recording();
        List<float[]> v = new SentenceVectors(model).embedPassages(
                List.of("alice — likes: hiking", "Jon: Went to Rome."));
        assertThat(model.calls).containsExactly(List.of("alice — likes: hiking",
                "Jon: Went to Rome."));
        assertThat(v.get(0)[0]).isEqualTo(1f);
        assertThat(v.get(1)[1]).isEqualTo(1f);
    }

    @Test
    void embedPassages_replyWithTheSentenceItAnswers_joinsTheSentencesNotTheWhole() {
        Recording model = new Recording();
        String text = "Mel: They loved the dinosaurs!" + TurnText.ANSWERS
                + "Caroline: What did the kids like?";
        float[] v = new SentenceVectors(model).embedPassages(List.of(text)).getFirst();
        assertThat(model.calls.getFirst()).containsExactly("Mel: They loved the dinosaurs!",
                "Caroline: What did the kids like?");
        // whole (1) + mean of itself and the question (½, ½) = (1.5, ½), normalised.
        double norm = Math.sqrt(2.25 + 0.25);
        assertThat((double) v[0]).isCloseTo(1.5 / norm, within(1e-6));
        assertThat((double) v[1]).isCloseTo(0.5 / norm, within(1e-6));
    }

    @Test
    void modelId_namesTheWayVectorsAreMade_queriesAsTheModel() {
        Recording model = new Recording();
        SentenceVectors vectors = new SentenceVectors(model);
        assertThat(vectors.modelId()).isEqualTo("fake" + SentenceVectors.SUFFIX);
        assertThat(vectors.embedQuery("a. b.")).isEqualTo(model.embedQuery("a. b."));
    }
}
