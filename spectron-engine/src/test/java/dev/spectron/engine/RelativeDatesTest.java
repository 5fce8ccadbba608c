package dev.spectron.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
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

    private static final List<String> EVERY_FORM = List.of("yesterday", "last night",
            "tomorrow", "last weekend", "this weekend", "next weekend", "last week",
            "next week", "last month", "this month", "next month", "last year", "this year",
            "next year", "last monday", "this past tuesday", "next wednesday",
            "this coming sunday", "3 days ago", "12 weeks ago", "a month ago", "an year ago",
            "ten years ago", "a couple of days ago", "a couple of months ago", "a few weeks ago");

    @RepeatedTest(20)
    void notes_everyFormInAnyCaseAmongOtherWords_noted(RepetitionInfo repetition) {
        long seed = 31L * repetition.getCurrentRepetition();
        Random random = new Random(seed);
        for (String form : EVERY_FORM) {
            StringBuilder cased = new StringBuilder();
            for (char c : form.toCharArray()) {
                cased.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
            }
            String text = "Well, " + (random.nextBoolean() ? "" : "I said ") + cased
                    + (random.nextBoolean() ? "." : " we went out");
            assertThat(RelativeDates.notes(text, SAID)).as("seed %d: %s", seed, text)
                    .startsWith(form + " = ");
        }
    }

    @Test
    void notes_cueWordsWithoutAnExpression_empty() {
        assertThat(RelativeDates.notes("This is the last one; next, the agony of Chicago ago",
                SAID)).isEmpty();
    }

    private static final String[] PIECES = {"yesterday", "Last ", "last", "this ", "past ",
        "coming ", "next ", "NEXT ", "week", "weekend", "month", "year", "days", "s", " ago",
        " Ago", "ago", "a ", "an ", "a couple of ", "a few ", "two ", "12 ", "3", " ", " ", ", ",
        ". ", "Friday", "sunday", "tomorrow", "night", "I", "went", "Chicago", "x", "this 3 ",
        "months", "Yesterday", "ten ", "one ", "few "};

    @RepeatedTest(100)
    void notes_randomTexts_noteEveryExpressionTheWholeTextHolds(RepetitionInfo repetition) {
        long seed = 7_417L * repetition.getCurrentRepetition();
        Random random = new Random(seed);
        for (int i = 0; i < 200; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = random.nextInt(30); j > 0; j--) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            Set<String> expected = new LinkedHashSet<>();
            Matcher m = RelativeDates.EXPRESSION.matcher(text);
            while (m.find()) {
                expected.add(m.group().toLowerCase(Locale.ROOT));
            }
            String notes = RelativeDates.notes(text.toString(), SAID);
            List<String> noted = notes.isEmpty() ? List.of() : Arrays.stream(notes.split("; "))
                    .map(note -> note.substring(0, note.indexOf(" = "))).toList();
            assertThat(noted).as("seed %d: %s", seed, text).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void asksWhen_questionsAboutWhen() {
        assertThat(RelativeDates.asksWhen("When did Melanie run a charity race?")).isTrue();
        assertThat(RelativeDates.asksWhen("  when is the party")).isTrue();
        assertThat(RelativeDates.asksWhen("What year did Jon open his studio?")).isTrue();
        assertThat(RelativeDates.asksWhen("How long ago was the trip?")).isTrue();
        assertThat(RelativeDates.asksWhen("What did Melanie run?")).isFalse();
        assertThat(RelativeDates.asksWhen("Whenever I travel, what should I pack?")).isFalse();
        assertThat(RelativeDates.asksWhen("Where do I go when it rains?")).isFalse();
    }

    @Test
    void dated_relativeOrAbsoluteDates_butNotTheVerbMay() {
        assertThat(RelativeDates.dated("I ran a charity race last Saturday.")).isTrue();
        assertThat(RelativeDates.dated("We moved two weeks ago.")).isTrue();
        assertThat(RelativeDates.dated("The show is on 8 May at noon.")).isTrue();
        assertThat(RelativeDates.dated("Back in 2022 I painted a lot.")).isTrue();
        assertThat(RelativeDates.dated("See you on Friday!")).isTrue();
        assertThat(RelativeDates.dated("Born on the 8th May, she says.")).isTrue();
        assertThat(RelativeDates.dated("It opens May 8.")).isTrue();
        assertThat(RelativeDates.dated("I went this morning.")).isTrue();
        assertThat(RelativeDates.dated("Today's plan: nothing.")).isTrue();
        assertThat(RelativeDates.dated("I scored 2022 points, may 8 of them count?")).isTrue();
        assertThat(RelativeDates.dated("Room 12345 may be free; 3000 people came.")).isFalse();
        assertThat(RelativeDates.dated("Thanks, I may join the race.")).isFalse();
        assertThat(RelativeDates.dated("The race was for mental health.")).isFalse();
        assertThat(RelativeDates.dated("My last game was tough.")).isFalse();
    }
}
