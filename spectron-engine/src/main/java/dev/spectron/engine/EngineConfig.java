package dev.spectron.engine;

/**
 * Limits and tuning of the engine. Immutable; start from {@link #defaults()} and change what you
 * need with the {@code with…} methods.
 *
 * @param maxContentChars longest turn content or remembered text, in characters (64 KiB)
 * @param maxQueryChars longest recall or context query
 * @param maxK most hits a recall may ask for
 * @param candidates how many candidates each retriever contributes before fusion
 * @param contextMinSimilarity cosine similarity a memory needs, on its own, to enter the context
 *     of a query about someone (one with a personal pronoun or a known person's name)
 * @param contextMinSimilarityWithTerms cosine similarity that suffices for such a query when the
 *     memory also shares a content word with it
 * @param maxMaxTokens largest token budget a context request may ask for
 * @param contextImpersonalMinSimilarity cosine similarity a memory needs, on its own, to enter
 *     the context of a query that refers to nobody
 * @param contextImpersonalMinSimilarityWithTerms the same when the memory also shares a content
 *     word with that query
 * @param plainTurnIndex index (and embed) a turn as {@code speaker: content} only, without its
 *     date, the turn it replies to or resolved relative dates, with one vector per passage as
 *     the model makes it (no {@code SentenceVectors}): what a plain store holds, for baselines
 *     and ablations (false by default)
 */
public record EngineConfig(int maxContentChars, int maxQueryChars, int maxK, int candidates,
        double contextMinSimilarity, double contextMinSimilarityWithTerms, int maxMaxTokens,
        double contextImpersonalMinSimilarity, double contextImpersonalMinSimilarityWithTerms,
        boolean plainTurnIndex) {

    /**
     * The defaults; the similarity thresholds are those calibrated for bge-small-en-v1.5 (see
     * docs/benchmarks.md); other embedding models need their own.
     */
    public static EngineConfig defaults() {
        return new EngineConfig(64 * 1024, 8 * 1024, 50, 100, 0.53, 0.48, 32_000, 0.70, 0.68, false);
    }

    /** A copy with other context thresholds for queries about someone. */
    public EngineConfig withContextThresholds(double alone, double withTerms) {
        return new EngineConfig(maxContentChars, maxQueryChars, maxK, candidates, alone, withTerms,
                maxMaxTokens, contextImpersonalMinSimilarity,
                contextImpersonalMinSimilarityWithTerms, plainTurnIndex);
    }

    /** A copy with other context thresholds for queries that refer to nobody. */
    public EngineConfig withImpersonalContextThresholds(double alone, double withTerms) {
        return new EngineConfig(maxContentChars, maxQueryChars, maxK, candidates,
                contextMinSimilarity, contextMinSimilarityWithTerms, maxMaxTokens, alone,
                withTerms, plainTurnIndex);
    }

    /** A copy with another content limit. */
    public EngineConfig withMaxContentChars(int chars) {
        return new EngineConfig(chars, maxQueryChars, maxK, candidates, contextMinSimilarity,
                contextMinSimilarityWithTerms, maxMaxTokens, contextImpersonalMinSimilarity,
                contextImpersonalMinSimilarityWithTerms, plainTurnIndex);
    }

    /** A copy with another cap on {@code k}. */
    public EngineConfig withMaxK(int k) {
        return new EngineConfig(maxContentChars, maxQueryChars, k, candidates, contextMinSimilarity,
                contextMinSimilarityWithTerms, maxMaxTokens, contextImpersonalMinSimilarity,
                contextImpersonalMinSimilarityWithTerms, plainTurnIndex);
    }

    /** A copy that indexes turns as a plain store would (see {@code plainTurnIndex}). */
    public EngineConfig withPlainTurnIndex() {
        return new EngineConfig(maxContentChars, maxQueryChars, maxK, candidates,
                contextMinSimilarity, contextMinSimilarityWithTerms, maxMaxTokens,
                contextImpersonalMinSimilarity, contextImpersonalMinSimilarityWithTerms, true);
    }
}
