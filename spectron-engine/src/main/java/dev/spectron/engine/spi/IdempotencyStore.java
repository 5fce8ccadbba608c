package dev.spectron.engine.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * Answers kept for {@code Idempotency-Key} retries, in the store of record, so that a retry
 * reaches the first answer on any node sharing the store and after a restart. A record occupies
 * a <em>slot</em> (an opaque digest chosen by the caller); it is first <em>pending</em> (a
 * request holds it), then either <em>completed</em> with the answer or released. Every record
 * expires: an expired record is treated as absent and may be replaced or purged.
 *
 * <p>Every method is atomic, also when several processes share the store: of concurrent
 * {@link #claimIdempotencyKey} calls for a free slot exactly one claims it. Implementations are
 * thread-safe. Nothing here touches the search index's change log.
 */
public interface IdempotencyStore {
    /**
     * Claims {@code slot}: when no unexpired record holds it, stores a pending record (replacing
     * an expired one) and returns empty; otherwise returns the record that holds it, unchanged.
     *
     * @param slot the caller's digest of credentials, path and key
     * @param context the context the request addresses ({@code ""} for none), so that the
     *     context's records can be forgotten with it
     * @param token a random value naming this claim; completing and releasing must present it
     * @param requestHash digest of the request body, compared by the caller on a retry
     * @param now the current time: records expiring at or before it are expired
     * @param expiresAt when the pending claim lapses if it is neither completed nor released
     * @return empty when claimed, else the record that holds the slot
     */
    Optional<IdempotencyRecord> claimIdempotencyKey(String slot, String context, String token,
            String requestHash, Instant now, Instant expiresAt);

    /**
     * Stores the answer of a pending claim, kept until {@code expiresAt}.
     *
     * @return false when the slot holds no pending claim with {@code token} (it lapsed and was
     *     taken by another request, or was released); nothing changes then
     */
    boolean completeIdempotencyKey(String slot, String token, IdempotentAnswer answer,
            Instant expiresAt);

    /**
     * Removes a pending claim with {@code token} (its request failed and may be tried again);
     * a completed record or another request's claim is left alone.
     */
    void releaseIdempotencyKey(String slot, String token);

    /** Deletes every record that expired at or before {@code now}; returns how many. */
    int purgeIdempotencyKeys(Instant now);

    /**
     * Deletes the completed records of {@code context} (their answers may hold its memory);
     * pending claims stay so that requests in flight keep their slot. Returns how many.
     */
    int forgetIdempotencyKeys(String context);

    /**
     * A record holding a slot.
     *
     * @param requestHash digest of the body of the request that claimed it
     * @param answer the stored answer; empty while the request is still pending
     * @param expiresAt when the record lapses
     */
    record IdempotencyRecord(String requestHash, Optional<IdempotentAnswer> answer,
            Instant expiresAt) {}

    /**
     * An answer to replay.
     *
     * @param status HTTP status, 100 to 599
     * @param contentType the answer's media type
     * @param body the answer's body as the caller chose to store it (the server stores it
     *     encrypted)
     */
    record IdempotentAnswer(int status, String contentType, String body) {}
}
