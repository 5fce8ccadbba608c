package dev.spectron.engine;

/**
 * Limits and tuning of the engine. Immutable; start from {@link #defaults()} and change what you
 * need with the {@code with…} methods.
 *
 * @param maxContentChars longest turn content or remembered text, in characters (64 KiB)
 * @param maxQueryChars longest recall or context query
 * @param maxK most hits a recall may ask for
 * @param candidates how many candidates each retriever contributes before fusion
 * @param contextMinSimilarity cosine similarity a turn needs, on its own, to enter a context
 * @param contextMinSimilarityWithTerms cosine similarity that suffices when the turn also shares
 *     a content word with the query (BM25 hit)
 * @param maxMaxTokens largest token budget a context request may ask for
 */
public record EngineConfig(int maxContentChars, int maxQueryChars, int maxK, int candidates,
        double contextMinSimilarity, double contextMinSimilarityWithTerms, int maxMaxTokens) {

    /**
     * The defaults; the similarity thresholds are those calibrated for bge-small-en-v1.5 (see
     * docs/benchmarks.md); other embedding models need their own.
     */
    public static EngineConfig defaults() {
        return new EngineConfig(64 * 1024, 8 * 1024, 50, 100, 0.62, 0.50, 32_000);
    }

    /** A copy with other context thresholds. */
    public EngineConfig withContextThresholds(double alone, double withTerms) {
        return new EngineConfig(maxContentChars, maxQueryChars, maxK, candidates, alone, withTerms,
                maxMaxTokens);
    }

    /** A copy with another content limit. */
    public EngineConfig withMaxContentChars(int chars) {
        return new EngineConfig(chars, maxQueryChars, maxK, candidates, contextMinSimilarity,
                contextMinSimilarityWithTerms, maxMaxTokens);
    }

    /** A copy with another cap on {@code k}. */
    public EngineConfig withMaxK(int k) {
        return new EngineConfig(maxContentChars, maxQueryChars, k, candidates, contextMinSimilarity,
                contextMinSimilarityWithTerms, maxMaxTokens);
    }
}
