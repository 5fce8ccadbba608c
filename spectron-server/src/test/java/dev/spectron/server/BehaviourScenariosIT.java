package dev.spectron.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spectron.api.Attribute;
import dev.spectron.api.DocumentRequest;
import dev.spectron.api.Fact;
import dev.spectron.api.Hit;
import dev.spectron.api.Instruction;
import dev.spectron.api.Memory;
import dev.spectron.api.MemoryState;
import dev.spectron.api.Relation;
import dev.spectron.api.RememberRequest;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.Session;
import dev.spectron.api.Uncertainty;
import dev.spectron.client.SpectronClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every scenario of {@code ../shared/examples/memory-behaviour.jsonl} over HTTP through the
 * Java SDK, each in a fresh context, with the default offline extractor. Skips with a message when
 * the file is absent.
 */
class BehaviourScenariosIT {
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

    @TestFactory
    Stream<DynamicTest> scenarios() throws IOException {
        Optional<Path> file = sharedFile("examples/memory-behaviour.jsonl");
        Assumptions.assumeTrue(file.isPresent(),
                "../shared/examples/memory-behaviour.jsonl is absent; skipping the scenarios");
        List<JsonNode> scenarios = new ArrayList<>();
        for (String line : Files.readAllLines(file.get())) {
            if (!line.isBlank()) {
                scenarios.add(Json.MAPPER.readTree(line));
            }
        }
        return scenarios.stream().map(s -> DynamicTest.dynamicTest(s.get("id").asText(),
                () -> run(s)));
    }

    private static void run(JsonNode scenario) {
        String context = "s-" + scenario.get("id").asText().replaceAll("[^a-z0-9-]", "-");
        server.send("POST", "/api/v1/contexts", server.managementKey, "application/json",
                "{\"name\":\"" + context + "\"}");
        String key = server.send("POST", "/api/v1/contexts/" + context + "/keys",
                server.managementKey, "application/json", "{}").json().get("key").asText();
        try (SpectronClient client = SpectronClient.builder().baseUrl(server.url()).apiKey(key)
                .context(context).build()) {
            Memory memory = client.memory();
            Scope scope = scope(scenario.get("scope"));
            List<Scope> written = new ArrayList<>();
            for (JsonNode step : scenario.get("steps")) {
                Scope at = step.has("scope") ? scope(step.get("scope")) : scope;
                written.add(at);
                apply(memory, step, at);
            }
            check(memory, scenario.get("expect"), scope, written);
        }
    }

    private static void apply(Memory memory, JsonNode step, Scope scope) {
        switch (step.get("op").asText()) {
            case "remember" -> memory.remember(new RememberRequest(step.get("text").asText(),
                    scope, Optional.empty(), Role.parse(step.path("role").asText("user")),
                    Optional.empty(), Map.of()));
            case "turns" -> {
                try (Session session = memory.openSession(scope)) {
                    for (JsonNode turn : step.get("turns")) {
                        session.turn(Role.parse(turn.get("role").asText()),
                                turn.get("content").asText());
                    }
                }
            }
            case "document" -> memory.addDocument(DocumentRequest.of(step.get("text").asText(),
                    scope));
            case "forget" -> memory.forget(dev.spectron.api.ForgetRequest.of(scope));
            default -> throw new IllegalArgumentException("unknown op " + step.get("op"));
        }
    }

    private static void check(Memory memory, JsonNode expect, Scope scope,
            List<Scope> written) {
        // Facts are checked at the scenario's scope and at every scope a step wrote at (a
        // scenario without a scope of its own writes under each step's scope).
        List<MemoryState> states = java.util.stream.Stream.concat(Stream.of(scope),
                written.stream()).distinct().map(memory::state).toList();
        List<Attribute> attributes = states.stream().flatMap(s -> s.attributes().stream())
                .toList();
        List<Relation> relations = states.stream().flatMap(s -> s.relations().stream()).toList();
        MemoryState state = states.getFirst();
        for (JsonNode want : expect.path("current")) {
            assertThat(attributes).as("current %s", want).anyMatch(a -> matches(a, want));
        }
        for (JsonNode want : expect.path("currentRelations")) {
            assertThat(relations).as("current relation %s", want)
                    .anyMatch(r -> matches(r, want));
        }
        for (JsonNode want : expect.path("notCurrent")) {
            assertThat(attributes).as("not current %s", want).noneMatch(a -> matches(a, want));
            assertThat(relations).as("not current %s", want).noneMatch(r -> matches(r, want));
        }
        for (JsonNode want : expect.path("history")) {
            List<String> values = new ArrayList<>();
            for (Fact fact : memory.history(want.get("entity").asText(), want.get("key").asText(),
                    scope)) {
                values.add(switch (fact) {
                    case Attribute a -> norm(a.value());
                    case Relation r -> norm(r.object().substring(r.object().indexOf('/') + 1));
                });
            }
            List<String> expected = new ArrayList<>();
            want.get("values").forEach(v -> expected.add(norm(v.asText())));
            assertThat(values).as("history %s", want).isEqualTo(expected);
        }
        for (JsonNode want : expect.path("instructions")) {
            assertThat(state.instructions()).extracting(Instruction::text).as("instructions")
                    .anyMatch(t -> norm(t).contains(norm(want.asText())));
        }
        // An uncertainty is stored at the scope of the claim that raised it (so one user's claim
        // is never shown to others): look for it at every scope the scenario wrote at.
        for (JsonNode want : expect.path("uncertainties")) {
            assertThat(written.stream().flatMap(s -> memory.uncertainties(s, true).stream()))
                    .as("uncertainty %s", want).anyMatch(u -> matches(u, want));
        }
        for (JsonNode want : expect.path("recallTop")) {
            Scope at = want.has("scope") ? scope(want.get("scope")) : scope;
            List<Hit> hits = memory.recall(want.get("query").asText(), at, 5).hits();
            assertThat(hits).as("recall %s", want).isNotEmpty();
            assertThat(norm(hits.getFirst().text())).as("top hit for %s", want)
                    .contains(norm(want.get("contains").asText()));
        }
        for (JsonNode query : expect.path("contextEmpty")) {
            assertThat(memory.context(query.asText(), scope).formatted()).as("context %s", query)
                    .isEqualTo("");
        }
        String summary = expect.has("profileContains") || expect.has("profileNotContains")
                ? norm(memory.profile(scope).summary()) : "";
        for (JsonNode want : expect.path("profileContains")) {
            assertThat(summary).contains(norm(want.asText()));
        }
        for (JsonNode want : expect.path("profileNotContains")) {
            assertThat(summary).doesNotContain(norm(want.asText()));
        }
        for (JsonNode want : expect.path("invisible")) {
            Scope at = scope(want.get("scope"));
            assertThat(memory.recall(want.get("query").asText(), at, 50).hits())
                    .as("invisible %s", want).extracting(h -> norm(h.text()))
                    .noneMatch(t -> t.contains(norm(want.get("notContains").asText())));
        }
    }

    private static boolean matches(Attribute a, JsonNode want) {
        return want.has("key") && norm(a.entity()).equals(norm(want.get("entity").asText()))
                && a.key().equals(want.get("key").asText())
                && norm(a.value()).equals(norm(want.get("value").asText()));
    }

    private static boolean matches(Relation r, JsonNode want) {
        return want.has("label") && norm(r.subject()).equals(norm(want.get("subject").asText()))
                && r.label().equals(want.get("label").asText())
                && norm(r.object()).equals(norm(want.get("object").asText()));
    }

    private static boolean matches(Uncertainty u, JsonNode want) {
        if (!u.kind().equals(want.get("kind").asText())) {
            return false;
        }
        String about = u.about();
        return (!want.has("entity") || about.startsWith(want.get("entity").asText() + "#"))
                && (!want.has("key") || about.endsWith("#" + want.get("key").asText()));
    }

    /** Lower case, trimmed, leading article dropped, as the examples README says. */
    static String norm(String text) {
        String out = text.strip().toLowerCase(Locale.ROOT);
        for (String article : new String[] {"a ", "an ", "the "}) {
            if (out.startsWith(article)) {
                out = out.substring(article.length());
            }
        }
        int slash = out.indexOf('/');
        if (slash > 0 && out.substring(0, slash).matches("[a-z]+")) {
            String name = out.substring(slash + 1);
            for (String article : new String[] {"a ", "an ", "the "}) {
                if (name.startsWith(article)) {
                    name = name.substring(article.length());
                }
            }
            out = out.substring(0, slash + 1) + name;
        }
        return out;
    }

    private static Scope scope(JsonNode node) {
        Map<String, String> tags = new TreeMap<>();
        if (node != null) {
            for (Map.Entry<String, JsonNode> tag : node.properties()) {
                tags.put(tag.getKey(), tag.getValue().asText());
            }
        }
        return Scope.of(tags);
    }

    /** A file of the shared folder beside the repository, found by walking up. */
    static Optional<Path> sharedFile(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
            Path sibling = dir.resolveSibling("shared").resolve(relative);
            if (Files.exists(sibling)) {
                return Optional.of(sibling);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }
}
