package dev.spectron.engine.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spectron.engine.spi.IdempotencyStore.IdempotencyRecord;
import dev.spectron.engine.spi.IdempotencyStore.IdempotentAnswer;
import dev.spectron.engine.spi.MemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store's {@link dev.spectron.engine.spi.IdempotencyStore} must do. A backend's test
 * extends this class and supplies a fresh, empty store per test. Instants have millisecond
 * precision, which every backend keeps exactly.
 */
public abstract class IdempotencyStoreContract {
    private static final Instant T0 = Instant.parse("2024-05-08T10:15:30.123Z");
    private static final Instant PENDING_UNTIL = T0.plus(Duration.ofMinutes(5));
    private static final Instant ANSWER_UNTIL = T0.plus(Duration.ofHours(24));
    private static final IdempotentAnswer CREATED = new IdempotentAnswer(201,
            "application/json", "{\"turnId\":\"t1\"}");

    protected MemoryStore store;

    /** A new, empty store; it is closed after each test. */
    protected abstract MemoryStore createStore();

    @BeforeEach
    void openStore() {
        store = createStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void claim_freeSlot_returnsEmpty() {
        assertThat(claim("s1", "a", "h1", T0)).isEmpty();
    }

    @Test
    void claim_pendingSlot_returnsThePendingRecord() {
        claim("s1", "a", "h1", T0);

        Optional<IdempotencyRecord> held = claim("s1", "b", "h2", T0.plusSeconds(1));

        assertThat(held).contains(new IdempotencyRecord("h1", Optional.empty(), PENDING_UNTIL));
    }

    @Test
    void complete_pendingClaim_laterClaimsReplayTheAnswer() {
        claim("s1", "a", "h1", T0);

        assertThat(store.completeIdempotencyKey("s1", "a", CREATED, ANSWER_UNTIL)).isTrue();

        assertThat(claim("s1", "b", "h1", T0.plusSeconds(60)))
                .contains(new IdempotencyRecord("h1", Optional.of(CREATED), ANSWER_UNTIL));
    }

    @Test
    void complete_wrongTokenOrTwice_returnsFalseAndKeepsTheFirst() {
        claim("s1", "a", "h1", T0);

        assertThat(store.completeIdempotencyKey("s1", "other", CREATED, ANSWER_UNTIL)).isFalse();
        assertThat(claim("s1", "b", "h1", T0).orElseThrow().answer()).isEmpty();
        assertThat(store.completeIdempotencyKey("s1", "a", CREATED, ANSWER_UNTIL)).isTrue();
        IdempotentAnswer second = new IdempotentAnswer(200, "text/plain", "again");
        assertThat(store.completeIdempotencyKey("s1", "a", second, ANSWER_UNTIL)).isFalse();
        assertThat(claim("s1", "b", "h1", T0).orElseThrow().answer()).contains(CREATED);
    }

    @Test
    void complete_unknownSlot_returnsFalse() {
        assertThat(store.completeIdempotencyKey("nope", "a", CREATED, ANSWER_UNTIL)).isFalse();
    }

    @Test
    void release_pendingClaim_freesTheSlot() {
        claim("s1", "a", "h1", T0);

        store.releaseIdempotencyKey("s1", "a");

        assertThat(claim("s1", "b", "h2", T0)).isEmpty();
    }

    @Test
    void release_completedRecordOrOtherToken_leavesItAlone() {
        claim("s1", "a", "h1", T0);
        claim("s2", "c", "h1", T0);
        store.completeIdempotencyKey("s1", "a", CREATED, ANSWER_UNTIL);

        store.releaseIdempotencyKey("s1", "a");
        store.releaseIdempotencyKey("s2", "not-c");

        assertThat(claim("s1", "b", "h1", T0).orElseThrow().answer()).contains(CREATED);
        assertThat(claim("s2", "d", "h1", T0)).isPresent();
    }

    @Test
    void claim_expiredPendingClaim_isReplacedAndTheLapsedClaimCannotComplete() {
        claim("s1", "a", "h1", T0);

        assertThat(claim("s1", "b", "h2", PENDING_UNTIL)).isEmpty();

        assertThat(store.completeIdempotencyKey("s1", "a", CREATED, ANSWER_UNTIL)).isFalse();
        assertThat(store.completeIdempotencyKey("s1", "b", CREATED, ANSWER_UNTIL)).isTrue();
        assertThat(claim("s1", "c", "h2", PENDING_UNTIL).orElseThrow().requestHash())
                .isEqualTo("h2");
    }

    @Test
    void claim_expiredAnswer_isReplaced() {
        claim("s1", "a", "h1", T0);
        store.completeIdempotencyKey("s1", "a", CREATED, ANSWER_UNTIL);

        assertThat(claim("s1", "b", "h1", ANSWER_UNTIL.minusMillis(1))).isPresent();
        assertThat(claim("s1", "b", "h1", ANSWER_UNTIL)).isEmpty();
    }

    @Test
    void purge_deletesOnlyExpiredRecords() {
        claim("pending", "a", "h", T0);
        claim("answered", "b", "h", T0);
        store.completeIdempotencyKey("answered", "b", CREATED, ANSWER_UNTIL);

        assertThat(store.purgeIdempotencyKeys(PENDING_UNTIL.minusMillis(1))).isZero();
        assertThat(store.purgeIdempotencyKeys(PENDING_UNTIL)).isEqualTo(1);
        assertThat(store.purgeIdempotencyKeys(ANSWER_UNTIL)).isEqualTo(1);
        // Both gone: a claim far before either expiry finds the slots free.
        assertThat(claim("pending", "c", "h", T0)).isEmpty();
        assertThat(claim("answered", "d", "h", T0)).isEmpty();
    }

    @Test
    void forget_deletesTheContextsAnswersOnly() {
        claimIn("acme-answered", "acme", "a");
        store.completeIdempotencyKey("acme-answered", "a", CREATED, ANSWER_UNTIL);
        claimIn("acme-pending", "acme", "b");
        claimIn("globex-answered", "globex", "c");
        store.completeIdempotencyKey("globex-answered", "c", CREATED, ANSWER_UNTIL);

        assertThat(store.forgetIdempotencyKeys("acme")).isEqualTo(1);

        assertThat(claim("acme-answered", "x", "h", T0)).isEmpty();
        assertThat(claim("acme-pending", "x", "h", T0)).isPresent();
        assertThat(claim("globex-answered", "x", "h", T0).orElseThrow().answer())
                .contains(CREATED);
    }

    @Test
    void complete_largeUnicodeBody_readsBackEqual() {
        String body = "{\"text\":\"" + "ünïcødé — 漢字 😀 \\\"quoted\\\"\\n".repeat(5_000)
                + "\"}";
        IdempotentAnswer answer = new IdempotentAnswer(200, "application/json", body);
        claim("s1", "a", "h1", T0);
        store.completeIdempotencyKey("s1", "a", answer, ANSWER_UNTIL);

        assertThat(claim("s1", "b", "h1", T0).orElseThrow().answer()).contains(answer);
    }

    @Test
    void complete_statusOutOfRange_throwsIllegalArgument() {
        claim("s1", "a", "h1", T0);
        assertThatThrownBy(() -> store.completeIdempotencyKey("s1", "a",
                new IdempotentAnswer(99, "text/plain", ""), ANSWER_UNTIL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void claim_concurrentClaimants_exactlyOneWins() throws Exception {
        int claimants = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<IdempotencyRecord>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < claimants; i++) {
                String token = "t" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return claim("contended", token, "h", T0);
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Optional<IdempotencyRecord>> result : results) {
                Optional<IdempotencyRecord> held = result.get();
                if (held.isEmpty()) {
                    winners++;
                } else {
                    assertThat(held.get().answer()).isEmpty();
                }
            }
            assertThat(winners).isEqualTo(1);
        }
    }

    private Optional<IdempotencyRecord> claim(String slot, String token, String hash,
            Instant now) {
        return store.claimIdempotencyKey(slot, "acme", token, hash, now,
                now.equals(T0) ? PENDING_UNTIL : now.plus(Duration.ofMinutes(5)));
    }

    private void claimIn(String slot, String context, String token) {
        store.claimIdempotencyKey(slot, context, token, "h", T0, PENDING_UNTIL);
    }
}
