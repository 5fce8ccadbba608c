package dev.spectron.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class GraphDensityTest {
    private static final String[] PIECES = {"Caroline", "Mel", "went", "to", "Paris", " ", " ",
        ". ", "! ", "? ", ", ", "\n", "Ab", "ABC", "McDonald", "Émile", "Zoë", "café", "_Tom",
        "3Rd", "Über", "\uD835\uDC00bc", "\uD835\uDC00", "x", "The", "I", "'s", "Ñandú", "ǅemal"};

    @Test
    void names_sentenceStartsAndShortWords_leftOut() {
        assertThat(GraphDensity.names("Hey Caroline! Yes, I met Mel and Jon in Paris. Nice."))
                .containsExactly("Hey", "Caroline", "Mel", "Jon", "Paris");
    }

    @RepeatedTest(50)
    void names_randomTexts_sameAsFindingTheExpressionEverywhere(RepetitionInfo repetition) {
        long seed = 6_151L * repetition.getCurrentRepetition();
        Random random = new Random(seed);
        for (int i = 0; i < 200; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = random.nextInt(20); j > 0; j--) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            assertThat(GraphDensity.names(text.toString())).as("seed %d: %s", seed, text)
                    .isEqualTo(everyMatch(text.toString()));
        }
    }

    private static List<String> everyMatch(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = GraphDensity.NAME.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
