package dev.spectron.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input: every case must be answered with a 4xx problem document (never a 5xx, never a
 * stack trace), and the data stored before must be intact afterwards.
 */
class HostileInputIT {
    private static final String API = "/api/v1/default";
    private static final String JSON = "application/json";
    private static final String KEY = "KEY";
    private static final String MGMT = "MGMT";

    @TempDir
    static Path data;
    static TestServer server;
    static String sessionId;

    @BeforeAll
    static void start() {
        server = TestServer.start(data, c -> c.withRateLimit(0, 1));
        server.post(API + "/remember",
                "{\"text\":\"My canary phrase is blue-falcon-77.\",\"scope\":{\"user\":\"victim\"}}");
        sessionId = server.post(API + "/sessions", "{\"scope\":{\"user\":\"victim\"}}").json()
                .get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String big = "x".repeat(1024 * 1024 + 100);
        // Malformed JSON and wrong shapes.
        for (String body : new String[] {"{", "}", "[]", "null", "42", "\"text\"", "{'a':1}",
                "{\"text\":}", "{\"text\":\"a\",}", "\u0000\u0001", "{\"text\":\"a\"} trailing",
                deep, "{\"a\":" + deep + "}"}) {
            cases.add(Arguments.of("POST", API + "/remember", KEY, JSON, body));
        }
        // Wrong types and broken rules, field by field.
        String[] remember = {"{\"text\":5}", "{\"text\":[\"a\"]}", "{\"text\":\"\"}",
            "{\"text\":\"a\",\"scope\":[]}", "{\"text\":\"a\",\"scope\":{\"User\":\"x\"}}",
            "{\"text\":\"a\",\"scope\":{\"user\":\"\"}}",
            "{\"text\":\"a\",\"scope\":{\"user\":\"a\\nb\"}}",
            "{\"text\":\"a\",\"scope\":{\"user\":{\"$ne\":null}}}",
            "{\"text\":\"a\",\"role\":\"root\"}", "{\"text\":\"a\",\"infer\":\"everything\"}",
            "{\"text\":\"a\",\"observedAt\":\"not-a-date\"}",
            "{\"text\":\"a\",\"metadata\":\"string\"}", "{\"text\":\"a\",\"sessionId\":5}",
            "{\"text\":\"" + "y".repeat(70_000) + "\"}"};
        for (String body : remember) {
            cases.add(Arguments.of("POST", API + "/remember", KEY, JSON, body));
        }
        String[] recall = {"{\"query\":\"a\",\"k\":-1}", "{\"query\":\"a\",\"k\":1e9}",
            "{\"query\":\"a\",\"k\":\"10\"}", "{\"query\":\"a\",\"k\":51}",
            "{\"query\":\"a\",\"mode\":\"sql\"}", "{\"query\":\"a\",\"asOf\":\"yesterday\"}",
            "{\"query\":\"\"}", "{\"query\":null}",
            "{\"query\":\"a\",\"scope\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\",\"d\":\"4\","
                    + "\"e\":\"5\",\"f\":\"6\",\"g\":\"7\",\"h\":\"8\",\"i\":\"9\"}}"};
        for (String body : recall) {
            cases.add(Arguments.of("POST", API + "/recall", KEY, JSON, body));
        }
        // Oversized bodies and wrong media types.
        cases.add(Arguments.of("POST", API + "/remember", KEY, JSON, "{\"text\":\"" + big + "\"}"));
        for (String type : new String[] {"text/plain", "application/xml",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
            cases.add(Arguments.of("POST", API + "/recall", KEY, type, "{\"query\":\"a\"}"));
        }
        // Path tricks and unknown ids.
        for (String path : new String[] {API + "/sessions/..%2F..%2Fetc%2Fpasswd",
                API + "/sessions/%00", API + "/sessions/%27%20OR%20%271%27%3D%271", API + "/sessions/*",
                API + "/documents/../../credentials.json", API + "/entities/person",
                API + "/entities/nope/x", API + "/uncertainties/%3Cscript%3E",
                "/api/v1/../../etc/passwd", "/api/v1/%2e%2e/recall"}) {
            cases.add(Arguments.of("GET", path, KEY, null, null));
        }
        // Missing, malformed and foreign keys; management keys on data; floor escapes.
        cases.add(Arguments.of("POST", API + "/recall", null, JSON, "{\"query\":\"a\"}"));
        cases.add(Arguments.of("POST", API + "/recall", "Basic dXNlcjpwYXNz", JSON,
                "{\"query\":\"a\"}"));
        cases.add(Arguments.of("POST", API + "/recall", "spk_' OR 1=1 --_x", JSON,
                "{\"query\":\"a\"}"));
        cases.add(Arguments.of("POST", API + "/recall", MGMT, JSON, "{\"query\":\"a\"}"));
        cases.add(Arguments.of("POST", "/api/v1/other/recall", KEY, JSON, "{\"query\":\"a\"}"));
        cases.add(Arguments.of("GET", "/api/v1/contexts", KEY, null, null));
        cases.add(Arguments.of("POST", "/api/v1/contexts", MGMT, JSON,
                "{\"name\":\"../etc\"}"));
        cases.add(Arguments.of("POST", "/api/v1/contexts/default/keys", MGMT, JSON,
                "{\"role\":\"admin\"}"));
        cases.add(Arguments.of("POST", "/api/v1/contexts/default/registry", MGMT, JSON,
                "{\"keys\":[{\"key\":\"DROP TABLE\",\"cardinality\":\"one\"}]}"));
        // Wrong methods.
        cases.add(Arguments.of("PUT", API + "/recall", KEY, JSON, "{\"query\":\"a\"}"));
        cases.add(Arguments.of("DELETE", API + "/recall", KEY, null, null));
        return cases.stream();
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @MethodSource("cases")
    void hostileRequest_isA4xxProblem(String method, String path, String key, String type,
            String body) {
        String auth = KEY.equals(key) ? server.apiKey : MGMT.equals(key) ? server.managementKey
                : key;
        TestServer.Response r = server.send(method, path, auth, type, body);
        assertThat(r.status()).as("%s %s -> %s", method, path, r.body()).isBetween(400, 499);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode problem = r.json();
        assertThat(problem.get("status").asInt()).isEqualTo(r.status());
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void afterwards_storedDataIsIntact() {
        cases().forEach(a -> {
            Object[] args = a.get();
            String key = (String) args[2];
            String auth = KEY.equals(key) ? server.apiKey : MGMT.equals(key)
                    ? server.managementKey : key;
            try {
                server.send((String) args[0], (String) args[1], auth, (String) args[3],
                        (String) args[4]);
            } catch (java.io.UncheckedIOException resetByServer) {
                // The server may close the connection on a refused oversized body while the
                // client is still sending it; the point here is only what is stored afterwards.
            }
        });
        JsonNode hits = server.post(API + "/recall",
                "{\"query\":\"canary phrase\",\"scope\":{\"user\":\"victim\"}}").json().get("hits");
        assertThat(hits.toString()).contains("blue-falcon-77");
        assertThat(server.send("GET", API + "/sessions/" + sessionId, server.apiKey, null, null)
                .status()).isEqualTo(200);
        assertThat(server.send("GET", "/api/v1/contexts", server.managementKey, null, null)
                .json().get("contexts").toString()).doesNotContain("etc");
    }
}
