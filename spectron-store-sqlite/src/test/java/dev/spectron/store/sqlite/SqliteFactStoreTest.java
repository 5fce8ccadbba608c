package dev.spectron.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spectron.api.DocumentInfo;
import dev.spectron.api.FactStatus;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.Turn;
import dev.spectron.engine.contract.FactStoreContract;
import dev.spectron.engine.contract.MemoryStoreContract;
import dev.spectron.engine.spi.ChunkRecord;
import dev.spectron.engine.spi.FactBatch;
import dev.spectron.engine.spi.FactQuery;
import dev.spectron.engine.spi.FactStore;
import dev.spectron.engine.spi.IndexChange;
import dev.spectron.engine.spi.Indexed;
import dev.spectron.engine.spi.MemoryStore;
import dev.spectron.engine.spi.NewTurn;
import dev.spectron.engine.spi.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteFactStoreTest extends FactStoreContract {
    @TempDir
    Path dir;

    @Override
    protected MemoryStore createStore() {
        return SqliteMemoryStore.open(file());
    }

    private Path file() {
        return dir.resolve("data").resolve("spectron.db");
    }

    @Test
    void open_databaseAtVersionOne_migratesKeepingTurns() throws SQLException {
        store.close();
        Path old = dir.resolve("old").resolve("spectron.db");
        old.getParent().toFile().mkdirs();
        Flyway.configure(getClass().getClassLoader())
                .dataSource("jdbc:sqlite:" + old, null, null)
                .locations(Migrations.LOCATION)
                .target("1")
                .load()
                .migrate();
        store = SqliteMemoryStore.open(old);
        facts = (FactStore) store;
        store.createContext(CONTEXT, T0);
        store.insertSession(CONTEXT, MemoryStoreContract.session("s1", ALICE));
        Turn turn = store.appendTurn(CONTEXT, new NewTurn("t1", "s1", Role.USER,
                Optional.empty(), "hi", T0, T0, Map.of(), "hi", vectorOf("t1"), MODEL));
        facts.apply(CONTEXT, batch().fact(attribute("f1", ALICE_KEY, "diet", "vegan", ALICE, T0))
                .build());

        assertThat(store.turns(CONTEXT, "s1")).containsExactly(turn);
        assertThat(facts.factsById(CONTEXT, List.of("f1"))).hasSize(1);
        assertThat(query(old, "SELECT group_concat(version, ',') FROM"
                + " (SELECT version FROM flyway_schema_history WHERE success = 1"
                + " ORDER BY installed_rank)")).isEqualTo("1,2,3,4,5");
    }

    @Test
    void apply_failureInLastStage_leavesNothing() throws SQLException {
        facts.apply(CONTEXT, batch().fact(attribute("f1", ALICE_KEY, "diet", "veg", ALICE, T0))
                .uncertainty(uncertainty("u1", ALICE, T0)).build());
        long before = store.lastChange();
        execute("CREATE TRIGGER fail_resolve BEFORE UPDATE ON uncertainties"
                + " BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
        FactBatch doomed = batch()
                .entity(entity("e1", ALICE_KEY, "Alice", List.of(), T0))
                .fact(attribute("f2", ALICE_KEY, "diet", "vegan", ALICE, T0.plusSeconds(1)))
                .update(new FactBatch.FactUpdate("f1", FactStatus.SUPERSEDED, Optional.empty(),
                        T0.plusSeconds(1), Optional.of("f2")))
                .instruction(instruction("i1", ALICE, T0))
                .resolve("u1", T0.plusSeconds(1), "answered")
                .build();
        assertThatThrownBy(() -> facts.apply(CONTEXT, doomed))
                .isInstanceOf(SqliteStoreException.class).hasMessageContaining("injected failure");
        assertThat(facts.entity(CONTEXT, ALICE_KEY)).isEmpty();
        assertThat(facts.facts(CONTEXT, FactQuery.visible(ALICE.floorKeys(), Set.of(), 10)))
                .extracting(f -> f.id() + ":" + f.status().wireName())
                .containsExactly("f1:current");
        assertThat(facts.instructions(CONTEXT, ALICE.floorKeys(), false)).isEmpty();
        assertThat(store.lastChange()).isEqualTo(before);
        assertThat(query(file(), "SELECT count(*) FROM vectors")).isEqualTo("1");
    }

    @Test
    void deleteDocument_secureDelete_leavesNoChunkTextInFiles() throws IOException {
        String secret = "okapi-" + UUID.randomUUID();
        DocumentInfo doc = document("d1", ORG, T0);
        List<Indexed<ChunkRecord>> chunks = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            chunks.add(indexed(new ChunkRecord("c" + i, "d1", i, secret + " passage " + i, ORG,
                    new Span(0, 10)), "policy: " + secret));
        }
        facts.insertDocument(CONTEXT, doc, chunks);
        assertThat(filesContain(secret)).isTrue();
        facts.deleteDocument(CONTEXT, "d1");
        assertThat(filesContain(secret)).isFalse();
    }

    @Test
    void changesSince_afterReopen_readsEveryKindAgain() {
        DocumentInfo doc = document("d1", ORG, T0);
        facts.insertDocument(CONTEXT, doc, chunks(doc, 1));
        facts.apply(CONTEXT, batch().fact(attribute("f1", ALICE_KEY, "diet", "vegan", ALICE, T0))
                .instruction(instruction("i1", Scope.empty(), T0)).build());
        List<IndexChange> before = store.changesSince(0, 10);
        store.close();
        store = SqliteMemoryStore.open(file());
        facts = (FactStore) store;
        List<IndexChange> after = store.changesSince(0, 10);
        assertThat(after).hasSize(3).allMatch(c -> c instanceof IndexChange.Upsert);
        assertThat(after).usingRecursiveFieldByFieldElementComparator().isEqualTo(before);
    }

    private boolean filesContain(String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        for (String suffix : List.of("", "-wal", "-journal")) {
            Path path = Path.of(file() + suffix);
            if (Files.exists(path) && new String(Files.readAllBytes(path),
                    StandardCharsets.ISO_8859_1).contains(
                            new String(needle, StandardCharsets.ISO_8859_1))) {
                return true;
            }
        }
        return false;
    }

    private static String query(Path database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement st = c.createStatement();
                ResultSet row = st.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
