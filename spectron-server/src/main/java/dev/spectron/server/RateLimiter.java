package dev.spectron.server;

import dev.spectron.api.SpectronException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key token buckets: each key may make {@code burst} requests at once and {@code perSecond}
 * on average. Over the limit a request is refused with 429 and a {@code Retry-After} of the
 * whole seconds until a token is back. Thread-safe.
 */
final class RateLimiter {
    private final double perSecond;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perSecond average requests per second per key; 0 or less turns limiting off */
    RateLimiter(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
    }

    /** Takes one token for {@code key} or throws {@link Limited}. */
    void acquire(String key, long nowNanos) {
        if (perSecond <= 0) {
            return;
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, nowNanos));
        synchronized (bucket) {
            double elapsed = (nowNanos - bucket.updated) / 1e9;
            bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perSecond);
            bucket.updated = nowNanos;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return;
            }
            long retryAfter = (long) Math.ceil((1 - bucket.tokens) / perSecond);
            throw new Limited(Math.max(1, retryAfter));
        }
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    /** Too many requests; {@link #retryAfterSeconds()} says when to come back. */
    static final class Limited extends SpectronException {
        private final long retryAfterSeconds;

        Limited(long retryAfterSeconds) {
            super("rate_limited", 429, "too many requests for this key; retry after "
                    + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
