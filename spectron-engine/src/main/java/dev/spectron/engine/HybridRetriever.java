package dev.spectron.engine;

import dev.spectron.api.Hit;
import dev.spectron.api.InvalidInputException;
import dev.spectron.api.RecallMode;
import dev.spectron.api.RecallRequest;
import dev.spectron.engine.spi.IndexFilter;
import dev.spectron.engine.spi.ScoredId;
import dev.spectron.engine.spi.SearchIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read path: scope filter → candidates from BM25 and from vectors → reciprocal-rank fusion →
 * hydration from the store of record → reranking by kind, importance and trust. Scope and
 * context filtering happen inside the index queries.
 */
final class HybridRetriever {
    private static final int RERANK_POOL = 40;

    private final SearchIndex index;
    private final Hydrator hydrator;
    private final QueryEmbeddings embeddings;
    private final EngineConfig config;
    private final Set<String> kinds;
    private final TimeTravel timeTravel;

    HybridRetriever(SearchIndex index, Hydrator hydrator, QueryEmbeddings embeddings,
            EngineConfig config, Set<String> kinds, TimeTravel timeTravel) {
        this.index = index;
        this.hydrator = hydrator;
        this.embeddings = embeddings;
        this.config = config;
        this.kinds = Set.copyOf(kinds);
        this.timeTravel = timeTravel;
    }

    /** The best {@code request.k()} candidates, best first. */
    List<Candidate> retrieve(String context, RecallRequest request) {
        if (request.mode() == RecallMode.GRAPH) {
            throw new InvalidInputException("mode",
                    "'graph' is not available yet; use hybrid, vector or bm25");
        }
        IndexFilter filter = new IndexFilter(context, request.scope().floorKeys(), kinds,
                request.sessionId());
        int n = Math.max(config.candidates(), request.k() * 4);
        List<ScoredId> lexical = request.mode() == RecallMode.VECTOR ? List.of()
                : index.searchText(filter, request.query(), n);
        List<ScoredId> dense = request.mode() == RecallMode.BM25 ? List.of()
                : index.searchVector(filter, embeddings.of(request.query()), n);
        List<ScoredId> past = List.of();
        if (request.asOf().isPresent() || request.validAt().isPresent()) {
            past = TimeTravel.rank(timeTravel.factsAt(context, request.scope(),
                    request.asOf(), request.validAt()), request.query());
        }
        List<ScoredId> fused = Rrf.fuse(List.of(lexical, dense, past));
        Map<String, Float> similarity = new HashMap<>();
        dense.forEach(s -> similarity.put(s.id(), s.score()));
        Set<String> lexicalIds = new HashSet<>();
        lexical.forEach(s -> lexicalIds.add(s.id()));

        List<ScoredId> pool = fused.subList(0, Math.min(fused.size(),
                Math.max(RERANK_POOL, request.k() * 3)));
        Map<String, Hydrator.Hydrated> hydrated = hydrator.hydrate(context,
                pool.stream().map(ScoredId::id).toList());
        double maxCos = dense.isEmpty() ? 1 : dense.getFirst().score();
        double minCos = dense.isEmpty() ? 1 : dense.getLast().score();
        List<Candidate> out = new ArrayList<>(pool.size());
        for (ScoredId scored : pool) {
            Hydrator.Hydrated h = hydrated.get(scored.id());
            if (h == null || !visibleInTime(h.hit(), request)) {
                continue;
            }
            double cos = dense.isEmpty() ? maxCos : similarity.getOrDefault(scored.id(),
                    (float) minCos);
            double score = scored.score() * Ranking.weight(h)
                    * Ranking.closeness(cos, maxCos);
            Hit hit = new Hit(h.hit().id(), h.hit().kind(), h.hit().text(), score,
                    h.hit().entity(), h.hit().source(), h.hit().validFrom(),
                    h.hit().validUntil(), h.hit().createdAt());
            out.add(new Candidate(hit, similarity.getOrDefault(scored.id(), 0f),
                    lexicalIds.contains(scored.id())));
        }
        out.sort(Comparator.comparingDouble((Candidate c) -> c.hit().score()).reversed());
        return out.size() > request.k() ? List.copyOf(out.subList(0, request.k())) : out;
    }

    private static boolean visibleInTime(Hit hit, RecallRequest request) {
        boolean known = request.asOf().map(at -> !hit.createdAt().isAfter(at)).orElse(true);
        boolean valid = request.validAt().map(at -> !hit.validFrom().isAfter(at)
                && hit.validUntil().map(until -> until.isAfter(at)).orElse(true)).orElse(true);
        return known && valid;
    }
}
