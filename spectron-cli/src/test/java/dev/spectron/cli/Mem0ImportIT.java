package dev.spectron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spectron.api.Attribute;
import dev.spectron.api.Memory;
import dev.spectron.api.Scope;
import dev.spectron.client.SpectronClient;
import dev.spectron.embedded.EmbeddedOptions;
import dev.spectron.server.ServerConfig;
import dev.spectron.server.SpectronServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spectron import mem0} against a real server: facts arrive, a second run adds nothing. */
class Mem0ImportIT {
    @TempDir
    Path dir;

    @Test
    void importMem0_twice_addsNothingTheSecondTime() throws Exception {
        Path data = dir.resolve("data");
        Path export = dir.resolve("mem0.json");
        Files.writeString(export, """
                [{"id": "m1", "memory": "Prefers vegetarian food", "user_id": "alice",
                  "created_at": "2024-03-01T10:00:00-08:00", "metadata": {"category": "food"}},
                 {"id": "m2", "memory": "Lives in Lisbon", "user_id": "alice",
                  "created_at": "2024-03-02T10:00:00Z"},
                 {"id": "m3", "memory": "I speak Spanish and Portuguese.", "user_id": "bob",
                  "agent_id": "travel-bot", "created_at": "2024-03-03T10:00:00Z"}]
                """);
        try (SpectronServer server = SpectronServer.start(ServerConfig.of(data).withPort(0)
                .withStorage(EmbeddedOptions.of(data)))) {
            String url = "http://127.0.0.1:" + server.port();
            String key = new ObjectMapper().readTree(data.resolve("credentials.json").toFile())
                    .get("apiKey").asText();
            String first = run("import", "mem0", export.toString(), "--url", url, "--key", key);
            assertThat(first).contains("imported 3, skipped 0");
            String second = run("import", "mem0", export.toString(), "--url", url, "--key", key);
            assertThat(second).contains("imported 0, skipped 3");
            try (SpectronClient client = SpectronClient.builder().baseUrl(url).apiKey(key)
                    .build()) {
                Memory memory = client.memory();
                assertThat(memory.state(Scope.of("user", "alice")).attributes())
                        .extracting(Attribute::value).contains("vegetarian");
                assertThat(memory.state(Scope.of("agent", "travel-bot", "user", "bob"))
                        .attributes()).extracting(Attribute::value)
                        .contains("Spanish", "Portuguese");
                assertThat(memory.sessions(Scope.of("user", "alice"), 100)).hasSize(1);
            }
        }
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        java.io.PrintStream saved = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true));
        try {
            int code = Main.commandLine().execute(args);
            assertThat(code).as(captured.toString()).isZero();
        } finally {
            System.setOut(saved);
        }
        return captured.toString() + out;
    }
}
