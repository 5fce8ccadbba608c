package dev.spectron.engine;

import dev.spectron.api.Context;
import dev.spectron.api.Hit;
import java.util.List;

/** The context format, for benchmarks that pack another retriever's hits the way Spectron does. */
public final class ContextPacking {
    private ContextPacking() {}

    /**
     * Turn hits (other kinds are skipped) packed into {@code maxTokens} in rank order while they
     * fit, grouped under the day they were said, exactly as {@code context} writes turns; no
     * relevance threshold.
     */
    public static Context turns(List<Hit> hits, int maxTokens) {
        return ContextBuilder.turns(hits, maxTokens);
    }
}
