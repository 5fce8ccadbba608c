package dev.spectron.engine;

import dev.spectron.engine.spi.Embedder;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Passage vectors that keep what each sentence says. A passage of several sentences is embedded
 * whole and sentence by sentence (each sentence with the passage's {@code speaker: } prefix, if
 * it has one), and its vector is the normalised sum of the whole-passage vector and the mean of
 * the sentence vectors. A reply's text may carry, after {@link TurnText#ANSWERS}, the sentence
 * it answers: that sentence joins the sentence vectors (not the whole), so "They loved the
 * dinosaurs!" is found for what the kids liked. Queries are embedded as the model embeds them.
 *
 * <p>Why: a chat turn often says several things ("Hey! Still working on my biz. Took a short
 * trip last week to Rome to clear my mind."), and one vector for all of it is pulled towards
 * greetings and small talk, so "Which cities has Jon visited?" did not find it. On LoCoMo (dense
 * retrieval alone, bge-small) evidence recall@10 rose from 58.6 to 66.6 and multi-hop from 36.8
 * to 42.6; the sentences without the speaker prefix gained nothing (docs/benchmarks.md). A
 * single sentence costs nothing extra: its vector is the passage's.
 */
final class SentenceVectors implements Embedder {
    /** Appended to the model id: vectors made this way differ from the model's own. */
    static final String SUFFIX = "+sentences";
    /** At most this many sentence vectors per passage; longer passages group sentences. */
    static final int MAX_SENTENCES = 32;
    /** Longest {@code speaker: } prefix carried into each sentence. */
    private static final int MAX_PREFIX = 64;

    private final Embedder model;

    SentenceVectors(Embedder model) {
        this.model = model;
    }

    @Override
    public String modelId() {
        return model.modelId() + SUFFIX;
    }

    @Override
    public int dimensions() {
        return model.dimensions();
    }

    @Override
    public float[] embedQuery(String text) {
        return model.embedQuery(text);
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        List<String> batch = new ArrayList<>();
        List<int[]> parts = new ArrayList<>(texts.size());
        for (String text : texts) {
            int answers = text.indexOf(TurnText.ANSWERS);
            String own = answers < 0 ? text : text.substring(0, answers);
            List<String> sentences = new ArrayList<>(sentences(own));
            if (answers >= 0) {
                sentences.add(text.substring(answers + 1));
            }
            int whole = batch.size();
            batch.add(own);
            int[] at = new int[sentences.size() == 1 ? 1 : sentences.size() + 1];
            at[0] = whole;
            for (int i = 0; at.length > 1 && i < sentences.size(); i++) {
                // A sentence that is the whole text (a one-sentence reply) is not embedded twice.
                boolean same = sentences.get(i).equals(own);
                at[i + 1] = same ? whole : batch.size();
                if (!same) {
                    batch.add(sentences.get(i));
                }
            }
            parts.add(at);
        }
        List<float[]> vectors = model.embedPassages(batch);
        List<float[]> out = new ArrayList<>(texts.size());
        for (int[] at : parts) {
            if (at.length == 1) {
                out.add(vectors.get(at[0]));
                continue;
            }
            List<float[]> sentences = new ArrayList<>(at.length - 1);
            for (int i = 1; i < at.length; i++) {
                sentences.add(vectors.get(at[i]));
            }
            out.add(combine(vectors.get(at[0]), sentences));
        }
        return out;
    }

    /** The normalised sum of {@code whole} and the mean of {@code sentences}. */
    static float[] combine(float[] whole, List<float[]> sentences) {
        float[] sum = whole.clone();
        float share = 1f / sentences.size();
        for (float[] s : sentences) {
            for (int d = 0; d < sum.length; d++) {
                sum[d] += share * s[d];
            }
        }
        double norm = 0;
        for (float v : sum) {
            norm += (double) v * v;
        }
        if (norm == 0) {
            return sum;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < sum.length; d++) {
            sum[d] *= scale;
        }
        return sum;
    }

    /**
     * The sentences of {@code text} (JDK sentence boundaries, English rules), each with the
     * text's {@code speaker: } prefix; at most {@link #MAX_SENTENCES}, neighbours grouped when
     * there are more. One element, the text itself, when it has a single sentence.
     */
    static List<String> sentences(String text) {
        String prefix = prefix(text);
        List<String> found = split(text.substring(prefix.length()));
        if (found.size() <= 1) {
            return List.of(text);
        }
        int per = (found.size() + MAX_SENTENCES - 1) / MAX_SENTENCES;
        List<String> out = new ArrayList<>(Math.min(found.size(), MAX_SENTENCES));
        for (int i = 0; i < found.size(); i += per) {
            out.add(prefix + String.join(" ", found.subList(i, Math.min(found.size(), i + per))));
        }
        return out;
    }

    /** The non-blank sentences of {@code body} (JDK sentence boundaries, English rules). */
    private static List<String> split(String body) {
        BreakIterator boundaries = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        boundaries.setText(body);
        List<String> found = new ArrayList<>();
        int start = boundaries.first();
        for (int end = boundaries.next(); end != BreakIterator.DONE;
                start = end, end = boundaries.next()) {
            String sentence = body.substring(start, end).strip();
            if (!sentence.isEmpty()) {
                found.add(sentence);
            }
        }
        return found;
    }

    /**
     * The sentence of {@code text} that the next turn answers, with its {@code speaker: }
     * prefix: the last one that asks ("Ever been to one?" in "Ever been to one? [shares a photo:
     * a poster]"), else the last one.
     */
    static String answeredSentence(String text) {
        List<String> all = split(text.substring(prefix(text).length()));
        if (all.isEmpty()) {
            return text;
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            if (TurnText.asks(all.get(i))) {
                return prefix(text) + all.get(i);
            }
        }
        return prefix(text) + all.getLast();
    }

    /**
     * The {@code speaker: } prefix of a turn's text ({@code "Jon: "}), or {@code ""}: up to
     * the first {@code ": "}, when that comes early and holds no sentence end or line break.
     */
    static String prefix(String text) {
        int colon = text.indexOf(": ");
        if (colon < 1 || colon > MAX_PREFIX) {
            return "";
        }
        for (int i = 0; i < colon; i++) {
            char c = text.charAt(i);
            if (c == '.' || c == '!' || c == '?' || c == '\n') {
                return "";
            }
        }
        return text.substring(0, colon + 2);
    }

    @Override
    public void close() {
        model.close();
    }
}
