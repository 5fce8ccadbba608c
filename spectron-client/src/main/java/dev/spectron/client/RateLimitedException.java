package dev.spectron.client;

import dev.spectron.api.SpectronException;
import java.time.Duration;
import java.util.Optional;

/**
 * The server, or a proxy in front of it, refused the request because too many were sent
 * (HTTP 429, code {@code rate_limited}). Nothing was applied; the same request may be sent again
 * after {@link #retryAfter()}.
 */
public final class RateLimitedException extends SpectronException {
    private final Duration retryAfter;

    RateLimitedException(String message, Duration retryAfter) {
        super("rate_limited", 429, message);
        this.retryAfter = retryAfter;
    }

    /** How long the server asked to wait, from its {@code Retry-After} header, if it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
