package dev.spectron.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

class IdGeneratorTest {
    @RepeatedTest(20)
    void timeOrdered_anyClock_twelveHexDigitsOfMillisThenSixteenRandom(RepetitionInfo repetition) {
        long seed = 3_571L * repetition.getCurrentRepetition();
        Random random = new Random(seed);
        for (int i = 0; i < 100; i++) {
            long millis = i == 0 ? (1L << 48) - 1 : i == 1 ? 1L << 48
                    : random.nextLong(0, 1L << 50);
            String id = IdGenerator.timeOrdered(() -> Instant.ofEpochMilli(millis)).next();
            assertThat(id).as("seed %d, millis %d", seed, millis)
                    .startsWith(String.format("%012x", millis))
                    .hasSize(String.format("%012x", millis).length() + 16)
                    .matches("[0-9a-f]+");
        }
    }
}
