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
            case ATTRIBUTE, RELATION -> 1.6;
            case CHUNK -> 1.3;
            case INSTRUCTION -> 1.2;
            case TURN -> 1.0;
        };
        double importance = 0.5 + h.importance() / 2;
        double trust = h.trust() >= dev.spectron.api.Source.AUTHORITATIVE_TRUST ? 1.3 : 1.0;
        return kind * importance * trust;
    }

    /** True for the kinds that state facts rather than evidence. */
    static boolean isFact(HitKind kind) {
        return kind == HitKind.ATTRIBUTE || kind == HitKind.RELATION;
    }
}
