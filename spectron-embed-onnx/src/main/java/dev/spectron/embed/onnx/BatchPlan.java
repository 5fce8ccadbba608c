package dev.spectron.embed.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Groups inputs of similar token length into batches, so that padding each batch to its longest
 * member wastes little work. A batch holds at most {@code maxBatch} inputs and at most
 * {@code maxTokens} padded tokens (attention memory grows with batch × length²), but always at
 * least one input.
 */
final class BatchPlan {
    private BatchPlan() {}

    /**
     * Indices into {@code lengths}, grouped into batches; every index appears exactly once.
     *
     * @param lengths token count of each input
     */
    static List<int[]> of(int[] lengths, int maxBatch, int maxTokens) {
        int[] order = IntStream.range(0, lengths.length).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> lengths[i]).reversed())
                .mapToInt(Integer::intValue)
                .toArray();
        List<int[]> batches = new ArrayList<>();
        int start = 0;
        while (start < order.length) {
            // Longest first, so the first member of a batch fixes its padded length.
            int longest = lengths[order[start]];
            int size = Math.max(1, Math.min(maxBatch, maxTokens / Math.max(1, longest)));
            int end = Math.min(order.length, start + size);
            batches.add(Arrays.copyOfRange(order, start, end));
            start = end;
        }
        return batches;
    }
}
