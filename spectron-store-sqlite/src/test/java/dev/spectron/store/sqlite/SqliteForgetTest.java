package dev.spectron.store.sqlite;

import static dev.spectron.engine.contract.FactStoreContract.batch;
import static dev.spectron.engine.contract.FactStoreContract.indexed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spectron.api.DocumentInfo;
import dev.spectron.api.ExtractMode;
import dev.spectron.api.Instruction;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.SessionInfo;
import dev.spectron.api.SessionStatus;
import dev.spectron.api.Uncertainty;
import dev.spectron.engine.contract.FactStoreContract;
import dev.spectron.engine.contract.ForgetContract;
import dev.spectron.engine.contract.MemoryStoreContract;
import dev.spectron.engine.spi.ChunkRecord;
import dev.spectron.engine.spi.EntityRecord;
import dev.spectron.engine.spi.FactRecord;
import dev.spectron.engine.spi.FactStore;
import dev.spectron.engine.spi.ForgetCount;
import dev.spectron.engine.spi.MemoryStore;
import dev.spectron.engine.spi.NewTurn;
import dev.spectron.engine.spi.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqliteForgetTest extends ForgetContract {
    private static final List<String> TABLES = List.of("sessions", "turns", "facts",
            "instructions", "uncertainties", "documents", "chunks");

    @TempDir
    Path dir;

    @Override
    protected MemoryStore createStore() {
        return SqliteMemoryStore.open(file(), options());
    }

    private static SqliteOptions options() {
        return SqliteOptions.defaults().withClock(Clock.fixed(FORGET_AT, ZoneOffset.UTC));
    }

    private Path file() {
        return dir.resolve("data").resolve("spectron.db");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void forget_purge_leavesNoSecretInDatabaseOrWal(boolean softFirst) throws IOException {
        String secret = "okapi-" + UUID.randomUUID();
        storeSecretsOfAlice(secret);
        storeWorld(CONTEXT, "");
        assertThat(filesContain(secret)).isTrue();
        if (softFirst) {
            facts.forget(CONTEXT, bulk(USER_ALICE, false), false);
            assertThat(filesContain(secret)).isTrue();
        }

        facts.forget(CONTEXT, bulk(USER_ALICE, true), false);

        assertThat(filesContain(secret)).isFalse();
        store.close();
        store = SqliteMemoryStore.open(file(), options());
        facts = (FactStore) store;
        assertThat(filesContain(secret)).isFalse();
        assertThat(store.session(CONTEXT, "s-bob")).isPresent();
    }

    @Test
    void forget_soft_keepsRowsMarkedForgottenAndVectors() throws SQLException {
        storeWorld(CONTEXT, "");
        Map<String, Long> rows = rowCounts();
        long vectors = count("SELECT count(*) FROM vectors");

        facts.forget(CONTEXT, bulk(USER_ALICE, false), false);

        assertThat(rowCounts()).isEqualTo(rows);
        assertThat(count("SELECT count(*) FROM vectors")).isEqualTo(vectors);
        String at = Columns.instant(FORGET_AT);
        for (String table : List.of("sessions", "turns", "instructions", "uncertainties",
                "documents", "chunks")) {
            assertThat(count("SELECT count(*) FROM " + table + " WHERE forgotten_at = '" + at
                    + "'")).as(table).isEqualTo(rows.get(table) * 3 / WORLD.size());
        }
        assertThat(count("SELECT count(*) FROM facts WHERE status = 'forgotten'"
                + " AND closed_at = '" + at + "'")).isEqualTo(3);
    }

    @Test
    void forget_purgeAfterSoftForget_deletesHiddenRowsAndVectors() throws SQLException {
        storeWorld(CONTEXT, "");
        Map<String, Long> rows = rowCounts();
        long vectors = count("SELECT count(*) FROM vectors");
        facts.forget(CONTEXT, bulk(USER_ALICE, false), false);

        facts.forget(CONTEXT, bulk(USER_ALICE, true), false);

        rows.replaceAll((table, n) -> n * (WORLD.size() - 3) / WORLD.size());
        assertThat(rowCounts()).isEqualTo(rows);
        assertThat(count("SELECT count(*) FROM vectors")).isEqualTo(vectors * 4 / 7);
        assertThat(count("SELECT count(*) FROM entities")).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM vectors WHERE record_id GLOB '*-alice-a*'"
                + " OR record_id GLOB '*-alice-b*' OR record_id GLOB '*-alice-only*'")).isZero();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void forget_failureInLastStage_changesNothing(boolean purge) throws SQLException {
        storeWorld(CONTEXT, "");
        Map<String, Set<String>> before = everyRead(CONTEXT, "");
        long lastChange = store.lastChange();
        long vectors = count("SELECT count(*) FROM vectors");
        execute("CREATE TRIGGER fail_documents BEFORE " + (purge ? "DELETE" : "UPDATE")
                + " ON documents BEGIN SELECT RAISE(ABORT, 'injected failure'); END");

        assertThatThrownBy(() -> facts.forget(CONTEXT, bulk(USER_ALICE, purge), false))
                .isInstanceOf(SqliteStoreException.class).hasMessageContaining("injected failure");

        assertThat(everyRead(CONTEXT, "")).isEqualTo(before);
        assertThat(store.lastChange()).isEqualTo(lastChange);
        assertThat(count("SELECT count(*) FROM vectors")).isEqualTo(vectors);
        assertThat(forgottenFacts(CONTEXT)).isEmpty();
    }

    @Test
    void open_databaseAtVersionTwo_migratesWithNothingForgotten() throws SQLException {
        store.close();
        Path old = dir.resolve("old").resolve("spectron.db");
        old.getParent().toFile().mkdirs();
        Flyway.configure(getClass().getClassLoader())
                .dataSource("jdbc:sqlite:" + old, null, null)
                .locations(Migrations.LOCATION)
                .target("2")
                .load()
                .migrate();
        storeAtVersionTwo(old);

        store = SqliteMemoryStore.open(old, options());
        facts = (FactStore) store;

        assertThat(store.turns(CONTEXT, "s1")).extracting(t -> t.id()).containsExactly("t1");
        assertThat(facts.instructions(CONTEXT, ALICE_A.floorKeys(), true)).hasSize(1);
        assertThat(facts.forget(CONTEXT, bulk(USER_ALICE, false), false))
                .isEqualTo(new ForgetCount(1, 1, 0, 1, 0, 0, 0));
        assertThat(store.session(CONTEXT, "s1")).isEmpty();
        assertThat(facts.instructions(CONTEXT, ALICE_A.floorKeys(), false)).isEmpty();
    }

    /** A session, turn, entity, fact, instruction, uncertainty and document of Alice's. */
    private void storeSecretsOfAlice(String secret) {
        store.insertSession(CONTEXT, new SessionInfo("secret-s", ALICE_A, Map.of("note", secret),
                ExtractMode.TURN, SessionStatus.OPEN, T0, Optional.empty()));
        for (int i = 0; i < 20; i++) {
            store.appendTurn(CONTEXT, new NewTurn("secret-t" + i, "secret-s", Role.USER,
                    Optional.of(secret), secret + " number " + i, T0, T0, Map.of("n", secret),
                    "user: " + secret, FactStoreContract.vectorOf("secret-t" + i),
                    MemoryStoreContract.MODEL));
        }
        FactRecord fact = FactStoreContract.attribute("secret-f", ALICE_KEY, "diet", secret,
                ALICE_A, T0);
        facts.apply(CONTEXT, batch()
                .entity(new EntityRecord("secret-e", ALICE_KEY, "Alice " + secret,
                        List.of(secret), 0.5, T0, T0))
                .fact(fact)
                .instruction(new Instruction("secret-i", "Say " + secret, ALICE_A, true, T0,
                        Optional.empty(), FactStoreContract.source()))
                .uncertainty(new Uncertainty("secret-u", "low_confidence", "person/alice#diet",
                        secret, List.of(new Uncertainty.Candidate(secret,
                                FactStoreContract.source())), ALICE_A, false, T0,
                        Optional.empty(), Optional.empty()))
                .build());
        DocumentInfo doc = new DocumentInfo("secret-d", Optional.of(secret), ALICE_A,
                "text/plain", "ready", 1, T0, Optional.empty());
        facts.insertDocument(CONTEXT, doc, List.of(indexed(new ChunkRecord("secret-c",
                "secret-d", 1, secret + " passage", ALICE_A, new Span(0, 10)), secret)));
    }

    private static void storeAtVersionTwo(Path database) throws SQLException {
        String at = Columns.instant(T0);
        String scope = "{\"org\":\"a\",\"user\":\"alice\"}";
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            update(c, "INSERT INTO contexts VALUES (?, ?)", CONTEXT, at);
            update(c, "INSERT INTO sessions (id, context, scope_key, scope_json, metadata_json,"
                    + " extract, status, created_at) VALUES ('s1', ?, ?, ?, '{}', 'turn', 'open',"
                    + " ?)", CONTEXT, ALICE_A.key(), scope, at);
            update(c, "INSERT INTO turns (id, context, session_id, seq_in_session, role, content,"
                    + " created_at, observed_at, metadata_json, index_text) VALUES ('t1', ?, 's1',"
                    + " 1, 'user', 'hi', ?, ?, '{}', 'user: hi')", CONTEXT, at, at);
            update(c, "INSERT INTO instructions (id, context, text, scope_key, scope_json, active,"
                    + " created_at, source, index_text) VALUES ('i1', ?, 'Use metric', ?, ?, 1, ?,"
                    + " '{\"kind\":\"upsert\",\"ref\":\"upsert:1\",\"metadata\":{},\"trust\":1.0}',"
                    + " 'instruction: Use metric')", CONTEXT, ALICE_A.key(), scope, at);
        }
    }

    private static void update(Connection c, String sql, String... values) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                st.setString(i + 1, values[i]);
            }
            st.executeUpdate();
        }
    }

    private Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, count("SELECT count(*) FROM " + table));
        }
        return counts;
    }

    private boolean filesContain(String text) throws IOException {
        String needle = new String(text.getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
        for (String suffix : List.of("", "-wal", "-journal")) {
            Path path = Path.of(file() + suffix);
            if (Files.exists(path) && new String(Files.readAllBytes(path),
                    StandardCharsets.ISO_8859_1).contains(needle)) {
                return true;
            }
        }
        return false;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement st = c.createStatement();
                ResultSet row = st.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
