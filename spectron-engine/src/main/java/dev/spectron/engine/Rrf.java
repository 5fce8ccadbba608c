package dev.spectron.engine;

import dev.spectron.engine.spi.ScoredId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal-rank fusion: each list contributes {@code 1 / (K + rank)} for every id it holds.
 * Cormack, Clarke and Büttcher, "Reciprocal Rank Fusion outperforms Condorcet and individual Rank
 * Learning Methods", SIGIR 2009, with their K = 60.
 */
final class Rrf {
    static final int K = 60;

    private Rrf() {}

    /** Fuses ranked lists into one, best first; ties keep the order of first appearance. */
    static List<ScoredId> fuse(List<List<ScoredId>> rankings) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (List<ScoredId> ranking : rankings) {
            for (int rank = 0; rank < ranking.size(); rank++) {
                scores.merge(ranking.get(rank).id(), 1.0 / (K + rank + 1), Double::sum);
            }
        }
        List<ScoredId> fused = new ArrayList<>(scores.size());
        scores.forEach((id, score) -> fused.add(new ScoredId(id, score.floatValue())));
        fused.sort(Comparator.comparingDouble(ScoredId::score).reversed());
        return fused;
    }
}
