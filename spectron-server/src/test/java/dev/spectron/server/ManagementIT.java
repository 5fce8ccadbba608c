package dev.spectron.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contexts and keys over the management API: list, rotate, revoke, delete with all data. */
class ManagementIT {
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
    void keys_rotateAndRevoke_takeEffectImmediately() {
        create("rot");
        String first = mint("rot");
        assertThat(remember("rot", first).status()).isEqualTo(201);
        JsonNode keys = manage("GET", "/api/v1/contexts/rot/keys", null).json().get("keys");
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).has("hash")).isFalse();
        String id = keys.get(0).get("id").asText();

        TestServer.Response rotated = manage("POST", "/api/v1/contexts/rot/keys/" + id
                + "/rotate", "");
        assertThat(rotated.status()).isEqualTo(201);
        String second = rotated.json().get("key").asText();
        assertThat(remember("rot", first).status()).isEqualTo(401);
        assertThat(remember("rot", second).status()).isEqualTo(201);

        String secondId = rotated.json().get("id").asText();
        assertThat(manage("DELETE", "/api/v1/contexts/rot/keys/" + secondId, null).status())
                .isEqualTo(204);
        assertThat(remember("rot", second).status()).isEqualTo(401);
        assertThat(manage("DELETE", "/api/v1/contexts/rot/keys/" + secondId, null).status())
                .isEqualTo(404);
    }

    @Test
    void deleteContext_erasesItsDataAndKeys() {
        create("gone");
        String key = mint("gone");
        assertThat(remember("gone", key).status()).isEqualTo(201);
        TestServer.Response deleted = manage("DELETE", "/api/v1/contexts/gone", null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("forgotten").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(remember("gone", key).status()).isEqualTo(401);
        assertThat(manage("GET", "/api/v1/contexts/gone", null).status()).isEqualTo(404);
        create("gone");
        String fresh = mint("gone");
        TestServer.Response recall = server.send("POST", "/api/v1/gone/recall", fresh, JSON,
                "{\"query\":\"locker code\",\"scope\":{\"user\":\"x\"}}");
        assertThat(recall.json().get("hits")).isEmpty();
    }

    private static void create(String name) {
        assertThat(manage("POST", "/api/v1/contexts", "{\"name\":\"" + name + "\"}").status())
                .isIn(200, 201);
    }

    private static String mint(String context) {
        return manage("POST", "/api/v1/contexts/" + context + "/keys", "{}").json().get("key")
                .asText();
    }

    private static TestServer.Response remember(String context, String key) {
        return server.send("POST", "/api/v1/" + context + "/remember", key, JSON,
                "{\"text\":\"My locker code is 4711.\",\"scope\":{\"user\":\"x\"}}");
    }

    private static TestServer.Response manage(String method, String path, String body) {
        return server.send(method, path, server.managementKey, body == null ? null : JSON, body);
    }
}
