package dev.spectron.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.ExtractedFact;
import dev.spectron.engine.spi.ExtractedInstruction;
import dev.spectron.engine.spi.Extraction;
import dev.spectron.engine.spi.ExtractionRequest;
import dev.spectron.engine.spi.KeySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every statement of the shared behaviour scenarios through the extractor and replays the
 * candidates through a minimal reconciler (supersede for cardinality one, accumulate for many,
 * negation retracts, past closes, authority wins), then checks the {@code current},
 * {@code currentRelations}, {@code notCurrent}, {@code history}, {@code instructions} and
 * {@code uncertainties} expectations, which are what extraction alone decides.
 */
class MemoryBehaviourExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> scenario_fromSharedExamples_yieldsTheExpectedCandidates()
            throws IOException {
        Optional<Path> file = locate();
        Assumptions.assumeTrue(file.isPresent(),
                "shared/examples/memory-behaviour.jsonl not found above " + Path.of("")
                        .toAbsolutePath() + "; skipping the shared scenarios");
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : Files.readAllLines(file.get())) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode scenario = JSON.readTree(line);
            tests.add(DynamicTest.dynamicTest(scenario.get("id").asText(),
                    () -> assertThat(new Replay(scenario).problems()).isEmpty()));
        }
        return tests.stream();
    }

    static Optional<Path> locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/examples/memory-behaviour.jsonl");
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** One scenario replayed through the extractor and a minimal reconciler. */
    private static final class Replay {
        private final JsonNode scenario;
        private final Map<String, List<String>> current = new LinkedHashMap<>();
        private final Map<String, List<String>> history = new HashMap<>();
        private final Map<String, String> authoritative = new HashMap<>();
        private final Map<String, String> factScope = new HashMap<>();
        private final List<String> instructions = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private boolean authorityConflict;

        Replay(JsonNode scenario) {
            this.scenario = scenario;
            for (JsonNode step : scenario.get("steps")) {
                Scope scope = scope(step.has("scope") ? step.get("scope")
                        : scenario.get("scope"));
                switch (step.get("op").asText()) {
                    case "remember" -> apply(request(step.get("text").asText(),
                            step.has("role") ? Role.parse(step.get("role").asText())
                                    : Role.USER, scope, false), scope);
                    case "turns" -> step.get("turns").forEach(t -> apply(request(
                            t.get("content").asText(), Role.parse(t.get("role").asText()),
                            scope, false), scope));
                    case "document" -> apply(request(step.get("text").asText(), Role.USER,
                            scope, true), scope);
                    case "forget" -> forget(scope);
                    default -> problems.add("unknown op " + step.get("op"));
                }
            }
        }

        List<String> problems() {
            JsonNode expect = scenario.get("expect");
            each(expect, "current", e -> require(isCurrent(e.get("entity").asText(),
                    e.get("key").asText(), value(e.get("value").asText())), "current", e));
            each(expect, "currentRelations", e -> require(isCurrent(e.get("subject").asText(),
                    e.get("label").asText(), address(e.get("object").asText())),
                    "current relation", e));
            each(expect, "notCurrent", e -> require(e.has("label")
                    ? !isCurrent(e.get("subject").asText(), e.get("label").asText(),
                            address(e.get("object").asText()))
                    : !isCurrent(e.get("entity").asText(), e.get("key").asText(),
                            value(e.get("value").asText())), "not current", e));
            each(expect, "history", e -> {
                List<String> want = new ArrayList<>();
                e.get("values").forEach(v -> want.add(value(v.asText())));
                List<String> got = history.getOrDefault(slot(e.get("entity").asText(),
                        e.get("key").asText()), List.of()).stream()
                        .map(v -> v.contains("/") ? EntityKey.parse(v).name() : v).toList();
                require(got.equals(want), "history " + got, e);
            });
            each(expect, "instructions", e -> require(instructions.stream()
                    .anyMatch(i -> i.contains(e.asText().toLowerCase())), "instruction", e));
            each(expect, "uncertainties", e -> require(!e.get("kind").asText()
                    .equals("authority_conflict") || authorityConflict, "uncertainty", e));
            return problems;
        }

        private void apply(ExtractionRequest request, Scope scope) {
            Extraction extraction = Fixtures.extractor().extract(request);
            if (request.role() == Role.ASSISTANT) {
                Optional<String> user = scope.get("user");
                for (ExtractedFact f : extraction.facts()) {
                    if (user.isPresent() && f.subject().equals(EntityKey.of("person",
                            user.get()))) {
                        problems.add("assistant turn yielded a fact about the user: " + f);
                    }
                }
            }
            for (ExtractedFact f : extraction.facts()) {
                reconcile(f, request.authoritative(), scope);
            }
            for (ExtractedInstruction i : extraction.instructions()) {
                if (i.action() == ExtractedInstruction.Action.STOP) {
                    String target = i.target().orElse(i.text()).toLowerCase();
                    instructions.removeIf(active -> overlaps(active, target));
                } else {
                    instructions.add(i.text().toLowerCase());
                }
            }
        }

        private void reconcile(ExtractedFact f, boolean document, Scope scope) {
            String slot = slot(f.subject().address(), f.key());
            String value = f.object().map(EntityKey::address).orElse(value(f.value()));
            List<String> values = current.computeIfAbsent(slot, k -> new ArrayList<>());
            if (f.polarity() == ExtractedFact.Polarity.NEGATE) {
                values.remove(value);
                return;
            }
            if (f.tense() == ExtractedFact.Tense.PAST) {
                values.remove(value);
                push(slot, value);
                return;
            }
            if (values.contains(value)) {
                return;
            }
            String authority = authoritative.get(slot);
            if (!document && authority != null && !authority.equals(value)) {
                authorityConflict = true;
                return;
            }
            if (document) {
                authoritative.put(slot, value);
            }
            boolean one = Fixtures.registry().spec(f.key()).cardinality()
                    == KeySpec.Cardinality.ONE;
            if (one) {
                values.clear();
            }
            values.add(value);
            factScope.put(slot + "\u0000" + value, scope.toString());
            push(slot, value);
        }

        private void push(String slot, String value) {
            List<String> h = history.computeIfAbsent(slot, k -> new ArrayList<>());
            if (h.isEmpty() || !h.getFirst().equals(value)) {
                h.addFirst(value);
            }
        }

        private void forget(Scope scope) {
            current.forEach((slot, values) -> values.removeIf(v -> scope.toString()
                    .equals(factScope.get(slot + "\u0000" + v))));
        }

        private boolean isCurrent(String entity, String key, String value) {
            return current.getOrDefault(slot(entity, key), List.of()).contains(value);
        }

        private void require(boolean ok, String what, JsonNode expectation) {
            if (!ok) {
                problems.add(what + " " + expectation + " (current: " + current + ")");
            }
        }

        private static void each(JsonNode expect, String field,
                java.util.function.Consumer<JsonNode> check) {
            if (expect.has(field)) {
                expect.get(field).forEach(check);
            }
        }

        private static String slot(String entity, String key) {
            return EntityKey.parse(entity).address() + " " + Fixtures.registry().canonical(key);
        }

        private static String value(String text) {
            return EntityKey.normalize(text).replaceAll("[.!?,;:]+$", "").strip();
        }

        private static String address(String text) {
            return EntityKey.parse(text).address();
        }

        private static boolean overlaps(String instruction, String target) {
            for (String word : target.split("[^a-z]+")) {
                if (word.length() > 3 && !instruction.contains(
                        word.substring(0, Math.min(5, word.length() - 2)))) {
                    return false;
                }
            }
            return true;
        }

        private static Scope scope(JsonNode node) {
            Map<String, String> tags = new TreeMap<>();
            if (node != null) {
                node.fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
            }
            return Scope.of(tags);
        }

        /** The request the engine would build (mirrors its Pronouns rules, SPEC §2.4). */
        private static ExtractionRequest request(String text, Role role, Scope scope,
                boolean document) {
            Optional<EntityKey> user = scope.get("user").map(u -> EntityKey.of("person", u));
            Optional<EntityKey> agent = scope.get("agent").map(a -> EntityKey.of("other", a));
            Optional<EntityKey> org = scope.get("org")
                    .map(o -> EntityKey.of("organization", o));
            Optional<EntityKey> self;
            Optional<EntityKey> group;
            Optional<EntityKey> addressee;
            if (document) {
                self = org;
                group = org;
                addressee = Optional.empty();
            } else if (role == Role.ASSISTANT) {
                self = agent.or(() -> org);
                group = org.or(() -> agent.or(() -> org));
                addressee = user;
            } else {
                self = user;
                group = org.or(() -> user);
                addressee = agent.or(() -> org);
            }
            return new ExtractionRequest(text, role, Optional.empty(), self, group, addressee,
                    scope, Requests.OBSERVED, List.of(), document);
        }
    }
}
