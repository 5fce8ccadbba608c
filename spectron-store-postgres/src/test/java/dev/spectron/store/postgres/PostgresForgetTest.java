package dev.spectron.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spectron.engine.contract.ForgetContract;
import dev.spectron.engine.spi.MemoryStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the {@link ForgetContract} on PostgreSQL, plus what only this store does. */
class PostgresForgetTest extends ForgetContract {
    @RegisterExtension
    final TestPostgres postgres = new TestPostgres();

    private PostgresOptions options;

    @Override
    protected MemoryStore createStore() {
        options = postgres.options(Clock.fixed(FORGET_AT, ZoneOffset.UTC));
        return PostgresBackend.open(options).store();
    }

    @Test
    void forget_soft_keepsRowsMarkedForgottenAndVectors() throws SQLException {
        storeWorld(CONTEXT, "");
        long vectors = count("SELECT count(*) FROM vectors");

        facts.forget(CONTEXT, bulk(USER_ALICE, false), false);

        assertThat(count("SELECT count(*) FROM vectors")).isEqualTo(vectors);
        assertThat(count("SELECT count(*) FROM turns WHERE forgotten_at = '"
                + FORGET_AT + "'")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM facts WHERE status = 'forgotten'")).isEqualTo(3);
    }

    @Test
    void forget_purge_deletesRowsAndVectorsThenVacuums() throws SQLException {
        storeWorld(CONTEXT, "");
        long vectors = count("SELECT count(*) FROM vectors");

        facts.forget(CONTEXT, bulk(USER_ALICE, true), false);

        // Each of the three labels had two turns, a fact, an instruction and two chunks.
        assertThat(count("SELECT count(*) FROM vectors")).isEqualTo(vectors - 3 * 6);
        assertThat(count("SELECT count(*) FROM turns WHERE session_id LIKE 's-alice%'")).isZero();
        assertThat(count("SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = '"
                + options.schema().orElseThrow() + "' AND relname IN ('turns', 'vectors',"
                + " 'facts', 'chunks') AND last_vacuum IS NOT NULL")).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void forget_failureInLastStage_changesNothing(boolean purge) throws SQLException {
        storeWorld(CONTEXT, "");
        Map<String, Set<String>> before = everyRead(CONTEXT, "");
        long lastChange = store.lastChange();
        long vectors = count("SELECT count(*) FROM vectors");
        execute("CREATE FUNCTION fail() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$");
        execute("CREATE TRIGGER fail_documents BEFORE " + (purge ? "DELETE" : "UPDATE")
                + " ON documents FOR EACH ROW EXECUTE FUNCTION fail()");

        assertThatThrownBy(() -> facts.forget(CONTEXT, bulk(USER_ALICE, purge), false))
                .isInstanceOf(PostgresStoreException.class)
                .hasMessageContaining("injected failure");

        assertThat(everyRead(CONTEXT, "")).isEqualTo(before);
        assertThat(store.lastChange()).isEqualTo(lastChange);
        assertThat(count("SELECT count(*) FROM vectors")).isEqualTo(vectors);
        assertThat(forgottenFacts(CONTEXT)).isEmpty();
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(options.schema().orElseThrow());
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(options.schema().orElseThrow());
                Statement st = c.createStatement();
                ResultSet row = st.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
