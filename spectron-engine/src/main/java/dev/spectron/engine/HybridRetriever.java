package dev.spectron.engine;

import dev.spectron.api.Hit;
import dev.spectron.api.RecallMode;
import dev.spectron.api.RecallRequest;
import dev.spectron.engine.spi.IndexFilter;
import dev.spectron.engine.spi.Lexicon;
import dev.spectron.engine.spi.ScoredId;
import dev.spectron.engine.spi.SearchIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The read path: scope filter → candidates from BM25 and from vectors → score-aware fusion →
 * hydration from the store of record → reranking by kind, trust, dates for "when" questions,
 * the kind of thing a question asks for ({@link AskedKind}) and graph density → one hit per
 * source turn. Scope and context filtering happen inside the index queries.
 *
 * <p>Fusion: BGE-style embeddings put most candidates within a few hundredths of cosine of each
 * other, so rank-only fusion (RRF) lets weak lexical or dense matches in on rank alone. Spectron
 * instead mixes the scores themselves, each min–max scaled over the query's candidates (as
 * Elasticsearch's linear retriever and Weaviate's relative-score fusion do). On LoCoMo
 * (docs/benchmarks.md) this beat RRF by 4–6 points of evidence recall@10. The BM25 search runs
 * on another thread while this one embeds the query. Modes {@code bm25} and {@code vector}
 * return one retriever's order unchanged, as baselines.
 */
final class HybridRetriever {
    private static final int RERANK_POOL = 40;
    /** Share of the lexical score in the fused score (the rest is the scaled cosine). */
    static final double LEXICAL_SHARE = 0.5;
    /** The narrowest cosine range scaled to [0, 1]. */
    static final double MIN_COSINE_RANGE = 0.25;
    /** The narrowest BM25 range scaled to [0, 1], as a share of the best BM25. */
    static final double MIN_LEXICAL_RANGE = 0.5;

    private final SearchIndex index;
    private final Hydrator hydrator;
    private final QueryEmbeddings embeddings;
    private final EngineConfig config;
    private final Set<String> kinds;
    private final TimeTravel timeTravel;
    private final KeyLookup lookup;
    private final java.util.function.Function<String, dev.spectron.engine.spi.KeyRegistry>
            registries;
    private final AskedKind.Memo kindsNamed;

    HybridRetriever(SearchIndex index, Hydrator hydrator, QueryEmbeddings embeddings,
            EngineConfig config, Set<String> kinds, TimeTravel timeTravel, KeyLookup lookup,
            java.util.function.Function<String, dev.spectron.engine.spi.KeyRegistry> registries,
            Lexicon lexicon) {
        this.kindsNamed = new AskedKind.Memo(lexicon);
        this.index = index;
        this.hydrator = hydrator;
        this.embeddings = embeddings;
        this.config = config;
        this.kinds = Set.copyOf(kinds);
        this.timeTravel = timeTravel;
        this.lookup = lookup;
        this.registries = registries;
    }

    /** The best {@code request.k()} candidates, best first, one per piece of evidence. */
    List<Candidate> retrieve(String context, RecallRequest request) {
        return retrieve(context, request, true);
    }

    /**
     * The best {@code request.k()} candidates, best first, a fact and its source turn both kept
     * (for forget, which must reach both).
     */
    List<Candidate> retrieveUncollapsed(String context, RecallRequest request) {
        return retrieve(context, request, false);
    }

    private List<Candidate> retrieve(String context, RecallRequest request, boolean collapse) {
        RecallMode mode = request.mode();
        IndexFilter filter = new IndexFilter(context, request.scope().floorKeys(),
                included(request), request.sessionId());
        boolean facts = request.includes(dev.spectron.api.HitKind.ATTRIBUTE);
        int n = Math.max(config.candidates(), request.k() * 4);
        List<ScoredId> lexical;
        List<ScoredId> dense;
        if (mode == RecallMode.VECTOR || mode == RecallMode.BM25) {
            lexical = mode == RecallMode.VECTOR ? List.of()
                    : index.searchText(filter, request.query(), n);
            dense = mode == RecallMode.BM25 ? List.of()
                    : index.searchVector(filter, embeddings.of(request.query()), n);
        } else {
            // BM25 needs no embedding: it runs on another thread while this one embeds.
            Future<List<ScoredId>> text = BESIDE.submit(
                    () -> index.searchText(filter, request.query(), n));
            dense = index.searchVector(filter, embeddings.of(request.query()), n);
            lexical = joined(text);
        }
        List<ScoredId> past = List.of();
        if (facts && (request.asOf().isPresent() || request.validAt().isPresent())) {
            past = TimeTravel.rank(timeTravel.factsAt(context, request.scope(),
                    request.asOf(), request.validAt()), request.query());
        }
        Map<String, Float> similarity = new HashMap<>();
        dense.forEach(s -> similarity.put(s.id(), s.score()));
        Map<String, Float> bm25 = new HashMap<>();
        lexical.forEach(s -> bm25.put(s.id(), s.score()));

        List<ScoredId> fused = fuse(mode, lexical, dense, past);
        List<ScoredId> pool = fused.subList(0, Math.min(fused.size(),
                Math.max(RERANK_POOL, request.k() * 3)));
        Map<String, Hydrator.Hydrated> hydrated = hydrator.hydrate(context,
                pool.stream().map(ScoredId::id).toList());
        boolean rerank = mode == RecallMode.HYBRID || mode == RecallMode.GRAPH;
        boolean asksWhen = rerank && RelativeDates.asksWhen(request.query());
        AskedKind asked = AskedKind.of(rerank ? request.query() : "", kindsNamed);
        List<Candidate> out = new ArrayList<>(pool.size());
        List<Hydrator.Hydrated> sources = new ArrayList<>(pool.size());
        for (int i = 0; i < pool.size(); i++) {
            ScoredId scored = pool.get(i);
            Hydrator.Hydrated h = hydrated.get(scored.id());
            if (h == null || !visibleInTime(h.hit(), request)) {
                continue;
            }
            // The kind asked for lifts a candidate a few places, so the fused top
            // RERANK_POOL are the ones it can bring into view; below, it would only cost time.
            double score = rerank
                    ? scored.score() * Ranking.weight(h) * Ranking.timeWeight(asksWhen, h)
                            * (i < RERANK_POOL ? asked.weight(TurnText.naming(
                                    h.hit().kind().wireName(), h.hit().text())) : 1.0)
                    : scored.score();
            out.add(new Candidate(withScore(h.hit(), score),
                    similarity.getOrDefault(scored.id(), 0f), bm25.containsKey(scored.id()),
                    h.people()));
            sources.add(h);
        }
        if (rerank) {
            out = GraphDensity.rerank(request.query(), out, sources,
                    mode == RecallMode.GRAPH ? GraphDensity.GRAPH_WEIGHT
                            : GraphDensity.HYBRID_WEIGHT);
            // One slot per source turn; without turns, each fact is a piece of its own.
            if (collapse && request.includes(dev.spectron.api.HitKind.TURN)) {
                out = collapse(out, hydrated);
            }
            if (facts && request.asOf().isEmpty() && request.validAt().isEmpty()) {
                out = directFirst(out, lookup.find(context, request.query(), request.scope(),
                        registries.apply(context)));
            }
        }
        return out.size() > request.k() ? List.copyOf(out.subList(0, request.k())) : out;
    }

    /** Runs a query's BM25 search while its thread embeds the query (ONNX uses one core). */
    private static final ExecutorService BESIDE = Executors.newVirtualThreadPerTaskExecutor();

    /** The result of {@code future}, its failure rethrown as it was thrown. */
    private static <T> T joined(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while searching", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The index kinds the request includes (index kinds are hit kinds' wire names). */
    private Set<String> included(RecallRequest request) {
        Set<String> out = new HashSet<>();
        request.include().forEach(i -> i.kinds().forEach(k -> out.add(k.wireName())));
        out.retainAll(kinds);
        return out;
    }

    /**
     * {@code ranked} with the facts the query asks for directly ({@link KeyLookup}) first, in
     * their order, above the best search score; the same facts found by search, and their source
     * turns when collapsing, make way for them.
     */
    static List<Candidate> directFirst(List<Candidate> ranked,
            List<dev.spectron.engine.spi.FactRecord> direct) {
        if (direct.isEmpty()) {
            return ranked;
        }
        double top = ranked.isEmpty() ? 1 : ranked.getFirst().hit().score();
        // Asked for by key: as relevant as the best match (its cosine may be unknown).
        double similarity = ranked.stream().mapToDouble(Candidate::similarity).max().orElse(0);
        Map<String, Candidate> found = new HashMap<>();
        ranked.forEach(c -> found.put(c.hit().id(), c));
        Set<String> taken = new HashSet<>();
        List<Candidate> out = new ArrayList<>(ranked.size() + direct.size());
        for (int i = 0; i < direct.size(); i++) {
            Hydrator.Hydrated h = Hydrator.fact(direct.get(i));
            if (!taken.add(h.hit().id())) {
                continue;
            }
            Candidate searched = found.get(h.hit().id());
            out.add(new Candidate(withScore(h.hit(), top * (1.5 - 0.01 * i)),
                    searched != null ? Math.max(searched.similarity(), similarity) : similarity,
                    true, h.people()));
            h.hit().source().turnId().ifPresent(taken::add);
        }
        for (Candidate c : ranked) {
            if (!taken.contains(c.hit().id())) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Candidates in fused order. Hybrid and graph: {@link #LEXICAL_SHARE} of the BM25 score and
     * the rest of the cosine, each scaled between the worst and best candidate (over at least
     * {@link #MIN_LEXICAL_RANGE} of the best BM25 and {@link #MIN_COSINE_RANGE} of cosine), a
     * trace of RRF breaking ties; facts that held at a requested past instant join by rank.
     */
    static List<ScoredId> fuse(RecallMode mode, List<ScoredId> lexical, List<ScoredId> dense,
            List<ScoredId> past) {
        if (mode == RecallMode.BM25 && past.isEmpty()) {
            return lexical;
        }
        if (mode == RecallMode.VECTOR && past.isEmpty()) {
            return dense;
        }
        List<ScoredId> rrf = Rrf.fuse(List.of(lexical, dense, past));
        double maxBm25 = lexical.isEmpty() ? 1 : Math.max(1e-9, lexical.getFirst().score());
        double maxCos = dense.isEmpty() ? 1 : dense.getFirst().score();
        // Scaled over at least MIN_COSINE_RANGE: among a handful of candidates, a few hundredths
        // of cosine must not weigh like the whole range.
        double minCos = dense.isEmpty() ? 0 : Math.min(dense.getLast().score(),
                maxCos - MIN_COSINE_RANGE);
        Map<String, Double> score = new HashMap<>();
        rrf.forEach(s -> score.put(s.id(), 1e-3 * s.score()));
        // BM25 likewise, over at least MIN_LEXICAL_RANGE of the best: among a few candidates, the
        // weakest word match still counts for something.
        double minBm25 = lexical.isEmpty() ? 0 : Math.min(lexical.getLast().score(),
                maxBm25 * (1 - MIN_LEXICAL_RANGE));
        double lexicalRange = maxBm25 - minBm25;
        lexical.forEach(s -> score.merge(s.id(), LEXICAL_SHARE * (s.score() - minBm25)
                / lexicalRange, Double::sum));
        double range = maxCos - minCos;
        dense.forEach(s -> score.merge(s.id(), (1 - LEXICAL_SHARE)
                * (range > 1e-9 ? (s.score() - minCos) / range : 1), Double::sum));
        for (int rank = 0; rank < past.size(); rank++) {
            score.merge(past.get(rank).id(), 0.5 + 0.5 / (rank + 1), Double::sum);
        }
        List<ScoredId> out = new ArrayList<>(score.size());
        score.forEach((id, value) -> out.add(new ScoredId(id, value.floatValue())));
        out.sort(Comparator.comparingDouble(ScoredId::score).reversed());
        return out;
    }

    /** How close to its source turn's score a fact must come to take the turn's slot. */
    static final double FACT_FOR_TURN = 0.75;

    /**
     * One slot per piece of evidence. First, a question never outranks the turn that answers it
     * when both are candidates ("Can you suggest a restaurant?" / "Sure, try Green Leaf"): the
     * answer takes the better score of the two. Then a fact read from a turn and the turn itself
     * are one piece, and two slots for it would push another piece out. The slot, at the better
     * score, goes to the turn's fact when it is the only one among the candidates and scored at
     * least {@link #FACT_FOR_TURN} of the turn (it states what the turn said, reconciled and
     * current); when several facts came from the turn, the turn says all of them and keeps it;
     * facts whose turn is not a candidate keep the best one.
     */
    static List<Candidate> collapse(List<Candidate> ranked, Map<String, Hydrator.Hydrated> byId) {
        List<Candidate> in = answersAboveQuestions(ranked, byId);
        Map<String, Candidate> best = new java.util.LinkedHashMap<>();
        Map<String, Candidate> bestFact = new HashMap<>();
        Map<String, Candidate> turn = new HashMap<>();
        Map<String, Integer> facts = new HashMap<>();
        Map<String, List<Candidate>> members = new HashMap<>();
        for (Candidate c : in) {
            String group = c.hit().source().turnId().orElse(c.hit().id());
            best.putIfAbsent(group, c);
            members.computeIfAbsent(group, g -> new ArrayList<>()).add(c);
            if (Ranking.isFact(c.hit().kind())) {
                bestFact.putIfAbsent(group, c);
                facts.merge(group, 1, Integer::sum);
            } else {
                turn.putIfAbsent(group, c);
            }
        }
        List<Candidate> out = new ArrayList<>(best.size());
        for (Map.Entry<String, Candidate> e : best.entrySet()) {
            Candidate top = e.getValue();
            Candidate fact = bestFact.get(e.getKey());
            Candidate own = turn.get(e.getKey());
            Candidate kept;
            if (fact == null || own == null) {
                kept = top;
            } else if (facts.get(e.getKey()) == 1
                    && fact.hit().score() >= FACT_FOR_TURN * top.hit().score()) {
                kept = fact;
            } else {
                kept = own;
            }
            out.add(asGroup(kept, top.hit().score(), members.get(e.getKey())));
        }
        return out;
    }

    /**
     * The candidate that stands for a group at the group's score, with the evidence of all its
     * members: the closest cosine, a word match by any, everyone they name.
     */
    private static Candidate asGroup(Candidate kept, double score, List<Candidate> members) {
        if (members.size() == 1) {
            return kept;
        }
        double similarity = kept.similarity();
        boolean lexical = kept.lexical();
        Set<String> people = new HashSet<>(kept.people());
        for (Candidate m : members) {
            similarity = Math.max(similarity, m.similarity());
            lexical |= m.lexical();
            people.addAll(m.people());
        }
        return new Candidate(withScore(kept.hit(), score), similarity, lexical, people);
    }

    /** {@code ranked} (best first) with each answer moved above its question, sorted again. */
    private static List<Candidate> answersAboveQuestions(List<Candidate> ranked,
            Map<String, Hydrator.Hydrated> byId) {
        Map<String, Integer> turnAt = new HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            Candidate c = ranked.get(i);
            Hydrator.Hydrated h = byId.get(c.hit().id());
            if (c.hit().kind() == dev.spectron.api.HitKind.TURN && h != null) {
                int at = i;
                c.hit().source().sessionId().ifPresent(s -> turnAt.put(s + "#" + h.seq(), at));
            }
        }
        List<Candidate> out = new ArrayList<>(ranked);
        boolean moved = false;
        for (int i = 0; i < out.size(); i++) {
            Candidate question = out.get(i);
            Hydrator.Hydrated h = byId.get(question.hit().id());
            if (h == null || !Ranking.asks(h) || question.hit().source().sessionId().isEmpty()) {
                continue;
            }
            Integer j = turnAt.get(question.hit().source().sessionId().get() + "#"
                    + (h.seq() + 1));
            if (j != null && j > i) {
                Candidate answer = out.get(j);
                double score = question.hit().score();
                out.set(j, answer.withHit(withScore(answer.hit(), score)));
                out.set(i, question.withHit(withScore(question.hit(), Math.nextDown(score))));
                moved = true;
            }
        }
        if (moved) {
            out.sort(Comparator.comparingDouble((Candidate c) -> c.hit().score()).reversed());
        }
        return out;
    }

    static Hit withScore(Hit h, double score) {
        return new Hit(h.id(), h.kind(), h.text(), score, h.entity(), h.source(), h.validFrom(),
                h.validUntil(), h.createdAt());
    }

    private static boolean visibleInTime(Hit hit, RecallRequest request) {
        boolean known = request.asOf().map(at -> !hit.createdAt().isAfter(at)).orElse(true);
        boolean valid = request.validAt().map(at -> !hit.validFrom().isAfter(at)
                && hit.validUntil().map(until -> until.isAfter(at)).orElse(true)).orElse(true);
        return known && valid;
    }
}
