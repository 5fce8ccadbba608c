package dev.spectron.engine;

import dev.spectron.engine.spi.IdempotencyStore;
import dev.spectron.engine.spi.IdempotencyStore.IdempotencyRecord;
import dev.spectron.engine.spi.IdempotencyStore.IdempotentAnswer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Idempotency keys kept in the store of record, so that they survive restarts and hold across
 * every node sharing the store. A request first {@link #claim}s its slot; the first claimant
 * then {@link #complete}s it with its answer (replayed to retries for {@link #ANSWER_TTL}) or
 * {@link #release}s it after a failure. A claim that is neither (its node died) lapses after
 * {@link #PENDING_TTL}; until then a retry is told the request is still being processed.
 * Thread-safe.
 */
public final class IdempotencyKeys {
    /** How long an answer is replayed. */
    public static final Duration ANSWER_TTL = Duration.ofHours(24);
    /** How long a claim whose request never finished blocks its key. */
    public static final Duration PENDING_TTL = Duration.ofMinutes(5);

    private final IdempotencyStore store;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();

    IdempotencyKeys(IdempotencyStore store, InstantSource clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Claims a slot for a request.
     *
     * @param slot digest of the caller's credentials, the path and the key
     * @param context the context the request addresses, {@code ""} for none
     * @param requestHash digest of the request body
     * @return {@link Claim.Fresh} when this request is first, otherwise what holds the slot
     */
    public Claim claim(String slot, String context, String requestHash) {
        Instant now = clock.instant();
        String token = HexFormat.of().formatHex(bytes());
        Optional<IdempotencyRecord> held = store.claimIdempotencyKey(slot, context, token,
                requestHash, now, now.plus(PENDING_TTL));
        if (held.isEmpty()) {
            return new Claim.Fresh(slot, token);
        }
        IdempotencyRecord record = held.get();
        if (!record.requestHash().equals(requestHash)) {
            return new Claim.OtherRequest();
        }
        return record.answer().<Claim>map(Claim.Replay::new).orElseGet(Claim.InProgress::new);
    }

    /**
     * Stores the answer of a fresh claim for retries.
     *
     * @return false when the claim had lapsed and another request took the slot
     */
    public boolean complete(Claim.Fresh claim, IdempotentAnswer answer) {
        return store.completeIdempotencyKey(claim.slot(), claim.token(), answer,
                clock.instant().plus(ANSWER_TTL));
    }

    /** Frees the slot of a fresh claim whose request failed, so that a retry runs again. */
    public void release(Claim.Fresh claim) {
        store.releaseIdempotencyKey(claim.slot(), claim.token());
    }

    /** Deletes the answers stored for requests to {@code context}; returns how many. */
    public int forget(String context) {
        return store.forgetIdempotencyKeys(context);
    }

    /** Deletes expired records; returns how many. Any node may run it at any time. */
    public int purgeExpired() {
        return store.purgeIdempotencyKeys(clock.instant());
    }

    private byte[] bytes() {
        byte[] out = new byte[16];
        random.nextBytes(out);
        return out;
    }

    /** What a claim found. */
    public sealed interface Claim {
        /**
         * This request is the first with its key: run it, then complete or release.
         *
         * @param slot the slot claimed
         * @param token names this claim
         */
        record Fresh(String slot, String token) implements Claim {}

        /**
         * An earlier request with the same key and body finished: replay its answer.
         *
         * @param answer what it answered
         */
        record Replay(IdempotentAnswer answer) implements Claim {}

        /** An earlier request with the same key and body is still running (or its node died). */
        record InProgress() implements Claim {}

        /** The key was used with another body. */
        record OtherRequest() implements Claim {}
    }
}
