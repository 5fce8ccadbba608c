package dev.spectron.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
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

    @RepeatedTest(20)
    void instant_randomTexts_readAsInstantParseReadsThem(RepetitionInfo repetition) {
        long seed = 104_729L * repetition.getCurrentRepetition();
        Random random = new Random(seed);
        for (int i = 0; i < 500; i++) {
            String text = Columns.instant(Instant.ofEpochSecond(
                    random.nextLong(-62_000_000_000L, 253_000_000_000L),
                    random.nextInt(1_000_000_000)));
            assertThat(Columns.instant(text)).as("seed %d: %s", seed, text)
                    .isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void instant_textOfAnotherShapeOrOutOfRange_readOrRejectedAsInstantParseDoes() {
        assertThat(Columns.instant("2024-05-08T12:34:56Z"))
                .isEqualTo(Instant.parse("2024-05-08T12:34:56Z"));
        assertThat(Columns.instant("2024-02-29T23:59:59.999999999Z"))
                .isEqualTo(Instant.parse("2024-02-29T23:59:59.999999999Z"));
        for (String bad : List.of("2023-02-29T00:00:00.000000000Z",
                "2024-13-01T00:00:00.000000000Z", "2024-05-08T25:00:00.000000000Z",
                "2024-05-08T12:34:56.12340000xZ", "2024-05-08 12:34:56.123400000Z")) {
            assertThatThrownBy(() -> Columns.instant(bad)).as(bad)
                    .isInstanceOf(DateTimeParseException.class);
        }
    }
}
