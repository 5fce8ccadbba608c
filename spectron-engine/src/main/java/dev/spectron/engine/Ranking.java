package dev.spectron.engine;

import dev.spectron.api.HitKind;

/**
 * Reranking after fusion: a candidate's fused score is weighted by what it is (a current fact
 * states what holds; a turn is only evidence), how important it is, and how much its source is
 * trusted (authoritative documents over chat hearsay).
 */
final class Ranking {
    private Ranking() {}

    static double weight(Hydrator.Hydrated h) {
        double kind = switch (h.hit().kind()) {
            case ATTRIBUTE, RELATION -> 1.3;
            case CHUNK -> 1.15;
            case INSTRUCTION -> 1.1;
            case TURN, UNCERTAINTY -> 1.0; // uncertainties are not searched: never ranked
        };
        // Importance is left to the context budget for now: as a multiplier on rank-fused scores,
        // which differ by a few percent between neighbours, it overrode relevance.
        double trust = h.trust() >= dev.spectron.api.Source.AUTHORITATIVE_TRUST ? 1.3 : 1.0;
        return kind * trust * length(h) * (endsAsking(h) ? ASKING : 1.0);
    }

    /** A turn of this many characters weighs 1 by its {@linkplain #length length}. */
    static final double TYPICAL_TURN_CHARS = 140;
    /** How fast a turn's weight grows with its length ({@link #length}). */
    static final double LENGTH_EXPONENT = 0.15;
    static final double MIN_LENGTH_WEIGHT = 0.8;
    static final double MAX_LENGTH_WEIGHT = 1.2;

    /**
     * A turn's length prior, {@code (characters / 140)^0.15} between 0.8 and 1.2 (1 for other
     * kinds): a pleasantry ("Wow, great!") rarely answers a question, and a turn that tells
     * something at length often does, while BM25 divides a long text's score down and a mean of
     * sentence vectors ignores length. On LoCoMo evidence turns average 193 characters, all turns
     * 143. Exponents 0.1 / 0.15 / 0.2 / 0.25 took multi-hop recall@10 from 54.7 to 55.6 / 56.2 /
     * 56.0 / 55.8 and open-domain from 42.8 to 43.9 / 45.1 / 46.2 / 48.5, at a point of temporal
     * (docs/benchmarks.md).
     */
    static double length(Hydrator.Hydrated h) {
        if (h.hit().kind() != HitKind.TURN) {
            return 1.0;
        }
        double prior = Math.pow(h.hit().text().length() / TYPICAL_TURN_CHARS, LENGTH_EXPONENT);
        return Math.max(MIN_LENGTH_WEIGHT, Math.min(MAX_LENGTH_WEIGHT, prior));
    }

    /**
     * Weight of a turn that ends by asking: a question ("Can you suggest a restaurant?") is
     * rarely the memory a later question needs; the answer to it usually is. Not a turn that
     * asks along the way and then goes on, telling more or showing something ("Any tips? I
     * signed up for a pottery class.", "Look what I made! Like it? [shares a photo: a bowl]"):
     * weighing every turn with a question mark down cost 1 point of LoCoMo recall@10
     * (docs/benchmarks.md).
     */
    static final double ASKING = 0.75;

    /**
     * Weight of a turn that says when (a date, or "last Saturday") for a question that asks when:
     * the answer to "When did Melanie run a charity race?" is the turn that dates the race, not
     * the later one that mentions it. On LoCoMo's temporal questions it took recall@1 from 45.2
     * to 52.9 and nDCG@10 from 67.6 to 71.8 (docs/benchmarks.md).
     */
    static final double DATED = 1.2;

    /** {@link #DATED} for a turn that says when, when the query asks when; else 1. */
    static double timeWeight(boolean asksWhen, Hydrator.Hydrated h) {
        return asksWhen && h.hit().kind() == HitKind.TURN && RelativeDates.dated(h.hit().text())
                ? DATED : 1.0;
    }

    /** True for a turn that asks something anywhere: the next turn of its session answers it. */
    static boolean asks(Hydrator.Hydrated h) {
        return h.hit().kind() == HitKind.TURN && h.hit().text().contains("?");
    }

    /** True for a turn whose last sentence asks ({@link #ASKING}). */
    static boolean endsAsking(Hydrator.Hydrated h) {
        return h.hit().kind() == HitKind.TURN && h.hit().text().strip().endsWith("?");
    }

    /** True for the kinds that state facts rather than evidence. */
    static boolean isFact(HitKind kind) {
        return kind == HitKind.ATTRIBUTE || kind == HitKind.RELATION;
    }
}
