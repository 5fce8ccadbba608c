package dev.spectron.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.engine.contract.IdempotencyStoreContract;
import dev.spectron.engine.spi.IdempotencyStore.IdempotentAnswer;
import dev.spectron.engine.spi.MemoryStore;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the {@link IdempotencyStoreContract} on SQLite, plus survival of a reopen. */
class SqliteIdempotencyStoreTest extends IdempotencyStoreContract {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Override
    protected MemoryStore createStore() {
        return SqliteMemoryStore.open(dir.resolve("spectron.db"));
    }

    @Test
    void completedAnswer_afterReopen_isStillReplayed() {
        IdempotentAnswer answer = new IdempotentAnswer(201, "application/json", "{\"a\":1}");
        store.claimIdempotencyKey("s", "acme", "a", "h", NOW, NOW.plusSeconds(300));
        store.completeIdempotencyKey("s", "a", answer, NOW.plusSeconds(86_400));
        store.close();

        store = SqliteMemoryStore.open(dir.resolve("spectron.db"));

        assertThat(store.claimIdempotencyKey("s", "acme", "b", "h", NOW, NOW.plusSeconds(300))
                .orElseThrow().answer()).contains(answer);
    }
}
