package dev.spectron.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RelativeDatesTest {
    /** A Monday. */
    private static final Instant SAID = Instant.parse("2023-05-08T13:56:00Z");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "I went to a support group yesterday.|yesterday = 7 May 2023",
        "We stayed up late last night|last night = 7 May 2023",
        "My exam is tomorrow!|tomorrow = 9 May 2023",
        "Last week I painted a lake.|last week = the week before 8 May 2023",
        "We went camping last weekend|last weekend = the weekend before 8 May 2023",
        "I ran a charity race last Saturday|last saturday = 6 May 2023",
        "I start next Friday|next friday = 12 May 2023",
        "I moved here last month|last month = April 2023",
        "We got married last year|last year = 2022",
        "I'm going to Paris next month|next month = June 2023",
        "I adopted him two weeks ago|two weeks ago = the week of 24 April 2023",
        "I quit 3 days ago|3 days ago = 5 May 2023",
        "I started a few months ago|a few months ago = about February 2023",
        "We met a couple of years ago|a couple of years ago = about 2021",
    })
    void notes_relativeExpression_resolvedAgainstWhenItWasSaid(String text, String expected) {
        assertThat(RelativeDates.notes(text, SAID)).isEqualTo(expected);
    }

    @Test
    void notes_noRelativeExpression_empty() {
        assertThat(RelativeDates.notes("I love painting sunsets.", SAID)).isEmpty();
        assertThat(RelativeDates.annotate("I love painting sunsets.", SAID))
                .isEqualTo("I love painting sunsets.");
    }

    @Test
    void annotate_severalExpressions_allNotedOnceInOrder() {
        assertThat(RelativeDates.annotate("Yesterday I said that last week was hard, yesterday!",
                SAID)).isEqualTo("Yesterday I said that last week was hard, yesterday! "
                        + "(yesterday = 7 May 2023; last week = the week before 8 May 2023)");
    }

    @Test
    void notes_wordsThatOnlyContainAnExpression_ignored() {
        assertThat(RelativeDates.notes("The yesterdays of a lasting weekender", SAID)).isEmpty();
    }
}
