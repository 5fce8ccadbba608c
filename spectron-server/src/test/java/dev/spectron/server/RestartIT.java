package dev.spectron.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.api.Hit;
import dev.spectron.api.Memory;
import dev.spectron.api.Scope;
import dev.spectron.client.SpectronClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Memory survives restarts, and a lost search index is rebuilt from the store of record. */
class RestartIT {
    @TempDir
    Path data;

    @Test
    void restart_keepsMemoryAndKeys() {
        Scope scope = Scope.of("user", "restart");
        TestServer server = TestServer.start(data);
        try (SpectronClient client = server.client()) {
            client.memory().remember("My passport expires in March 2031.", scope);
        }
        server = server.restart();
        try (SpectronClient client = server.client()) {
            assertThat(client.memory().recall("When does my passport expire?", scope, 5).hits())
                    .extracting(Hit::text).anyMatch(t -> t.contains("March 2031"));
            assertThat(Files.exists(data.resolve("credentials.json"))).isTrue();
        } finally {
            server.close();
        }
    }

    @Test
    void deletedIndex_isRebuiltOnStart() throws IOException {
        Scope scope = Scope.of("user", "rebuild");
        TestServer server = TestServer.start(data);
        try (SpectronClient client = server.client()) {
            Memory memory = client.memory();
            for (int i = 0; i < 30; i++) {
                memory.remember("Note number " + i + ": the plant on shelf " + i
                        + " needs water weekly.", scope);
            }
            memory.remember("The spare key is under the red flowerpot.", scope);
        }
        server.close();
        deleteRecursively(data.resolve("index"));
        server = TestServer.start(data);
        try (SpectronClient client = server.client()) {
            assertThat(client.memory().recall("where is the spare key", scope, 3).hits())
                    .extracting(Hit::text).first().asString().contains("red flowerpot");
            assertThat(server.server.spectron().engine().indexSize()).isEqualTo(31);
        } finally {
            server.close();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
