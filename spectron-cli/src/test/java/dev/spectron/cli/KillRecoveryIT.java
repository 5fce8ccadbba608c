package dev.spectron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spectron.api.Hit;
import dev.spectron.api.Memory;
import dev.spectron.api.RememberResult;
import dev.spectron.api.Scope;
import dev.spectron.client.SpectronClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code spectron serve} process is killed with SIGKILL while a client writes; after a
 * restart, every write the server acknowledged is recalled.
 */
class KillRecoveryIT {
    @TempDir
    Path data;

    @Test
    void killDashNine_midIngest_losesNoAcknowledgedWrite() throws Exception {
        int port = freePort();
        Process server = serve(port);
        List<String> acknowledged = new ArrayList<>();
        Scope scope = Scope.of("user", "crash");
        try (SpectronClient client = client(port)) {
            Memory memory = client.memory();
            for (int i = 0; i < 40; i++) {
                RememberResult r = memory.remember("Crash fact " + i + ": locker " + (1000 + i)
                        + " holds the blue folder.", scope);
                acknowledged.add(r.turnId());
            }
        } finally {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(server.exitValue()).isEqualTo(137);

        Process restarted = serve(port);
        try (SpectronClient client = client(port)) {
            Memory memory = client.memory();
            for (int i = 0; i < acknowledged.size(); i++) {
                List<Hit> hits = memory.recall("crash fact " + i + " locker " + (1000 + i), scope,
                        5).hits();
                assertThat(hits).extracting(h -> h.source().turnId().orElse(""))
                        .contains(acknowledged.get(i));
            }
        } finally {
            restarted.destroy();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process serve(int port) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // The class path goes in an argument file: ONNX Runtime 1.29 crashes the JVM with
        // SIGSEGV at start-up when the process's command line is several KiB long.
        Path args = data.resolveSibling(data.getFileName() + "-classpath.args");
        Files.writeString(args, "-cp \"" + System.getProperty("java.class.path") + "\"\n");
        ProcessBuilder builder = new ProcessBuilder(java.toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "@" + args, Main.class.getName(), "serve",
                "--port", Integer.toString(port), "--data", data.toString())
                .redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(data.getFileName() + "-server.log").toFile());
        Process process = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue());
            }
            try (SpectronClient probe = SpectronClient.builder()
                    .baseUrl("http://127.0.0.1:" + port).build()) {
                if ("ok".equals(probe.health().status())) {
                    return process;
                }
            } catch (RuntimeException notYet) {
                Thread.sleep(200);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("server did not start within 60 s");
    }

    private SpectronClient client(int port) throws IOException {
        String key = new ObjectMapper().readTree(data.resolve("credentials.json").toFile())
                .get("apiKey").asText();
        return SpectronClient.builder().baseUrl("http://127.0.0.1:" + port).apiKey(key).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
