package dev.spectron.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The LLM-free LoCoMo metrics (definitions in {@code ../shared/data/locomo/README.md}), summed per
 * question and averaged per group (a category, or categories 1–4 together).
 */
final class LocomoMetrics {
    static final int[] RECALL_AT = {1, 3, 5, 10, 20, 50};
    static final int[] BUDGETS = {500, 1000, 2000};
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "and", "or", "of",
            "to", "in", "on", "at", "for", "with", "by", "is", "was", "are", "were", "be", "it",
            "that", "this", "as", "from", "her", "his", "their", "she", "he", "they", "i", "my");

    private final Map<String, double[]> sums = new TreeMap<>();
    private final Map<String, Integer> counts = new TreeMap<>();

    /** Every metric name, in report order. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (int k : RECALL_AT) {
            names.add("recall@" + k);
        }
        names.add("recall_all@10");
        names.add("ndcg@10");
        for (int b : BUDGETS) {
            names.add("evidence_in_context@" + b);
        }
        for (int b : BUDGETS) {
            names.add("answer_in_context@" + b);
        }
        for (int b : BUDGETS) {
            names.add("answer_substring_in_context@" + b);
        }
        return names;
    }

    /**
     * Adds one question's outcome to {@code groups}.
     *
     * @param hitTurns for each hit, best first, the evidence turns it cites
     * @param contextTurns for each budget, the turns the context put into its text, in order
     * @param contextText for each budget, the context text
     */
    void add(List<String> groups, Set<String> evidence, String answer,
            List<List<String>> hitTurns, Map<Integer, List<String>> contextTurns,
            Map<Integer, String> contextText) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int k : RECALL_AT) {
            values.put("recall@" + k, recall(evidence, hitTurns, k));
        }
        values.put("recall_all@10", recall(evidence, hitTurns, 10) == 1.0 ? 1.0 : 0.0);
        values.put("ndcg@10", ndcg(evidence, hitTurns, 10));
        for (int b : BUDGETS) {
            values.put("evidence_in_context@" + b, share(evidence, contextTurns.get(b)));
        }
        for (int b : BUDGETS) {
            values.put("answer_in_context@" + b, answerIn(answer, contextText.get(b), true));
        }
        for (int b : BUDGETS) {
            values.put("answer_substring_in_context@" + b,
                    answerIn(answer, contextText.get(b), false));
        }
        List<String> names = names();
        for (String group : groups) {
            double[] sum = sums.computeIfAbsent(group, g -> new double[names.size()]);
            for (int i = 0; i < names.size(); i++) {
                sum[i] += values.get(names.get(i));
            }
            counts.merge(group, 1, Integer::sum);
        }
    }

    /** Averages in percent, per group: {@code {group: {metric: value, questions: n}}}. */
    Map<String, Map<String, Object>> report() {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        List<String> names = names();
        sums.forEach((group, sum) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            int n = counts.get(group);
            row.put("questions", n);
            for (int i = 0; i < names.size(); i++) {
                row.put(names.get(i), Math.round(1000.0 * sum[i] / n) / 10.0);
            }
            out.put(group, row);
        });
        return out;
    }

    static double recall(Set<String> evidence, List<List<String>> hitTurns, int k) {
        Set<String> found = new HashSet<>();
        for (int i = 0; i < Math.min(k, hitTurns.size()); i++) {
            found.addAll(hitTurns.get(i));
        }
        found.retainAll(evidence);
        return (double) found.size() / evidence.size();
    }

    /** Binary-gain nDCG: a hit gains when it cites an evidence turn no earlier hit cited. */
    static double ndcg(Set<String> evidence, List<List<String>> hitTurns, int k) {
        Set<String> credited = new HashSet<>();
        double dcg = 0;
        for (int i = 0; i < Math.min(k, hitTurns.size()); i++) {
            boolean gain = false;
            for (String turn : hitTurns.get(i)) {
                if (evidence.contains(turn) && credited.add(turn)) {
                    gain = true;
                }
            }
            if (gain) {
                dcg += 1 / log2(i + 2);
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(k, evidence.size()); i++) {
            ideal += 1 / log2(i + 2);
        }
        return dcg / ideal;
    }

    static double share(Set<String> evidence, List<String> turns) {
        Set<String> found = new HashSet<>(turns);
        found.retainAll(evidence);
        return (double) found.size() / evidence.size();
    }

    /**
     * 1 when the normalised answer occurs in the text, or (when {@code loose}) at least 80% of its
     * content words do.
     */
    static double answerIn(String answer, String text, boolean loose) {
        String a = normalise(answer);
        String t = normalise(text);
        if (a.isEmpty()) {
            return 0;
        }
        if ((" " + t + " ").contains(" " + a + " ")) {
            return 1;
        }
        if (!loose) {
            return 0;
        }
        Set<String> words = new HashSet<>(List.of(t.split(" ")));
        int content = 0;
        int present = 0;
        for (String w : a.split(" ")) {
            if (w.isEmpty() || STOP_WORDS.contains(w)) {
                continue;
            }
            content++;
            if (words.contains(w)) {
                present++;
            }
        }
        return content > 0 && present >= 0.8 * content ? 1 : 0;
    }

    static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\s]", " ")
                .replaceAll("\\s+", " ").strip();
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
