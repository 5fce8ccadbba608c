package dev.spectron.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TurnTextTest {
    private static final Instant MAY_8 = Instant.parse("2023-05-08T13:56:00Z");

    @Test
    void index_addsResolvedDatesAndTheDay_afterWhatIsEmbedded() {
        String text = TurnText.index("Alice", "I went hiking yesterday.", MAY_8);
        assertThat(text).contains("yesterday = 7 May 2023").contains("(8 May 2023)");
        assertThat(TurnText.embedded(text)).isEqualTo("Alice: I went hiking yesterday.");
    }

    @Test
    void reply_carriesTheQuestion_butOnlyTheTurnIsEmbedded() {
        String text = TurnText.reply("assistant", "Sure, try Green Leaf.", MAY_8, "quinn",
                "Can you suggest a restaurant?");
        assertThat(text).contains("[replying to quinn: Can you suggest a restaurant?]");
        assertThat(TurnText.embedded(text)).isEqualTo("assistant: Sure, try Green Leaf.");
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
}
