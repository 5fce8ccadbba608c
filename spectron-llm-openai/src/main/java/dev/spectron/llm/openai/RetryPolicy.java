package dev.spectron.llm.openai;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When to try a chat completion again and how long to wait first. Retried: HTTP 429, any 5xx and
 * failed connections, up to {@code maxRetries} times. Waits double from {@link #BASE_DELAY} up to
 * {@link #MAX_DELAY}; a server's {@code Retry-After} (seconds or an HTTP date) or
 * {@code retry-after-ms} replaces the computed wait. Immutable.
 */
final class RetryPolicy {
    static final Duration BASE_DELAY = Duration.ofMillis(500);
    static final Duration MAX_DELAY = Duration.ofSeconds(8);
    /**
     * A server asking for a longer pause than this is treated as down for now: the caller is
     * waiting synchronously for a turn to be stored, so failing fast beats hanging.
     */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private final int maxRetries;
    private final Clock clock;

    RetryPolicy(int maxRetries, Clock clock) {
        this.maxRetries = maxRetries;
        this.clock = clock;
    }

    /** True for the statuses worth another try: 429 and 5xx. */
    static boolean isRetryableStatus(int status) {
        return status == 429 || status >= 500 && status <= 599;
    }

    /** True when {@code retriesSoFar} retries leave room for another. */
    boolean mayRetry(int retriesSoFar) {
        return retriesSoFar < maxRetries;
    }

    /** The computed wait before retry number {@code retry} (0 for the first retry). */
    Duration backoff(int retry) {
        long millis = BASE_DELAY.toMillis() << Math.min(retry, 20);
        return Duration.ofMillis(Math.min(millis, MAX_DELAY.toMillis()));
    }

    /**
     * The wait before retry number {@code retry}: what the server asked for, if it did, else the
     * computed backoff.
     */
    Duration delay(int retry, Optional<Duration> retryAfter) {
        return retryAfter.orElseGet(() -> backoff(retry));
    }

    /**
     * The pause a server asked for with {@code retry-after-ms} or {@code Retry-After}, never
     * negative; empty when it asked for none or wrote something unreadable.
     */
    Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<Duration> millis = headers.firstValue("retry-after-ms")
                .flatMap(RetryPolicy::parseMillis);
        if (millis.isPresent()) {
            return millis.map(RetryPolicy::notNegative);
        }
        return headers.firstValue("Retry-After").flatMap(this::parseRetryAfter)
                .map(RetryPolicy::notNegative);
    }

    private Optional<Duration> parseRetryAfter(String value) {
        String text = value.strip();
        Optional<Long> seconds = parseLong(text);
        if (seconds.isPresent()) {
            return seconds.map(Duration::ofSeconds);
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return Optional.of(Duration.between(clock.instant(), at));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> parseMillis(String text) {
        try {
            double millis = Double.parseDouble(text.strip());
            return Double.isFinite(millis)
                    ? Optional.of(Duration.ofMillis(Math.round(millis))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Duration notNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
