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

    private static HttpRequest remember(TestServer server, String key, String body) {
        return HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/default/remember"))
                .header("Authorization", "Bearer " + server.apiKey)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
