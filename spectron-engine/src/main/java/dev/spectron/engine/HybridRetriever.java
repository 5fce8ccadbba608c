package dev.spectron.engine;

import dev.spectron.api.Hit;
import dev.spectron.api.HitKind;
import dev.spectron.api.InvalidInputException;
import dev.spectron.api.RecallMode;
import dev.spectron.api.RecallRequest;
import dev.spectron.api.Source;
import dev.spectron.api.Turn;
import dev.spectron.engine.spi.IndexFilter;
import dev.spectron.engine.spi.MemoryStore;
import dev.spectron.engine.spi.ScoredId;
import dev.spectron.engine.spi.SearchIndex;
import dev.spectron.engine.spi.StoredTurn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The read path: scope filter → candidates from BM25 and from vectors → reciprocal-rank fusion →
 * hydration from the store of record. Scope and context filtering happen inside the index
 * queries; hydration reads the store, so a record deleted a moment ago is never returned.
 */
final class HybridRetriever {
    private final MemoryStore store;
    private final SearchIndex index;
    private final QueryEmbeddings embeddings;
    private final EngineConfig config;

    HybridRetriever(MemoryStore store, SearchIndex index, QueryEmbeddings embeddings,
            EngineConfig config) {
        this.store = store;
        this.index = index;
        this.embeddings = embeddings;
        this.config = config;
    }

    /** The best {@code request.k()} candidates, best first. */
    List<Candidate> retrieve(String context, RecallRequest request) {
        if (request.mode() == RecallMode.GRAPH) {
            throw new InvalidInputException("mode",
                    "'graph' needs structured memory, which this server does not hold yet;"
                            + " use hybrid, vector or bm25");
        }
        IndexFilter filter = new IndexFilter(context, request.scope().floorKeys(), Set.of("turn"),
                request.sessionId());
        int n = Math.max(config.candidates(), request.k() * 4);
        List<ScoredId> lexical = request.mode() == RecallMode.VECTOR ? List.of()
                : index.searchText(filter, request.query(), n);
        List<ScoredId> dense = request.mode() == RecallMode.BM25 ? List.of()
                : index.searchVector(filter, embeddings.of(request.query()), n);
        List<ScoredId> fused = Rrf.fuse(List.of(lexical, dense));
        Map<String, Float> similarity = new HashMap<>();
        dense.forEach(s -> similarity.put(s.id(), s.score()));
        Set<String> lexicalIds = new HashSet<>();
        lexical.forEach(s -> lexicalIds.add(s.id()));
        return hydrate(context, request, fused, similarity, lexicalIds);
    }

    private List<Candidate> hydrate(String context, RecallRequest request, List<ScoredId> fused,
            Map<String, Float> similarity, Set<String> lexicalIds) {
        List<Candidate> out = new ArrayList<>(request.k());
        int from = 0;
        // Hydrate in slices: time filters (asOf, validAt) may reject some, so read on until k.
        while (out.size() < request.k() && from < fused.size()) {
            int to = Math.min(fused.size(), from + Math.max(request.k(), 16));
            List<String> ids = fused.subList(from, to).stream().map(ScoredId::id).toList();
            Map<String, StoredTurn> turns = store.turnsById(context, ids);
            for (ScoredId scored : fused.subList(from, to)) {
                StoredTurn stored = turns.get(scored.id());
                if (stored == null || !visibleInTime(stored.turn(), request)) {
                    continue;
                }
                out.add(new Candidate(hit(stored, scored.score()),
                        similarity.getOrDefault(scored.id(), 0f), lexicalIds.contains(scored.id())));
                if (out.size() == request.k()) {
                    break;
                }
            }
            from = to;
        }
        return out;
    }

    private static boolean visibleInTime(Turn turn, RecallRequest request) {
        return request.asOf().map(at -> !turn.createdAt().isAfter(at)).orElse(true)
                && request.validAt().map(at -> !turn.observedAt().isAfter(at)).orElse(true);
    }

    private static Hit hit(StoredTurn stored, double score) {
        Turn turn = stored.turn();
        String speaker = TurnText.speaker(turn.role(), turn.speaker(), stored.scope());
        Source source = new Source("turn", "turn:" + turn.id(), Optional.of(turn.sessionId()),
                Optional.of(turn.id()), turn.metadata());
        return new Hit(turn.id(), HitKind.TURN, TurnText.hit(speaker, turn.content()), score,
                Optional.empty(), source, turn.observedAt(), Optional.empty(), turn.createdAt());
    }
}
