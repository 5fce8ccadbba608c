package dev.spectron.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Python and TypeScript SDK test suites (and their seed examples) against a real server
 * started here, so that {@code ./mvnw verify} covers all three SDKs.
 */
class SdkIT {
    @TempDir
    static Path data;
    static TestServer server;
    static Path repo;

    @BeforeAll
    static void start() {
        server = TestServer.start(data);
        repo = Path.of("").toAbsolutePath().getParent();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void pythonSdk_unittests_pass() throws Exception {
        Path sdk = repo.resolve("sdk/python");
        Assumptions.assumeTrue(Files.isDirectory(sdk.resolve("tests")), "no sdk/python/tests");
        int code = run(sdk, List.of("python3", "-m", "unittest", "discover", "-s", "tests",
                "-t", ".", "-v"), Map.of("PYTHONPATH", sdk.toString()), 600);
        assertThat(code).as("python3 -m unittest in sdk/python (output above)").isZero();
    }

    @Test
    void typescriptSdk_nodeTests_pass() throws Exception {
        Path sdk = repo.resolve("sdk/typescript");
        Assumptions.assumeTrue(Files.isRegularFile(sdk.resolve("package.json")),
                "no sdk/typescript");
        if (!Files.isDirectory(sdk.resolve("node_modules"))) {
            assertThat(run(sdk, List.of("npm", "install", "--no-audit", "--no-fund"), Map.of(),
                    600)).as("npm install in sdk/typescript").isZero();
        }
        int code = run(sdk, List.of("npm", "test"), Map.of(), 600);
        assertThat(code).as("npm test in sdk/typescript (output above)").isZero();
    }

    private static int run(Path dir, List<String> command, Map<String, String> env,
            int seconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("sdk-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPECTRON_URL", server.url());
        builder.environment().put("SPECTRON_API_KEY", server.apiKey);
        builder.environment().put("SPECTRON_MANAGEMENT_KEY", server.managementKey);
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " took over "
                    + seconds + " s");
        }
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        // The runners' own summaries (unittest's "Ran N tests", node's "# pass N") go to the
        // build log; on failure the whole output is there to read.
        System.out.println("$ " + String.join(" ", command) + " (in " + dir + ")");
        System.out.println(process.exitValue() == 0 ? tail(output, 12) : output);
        return process.exitValue();
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all,
                Math.max(0, all.length - lines), all.length));
    }
}
