package dev.spectron.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A retried write with the same Idempotency-Key writes once; another body is 409. */
class IdempotencyIT {
    @TempDir
    Path data;

    @Test
    void sameKeySameBody_replaysTheFirstAnswer_otherBodyIsConflict() throws Exception {
        try (TestServer server = TestServer.start(data)) {
            HttpClient http = HttpClient.newHttpClient();
            String body = "{\"text\":\"My locker is 12.\",\"scope\":{\"user\":\"idem\"}}";
            HttpResponse<String> first = http.send(remember(server, "k-1", body),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> again = http.send(remember(server, "k-1", body),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(again.statusCode()).isEqualTo(201);
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
            String sessionId = server.post("/api/v1/default/recall",
                    "{\"query\":\"locker\",\"scope\":{\"user\":\"idem\"},\"mode\":\"bm25\"}")
                    .json().get("hits").get(0).get("source").get("sessionId").asText();
            assertThat(server.send("GET", "/api/v1/default/sessions?scope="
                    + java.net.URLEncoder.encode("{\"user\":\"idem\"}", "UTF-8"), server.apiKey,
                    null, null).json().get("sessions")).hasSize(1);
            assertThat(sessionId).isNotBlank();

            HttpResponse<String> other = http.send(remember(server, "k-1",
                    body.replace("12", "13")), HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).isEqualTo(409);
            assertThat(http.send(remember(server, "k-2", body),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
        }
    }

    @Test
    void sameKey_afterARestart_replaysTheFirstAnswer() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"text\":\"My bike is red.\",\"scope\":{\"user\":\"restart\"}}";
        TestServer server = TestServer.start(data);
        HttpResponse<String> first;
        try {
            first = http.send(remember(server, "k-restart", body),
                    HttpResponse.BodyHandlers.ofString());
            server = server.restart();
            HttpResponse<String> again = http.send(remember(server, "k-restart", body),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(again.statusCode()).isEqualTo(201);
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        } finally {
            server.close();
        }
    }

    @Test
    void sameKey_afterTheApiKeyWasRevoked_isRefusedNotReplayed() throws Exception {
        try (TestServer server = TestServer.start(data)) {
            TestServer.Response minted = server.send("POST", "/api/v1/contexts/default/keys",
                    server.managementKey, "application/json", "{\"role\":\"agent\"}");
            String key = minted.json().get("key").asText();
            String body = "{\"text\":\"Locker 9.\",\"scope\":{\"user\":\"revoked\"}}";
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(remember(server.url(), key, "k-r", body),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
            server.send("DELETE", "/api/v1/contexts/default/keys/"
                    + minted.json().get("id").asText(), server.managementKey, null, null);

            HttpResponse<String> retried = http.send(remember(server.url(), key, "k-r", body),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(retried.statusCode()).isEqualTo(401);
            assertThat(retried.headers().firstValue("Idempotent-Replayed")).isEmpty();
        }
    }

    @Test
    void storedAnswer_isNotReadableInTheDatabase() throws Exception {
        String answer;
        try (TestServer server = TestServer.start(data)) {
            String body = "{\"text\":\"The vault code is zebra-7741.\","
                    + "\"scope\":{\"user\":\"secret\"}}";
            answer = HttpClient.newHttpClient().send(remember(server, "k-secret", body),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
        StringBuilder files = new StringBuilder();
        for (String name : new String[] {"spectron.db", "spectron.db-wal"}) {
            java.nio.file.Path file = data.resolve(name);
            if (java.nio.file.Files.exists(file)) {
                files.append(new String(java.nio.file.Files.readAllBytes(file),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        // The turn itself is stored, of course; the answer kept for retries is not in clear.
        assertThat(files).contains("zebra-7741");
        assertThat(answer).contains("turnId");
        assertThat(files.toString()).doesNotContain(answer);
    }

    private static HttpRequest remember(TestServer server, String key, String body) {
        return remember(server.url(), server.apiKey, key, body);
    }

    private static HttpRequest remember(String url, String apiKey, String key, String body) {
        return HttpRequest.newBuilder(URI.create(url + "/api/v1/default/remember"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
