package dev.spectron.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spectron.engine.spi.MemoryStore;
import dev.spectron.engine.spi.SearchIndex;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresBackendTest {
    @RegisterExtension
    final TestPostgres postgres = new TestPostgres();

    @Test
    void close_storeAndIndexBothClosed_closesThePool() {
        PostgresBackend backend = PostgresBackend.open(postgres.options(Clock.systemUTC()));
        MemoryStore store = backend.store();
        SearchIndex index = backend.index(8);
        store.close();

        assertThat(index.size()).isZero();
        index.close();

        assertThatThrownBy(backend::store).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        backend.close();
    }

    @Test
    void close_backend_stopsStoreAndIndex() {
        PostgresBackend backend = PostgresBackend.open(postgres.options(Clock.systemUTC()));
        MemoryStore store = backend.store();
        SearchIndex index = backend.index(8);

        backend.close();
        backend.close();

        assertThatThrownBy(() -> store.createContext("acme", Instant.EPOCH))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(index::watermark).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void index_sameDimensionTwice_returnsTheSameIndex() {
        try (PostgresBackend backend = PostgresBackend.open(
                postgres.options(Clock.systemUTC()))) {
            assertThat(backend.index(8)).isSameAs(backend.index(8));
            assertThatThrownBy(() -> backend.index(16))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("8");
        }
    }

    @Test
    void index_databaseHoldsAnotherDimension_throwsNamingBothAndTheRemedy() {
        PostgresOptions options = postgres.options(Clock.systemUTC());
        try (PostgresBackend first = PostgresBackend.open(options)) {
            first.index(8);
        }
        try (PostgresBackend second = PostgresBackend.open(options)) {
            assertThatThrownBy(() -> second.index(16))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("8-dimensional")
                    .hasMessageContaining("16-dimensional")
                    .hasMessageContaining("vector(16)");
            assertThat(second.store().contexts()).isEmpty();
        }
    }

    @Test
    void index_dimensionOutOfRange_throwsIllegalArgument() {
        try (PostgresBackend backend = PostgresBackend.open(
                postgres.options(Clock.systemUTC()))) {
            assertThatThrownBy(() -> backend.index(0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> backend.index(PostgresSearchIndex.MAX_DIMENSIONS + 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2000");
        }
    }

    @Test
    void open_unreachableServer_throwsWithoutThePassword() {
        assertThatThrownBy(() -> PostgresBackend.open(
                "jdbc:postgresql://127.0.0.1:1/spectron?user=u&password=hunter2"))
                .isInstanceOf(PostgresStoreException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void options_outOfRange_throwIllegalArgument() {
        PostgresOptions ok = PostgresOptions.of("jdbc:postgresql://h/db?password=s3cret");
        assertThat(ok.toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> PostgresOptions.of("jdbc:mysql://h/db?password=s3cret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> ok.withSchema("Robert'); DROP"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema");
        assertThatThrownBy(() -> ok.withPoolSize(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("poolSize");
    }

    @Test
    void efSearch_smallAndLargeN_staysWithinPgvectorsBounds() {
        assertThat(PostgresSearchIndex.efSearch(1)).isEqualTo(40);
        assertThat(PostgresSearchIndex.efSearch(100)).isEqualTo(200);
        assertThat(PostgresSearchIndex.efSearch(5_000)).isEqualTo(1000);
    }

    @Test
    void atLeast_versions_compareNumerically() {
        int[] since = {0, 8, 0};
        assertThat(IndexSchema.atLeast("0.8.0", since)).isTrue();
        assertThat(IndexSchema.atLeast("0.10.1", since)).isTrue();
        assertThat(IndexSchema.atLeast("1.0", since)).isTrue();
        assertThat(IndexSchema.atLeast("0.7.4", since)).isFalse();
        assertThat(IndexSchema.atLeast("0.5.1", since)).isFalse();
    }
}
