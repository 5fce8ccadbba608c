package dev.spectron.eval;

import java.util.Arrays;

/** Latency samples in nanoseconds, summarised as milliseconds at nearest-rank percentiles. */
final class Percentiles {
    private final long[] sorted;

    Percentiles(long[] nanos) {
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    /** The p-th percentile (0 < p ≤ 100) in milliseconds, nearest rank. */
    double ms(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    int count() {
        return sorted.length;
    }
}
