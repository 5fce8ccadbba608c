package dev.spectron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spectron.api.ForgetRequest;
import dev.spectron.api.Hit;
import dev.spectron.api.Infer;
import dev.spectron.api.Memory;
import dev.spectron.api.RememberRequest;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.Session;
import dev.spectron.api.Triple;
import dev.spectron.client.SpectronClient;
import dev.spectron.store.postgres.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code spectron serve --store postgres} processes on one PostgreSQL schema, as behind a
 * load balancer: what one node acknowledges, the other serves at once (writes, forgets, key
 * revocations, registry changes, idempotent answers), and when one dies with SIGKILL the other
 * keeps serving everything that was acknowledged. The nodes start together, so the bootstrap
 * race is part of the test. The last test kills node A; the others leave both running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/v1/default";

    @TempDir
    static Path work;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String schema = "spectron_multinode_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private Node a;
    private Node b;
    private String apiKey;
    private String managementKey;
    private List<Path> credentialFiles;

    @BeforeAll
    void startTwoNodesAtOnce() throws Exception {
        Process first = serve("a");
        Process second = serve("b");
        a = new Node("a", first, await(first, "a"));
        b = new Node("b", second, await(second, "b"));
        credentialFiles = new ArrayList<>();
        for (String node : List.of("a", "b")) {
            Path file = work.resolve(node).resolve("credentials.json");
            if (Files.exists(file)) {
                credentialFiles.add(file);
            }
        }
        JsonNode credentials = JSON.readTree(credentialFiles.getFirst().toFile());
        apiKey = credentials.get("apiKey").asText();
        managementKey = credentials.get("managementKey").asText();
    }

    @AfterAll
    void stopNodesAndDropSchema() throws Exception {
        for (Node node : new Node[] {a, b}) {
            if (node != null && node.process().isAlive()) {
                node.process().destroy();
                node.process().waitFor(30, TimeUnit.SECONDS);
            }
        }
        try (Connection c = DriverManager.getConnection(TestPostgres.url());
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        }
    }

    @Test
    @Order(1)
    void bootstrap_twoNodesStartingTogether_exactlyOneWritesCredentialsBothAcceptThem() {
        assertThat(credentialFiles).hasSize(1);
        try (SpectronClient viaA = a.client(apiKey); SpectronClient viaB = b.client(apiKey)) {
            assertThat(viaA.memory().sessions(Scope.empty(), 10)).isEmpty();
            assertThat(viaB.memory().sessions(Scope.empty(), 10)).isEmpty();
        }
    }

    @Test
    @Order(2)
    void recallAndContext_throughB_seeTurnsJustWrittenThroughA() {
        Scope alice = Scope.of("user", "alice");
        try (SpectronClient viaA = a.client(apiKey); SpectronClient viaB = b.client(apiKey)) {
            List<String> written = new ArrayList<>();
            for (String text : List.of("I prefer vegetarian food.", "My locker number is 4417.",
                    "My sister Ana lives in Porto.")) {
                written.add(viaA.memory().remember(text, alice).turnId());
                assertThat(turnIds(viaB.memory().recall(text, alice, 10).hits()))
                        .contains(written.getLast());
            }
            assertThat(viaB.memory().context("What should I cook for Alice?", alice).formatted())
                    .contains("vegetarian");
        }
    }

    @Test
    @Order(3)
    void forget_throughB_hidesTurnsAddedThroughBFromA() {
        Scope bob = Scope.of("user", "bob");
        try (SpectronClient viaA = a.client(apiKey); SpectronClient viaB = b.client(apiKey)) {
            Memory memoryB = viaB.memory();
            String turnId;
            try (Session session = memoryB.openSession(bob)) {
                turnId = session.turn(Role.USER, "My bike lock code is 7731.").turn().id();
            }
            assertThat(turnIds(viaA.memory().recall("bike lock code", bob, 10).hits()))
                    .contains(turnId);

            assertThat(memoryB.forget(new ForgetRequest(bob, Optional.empty(), Optional.empty(),
                    Optional.empty(), false, false)).forgotten()).isPositive();

            assertThat(viaA.memory().recall("bike lock code", bob, 10).hits()).isEmpty();
            assertThat(viaA.memory().context("what is the bike lock code", bob).formatted())
                    .isEmpty();
        }
    }

    @Test
    @Order(4)
    void registry_extendedThroughA_appliesToTheNextWriteOnB() throws Exception {
        Scope carol = Scope.of("user", "carol");
        try (SpectronClient viaB = b.client(apiKey)) {
            assertThat(lockerDecision(viaB.memory(), carol, "12")).isEqualTo("add");
            // One value at a time by default, and B has read its registry for that write.
            assertThat(lockerDecision(viaB.memory(), carol, "13")).isEqualTo("supersede");

            HttpResponse<String> extended = send(a, "POST",
                    "/api/v1/contexts/default/registry", managementKey, Map.of(),
                    "{\"keys\":[{\"key\":\"locker_code\",\"cardinality\":\"many\","
                            + "\"category\":\"knowledge\",\"synonyms\":[]}]}");
            assertThat(extended.statusCode()).isEqualTo(200);

            assertThat(lockerDecision(viaB.memory(), carol, "14")).isEqualTo("add");
        }
    }

    @Test
    @Order(5)
    void revoke_throughA_isRefusedByBAtOnce() throws Exception {
        HttpResponse<String> minted = send(a, "POST", "/api/v1/contexts/default/keys",
                managementKey, Map.of(), "{\"role\":\"agent\"}");
        assertThat(minted.statusCode()).isEqualTo(201);
        JsonNode key = JSON.readTree(minted.body());
        String recall = "{\"query\":\"anything\",\"scope\":{\"user\":\"dave\"}}";
        // B verifies the key and remembers the verification.
        assertThat(send(b, "POST", API + "/recall", key.get("key").asText(), Map.of(), recall)
                .statusCode()).isEqualTo(200);

        assertThat(send(a, "DELETE", "/api/v1/contexts/default/keys/" + key.get("id").asText(),
                managementKey, Map.of(), null).statusCode()).isEqualTo(204);

        HttpResponse<String> refused = send(b, "POST", API + "/recall", key.get("key").asText(),
                Map.of(), recall);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
    }

    @Test
    @Order(6)
    void idempotentRetry_onTheOtherNode_replaysTheFirstAnswer() throws Exception {
        String body = "{\"text\":\"My gym locker is 88.\",\"scope\":{\"user\":\"erin\"}}";
        Map<String, String> idem = Map.of("Idempotency-Key", "retry-1");
        HttpResponse<String> first = send(a, "POST", API + "/remember", apiKey, idem, body);
        HttpResponse<String> retried = send(b, "POST", API + "/remember", apiKey, idem, body);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(send(b, "POST", API + "/remember", apiKey, idem,
                body.replace("88", "89")).statusCode()).isEqualTo(409);
        try (SpectronClient viaB = b.client(apiKey)) {
            assertThat(viaB.memory().sessions(Scope.of("user", "erin"), 10)).hasSize(1);
        }
    }

    @Test
    @Order(7)
    void idempotentDuplicate_whileTheFirstRunsOnTheOtherNode_isConflict() throws Exception {
        StringBuilder messages = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            messages.append(i == 0 ? "" : ",").append("{\"role\":\"user\",\"content\":\"Note ")
                    .append(i).append(": the spare key hangs behind door ").append(i)
                    .append(".\"}");
        }
        String body = "{\"messages\":[" + messages + "],\"scope\":{\"user\":\"fred\"}}";
        Map<String, String> idem = Map.of("Idempotency-Key", "batch-1");
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() ->
                sendUnchecked(a, API + "/remember/batch", idem, body));
        awaitPendingClaim();

        HttpResponse<String> duplicate = send(b, "POST", API + "/remember/batch", apiKey, idem,
                body);

        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(duplicate.body()).contains("still being processed");
        assertThat(first.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        HttpResponse<String> replayed = send(b, "POST", API + "/remember/batch", apiKey, idem,
                body);
        assertThat(replayed.statusCode()).isEqualTo(201);
        assertThat(replayed.body()).isEqualTo(first.get().body());
    }

    @Test
    @Order(8)
    void kill9_ofNodeAMidWrites_nodeBKeepsServingEveryAcknowledgedWrite() throws Exception {
        Scope scope = Scope.of("user", "gina");
        Map<Integer, String> acknowledged = new ConcurrentHashMap<>();
        try (SpectronClient viaA = a.client(apiKey); SpectronClient viaB = b.client(apiKey)) {
            CompletableFuture<Void> writerOnA = CompletableFuture.runAsync(() -> {
                for (int crate = 0; ; crate += 2) {
                    acknowledged.put(crate, viaA.memory().remember(crate(crate), scope)
                            .turnId());
                }
            });
            for (int crate = 1; acknowledged.size() < 12; crate += 2) {
                acknowledged.put(crate, viaB.memory().remember(crate(crate), scope).turnId());
            }

            a.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            assertThat(a.process().exitValue()).isEqualTo(137);
            assertThat(writerOnA).failsWithin(Duration.ofSeconds(60));
            for (int crate = 101; crate < 111; crate += 2) {
                acknowledged.put(crate, viaB.memory().remember(crate(crate), scope).turnId());
            }
            for (Map.Entry<Integer, String> write : acknowledged.entrySet()) {
                int crate = write.getKey();
                assertThat(turnIds(viaB.memory().recall("crate " + crate + " marbles "
                        + (5000 + crate), scope, 5).hits())).as("crate %d", crate)
                        .contains(write.getValue());
            }
            assertThat(viaB.health().details()).containsEntry("indexLag", 0);
        }
    }

    private static String crate(int n) {
        return "Crate " + n + " holds " + (5000 + n) + " blue marbles.";
    }

    private String lockerDecision(Memory memory, Scope scope, String value) {
        return memory.remember(new RememberRequest("locker code " + value, scope,
                Optional.empty(), Role.USER, Optional.empty(), Map.of(), Infer.TRIPLES,
                List.of(Triple.of("person/carol", "locker_code", value)))).diff().attributes()
                .getFirst().decision();
    }

    /** Waits until node A's first batch has claimed its idempotency key in the database. */
    private void awaitPendingClaim() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try (Connection c = TestPostgres.connect(schema); Statement st = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (var row = st.executeQuery("SELECT count(*) FROM idempotency_keys"
                        + " WHERE status IS NULL")) {
                    row.next();
                    if (row.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new IllegalStateException("node A never claimed the idempotency key");
    }

    private static List<String> turnIds(List<Hit> hits) {
        return hits.stream().map(h -> h.source().turnId().orElse("")).toList();
    }

    private HttpResponse<String> sendUnchecked(Node node, String path, Map<String, String> headers,
            String body) {
        try {
            return send(node, "POST", path, apiKey, headers, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(Node node, String method, String path, String key,
            Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path))
                .header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Starts {@code spectron serve --store postgres} with a data directory of its own. */
    private Process serve(String name) throws IOException {
        Path data = work.resolve(name);
        Files.createDirectories(data);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // The class path goes in an argument file: ONNX Runtime crashes the JVM at start-up
        // when the process's command line is several KiB long (see KillRecoveryIT).
        Path args = work.resolve(name + "-classpath.args");
        Files.writeString(args, "-cp \"" + System.getProperty("java.class.path") + "\"\n");
        ProcessBuilder builder = new ProcessBuilder(java.toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "@" + args, Main.class.getName(), "serve", "--port",
                Integer.toString(freePort()), "--data", data.toString(), "--store", "postgres",
                "--postgres-schema", schema, "--postgres-pool-size", "4")
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(name + "-server.log").toFile());
        // The URL (with its password) by environment, as an operator should pass it.
        builder.environment().put("SPECTRON_POSTGRES_URL", TestPostgres.url());
        return builder.start();
    }

    /** Waits for a node to log that it listens, and returns its base URL. */
    private String await(Process process, String name) throws Exception {
        Path log = work.resolve(name + "-server.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " exited with "
                        + process.exitValue() + ":\n" + Files.readString(log));
            }
            for (String line : Files.readAllLines(log)) {
                int at = line.indexOf("listening on http://");
                if (at >= 0) {
                    return line.substring(at + "listening on ".length()).split(" ")[0];
                }
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("node " + name + " did not start:\n"
                + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A running node: its process and base URL. */
    private record Node(String name, Process process, String url) {
        SpectronClient client(String key) {
            return SpectronClient.builder().baseUrl(url).apiKey(key).build();
        }
    }
}
