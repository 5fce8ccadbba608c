package dev.spectron.store.sqlite;

import dev.spectron.api.ExtractMode;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.SessionInfo;
import dev.spectron.api.SessionStatus;
import dev.spectron.api.Turn;
import dev.spectron.engine.spi.NewTurn;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The child process of the crash test: appends turns forever with the default options and prints
 * {@code ack <turn id>} after each append returns, until it is killed.
 */
final class CrashTestWriter {
    static final String CONTEXT = "crash";
    static final String SESSION = "crash-session";

    private CrashTestWriter() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        SqliteMemoryStore store = SqliteMemoryStore.open(Path.of(args[0]));
        store.createContext(CONTEXT, now);
        store.insertSession(CONTEXT, new SessionInfo(SESSION, Scope.empty(), Map.of(),
                ExtractMode.TURN, SessionStatus.OPEN, now, Optional.empty()));
        out.println("ready");
        out.flush();
        float[] vector = new float[384];
        for (long i = 0; ; i++) {
            vector[(int) (i % vector.length)] += 1f;
            Turn turn = store.appendTurn(CONTEXT, new NewTurn("turn-" + i, SESSION, Role.USER,
                    Optional.empty(), "message " + i, now, now, Map.of("i", i), "message " + i,
                    vector, "test-model"));
            out.println("ack " + turn.id());
            out.flush();
        }
    }
}
