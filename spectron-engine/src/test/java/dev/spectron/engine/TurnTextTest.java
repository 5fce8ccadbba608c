package dev.spectron.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.api.Role;
import dev.spectron.api.Turn;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class TurnTextTest {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    @Test
    void day_instant_dayMonthNameYearInUtc() {
        assertThat(TurnText.day(Instant.parse("2023-05-08T23:59:59.999Z"))).isEqualTo("8 May 2023");
        assertThat(TurnText.day(Instant.parse("1969-12-31T23:59:59Z")))
                .isEqualTo("31 December 1969");
    }

    @RepeatedTest(20)
    void day_randomInstants_asTheFormatterWritesThem(RepetitionInfo repetition) {
        long seed = 9_311L * repetition.getCurrentRepetition();
        Random random = new Random(seed);
        for (int i = 0; i < 500; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-70_000_000_000L, 300_000_000_000L),
                    random.nextInt(1_000_000_000));
            assertThat(TurnText.day(at)).as("seed %d: %s", seed, at).isEqualTo(DAY.format(at));
        }
    }

    private static final Instant MAY_8 = Instant.parse("2023-05-08T13:56:00Z");

    @Test
    void index_addsResolvedDatesAndTheDay_afterWhatIsEmbedded() {
        String text = TurnText.index("Alice", "I went hiking yesterday.", MAY_8);
        assertThat(text).contains("yesterday = 7 May 2023").contains("(8 May 2023)");
        assertThat(TurnText.embedded(text)).isEqualTo("Alice: I went hiking yesterday.");
    }

    @Test
    void reply_carriesTheQuestion_embeddedAfterTheTurnAsTheSentenceItAnswers() {
        String text = TurnText.reply("assistant", "Sure, try Green Leaf.", MAY_8, "quinn",
                "I am in Lisbon. Can you suggest a restaurant?");
        assertThat(text).contains("[replying to quinn: I am in Lisbon. Can you suggest a"
                + " restaurant?]");
        assertThat(TurnText.embedded(text)).isEqualTo("assistant: Sure, try Green Leaf."
                + TurnText.ANSWERS + "quinn: Can you suggest a restaurant?");
    }

    @Test
    void reply_longPreviousTurn_carriesItsEnd() {
        String previous = "It rained all day. ".repeat(15) + "So, where should we eat tonight?";
        String text = TurnText.reply("Bo", "Green Leaf.", MAY_8, "Al", previous);
        assertThat(text).endsWith("So, where should we eat tonight?]").contains(": …");
        assertThat(text.substring(text.indexOf("[replying to"))).hasSizeLessThan(
                TurnText.REPLY_CONTEXT_CHARS + 30);
        assertThat(TurnText.embedded(text)).endsWith(TurnText.ANSWERS
                + "Al: So, where should we eat tonight?");
    }

    @Test
    void answeredBy_aTurnThatAsksAnywhere_isAnsweredByTheNext() {
        assertThat(TurnText.answeredBy(turn("Ever been to one? [shares a photo: a poster]"),
                Role.USER)).isTrue();
        assertThat(TurnText.answeredBy(turn("What concert was it? The advocacy event was cool!"),
                Role.USER)).isTrue();
        assertThat(TurnText.answeredBy(turn("Where should we eat?"), Role.USER)).isTrue();
        assertThat(TurnText.answeredBy(turn("I went hiking."), Role.USER)).isFalse();
        assertThat(TurnText.answeredBy(turn("I went hiking."), Role.ASSISTANT)).isTrue();
    }

    @Test
    void reply_toAQuestionFollowedByAPhoto_embedsTheQuestionNotThePhoto() {
        String text = TurnText.reply("Melanie", "Nope, never been. What was it about?", MAY_8,
                "Caroline", "I went to a poetry reading last Fri. Ever been to one?"
                        + " [shares a photo: a poster on a wall]");
        assertThat(TurnText.embedded(text)).endsWith(TurnText.ANSWERS
                + "Caroline: Ever been to one?");
    }

    private static Turn turn(String content) {
        return new Turn("t", "s", 1, Role.USER, Optional.empty(), content, MAY_8, MAY_8,
                Map.of());
    }

    @Test
    void embedded_separatorInsideTheContent_cannotCutTheTurnShort() {
        String text = TurnText.index("Alice", "a" + TurnText.ADDITIONS + "b", MAY_8);
        assertThat(TurnText.embedded(text)).isEqualTo("Alice: a b");
    }

    @Test
    void embedded_textWithoutAdditions_isWhole() {
        assertThat(TurnText.embedded("alice — likes: hiking")).isEqualTo("alice — likes: hiking");
    }

    @Test
    void naming_aTurnWithoutItsSpeaker_otherRecordsWhole() {
        assertThat(TurnText.naming("turn", "Rome: I stayed home")).isEqualTo("I stayed home");
        assertThat(TurnText.naming("attribute", "alice — lives in: Lisbon"))
                .isEqualTo("alice — lives in: Lisbon");
    }
}
