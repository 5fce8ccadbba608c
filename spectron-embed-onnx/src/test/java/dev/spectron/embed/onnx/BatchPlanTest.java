package dev.spectron.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class BatchPlanTest {
    @Test
    void of_noInputs_isEmpty() {
        assertThat(BatchPlan.of(new int[0], 32, 4096)).isEmpty();
    }

    @Test
    void of_mixedLengths_groupsSimilarLengthsLongestFirst() {
        List<int[]> batches = BatchPlan.of(new int[] {5, 100, 6, 90, 7}, 2, 4096);

        assertThat(batches).containsExactly(new int[] {1, 3}, new int[] {4, 2}, new int[] {0});
    }

    @Test
    void of_longInputs_respectsTokenBudget() {
        List<int[]> batches = BatchPlan.of(new int[] {512, 512, 512, 512, 10}, 32, 1024);

        assertThat(batches).extracting(b -> b.length).containsExactly(2, 2, 1);
    }

    @Test
    void of_inputLongerThanBudget_stillGetsABatch() {
        assertThat(BatchPlan.of(new int[] {512}, 32, 100)).containsExactly(new int[] {0});
    }

    @RepeatedTest(20)
    void of_randomLengths_coversEveryIndexOnceWithinLimits(RepetitionInfo repetition) {
        long seed = 1000L + repetition.getCurrentRepetition();
        Random random = new Random(seed);
        int[] lengths = random.ints(random.nextInt(200), 2, 513).toArray();
        int maxBatch = 1 + random.nextInt(40);
        int maxTokens = 512 + random.nextInt(8192);

        List<int[]> batches = BatchPlan.of(lengths, maxBatch, maxTokens);

        int[] all = batches.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        assertThat(all).as("seed %d", seed).containsExactly(
                java.util.stream.IntStream.range(0, lengths.length).toArray());
        for (int[] batch : batches) {
            int longest = Arrays.stream(batch).map(i -> lengths[i]).max().orElseThrow();
            assertThat(batch.length).as("seed %d", seed).isBetween(1, maxBatch);
            assertThat(batch.length == 1 || batch.length * longest <= maxTokens)
                    .as("seed %d", seed).isTrue();
        }
    }
}
