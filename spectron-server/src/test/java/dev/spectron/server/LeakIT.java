package dev.spectron.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leak suite: Alice's records (turns, facts, instructions, an uncertainty, a document) are
 * never visible through any read endpoint outside their scope, their context or a key's floor.
 */
class LeakIT {
    private static final String JSON = "application/json";
    private static final String CANARY = "Quokkatron";
    private static final String ALICE = "{\"org\":\"leak\",\"user\":\"alice\"}";

    @TempDir
    static Path data;
    static TestServer server;
    static String sessionId;
    static String documentId;
    static String uncertaintyId;
    static String bobFloorKey;
    static String otherContextKey;

    @BeforeAll
    static void start() {
        server = TestServer.start(data);
        String api = "/api/v1/default";
        sessionId = server.post(api + "/sessions", "{\"scope\":" + ALICE + "}").json()
                .get("id").asText();
        server.post(api + "/sessions/" + sessionId + "/turns",
                "{\"role\":\"user\",\"content\":\"My nickname is " + CANARY + ".\"}");
        server.post(api + "/sessions/" + sessionId + "/turns",
                "{\"role\":\"user\",\"content\":\"From now on, always call me " + CANARY
                        + ".\"}");
        documentId = server.post(api + "/documents", "{\"text\":\"The " + CANARY
                + " policy: the return window is 30 days.\",\"scope\":" + ALICE + "}").json()
                .get("id").asText();
        server.post(api + "/documents", "{\"text\":\"The return window is 14 days.\","
                + "\"scope\":{\"org\":\"leak\"}}");
        server.post(api + "/remember", "{\"text\":\"Your return window is " + CANARY
                + " days.\",\"scope\":" + ALICE + "}");
        uncertaintyId = server.send("GET", api + "/uncertainties?scope=" + enc(ALICE),
                server.apiKey, null, null).json().get("uncertainties").get(0).get("id").asText();
        bobFloorKey = server.send("POST", "/api/v1/contexts/default/keys", server.managementKey,
                JSON, "{\"floor\":{\"user\":\"bob\"}}").json().get("key").asText();
        server.send("POST", "/api/v1/contexts", server.managementKey, JSON,
                "{\"name\":\"elsewhere\"}");
        otherContextKey = server.send("POST", "/api/v1/contexts/elsewhere/keys",
                server.managementKey, JSON, "{}").json().get("key").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void sanity_aliceSeesHerOwnRecords() {
        assertThat(readAll("default", server.apiKey, ALICE)).contains(CANARY);
    }

    // A key without a floor may address any record of its context by id (ids are capabilities;
    // the floor is the access boundary), so scope-only readers are checked on the endpoints that
    // take a scope; the floor key below is checked on every endpoint, id-addressed ones included.

    @Test
    void otherUserOfTheSameOrg_seesNothingOfAlice() {
        assertThat(readScoped("default", server.apiKey,
                "{\"org\":\"leak\",\"user\":\"bob\"}")).doesNotContain(CANARY);
    }

    @Test
    void orgWideReader_seesNothingOfAlice() {
        assertThat(readScoped("default", server.apiKey, "{\"org\":\"leak\"}"))
                .doesNotContain(CANARY);
    }

    @Test
    void keyWithBobsFloor_seesNothingOfAlice_evenAskingForNoScope() {
        assertThat(readAll("default", bobFloorKey, "{\"org\":\"leak\"}")).doesNotContain(CANARY);
        assertThat(readAll("default", bobFloorKey, "{}")).doesNotContain(CANARY);
    }

    @Test
    void keyOfAnotherContext_seesNothing() {
        assertThat(readAll("elsewhere", otherContextKey, ALICE)).doesNotContain(CANARY);
    }

    /** Every read endpoint that takes a scope; the answers concatenated. */
    private static String readScoped(String context, String key, String scope) {
        String api = "/api/v1/" + context;
        String q = "?scope=" + enc(scope);
        StringBuilder all = new StringBuilder();
        for (String query : List.of(CANARY, "nickname", "return window", "what to call me")) {
            String body = "{\"query\":\"" + query + "\",\"scope\":" + scope + ",\"k\":50}";
            all.append(server.send("POST", api + "/recall", key, JSON, body).body());
            all.append(server.send("POST", api + "/context", key, JSON, body).body());
        }
        all.append(server.send("POST", api + "/profile", key, JSON, "{\"scope\":" + scope + "}")
                .body());
        all.append(server.send("POST", api + "/state", key, JSON, "{\"scope\":" + scope + "}")
                .body());
        for (String path : List.of("/entities" + q, "/entities/person/alice" + q,
                "/entities/person/alice/history/nickname" + q, "/uncertainties" + q
                        + "&open=false", "/documents" + q, "/sessions" + q)) {
            all.append(server.send("GET", api + path, key, null, null).body());
        }
        return all.toString();
    }

    /** Every read endpoint, id-addressed ones included; the answers concatenated. */
    private static String readAll(String context, String key, String scope) {
        String api = "/api/v1/" + context;
        String q = "?scope=" + enc(scope);
        StringBuilder all = new StringBuilder();
        for (String query : List.of(CANARY, "nickname", "return window", "what to call me")) {
            String body = "{\"query\":\"" + query + "\",\"scope\":" + scope + ",\"k\":50}";
            all.append(server.send("POST", api + "/recall", key, JSON, body).body());
            all.append(server.send("POST", api + "/context", key, JSON, body).body());
            all.append(server.send("POST", api + "/sessions/" + sessionId + "/context", key,
                    JSON, body).body());
            all.append(server.send("POST", api + "/recall", key, JSON,
                    "{\"query\":\"" + query + "\",\"scope\":" + scope + ",\"k\":50,\"sessionId\":\""
                            + sessionId + "\"}").body());
        }
        all.append(server.send("POST", api + "/profile", key, JSON, "{\"scope\":" + scope + "}")
                .body());
        all.append(server.send("POST", api + "/state", key, JSON, "{\"scope\":" + scope + "}")
                .body());
        for (String path : List.of("/entities" + q, "/entities/person/alice" + q,
                "/entities/person/alice/history/nickname" + q, "/uncertainties" + q
                        + "&open=false", "/uncertainties/" + uncertaintyId, "/documents" + q,
                "/documents/" + documentId, "/sessions" + q, "/sessions/" + sessionId,
                "/sessions/" + sessionId + "/turns")) {
            all.append(server.send("GET", api + path, key, null, null).body());
        }
        return all.toString();
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
