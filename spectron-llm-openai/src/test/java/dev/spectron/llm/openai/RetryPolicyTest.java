package dev.spectron.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);
    private final RetryPolicy policy = new RetryPolicy(3, CLOCK);

    private static HttpHeaders headers(String name, String value) {
        return HttpHeaders.of(Map.of(name, List.of(value)), (a, b) -> true);
    }

    @Test
    void backoff_successiveRetries_doublesUpToTheCap() {
        assertThat(List.of(policy.backoff(0), policy.backoff(1), policy.backoff(2),
                policy.backoff(10), policy.backoff(100))).containsExactly(
                Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                RetryPolicy.MAX_DELAY, RetryPolicy.MAX_DELAY);
    }

    @Test
    void mayRetry_afterMaxRetries_isFalse() {
        assertThat(policy.mayRetry(2)).isTrue();
        assertThat(policy.mayRetry(3)).isFalse();
    }

    @Test
    void isRetryableStatus_429And5xx_only() {
        assertThat(List.of(429, 500, 502, 503, 599)).allMatch(RetryPolicy::isRetryableStatus);
        assertThat(List.of(200, 400, 401, 404, 408, 422)).noneMatch(RetryPolicy::isRetryableStatus);
    }

    @Test
    void retryAfter_seconds_isThatMany() {
        assertThat(policy.retryAfter(headers("Retry-After", "12")))
                .contains(Duration.ofSeconds(12));
    }

    @Test
    void retryAfter_httpDate_isTimeUntilThen() {
        assertThat(policy.retryAfter(headers("Retry-After", "Sat, 01 Mar 2025 12:00:30 GMT")))
                .contains(Duration.ofSeconds(30));
    }

    @Test
    void retryAfter_dateInThePast_isZero() {
        assertThat(policy.retryAfter(headers("Retry-After", "Sat, 01 Mar 2025 11:00:00 GMT")))
                .contains(Duration.ZERO);
    }

    @Test
    void retryAfter_milliseconds_winsOverSeconds() {
        HttpHeaders both = HttpHeaders.of(Map.of("retry-after-ms", List.of("1500.4"),
                "Retry-After", List.of("2")), (a, b) -> true);

        assertThat(policy.retryAfter(both)).contains(Duration.ofMillis(1500));
    }

    @Test
    void retryAfter_unreadable_isEmptyAndDelayFallsBackToBackoff() {
        Optional<Duration> after = policy.retryAfter(headers("Retry-After", "later"));

        assertThat(after).isEmpty();
        assertThat(policy.delay(1, after)).isEqualTo(Duration.ofSeconds(1));
    }
}
