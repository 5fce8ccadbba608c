package dev.spectron.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {
    private final SentenceSplitter splitter = new SentenceSplitter();

    private List<String> split(String text) {
        return Fixtures.nlp().with(tools -> splitter.split(text, tools)).stream()
                .map(b -> text.substring(b.start(), b.end())).toList();
    }

    @Test
    void split_questionThenStatement_givesTwoSentences() {
        assertThat(split("Can you suggest a restaurant? I'm vegan."))
                .containsExactly("Can you suggest a restaurant?", "I'm vegan.");
    }

    @Test
    void split_lineBreaks_alwaysEndASentence() {
        assertThat(split("Returns policy\nThe return window is 30 days"))
                .containsExactly("Returns policy", "The return window is 30 days");
    }

    @Test
    void split_blankText_givesNothing() {
        assertThat(split("  \n ")).isEmpty();
    }

    @Test
    void split_offsets_pointIntoTheText() {
        String text = "  I live in Oslo.  I like tea. ";
        List<SentenceSplitter.Bounds> bounds = Fixtures.nlp().with(t -> splitter.split(text, t));
        assertThat(bounds).hasSize(2);
        assertThat(text.substring(bounds.get(1).start(), bounds.get(1).end()))
                .isEqualTo("I like tea.");
    }
}
