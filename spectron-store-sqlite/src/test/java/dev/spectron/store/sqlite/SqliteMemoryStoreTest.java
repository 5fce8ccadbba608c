package dev.spectron.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.Turn;
import dev.spectron.engine.contract.MemoryStoreContract;
import dev.spectron.engine.spi.IndexChange;
import dev.spectron.engine.spi.MemoryStore;
import dev.spectron.engine.spi.NewTurn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteMemoryStoreTest extends MemoryStoreContract {
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
    void deleteContext_withMemoryLeft_isConflict_andAfterPurgeRemovesIt() {
        store.insertSession(CONTEXT, session("del-1", Scope.of("user", "x")));
        assertThatThrownBy(() -> store.deleteContext(CONTEXT))
                .isInstanceOf(dev.spectron.api.ConflictException.class);
        store.forget(CONTEXT, new dev.spectron.engine.spi.ForgetSpec(Scope.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), true), false);
        assertThat(store.deleteContext(CONTEXT)).isTrue();
        assertThat(store.contextExists(CONTEXT)).isFalse();
        assertThat(store.deleteContext(CONTEXT)).isFalse();
        assertThat(store.contextExists(OTHER_CONTEXT)).isTrue();
    }

    @Test
    void saveKeySpecs_thenReopen_returnsThemAndUpdatesInPlace() {
        dev.spectron.engine.spi.KeySpec book = new dev.spectron.engine.spi.KeySpec(
                "favorite_book", false, dev.spectron.engine.spi.KeySpec.Cardinality.MANY,
                dev.spectron.engine.spi.KeySpec.Category.KNOWLEDGE, List.of("beloved_book"));
        store.saveKeySpecs(CONTEXT, List.of(book));
        store.saveKeySpecs(CONTEXT, List.of(book));
        assertThat(store.keySpecs(CONTEXT)).containsExactly(book);
        assertThat(store.keySpecs(OTHER_CONTEXT)).isEmpty();
        assertThatThrownBy(() -> store.saveKeySpecs("nope", List.of(book)))
                .isInstanceOf(dev.spectron.api.NotFoundException.class);
    }

    @Test
    void open_reopenedThreeTimes_keepsDataAndAppliesMigrationsOnce() throws SQLException {
        store.insertSession(CONTEXT, session("s1", Scope.of("org", "acme")));
        Turn turn = store.appendTurn(CONTEXT, newTurn("s1"));
        long last = store.lastChange();
        for (int i = 0; i < 3; i++) {
            store.close();
            store = SqliteMemoryStore.open(file());
        }
        assertThat(store.contexts()).containsExactly(CONTEXT, OTHER_CONTEXT);
        assertThat(store.session(CONTEXT, "s1")).contains(session("s1", Scope.of("org", "acme")));
        assertThat(store.turns(CONTEXT, "s1")).containsExactly(turn);
        assertThat(store.lastChange()).isEqualTo(last);
        assertThat(store.appendTurn(CONTEXT, newTurn("s1")).seq()).isEqualTo(2);
        assertThat(query("SELECT count(*) FROM flyway_schema_history WHERE success = 1"))
                .isEqualTo("5");
    }

    @Test
    void open_newFile_usesWriteAheadLog() throws SQLException {
        assertThat(query("PRAGMA journal_mode")).isEqualTo("wal");
    }

    @Test
    void open_synchronousNormal_storesAndReads() {
        store.close();
        store = SqliteMemoryStore.open(file(),
                SqliteOptions.defaults().withSynchronous(SqliteOptions.Synchronous.NORMAL));
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        assertThat(store.appendTurn(CONTEXT, newTurn("s1")).seq()).isEqualTo(1);
    }

    @Test
    void options_outOfRange_throwIllegalArgument() {
        assertThatThrownBy(() -> SqliteOptions.defaults().withReaders(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readers");
        assertThatThrownBy(() -> SqliteOptions.defaults().withBusyTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("busyTimeout");
    }

    @Test
    void appendTurn_nanosecondInstants_roundTripExactly() {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        Instant created = Instant.parse("2025-01-02T03:04:05.123456789Z");
        Instant observed = Instant.parse("1969-07-20T20:17:40.000000001Z");
        Turn stored = store.appendTurn(CONTEXT, new NewTurn("t1", "s1", Role.USER,
                Optional.empty(), "hi", created, observed, Map.of(), "hi", vector(1), MODEL));
        Turn read = store.turns(CONTEXT, "s1").getFirst();
        assertThat(read).isEqualTo(stored);
        assertThat(read.createdAt()).isEqualTo(created);
        assertThat(read.observedAt()).isEqualTo(observed);
    }

    @Test
    void appendTurn_failureAfterTurnRowWritten_leavesNothing() throws SQLException {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        store.appendTurn(CONTEXT, newTurn("s1"));
        long before = store.lastChange();
        execute("CREATE TRIGGER fail_vectors BEFORE INSERT ON vectors"
                + " BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
        NewTurn doomed = newTurn("s1");
        assertThatThrownBy(() -> store.appendTurn(CONTEXT, doomed))
                .isInstanceOf(SqliteStoreException.class).hasMessageContaining("injected failure");
        assertThat(store.turns(CONTEXT, "s1")).hasSize(1);
        assertThat(store.turnsById(CONTEXT, List.of(doomed.id()))).isEmpty();
        assertThat(store.lastChange()).isEqualTo(before);
        execute("DROP TRIGGER fail_vectors");
        assertThat(store.appendTurn(CONTEXT, newTurn("s1")).seq()).isEqualTo(2);
    }

    @Test
    void deleteSession_failureBeforeSessionRowDeleted_leavesEverything() throws SQLException {
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        store.appendTurn(CONTEXT, newTurn("s1"));
        store.appendTurn(CONTEXT, newTurn("s1"));
        long before = store.lastChange();
        execute("CREATE TRIGGER fail_session_delete BEFORE DELETE ON sessions"
                + " BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
        assertThatThrownBy(() -> store.deleteSession(CONTEXT, "s1"))
                .isInstanceOf(SqliteStoreException.class);
        assertThat(store.turns(CONTEXT, "s1")).hasSize(2);
        assertThat(store.lastChange()).isEqualTo(before);
        assertThat(store.changesSince(0, 10)).allMatch(c -> c instanceof IndexChange.Upsert);
    }

    @Test
    void deleteSession_secureDelete_leavesNoContentInFiles() throws IOException {
        String secret = "zebra-" + UUID.randomUUID();
        store.insertSession(CONTEXT, session("s1", Scope.empty()));
        for (int i = 0; i < 20; i++) {
            store.appendTurn(CONTEXT, new NewTurn("secret-" + i, "s1", Role.USER, Optional.empty(),
                    secret + " number " + i, T0, T0, Map.of("note", secret), "user: " + secret,
                    vector(i), MODEL));
        }
        assertThat(filesContain(secret)).isTrue();
        store.deleteSession(CONTEXT, "s1");
        assertThat(filesContain(secret)).isFalse();
        store.close();
        store = SqliteMemoryStore.open(file());
        assertThat(filesContain(secret)).isFalse();
    }

    @Test
    void methods_afterClose_throwIllegalState() {
        store.close();
        store.close();
        assertThatThrownBy(() -> store.contexts()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.createContext("x", T0))
                .isInstanceOf(IllegalStateException.class);
        store = SqliteMemoryStore.open(file());
    }

    @Test
    void appendTurn_writerKilledMidRun_keepsEveryAcknowledgedTurn() throws Exception {
        store.close();
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                CrashTestWriter.class.getName(), file().toString())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        try {
            awaitAcks(out, 300, child, err);
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> acknowledged = acknowledgedIds(Files.readString(out));

        store = SqliteMemoryStore.open(file());
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);
        assertThat(store.turnsById(CrashTestWriter.CONTEXT, acknowledged))
                .containsOnlyKeys(acknowledged);
        List<Turn> turns = store.turns(CrashTestWriter.CONTEXT, CrashTestWriter.SESSION);
        assertThat(turns).extracting(Turn::seq)
                .isEqualTo(IntStream.rangeClosed(1, turns.size()).boxed().toList());
        assertThat(store.changesSince(0, Integer.MAX_VALUE)).hasSize(turns.size());
    }

    /** Waits until the child has acknowledged {@code count} turns; fails if it dies first. */
    private static void awaitAcks(Path out, int count, Process child, Path err)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (acknowledgedIds(Files.readString(out)).size() < count) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the writer stopped early: " + Files.readString(err));
            }
            Thread.sleep(10);
        }
    }

    /** Complete lines only: the last one may have been cut by the kill. */
    private static List<String> acknowledgedIds(String output) {
        String complete = output.substring(0, output.lastIndexOf('\n') + 1);
        List<String> ids = new ArrayList<>();
        for (String line : complete.split("\n")) {
            if (line.startsWith("ack ")) {
                ids.add(line.substring(4));
            }
        }
        return ids;
    }

    private boolean filesContain(String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        for (String suffix : List.of("", "-wal", "-journal")) {
            Path path = Path.of(file() + suffix);
            if (Files.exists(path) && indexOf(Files.readAllBytes(path), needle) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private String query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
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
