package dev.spectron.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.api.ForgetRequest;
import dev.spectron.api.Hit;
import dev.spectron.api.Memory;
import dev.spectron.api.Scope;
import dev.spectron.client.SpectronClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A purge leaves no byte of the forgotten text in any file of the data directory. */
class PurgeIT {
    private static final String SECRET = "Xylophonistqz";

    @TempDir
    Path data;

    @Test
    void forgetWithPurge_leavesNoBytesInTheDataDirectory() throws IOException {
        Scope eve = Scope.of("user", "eve");
        Scope bob = Scope.of("user", "bob");
        TestServer server = TestServer.start(data);
        try (SpectronClient client = server.client()) {
            Memory memory = client.memory();
            memory.remember("My recovery word is " + SECRET + ".", eve);
            memory.remember("I live in Tallinn and my nickname is " + SECRET + ".", eve);
            memory.remember("I like chess.", bob);
            // Mostly other people's data in the same segments, so that only an explicit expunge
            // (not a merge that happens anyway) rewrites them.
            java.util.List<dev.spectron.api.BatchMessage> notes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                notes.add(dev.spectron.api.BatchMessage.of("Bob's note " + i
                        + ": the meeting moved to room " + (100 + i) + "."));
            }
            memory.rememberBatch(new dev.spectron.api.BatchRequest(notes, bob, Optional.empty(),
                    dev.spectron.api.Infer.NONE));
        }
        server.close();
        assertThat(filesContaining(SECRET)).as("the test can see the secret before the purge")
                .isNotEmpty();

        server = TestServer.start(data);
        try (SpectronClient client = server.client()) {
            Memory memory = client.memory();
            assertThat(memory.forget(new ForgetRequest(eve, Optional.empty(), Optional.empty(),
                    Optional.empty(), true, false)).forgotten()).isGreaterThanOrEqualTo(2);
            assertThat(memory.recall(SECRET, eve, 50).hits()).isEmpty();
            assertThat(memory.recall("chess", bob, 5).hits()).extracting(Hit::text)
                    .anyMatch(t -> t.contains("chess"));
        } finally {
            server.close();
        }
        assertThat(filesContaining(SECRET)).isEmpty();
        assertThat(filesContaining(SECRET.toLowerCase())).isEmpty();
    }

    private List<Path> filesContaining(String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (contains(Files.readAllBytes(file), needle)) {
                    found.add(file);
                }
            }
        }
        return found;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
