package dev.spectron.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.spectron.api.Memory;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.SessionInfo;
import dev.spectron.api.SessionRequest;
import dev.spectron.api.TurnInput;
import dev.spectron.client.SpectronClient;
import dev.spectron.embed.onnx.EmbeddingModel;
import dev.spectron.embed.onnx.OnnxEmbedder;
import dev.spectron.embedded.EmbeddedOptions;
import dev.spectron.server.ServerConfig;
import dev.spectron.server.SpectronServer;
import dev.spectron.store.postgres.PostgresOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Latency and ingestion benchmark over HTTP: starts a real server on a fresh data directory (or
 * a fresh PostgreSQL schema), measures ingestion through the API, fills the store to each
 * requested size, and measures recall latency over HTTP beside two baselines from the same run:
 * the query-embedding time of the same model (the floor recall cannot beat) and an HTTP round
 * trip to {@code /health}.
 */
public final class HttpBenchmark {
    private static final int USERS = 100;
    private static final int TURNS_PER_SESSION = 20;
    private static final int WARM_UP_TURNS = 20;

    /**
     * What to run.
     *
     * @param sizes stored-turn counts at which recall latency is measured, ascending
     * @param queries recall queries per size
     * @param ingestTurns turns sent through HTTP for the ingestion measurement
     * @param clients concurrent HTTP clients while ingesting
     * @param fillThreads threads filling the store in-process between sizes
     * @param model embedding model
     * @param dataDir data directory (fresh temp directory when null)
     * @param out directory for results.json and results.md
     * @param postgres when present, the server keeps memory in this PostgreSQL database
     *     instead of {@code dataDir}: in the options' schema, which must hold no Spectron install
     *     yet, or else in a fresh schema that is dropped afterwards
     */
    public record Options(List<Integer> sizes, int queries, int ingestTurns, int clients,
            int fillThreads, String model, Path dataDir, Path out,
            Optional<PostgresOptions> postgres) {}

    private final Options options;
    private final PrintStream log;
    private final SyntheticConversations corpus = new SyntheticConversations(42);

    public HttpBenchmark(Options options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    /** Runs the benchmark and writes {@code results.json} and {@code results.md}. */
    public Map<String, Object> run() throws Exception {
        Path data = options.dataDir() != null ? options.dataDir()
                : Files.createTempDirectory("spectron-bench");
        if (Files.exists(data.resolve("spectron.db"))
                || Files.exists(data.resolve("credentials.json"))) {
            throw new IllegalArgumentException("the benchmark needs an empty data directory: "
                    + data);
        }
        Optional<PostgresOptions> postgres = options.postgres().map(p -> p.schema().isPresent()
                ? p : p.withSchema("spectron_bench_" + UUID.randomUUID().toString()
                        .replace("-", "").substring(0, 12)));
        EmbeddedOptions storage = EmbeddedOptions.of(data).withEmbeddingModel(options.model());
        ServerConfig config = ServerConfig.of(data).withPort(0)
                .withStorage(postgres.map(storage::withPostgres).orElse(storage));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("date", Instant.now().toString());
        results.put("model", options.model());
        results.put("store", postgres.isPresent() ? "postgres" : "embedded");
        results.put("cores", Runtime.getRuntime().availableProcessors());
        try {
            measure(config, data, results);
        } finally {
            if (options.postgres().isPresent() && options.postgres().get().schema().isEmpty()) {
                dropSchema(postgres.get());
            }
        }
        write(results);
        return results;
    }

    private void measure(ServerConfig config, Path data, Map<String, Object> results)
            throws Exception {
        try (SpectronServer server = SpectronServer.start(config);
                SpectronClient client = SpectronClient.builder()
                        .baseUrl("http://127.0.0.1:" + server.port())
                        .apiKey(apiKey(server, data)).build()) {
            Memory remote = client.memory();
            Memory local = server.spectron().memory();
            warmUp(remote);
            results.put("ingestion", ingest(remote));
            List<Map<String, Object>> recall = new ArrayList<>();
            long stored = WARM_UP_TURNS + ((Number) ((Map<?, ?>) results.get("ingestion"))
                    .get("turns")).longValue();
            for (int size : options.sizes()) {
                fill(local, size - stored);
                stored = Math.max(stored, size);
                recall.add(measureRecall(remote, server.port(), size));
            }
            results.put("recall", recall);
        }
    }

    /** Drops the fresh schema the benchmark made; its data is synthetic. */
    private void dropSchema(PostgresOptions postgres) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl());
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS \"" + postgres.schema().orElseThrow()
                    + "\" CASCADE");
        }
        log.println("dropped the benchmark's schema " + postgres.schema().orElseThrow());
    }

    private void warmUp(Memory memory) {
        SessionInfo session = memory.createSession(SessionRequest.of(Scope.of("user", "warmup")));
        for (int i = 0; i < WARM_UP_TURNS; i++) {
            memory.addTurn(session.id(), TurnInput.of(Role.USER, corpus.userTurn()));
            memory.recall(corpus.query(), Scope.of("user", "warmup"), 10);
        }
    }

    private Map<String, Object> ingest(Memory memory) throws Exception {
        int perClient = Math.max(1, options.ingestTurns() / options.clients());
        long[] latencies = new long[perClient * options.clients()];
        AtomicLong done = new AtomicLong();
        long started = System.nanoTime();
        try (ProgressBar bar = bar("Ingest over HTTP", latencies.length);
                ExecutorService pool = Executors.newFixedThreadPool(options.clients())) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < options.clients(); c++) {
                int client = c;
                SyntheticConversations text = new SyntheticConversations(1000 + c);
                futures.add(pool.submit(() -> {
                    String sessionId = null;
                    for (int i = 0; i < perClient; i++) {
                        if (i % TURNS_PER_SESSION == 0) {
                            sessionId = memory.createSession(SessionRequest.of(Scope.of("user",
                                    "u" + text.nextInt(USERS)))).id();
                        }
                        boolean user = i % 2 == 0;
                        long t0 = System.nanoTime();
                        memory.addTurn(sessionId, TurnInput.of(user ? Role.USER : Role.ASSISTANT,
                                user ? text.userTurn() : text.assistantTurn()));
                        latencies[client * perClient + i] = System.nanoTime() - t0;
                        bar.stepTo(done.incrementAndGet());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Percentiles p = new Percentiles(latencies);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("turns", latencies.length);
        out.put("clients", options.clients());
        out.put("turnsPerSecond", round(latencies.length / seconds));
        out.put("addTurnP50Ms", round(p.ms(50)));
        out.put("addTurnP95Ms", round(p.ms(95)));
        log.printf("ingestion: %d turns over HTTP with %d clients: %.1f turns/s (p50 %.1f ms)%n",
                latencies.length, options.clients(), latencies.length / seconds, p.ms(50));
        return out;
    }

    private void fill(Memory memory, long turns) throws Exception {
        if (turns <= 0) {
            return;
        }
        AtomicLong done = new AtomicLong();
        long perThread = (turns + options.fillThreads() - 1) / options.fillThreads();
        try (ProgressBar bar = bar("Fill store", turns);
                ExecutorService pool = Executors.newFixedThreadPool(options.fillThreads())) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < options.fillThreads(); t++) {
                SyntheticConversations text = new SyntheticConversations(5000 + t + turns);
                futures.add(pool.submit(() -> {
                    String sessionId = null;
                    for (long i = 0; i < perThread && done.get() < turns; i++) {
                        if (i % TURNS_PER_SESSION == 0) {
                            sessionId = memory.createSession(SessionRequest.of(Scope.of("user",
                                    "u" + text.nextInt(USERS)))).id();
                        }
                        boolean user = i % 2 == 0;
                        memory.addTurn(sessionId, TurnInput.of(user ? Role.USER : Role.ASSISTANT,
                                user ? text.userTurn() : text.assistantTurn()));
                        bar.stepTo(done.incrementAndGet());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
    }

    private Map<String, Object> measureRecall(Memory memory, int port, int size) throws Exception {
        int n = options.queries();
        List<String> queries = new ArrayList<>(n);
        List<Scope> scopes = new ArrayList<>(n);
        SyntheticConversations q = new SyntheticConversations(7 + size);
        for (int i = 0; i < n; i++) {
            queries.add(q.query() + " #" + i);
            scopes.add(Scope.of("user", "u" + q.nextInt(USERS)));
        }
        long[] embed = new long[n];
        try (OnnxEmbedder embedder = OnnxEmbedder.create(EmbeddingModel.parse(options.model()),
                Runtime.getRuntime().availableProcessors())) {
            embedder.embedQuery("warm up");
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                embedder.embedQuery(queries.get(i) + " (baseline)");
                embed[i] = System.nanoTime() - t0;
            }
        }
        long[] recall = new long[n];
        try (ProgressBar bar = bar("Recall at " + size, n)) {
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                memory.recall(queries.get(i), scopes.get(i), 10);
                recall[i] = System.nanoTime() - t0;
                bar.step();
            }
        }
        long[] health = healthRoundTrips(port, n);
        Percentiles r = new Percentiles(recall);
        Percentiles e = new Percentiles(embed);
        Percentiles h = new Percentiles(health);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("storedTurns", size);
        out.put("queries", n);
        out.put("recallP50Ms", round(r.ms(50)));
        out.put("recallP95Ms", round(r.ms(95)));
        out.put("recallP99Ms", round(r.ms(99)));
        out.put("embedQueryP50Ms", round(e.ms(50)));
        out.put("httpHealthP50Ms", round(h.ms(50)));
        out.put("recallOverEmbedP50", round(r.ms(50) / e.ms(50)));
        log.printf("recall at %,d turns: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms"
                + " (query embedding p50 %.2f ms -> ratio %.2f; HTTP /health p50 %.2f ms)%n",
                size, r.ms(50), r.ms(95), r.ms(99), e.ms(50), r.ms(50) / e.ms(50), h.ms(50));
        return out;
    }

    private static long[] healthRoundTrips(int port, int n) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/health")).GET().build();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            http.send(request, HttpResponse.BodyHandlers.ofString());
            out[i] = System.nanoTime() - t0;
        }
        return out;
    }

    private void write(Map<String, Object> results) throws IOException {
        Files.createDirectories(options.out());
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        mapper.writeValue(options.out().resolve("results.json").toFile(), results);
        Files.writeString(options.out().resolve("results.md"), markdown(results));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> recall = (List<Map<String, Object>>) results.get("recall");
        LatencyChart.write(recall, options.out().resolve("recall-latency.png"));
        log.println("wrote " + options.out().resolve("results.json")
                + ", results.md and recall-latency.png");
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> results) {
        StringBuilder md = new StringBuilder();
        md.append("Store: ").append(results.getOrDefault("store", "embedded")).append("\n\n");
        Map<String, Object> ingest = (Map<String, Object>) results.get("ingestion");
        md.append("| stored turns | recall p50 | p95 | p99 | query embedding p50 | recall / embedding"
                + " | HTTP /health p50 |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> row : (List<Map<String, Object>>) results.get("recall")) {
            md.append(String.format("| %,d | %s ms | %s ms | %s ms | %s ms | %s× | %s ms |%n",
                    (Integer) row.get("storedTurns"), row.get("recallP50Ms"),
                    row.get("recallP95Ms"), row.get("recallP99Ms"), row.get("embedQueryP50Ms"),
                    row.get("recallOverEmbedP50"), row.get("httpHealthP50Ms")));
        }
        md.append(String.format("%nIngestion over HTTP: %s turns/s with %s clients"
                + " (add-turn p50 %s ms, p95 %s ms; %s turns).%n", ingest.get("turnsPerSecond"),
                ingest.get("clients"), ingest.get("addTurnP50Ms"), ingest.get("addTurnP95Ms"),
                ingest.get("turns")));
        return md.toString();
    }

    private static String apiKey(SpectronServer server, Path data) {
        if (server.credentialsFile().isEmpty()) {
            throw new IllegalArgumentException("the benchmark needs a store without keys: the"
                    + " PostgreSQL schema holds a Spectron install already; name a new one");
        }
        try {
            return new ObjectMapper().readTree(data.resolve("credentials.json").toFile())
                    .get("apiKey").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the benchmark server's credentials", e);
        }
    }

    private ProgressBar bar(String task, long total) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(
                        new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .build();
    }

    private static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
