package dev.spectron.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LexiconTest {
    private static final Lexicon LEXICON = Lexicon.parse("""
            # comment
            [pref]
            food, meal | food_preference | strip
            tea | drink_preference
            green tea | drink_preference
            * | likes
            [punct]
            \\, | join
            [ago]
            _ _ ago
            """);

    @Test
    void get_entryWithColumns_returnsItsColumns() {
        Lexicon.Entry meal = LEXICON.table("pref").get("meal").orElseThrow();
        assertThat(meal.column(0)).isEqualTo("food_preference");
        assertThat(meal.column(1)).isEqualTo("strip");
        assertThat(meal.column(5)).isEmpty();
    }

    @Test
    void fallback_starEntry_isTheDefault() {
        assertThat(LEXICON.table("pref").fallback()).get()
                .extracting(e -> e.column(0)).isEqualTo("likes");
    }

    @Test
    void parse_escapedComma_isAPhrase() {
        assertThat(LEXICON.table("punct").contains(",")).isTrue();
    }

    @Test
    void at_pluralWord_matchesSingularEntry() {
        Clause c = Fixtures.clause("I love meals");
        assertThat(LEXICON.table("pref").at(c.tokens(), 2, c.size())).hasSize(1);
    }

    @Test
    void best_longerPhrase_winsOverItsHead() {
        Clause c = Fixtures.clause("I drink green tea");
        Lexicon.Hit hit = LEXICON.table("pref").best(c.tokens(), 2, 4).orElseThrow();
        assertThat(hit.entry().phrase()).isEqualTo("green tea");
    }

    @Test
    void best_equalLengths_prefersTheRightmost() {
        Clause c = Fixtures.clause("I like tea food");
        Lexicon.Hit hit = LEXICON.table("pref").best(c.tokens(), 2, 4).orElseThrow();
        assertThat(hit.entry().phrase()).isEqualTo("food");
    }

    @Test
    void at_wildcardEntry_matchesAnyWords() {
        Clause c = Fixtures.clause("five years ago");
        assertThat(LEXICON.table("ago").at(c.tokens(), 0, c.size())).hasSize(1);
    }

    @Test
    void parse_entryBeforeAnyTable_failsNamingTheLine() {
        assertThatThrownBy(() -> Lexicon.parse("tea | drink"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1");
    }

    @Test
    void table_unknownName_failsNamingIt() {
        assertThatThrownBy(() -> LEXICON.table("nope"))
                .hasMessageContaining("[nope]");
    }

    @Test
    void builtIn_tablesTheCodeNeeds_arePresent() {
        Lexicon builtIn = Fixtures.lexicon();
        for (String table : new String[] {"spelling", "pronoun", "question", "clause", "starter",
                "barrier", "connector", "kin", "notname", "unit", "filler", "trim.lead",
                "trim.trail", "marker", "pasttense", "retype", "objtype", "shape", "number",
                "vague"}) {
            assertThat(builtIn.has(table)).as(table).isTrue();
        }
    }
}
