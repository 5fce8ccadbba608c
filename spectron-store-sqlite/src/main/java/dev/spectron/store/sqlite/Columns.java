package dev.spectron.store.sqlite;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;

/** How values are written to and read from columns. Stateless and thread-safe. */
final class Columns {
    /**
     * Fixed-width UTC text with nine fractional digits: lossless for {@link Instant} and sorted
     * correctly by text comparison, so {@code ORDER BY created_at} needs no conversion.
     */
    private static final DateTimeFormatter INSTANT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 9, 9, true)
            .appendLiteral('Z')
            .toFormatter(Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** Length of what {@link #INSTANT} writes for years 0 to 9999. */
    private static final int FIXED_LENGTH = 30;

    private Columns() {}

    static String instant(Instant at) {
        return INSTANT.format(at);
    }

    /**
     * Reads an instant written by {@link #instant(Instant)}. Text of that exact shape
     * ({@code 2024-05-08T12:34:56.123400000Z}) is read field by field: recall reads a few hundred
     * of them per query, and {@link Instant#parse} costs about ten times as much. Anything else
     * (other years, leap seconds, text written by hand) goes to {@link Instant#parse}, with its
     * exceptions.
     */
    static Instant instant(String text) {
        if (text.length() != FIXED_LENGTH || !fixedShape(text)) {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (month < 1 || month > 12 || day < 1
                || day > Month.of(month).length(Year.isLeap(year))
                || hour > 23 || minute > 59 || second > 59) {
            return Instant.parse(text); // out of range: let it say what is wrong
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600 + minute * 60 + second,
                digits(text, 20, 9));
    }

    static String instant(Optional<Instant> at) {
        return at.map(Columns::instant).orElse(null);
    }

    static Optional<Instant> optionalInstant(String text) {
        return Optional.ofNullable(text).map(Columns::instant);
    }

    private static boolean fixedShape(String text) {
        for (int i = 0; i < FIXED_LENGTH - 1; i++) {
            char c = text.charAt(i);
            boolean ok = switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == 'T';
                case 13, 16 -> c == ':';
                case 19 -> c == '.';
                default -> c >= '0' && c <= '9';
            };
            if (!ok) {
                return false;
            }
        }
        return text.charAt(FIXED_LENGTH - 1) == 'Z';
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
