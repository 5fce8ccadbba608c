package dev.spectron.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.engine.contract.IdempotencyStoreContract;
import dev.spectron.engine.spi.IdempotencyStore.IdempotentAnswer;
import dev.spectron.engine.spi.MemoryStore;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the {@link IdempotencyStoreContract} on PostgreSQL, plus two nodes sharing the slots. */
class PostgresIdempotencyStoreTest extends IdempotencyStoreContract {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @RegisterExtension
    final TestPostgres postgres = new TestPostgres();

    private PostgresOptions options;

    @Override
    protected MemoryStore createStore() {
        options = postgres.options(Clock.systemUTC());
        return PostgresBackend.open(options).store();
    }

    @Test
    void claim_onAnotherNode_seesTheFirstNodesClaimAndAnswer() {
        try (PostgresBackend other = PostgresBackend.open(options)) {
            MemoryStore second = other.store();
            assertThat(store.claimIdempotencyKey("s", "acme", "a", "h", NOW, NOW.plusSeconds(300)))
                    .isEmpty();
            assertThat(second.claimIdempotencyKey("s", "acme", "b", "h", NOW,
                    NOW.plusSeconds(300)).orElseThrow().answer()).isEmpty();

            IdempotentAnswer answer = new IdempotentAnswer(201, "application/json", "{}");
            store.completeIdempotencyKey("s", "a", answer, NOW.plusSeconds(86_400));

            assertThat(second.claimIdempotencyKey("s", "acme", "b", "h", NOW,
                    NOW.plusSeconds(300)).orElseThrow().answer()).contains(answer);
        }
    }
}
