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
            case TURN -> 1.0;
        };
        // Importance is left to the context budget for now: as a multiplier on rank-fused scores,
        // which differ by a few percent between neighbours, it overrode relevance.
        double trust = h.trust() >= dev.spectron.api.Source.AUTHORITATIVE_TRUST ? 1.3 : 1.0;
        return kind * trust * (asks(h) ? ASKING : 1.0);
    }

    /**
     * Weight of a turn that asks something: a question ("Can you suggest a restaurant?") is
     * rarely the memory a later question needs; the answer to it usually is.
     */
    static final double ASKING = 0.75;

    static boolean asks(Hydrator.Hydrated h) {
        return h.hit().kind() == HitKind.TURN && h.hit().text().contains("?");
    }

    /** True for the kinds that state facts rather than evidence. */
    static boolean isFact(HitKind kind) {
        return kind == HitKind.ATTRIBUTE || kind == HitKind.RELATION;
    }
}
