package dev.spectron.store.sqlite;

import dev.spectron.api.ExtractMode;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.SessionInfo;
import dev.spectron.api.SessionStatus;
import dev.spectron.engine.spi.NewTurn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Prints the store's write throughput and lookup latency on this machine. Not a test: run it by
 * hand with the test classpath, {@code java -cp … dev.spectron.store.sqlite.SqliteStoreBenchmark
 * [directory]}. (The project's benchmarks belong in spectron-eval; this one stays here until that
 * module can depend on the store.)
 */
final class SqliteStoreBenchmark {
    private static final String CONTEXT = "bench";
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final Random RANDOM = new Random(42);
    private static final float[] VECTOR = randomVector();

    private SqliteStoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("bench");
        boolean lookupOnly = args.length > 1 && args[1].equals("lookup");
        for (SqliteOptions.Synchronous mode : SqliteOptions.Synchronous.values()) {
            if (!lookupOnly) {
                appendThroughput(root.resolve("append-" + mode), mode, 1, 2_000);
                appendThroughput(root.resolve("append8-" + mode), mode, 8, 2_000);
            }
        }
        lookupLatency(root.resolve("lookup"), 100_000, 50);
        if (!lookupOnly) {
            deleteRecursively(root);
        }
    }

    private static void appendThroughput(Path dir, SqliteOptions.Synchronous mode, int threads,
            int turns) throws Exception {
        SqliteOptions options = SqliteOptions.defaults().withSynchronous(mode);
        try (SqliteMemoryStore store = SqliteMemoryStore.open(dir.resolve("s.db"), options)) {
            store.createContext(CONTEXT, NOW);
            for (int t = 0; t < threads; t++) {
                store.insertSession(CONTEXT, session("s" + t));
            }
            appendAll(store, threads, 200, "warm");
            long start = System.nanoTime();
            appendAll(store, threads, turns, "t");
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("appendTurn synchronous=%-6s threads=%d: %,d turns in %.2f s ="
                    + " %,.0f turns/s (%.3f ms each)%n", mode, threads, turns, seconds,
                    turns / seconds, seconds * 1000 / turns);
        }
    }

    private static void appendAll(SqliteMemoryStore store, int threads, int turns, String prefix)
            throws Exception {
        List<Future<?>> tasks = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < threads; t++) {
                String sessionId = "s" + t;
                String idPrefix = prefix + "-" + t + "-";
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < turns / threads; i++) {
                        store.appendTurn(CONTEXT, turn(idPrefix + i, sessionId, i));
                    }
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        }
    }

    private static void lookupLatency(Path dir, int total, int batch) throws Exception {
        SqliteOptions options = SqliteOptions.defaults()
                .withSynchronous(SqliteOptions.Synchronous.NORMAL);
        try (SqliteMemoryStore store = SqliteMemoryStore.open(dir.resolve("s.db"), options)) {
            List<String> ids = new ArrayList<>(total);
            if (!store.createContext(CONTEXT, NOW)) {
                for (int i = 0; i < total / 100; i++) {
                    store.turns(CONTEXT, "s" + i).forEach(t -> ids.add(t.id()));
                }
            }
            long start = System.nanoTime();
            for (int i = ids.size(); i < total; i++) {
                if (i % 100 == 0) {
                    store.insertSession(CONTEXT, session("s" + i / 100));
                }
                String id = String.format("%012x%016x", i, RANDOM.nextLong());
                store.appendTurn(CONTEXT, turn(id, "s" + i / 100, i));
                ids.add(id);
            }
            System.out.printf("loaded %,d turns in %.1f s (synchronous=NORMAL); file %,d MB%n",
                    total, (System.nanoTime() - start) / 1e9,
                    Files.size(dir.resolve("s.db")) / 1_000_000);
            long[] nanos = new long[2_000];
            for (int round = -500; round < nanos.length; round++) {
                List<String> wanted = new ArrayList<>(batch);
                for (int j = 0; j < batch; j++) {
                    wanted.add(ids.get(RANDOM.nextInt(total)));
                }
                long t0 = System.nanoTime();
                int found = store.turnsById(CONTEXT, wanted).size();
                long took = System.nanoTime() - t0;
                if (found == 0) {
                    throw new AssertionError("nothing found");
                }
                if (round >= 0) {
                    nanos[round] = took;
                }
            }
            Arrays.sort(nanos);
            System.out.printf("turnsById %d ids at %,d turns: p50 %.3f ms, p90 %.3f ms,"
                    + " p99 %.3f ms, mean %.3f ms (%d calls)%n", batch, total,
                    nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 9 / 10] / 1e6,
                    nanos[nanos.length * 99 / 100] / 1e6,
                    Arrays.stream(nanos).average().orElse(0) / 1e6, nanos.length);
            long t0 = System.nanoTime();
            int replayed = 0;
            for (long after = 0; ; ) {
                var changes = store.changesSince(after, 512);
                if (changes.isEmpty()) {
                    break;
                }
                replayed += changes.size();
                after = changes.getLast().seq();
            }
            System.out.printf("changesSince replay of %,d upserts in batches of 512: %.1f s%n",
                    replayed, (System.nanoTime() - t0) / 1e9);
        }
    }

    private static NewTurn turn(String id, String sessionId, int i) {
        String content = "Benchmark message number " + i + " about hiking in the Alps in May.";
        return new NewTurn(id, sessionId, Role.USER, Optional.empty(), content, NOW, NOW,
                Map.of("i", i), "user: " + content + " (1 January 2025)", VECTOR, "bench-model");
    }

    private static SessionInfo session(String id) {
        return new SessionInfo(id, Scope.of("user", "u" + id), Map.of(), ExtractMode.TURN,
                SessionStatus.OPEN, NOW, Optional.empty());
    }

    private static float[] randomVector() {
        float[] vector = new float[384];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) RANDOM.nextGaussian();
        }
        return vector;
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
