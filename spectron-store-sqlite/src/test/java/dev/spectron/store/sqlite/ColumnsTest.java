package dev.spectron.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class ColumnsTest {

    @Test
    void instant_anyPrecision_fixedWidthUtcText() {
        assertThat(Columns.instant(Instant.parse("2024-05-08T12:34:56Z")))
                .isEqualTo("2024-05-08T12:34:56.000000000Z");
        assertThat(Columns.instant(Instant.parse("2024-05-08T12:34:56.1234Z")))
                .isEqualTo("2024-05-08T12:34:56.123400000Z");
    }

    @RepeatedTest(20)
    void instant_randomInstants_textOrderIsTimeOrderAndRoundTrips(RepetitionInfo repetition) {
        long seed = 7919L * repetition.getCurrentRepetition();
        Random random = new Random(seed);
        List<Instant> instants = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L),
                    random.nextInt(1_000_000_000)));
        }
        List<String> texts = instants.stream().map(Columns::instant).sorted().toList();
        List<Instant> sorted = instants.stream().sorted().toList();
        assertThat(texts.stream().map(Columns::instant).toList())
                .as("seed %d", seed).isEqualTo(sorted);
    }
}
