package dev.spectron.store.sqlite;

import java.time.Instant;
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

    private Columns() {}

    static String instant(Instant at) {
        return INSTANT.format(at);
    }

    static Instant instant(String text) {
        return Instant.parse(text);
    }

    static String instant(Optional<Instant> at) {
        return at.map(Columns::instant).orElse(null);
    }

    static Optional<Instant> optionalInstant(String text) {
        return Optional.ofNullable(text).map(Columns::instant);
    }
}
