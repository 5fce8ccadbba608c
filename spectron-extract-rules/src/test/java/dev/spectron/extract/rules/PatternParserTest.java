package dev.spectron.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PatternParserTest {
    private static final Lexicon LEXICON = Lexicon.parse("[diet]\nvegan\n");

    @Test
    void parse_sequenceWithSlotsAndOptions_buildsTheTree() {
        PatternNode node = PatternParser.parse("SUBJ ~ (prefer | like) [OBJ] (over [ALT])?",
                LEXICON);
        assertThat(node).isInstanceOf(PatternNode.Seq.class);
        PatternNode.Seq seq = (PatternNode.Seq) node;
        assertThat(seq.items()).hasSize(5);
        assertThat(seq.items().get(0)).isEqualTo(new PatternNode.Slot("SUBJ",
                new PatternNode.Chunk("subj", "")));
        assertThat(seq.items().get(1)).isInstanceOf(PatternNode.Filler.class);
        assertThat(seq.items().get(2)).isEqualTo(new PatternNode.Alt(java.util.List.of(
                new PatternNode.Word("prefer"), new PatternNode.Word("like"))));
        assertThat(seq.items().get(3)).isEqualTo(new PatternNode.Slot("OBJ",
                new PatternNode.Chunk("np", "")));
        assertThat(seq.items().get(4)).isInstanceOf(PatternNode.Repeat.class);
    }

    @Test
    void parse_quotedTaggedTableAndPrimitive_areDistinguished() {
        PatternNode.Seq seq = (PatternNode.Seq) PatternParser.parse(
                "\"eats\" {NOUN} @diet <np@diet> !_ ^ $", LEXICON);
        assertThat(seq.items()).containsExactly(new PatternNode.Surface("eats"),
                new PatternNode.Tag("NOUN"), new PatternNode.TableRef("diet", ""),
                new PatternNode.Chunk("np", "diet"), new PatternNode.Not(new PatternNode.Any()),
                new PatternNode.Start(), new PatternNode.End());
    }

    @Test
    void slots_ofAPattern_areListedInOrder() {
        assertThat(PatternParser.slots("POSS [K @diet] be [V <rest>]", LEXICON))
                .containsExactly("SUBJ", "K", "V");
    }

    @Test
    void parse_unknownTable_failsNamingIt() {
        assertThatThrownBy(() -> PatternParser.parse("SUBJ be @nope", LEXICON))
                .hasMessageContaining("[nope]");
    }

    @Test
    void parse_upperCaseWord_failsSuggestingASlot() {
        assertThatThrownBy(() -> PatternParser.parse("SUBJ like OBJ", LEXICON))
                .hasMessageContaining("[OBJ");
    }

    @Test
    void parse_unknownTag_fails() {
        assertThatThrownBy(() -> PatternParser.parse("{NOUNS}", LEXICON))
                .hasMessageContaining("unknown tag");
    }

    @Test
    void parse_unbalancedParenthesis_fails() {
        assertThatThrownBy(() -> PatternParser.parse("(a | b", LEXICON))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
