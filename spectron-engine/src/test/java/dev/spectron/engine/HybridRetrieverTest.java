package dev.spectron.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spectron.api.Hit;
import dev.spectron.api.HitKind;
import dev.spectron.api.RecallMode;
import dev.spectron.api.Source;
import dev.spectron.engine.spi.ScoredId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HybridRetrieverTest {
    private static final Instant AT = Instant.parse("2023-05-08T13:56:00Z");
    private final Map<String, Hydrator.Hydrated> byId = new HashMap<>();

    @Test
    void fuse_mixesScaledScores_soAStrongWordMatchBeatsAWeakCosineLead() {
        List<ScoredId> lexical = List.of(new ScoredId("words", 9f), new ScoredId("both", 2f));
        List<ScoredId> dense = List.of(new ScoredId("both", 0.80f), new ScoredId("meaning", 0.79f),
                new ScoredId("words", 0.60f));
        List<ScoredId> fused = HybridRetriever.fuse(RecallMode.HYBRID, lexical, dense, List.of());
        assertThat(fused).extracting(ScoredId::id).containsExactly("words", "both", "meaning");
    }

    @Test
    void fuse_scalesBm25BetweenWorstAndBest_soTheWeakestWordMatchAddsNothing() {
        List<ScoredId> lexical = List.of(new ScoredId("a", 10f), new ScoredId("b", 6f),
                new ScoredId("c", 2f));
        List<ScoredId> dense = List.of(new ScoredId("c", 0.80f), new ScoredId("b", 0.70f),
                new ScoredId("d", 0.55f));
        Map<String, Float> score = scores(HybridRetriever.fuse(RecallMode.HYBRID, lexical, dense,
                List.of()));
        // c: the worst word match adds nothing, the best cosine its whole share.
        assertThat(score.get("c")).isCloseTo(0.5f, within(0.01f));
        // b: half-way on BM25 (4 of 8), 0.15 of the 0.25 cosine range.
        assertThat(score.get("b")).isCloseTo(0.25f + 0.3f, within(0.01f));
        assertThat(score.get("a")).isCloseTo(0.5f, within(0.01f));
    }

    @Test
    void fuse_fewCloseWordMatches_keepMostOfTheirWeight() {
        // Scaled over at least half the best BM25: 9 of 10 is (9 - 5) / 5 of the share, not 0.
        Map<String, Float> score = scores(HybridRetriever.fuse(RecallMode.HYBRID, List.of(
                new ScoredId("a", 10f), new ScoredId("b", 9f)), List.of(), List.of()));
        assertThat(score.get("a")).isCloseTo(0.5f, within(0.01f));
        assertThat(score.get("b")).isCloseTo(0.4f, within(0.01f));
    }

    private static Map<String, Float> scores(List<ScoredId> fused) {
        Map<String, Float> out = new HashMap<>();
        fused.forEach(s -> out.put(s.id(), s.score()));
        return out;
    }

    @Test
    void fuse_baselineModes_keepOneRetrieversOrder() {
        List<ScoredId> lexical = List.of(new ScoredId("b", 2f), new ScoredId("a", 1f));
        List<ScoredId> dense = List.of(new ScoredId("a", 0.9f));
        assertThat(HybridRetriever.fuse(RecallMode.BM25, lexical, dense, List.of()))
                .isSameAs(lexical);
        assertThat(HybridRetriever.fuse(RecallMode.VECTOR, lexical, dense, List.of()))
                .isSameAs(dense);
    }

    @Test
    void collapse_factCloseToItsTurn_takesTheTurnsSlotAndScore() {
        List<Candidate> ranked = List.of(turn("t1", "alice: I love hiking.", 1, 1.0),
                turn("t2", "alice: other", 2, 0.9), fact("f1", "t1", "alice — likes: hiking", 0.8));
        List<Candidate> out = HybridRetriever.collapse(ranked, byId);
        assertThat(out).extracting(c -> c.hit().id()).containsExactly("f1", "t2");
        assertThat(out.getFirst().hit().score()).isEqualTo(1.0);
    }

    @Test
    void collapse_turnWithSeveralFacts_keepsTheTurnThatSaysThemAll() {
        List<Candidate> ranked = List.of(fact("f1", "t1", "alice — favorite book: Dune", 0.9),
                turn("t1", "alice: I live in Lisbon and my favourite book is Dune.", 1, 0.8),
                fact("f2", "t1", "alice — lives in: Lisbon", 0.7));
        List<Candidate> out = HybridRetriever.collapse(ranked, byId);
        assertThat(out).extracting(c -> c.hit().id()).containsExactly("t1");
        assertThat(out.getFirst().hit().score()).isEqualTo(0.9);
    }

    @Test
    void collapse_factsWithoutTheirTurn_keepTheBestOne() {
        List<Candidate> ranked = List.of(fact("f1", "t1", "alice — favorite book: Dune", 0.9),
                fact("f2", "t1", "alice — lives in: Lisbon", 0.7));
        assertThat(HybridRetriever.collapse(ranked, byId)).extracting(c -> c.hit().id())
                .containsExactly("f1");
    }

    @Test
    void collapse_factFarBelowItsTurn_leavesTheTurn() {
        List<Candidate> ranked = List.of(turn("t1", "alice: I love hiking.", 1, 1.0),
                fact("f1", "t1", "alice — likes: hiking", 0.5));
        assertThat(HybridRetriever.collapse(ranked, byId)).extracting(c -> c.hit().id())
                .containsExactly("t1");
    }

    @Test
    void collapse_questionAboveItsAnswer_answerGoesFirst() {
        List<Candidate> ranked = List.of(turn("q", "quinn: Can you suggest a restaurant?", 1, 1.0),
                turn("x", "quinn: something else", 5, 0.8),
                turn("a", "assistant: Sure, try Green Leaf.", 2, 0.5));
        assertThat(HybridRetriever.collapse(ranked, byId)).extracting(c -> c.hit().id())
                .containsExactly("a", "q", "x");
    }

    @Test
    void collapse_questionWithoutItsAnswerAmongCandidates_staysWhereItIs() {
        List<Candidate> ranked = List.of(turn("q", "quinn: Can you suggest a restaurant?", 1, 1.0),
                turn("x", "quinn: something else", 5, 0.8));
        assertThat(HybridRetriever.collapse(ranked, byId)).extracting(c -> c.hit().id())
                .containsExactly("q", "x");
    }

    @Test
    void directFirst_factAskedForByKey_leadsAndItsSourceTurnMakesWay() {
        List<Candidate> ranked = List.of(turn("x", "alice: something else", 5, 2.0),
                turn("t1", "alice: my favourite book is Dune", 1, 1.0));
        dev.spectron.engine.spi.FactRecord dune = new dev.spectron.engine.spi.FactRecord("f1",
                dev.spectron.engine.spi.EntityKey.of("person", "alice"), "favorite_book", "Dune",
                Optional.empty(), "knowledge", 0.5, 0.9, dev.spectron.api.Scope.of("user",
                        "alice"), dev.spectron.api.FactStatus.CURRENT, AT, Optional.empty(), AT,
                Optional.empty(), Optional.empty(), Optional.empty(), new Source("turn",
                        "turn:t1", Optional.of("s1"), Optional.of("t1"), Map.of()));
        List<Candidate> out = HybridRetriever.directFirst(ranked, List.of(dune));
        assertThat(out).extracting(c -> c.hit().id()).containsExactly("f1", "x");
        assertThat(out.getFirst().hit().score()).isGreaterThan(2.0);
    }

    private Candidate turn(String id, String text, int seq, double score) {
        Source source = new Source("turn", "turn:" + id, Optional.of("s1"), Optional.of(id),
                Map.of());
        Hit hit = new Hit(id, HitKind.TURN, text, score, Optional.empty(), source, AT,
                Optional.empty(), AT);
        byId.put(id, new Hydrator.Hydrated(hit, 0.5, source.trust(), AT, "quinn",
                java.util.Set.of(), seq));
        return new Candidate(hit, 0.7, true);
    }

    private Candidate fact(String id, String turnId, String text, double score) {
        Source source = new Source("turn", "turn:" + turnId, Optional.of("s1"),
                Optional.of(turnId), Map.of());
        Hit hit = new Hit(id, HitKind.ATTRIBUTE, text, score, Optional.of("person/alice"), source,
                AT, Optional.empty(), AT);
        byId.put(id, new Hydrator.Hydrated(hit, 0.5, source.trust(), AT, "alice"));
        return new Candidate(hit, 0.7, true);
    }
}
