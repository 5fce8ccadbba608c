package dev.spectron.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-key rate limits: over the limit, 429 with Retry-After; other keys are not affected. */
class RateLimitIT {
    @TempDir
    Path data;

    @Test
    void burstOverTheLimit_is429WithRetryAfter_andOtherKeysStillPass() throws Exception {
        try (TestServer server = TestServer.start(data, c -> c.withRateLimit(1, 3))) {
            HttpClient http = HttpClient.newHttpClient();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(http.send(recall(server, server.apiKey),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<HttpResponse<String>> limited = answers.stream()
                    .filter(r -> r.statusCode() == 429).toList();
            assertThat(limited).isNotEmpty();
            assertThat(limited.getFirst().headers().firstValue("Retry-After"))
                    .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
            assertThat(limited.getFirst().body()).contains("\"code\":\"rate_limited\"");
            String other = server.send("POST", "/api/v1/contexts/default/keys",
                    server.managementKey, "application/json", "{}").json().get("key").asText();
            assertThat(http.send(recall(server, other), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
        }
    }

    private static HttpRequest recall(TestServer server, String key) {
        return HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/default/recall"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"hello\"}")).build();
    }
}
