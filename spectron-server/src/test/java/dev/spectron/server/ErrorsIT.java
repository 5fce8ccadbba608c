package dev.spectron.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Auth, limits and bad input: every answer is a 4xx problem document naming what was wrong. */
class ErrorsIT {
    private static final String API = "/api/v1/default";
    private static final String JSON = "application/json";

    @TempDir
    static Path data;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(data);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void health_needsNoKey() {
        TestServer.Response health = server.send("GET", "/health", null, null, null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void metrics_arePrometheusText() {
        server.post(API + "/recall", "{\"query\":\"warm\"}");
        TestServer.Response metrics = server.send("GET", "/metrics", null, null, null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("spectron_http_requests_seconds_count")
                .contains("spectron_index_documents");
    }

    @Test
    void noKey_is401() {
        TestServer.Response r = server.send("POST", API + "/recall", null, JSON,
                "{\"query\":\"x\"}");
        assertProblem(r, 401, "unauthenticated");
    }

    @Test
    void wrongKey_is401() {
        String forged = server.apiKey.substring(0, server.apiKey.length() - 4) + "beef";
        assertProblem(server.send("POST", API + "/recall", forged, JSON, "{\"query\":\"x\"}"),
                401, "unauthenticated");
        assertProblem(server.send("POST", API + "/recall", "spk_nope_nope", JSON,
                "{\"query\":\"x\"}"), 401, "unauthenticated");
        assertProblem(server.send("POST", API + "/recall", "garbage", JSON, "{\"query\":\"x\"}"),
                401, "unauthenticated");
    }

    @Test
    void keyOfAnotherContext_is401() {
        TestServer.Response created = server.send("POST", "/api/v1/contexts",
                server.managementKey, JSON, "{\"name\":\"other\"}");
        assertThat(created.status()).isIn(200, 201);
        assertProblem(server.send("POST", "/api/v1/other/recall", server.apiKey, JSON,
                "{\"query\":\"x\"}"), 401, "unauthenticated");
    }

    @Test
    void managementKeyOnData_andDataKeyOnManagement_are403() {
        assertProblem(server.send("POST", API + "/recall", server.managementKey, JSON,
                "{\"query\":\"x\"}"), 403, "forbidden");
        assertProblem(server.send("GET", "/api/v1/contexts", server.apiKey, null, null),
                403, "forbidden");
    }

    @Test
    void readerKey_cannotWrite() {
        String reader = server.send("POST", "/api/v1/contexts/default/keys", server.managementKey,
                JSON, "{\"role\":\"reader\"}").json().get("key").asText();
        assertProblem(server.send("POST", API + "/remember", reader, JSON,
                "{\"text\":\"hello\"}"), 403, "forbidden");
        assertThat(server.send("POST", API + "/recall", reader, JSON, "{\"query\":\"x\"}")
                .status()).isEqualTo(200);
    }

    @Test
    void malformedJson_is400NamingBody() {
        assertField(server.post(API + "/recall", "{\"query\": "), "body");
        assertField(server.post(API + "/recall", "[1,2]"), "body");
        assertField(server.post(API + "/recall", ""), "body");
    }

    @Test
    void wrongTypes_are400NamingTheField() {
        assertField(server.post(API + "/recall", "{\"query\": 5}"), "query");
        assertField(server.post(API + "/recall", "{\"query\": \"x\", \"k\": \"ten\"}"), "k");
        assertField(server.post(API + "/recall", "{\"query\": \"x\", \"scope\": \"alice\"}"),
                "scope");
        assertField(server.post(API + "/recall", "{\"query\": \"x\", \"scope\": {\"user\": 1}}"),
                "scope.user");
        assertField(server.post(API + "/recall", "{\"query\": \"x\", \"mode\": \"psychic\"}"),
                "mode");
        assertField(server.post(API + "/recall", "{\"query\": \"x\", \"include\": \"facts\"}"),
                "include");
        assertField(server.post(API + "/recall", "{\"query\": \"x\", \"include\": [\"gossip\"]}"),
                "include");
        assertField(server.post(API + "/recall", "{\"query\": \"x\", \"include\": []}"),
                "include");
        assertField(server.post(API + "/sessions", "{\"scope\": {\"Bad-Dim\": \"x\"}}"), "scope");
    }

    @Test
    void kOutOfRange_is400() {
        assertField(server.post(API + "/recall", "{\"query\": \"x\", \"k\": 51}"), "k");
        assertField(server.post(API + "/recall", "{\"query\": \"x\", \"k\": 0}"), "k");
    }

    @Test
    void missingFields_are400() {
        assertField(server.post(API + "/recall", "{}"), "query");
        assertField(server.post(API + "/remember", "{\"scope\":{}}"), "text");
        String session = server.post(API + "/sessions", "{}").json().get("id").asText();
        assertField(server.post(API + "/sessions/" + session + "/turns",
                "{\"content\":\"hi\"}"), "role");
        assertField(server.post(API + "/sessions/" + session + "/turns",
                "{\"role\":\"wizard\",\"content\":\"hi\"}"), "role");
        assertField(server.post(API + "/sessions/" + session + "/turns",
                "{\"role\":\"user\",\"content\":\"   \"}"), "content");
        assertField(server.post(API + "/sessions/" + session + "/turns",
                "{\"role\":\"user\",\"content\":\"hi\",\"observedAt\":\"yesterday\"}"),
                "observedAt");
    }

    @Test
    void oversizedContent_is400_oversizedBody_is413() {
        String session = server.post(API + "/sessions", "{}").json().get("id").asText();
        String big = "a".repeat(64 * 1024 + 1);
        assertField(server.post(API + "/sessions/" + session + "/turns",
                "{\"role\":\"user\",\"content\":\"" + big + "\"}"), "content");
        String huge = "b".repeat(1024 * 1024 + 10);
        assertProblem(server.post(API + "/remember", "{\"text\":\"" + huge + "\"}"), 413,
                "payload_too_large");
    }

    @Test
    void deepNesting_is400() {
        String deep = "{\"metadata\":" + "[".repeat(200) + "]".repeat(200) + ",\"text\":\"x\"}";
        assertField(server.post(API + "/remember", deep), "body");
    }

    @Test
    void wrongContentType_is415() {
        assertProblem(server.send("POST", API + "/recall", server.apiKey, "text/plain",
                "{\"query\":\"x\"}"), 415, "unsupported_media_type");
    }

    @Test
    void unknownRouteAndSession_are404Problems() {
        assertProblem(server.send("GET", API + "/nothing-here", server.apiKey, null, null), 404,
                "not_found");
        assertProblem(server.send("GET", API + "/sessions/does-not-exist", server.apiKey, null,
                null), 404, "not_found");
        assertProblem(server.send("POST", API + "/sessions/../../etc/passwd/turns", server.apiKey,
                JSON, "{\"role\":\"user\",\"content\":\"x\"}"), 404, "not_found");
    }

    @Test
    void turnOnClosedSession_is409() {
        String session = server.post(API + "/sessions", "{}").json().get("id").asText();
        assertThat(server.post(API + "/sessions/" + session + "/close", "").status())
                .isEqualTo(200);
        assertProblem(server.post(API + "/sessions/" + session + "/turns",
                "{\"role\":\"user\",\"content\":\"late\"}"), 409, "conflict");
    }

    @Test
    void sqlAndQuerySyntaxInText_areJustText() {
        String hostile = "x' OR 1=1; DROP TABLE turns; -- AND OR NOT \\\"( * ? ~ : [ ] { } ^";
        TestServer.Response stored = server.post(API + "/remember",
                "{\"text\":\"" + hostile + "\",\"scope\":{\"user\":\"eve\"}}");
        assertThat(stored.status()).isEqualTo(201);
        TestServer.Response recall = server.post(API + "/recall",
                "{\"query\":\"" + hostile + "\",\"scope\":{\"user\":\"eve\"}}");
        assertThat(recall.status()).isEqualTo(200);
        assertThat(recall.json().get("hits").get(0).get("text").asText()).contains("DROP TABLE");
    }

    private static void assertField(TestServer.Response response, String field) {
        JsonNode problem = assertProblem(response, 400, "invalid_input");
        assertThat(problem.get("field").asText()).isEqualTo(field);
    }

    private static JsonNode assertProblem(TestServer.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank().doesNotContain("Exception");
        assertThat(response.body()).doesNotContain("\tat ");
        return problem;
    }
}
