package dev.spectron.engine;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves relative time expressions ("yesterday", "last week", "two months ago", "last
 * Saturday") against the moment a turn was said, so that a memory read months later still says
 * when things happened: "I went hiking yesterday" said on 8 May 2023 is noted as
 * {@code yesterday = 7 May 2023}. The notes go into the turn's index text (so "when" questions
 * find the date by words) and into the context lines an LLM reads. Dates are calendar dates in
 * UTC, the zone turn dates are shown in.
 */
final class RelativeDates {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH =
            DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(Map.entry("a", 1),
            Map.entry("an", 1), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
            Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9),
            Map.entry("ten", 10), Map.entry("couple of", 2), Map.entry("few", 3));
    private static final String DAYS =
            "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
    static final Pattern EXPRESSION = Pattern.compile("\\b(?:"
            + "(?<fixed>yesterday|last night|tomorrow|last weekend|this weekend|next weekend"
            + "|last week|next week|last month|this month|next month|last year|this year"
            + "|next year)"
            + "|(?<dir>last|this past|next|this coming) (?<wday>" + DAYS + ")"
            + "|(?<n>\\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten"
            + "|a couple of|a few) (?<unit>day|week|month|year)s? ago"
            + ")\\b", Pattern.CASE_INSENSITIVE);
    /** Longest text an expression holds before " ago": "a couple of months". */
    private static final int LONGEST_BEFORE_AGO = "a couple of months".length();

    /** Questions about when: "When did …", "Since when …", "How long ago …", "What year …". */
    private static final Pattern ASKS_WHEN = Pattern.compile("^\\W*(?:when|since when|how long"
            + " ago|(?:what|which) (?:date|day|year|month|week|time of year))\\b",
            Pattern.CASE_INSENSITIVE);
    /**
     * Words that date what is said outright, by length: month and day names, "today",
     * "tonight". "May" is not among them: alone it is mostly the verb ({@link #absolute} takes it
     * beside a number).
     */
    private static final String[][] DATE_WORDS = byLength("january", "february", "march",
            "april", "june", "july", "august", "september", "october", "november", "december",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
            "tonight");

    private RelativeDates() {}

    /** True when {@code query} asks when something happened. */
    static boolean asksWhen(String query) {
        return ASKS_WHEN.matcher(query).find();
    }

    /**
     * True when {@code text} says when: a relative expression this class resolves ("last
     * Saturday", "two weeks ago") or a date, year, month or day name.
     */
    static boolean dated(String text) {
        if (absolute(text)) {
            return true;
        }
        BitSet starts = possibleStarts(text);
        Matcher m = EXPRESSION.matcher(text).useTransparentBounds(true);
        for (int i = starts.nextSetBit(0); i >= 0; i = starts.nextSetBit(i + 1)) {
            if (m.region(i, text.length()).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Notes for the relative expressions in {@code text} said at {@code at}, e.g.
     * {@code "yesterday = 7 May 2023; last week = the week before 8 May 2023"}; {@code ""} when
     * there are none.
     */
    static String notes(String text, Instant at) {
        BitSet starts = possibleStarts(text);
        if (starts.isEmpty()) {
            return "";
        }
        // The expression is tried only where it can start, in order, as find() would try every
        // position; transparent bounds let its word boundaries see the text before.
        Matcher m = EXPRESSION.matcher(text).useTransparentBounds(true);
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        Set<String> notes = new LinkedHashSet<>();
        for (int i = starts.nextSetBit(0); i >= 0; i = starts.nextSetBit(i)) {
            if (m.region(i, text.length()).lookingAt()) {
                String resolved = resolve(m, day);
                if (resolved != null) {
                    notes.add(m.group().toLowerCase(Locale.ROOT) + " = " + resolved);
                }
                i = m.end();
            } else {
                i++;
            }
        }
        return String.join("; ", notes);
    }

    /** {@code text} followed by its notes in parentheses, or {@code text} when it has none. */
    static String annotate(String text, Instant at) {
        String notes = notes(text, at);
        return notes.isEmpty() ? text : text + " (" + notes + ")";
    }

    /**
     * True when {@code text} has a date said outright: a {@linkplain #DATE_WORDS date word}, a
     * year (19xx, 20xx), "this morning", or "May" beside a day number ("8 May", "8th May", "May
     * 8"). One pass over the words: recall checks up to 150 candidates for a question that asks
     * when, and a case-insensitive regular expression tried at every position cost 12 µs a
     * LoCoMo turn.
     */
    static boolean absolute(String text) {
        int previous = -1;
        int previousLength = 0;
        int i = 0;
        while (i < text.length()) {
            if (!Character.isLetterOrDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            int length = i - start;
            if (dateWord(text, start, length) || year(text, start, length)
                    || (is(text, start, length, "morning")
                            && is(text, previous, previousLength, "this"))
                    || (is(text, start, length, "may")
                            && dayNumber(text, previous, previousLength))
                    || (is(text, previous, previousLength, "may")
                            && Character.isDigit(text.charAt(start)))) {
                return true;
            }
            previous = start;
            previousLength = length;
        }
        return false;
    }

    /** True when the word at {@code start} is {@code word}, in any case. */
    private static boolean is(String text, int start, int length, String word) {
        return start >= 0 && length == word.length()
                && text.regionMatches(true, start, word, 0, length);
    }

    private static boolean dateWord(String text, int start, int length) {
        if (length >= DATE_WORDS.length) {
            return false;
        }
        for (String word : DATE_WORDS[length]) {
            if (text.regionMatches(true, start, word, 0, length)) {
                return true;
            }
        }
        return false;
    }

    /** 19xx or 20xx. */
    private static boolean year(String text, int start, int length) {
        return length == 4 && (text.startsWith("19", start) || text.startsWith("20", start))
                && Character.isDigit(text.charAt(start + 2))
                && Character.isDigit(text.charAt(start + 3));
    }

    /** "8", "31", "8th", "1st": a day of the month as written before a month name. */
    private static boolean dayNumber(String text, int start, int length) {
        if (start < 0) {
            return false;
        }
        int digits = 0;
        while (digits < length && Character.isDigit(text.charAt(start + digits))) {
            digits++;
        }
        int suffix = length - digits;
        return (digits == 1 || digits == 2) && (suffix == 0 || (suffix == 2
                && (is(text, start + digits, 2, "st") || is(text, start + digits, 2, "nd")
                        || is(text, start + digits, 2, "rd")
                        || is(text, start + digits, 2, "th"))));
    }

    private static String[][] byLength(String... words) {
        int longest = 0;
        for (String w : words) {
            longest = Math.max(longest, w.length());
        }
        List<List<String>> lists = new ArrayList<>();
        for (int i = 0; i <= longest; i++) {
            lists.add(new ArrayList<>());
        }
        for (String w : words) {
            lists.get(w.length()).add(w);
        }
        String[][] out = new String[longest + 1][];
        for (int i = 0; i <= longest; i++) {
            out[i] = lists.get(i).toArray(String[]::new);
        }
        return out;
    }

    /**
     * Where in {@code text} an expression can start. Each starts with "yesterday", "tomorrow",
     * "last ", "this " or "next ", or ends with " ago" after at most {@link #LONGEST_BEFORE_AGO}
     * characters; most turns hold none of these. Finding them costs a fraction of trying the
     * expression at every position, and recall formats up to a hundred turns per query. Case is
     * ignored as {@link #EXPRESSION} ignores it: for ASCII letters only.
     */
    private static BitSet possibleStarts(String text) {
        BitSet starts = new BitSet();
        for (int i = 0; i < text.length(); i++) {
            boolean starting = switch (text.charAt(i) | 0x20) { // ASCII letters in lower case
                case 'y' -> at(text, i, "yesterday");
                case 't' -> at(text, i, "tomorrow") || at(text, i, "this ");
                case 'l' -> at(text, i, "last ");
                case 'n' -> at(text, i, "next ");
                default -> false;
            };
            if (starting) {
                starts.set(i);
            } else if (text.charAt(i) == ' ' && at(text, i, " ago")) {
                starts.set(Math.max(0, i - LONGEST_BEFORE_AGO), i);
            }
        }
        return starts;
    }

    /** True when {@code text} holds {@code cue} (lower case) at {@code i}, in any case. */
    private static boolean at(String text, int i, String cue) {
        if (i + cue.length() > text.length()) {
            return false;
        }
        for (int j = 0; j < cue.length(); j++) {
            char c = text.charAt(i + j);
            char wanted = cue.charAt(j);
            if (c != wanted && (wanted == ' ' || (c | 0x20) != wanted)) {
                return false;
            }
        }
        return true;
    }

    private static String resolve(Matcher m, LocalDate day) {
        String fixed = m.group("fixed");
        if (fixed != null) {
            return switch (fixed.toLowerCase(Locale.ROOT)) {
                case "yesterday", "last night" -> DAY.format(day.minusDays(1));
                case "tomorrow" -> DAY.format(day.plusDays(1));
                case "last weekend" -> "the weekend before " + DAY.format(day);
                case "this weekend" -> "the weekend of " + DAY.format(day.with(
                        TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY)));
                case "next weekend" -> "the weekend after " + DAY.format(day);
                case "last week" -> "the week before " + DAY.format(day);
                case "next week" -> "the week after " + DAY.format(day);
                case "last month" -> MONTH.format(day.minusMonths(1));
                case "this month" -> MONTH.format(day);
                case "next month" -> MONTH.format(day.plusMonths(1));
                case "last year" -> String.valueOf(day.getYear() - 1);
                case "this year" -> String.valueOf(day.getYear());
                case "next year" -> String.valueOf(day.getYear() + 1);
                default -> null;
            };
        }
        String wday = m.group("wday");
        if (wday != null) {
            DayOfWeek dow = DayOfWeek.valueOf(wday.toUpperCase(Locale.ROOT));
            String dir = m.group("dir").toLowerCase(Locale.ROOT);
            LocalDate date = dir.startsWith("next") || dir.equals("this coming")
                    ? day.with(TemporalAdjusters.next(dow))
                    : day.with(TemporalAdjusters.previous(dow));
            return DAY.format(date);
        }
        String n = m.group("n").toLowerCase(Locale.ROOT).replaceFirst("^a (?=couple|few)", "");
        Integer count = n.chars().allMatch(Character::isDigit) ? Integer.valueOf(n)
                : NUMBERS.get(n);
        if (count == null) {
            return null;
        }
        boolean approximate = n.equals("few") || n.equals("couple of");
        String unit = m.group("unit").toLowerCase(Locale.ROOT);
        LocalDate date = switch (unit) {
            case "day" -> day.minusDays(count);
            case "week" -> day.minusWeeks(count);
            case "month" -> day.minusMonths(count);
            default -> day.minusYears(count);
        };
        String when = switch (unit) {
            case "day" -> DAY.format(date);
            case "week" -> "the week of " + DAY.format(date);
            case "month" -> MONTH.format(date);
            default -> String.valueOf(date.getYear());
        };
        return approximate ? "about " + when : when;
    }
}
