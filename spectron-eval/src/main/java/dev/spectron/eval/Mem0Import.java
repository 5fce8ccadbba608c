package dev.spectron.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spectron.api.InvalidInputException;
import dev.spectron.api.Memory;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.SessionInfo;
import dev.spectron.api.SessionRequest;
import dev.spectron.api.Turn;
import dev.spectron.api.TurnInput;
import dev.spectron.api.TurnResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Replays a Mem0 {@code get_all} export (a JSON list of {@code id, memory, user_id, agent_id,
 * created_at, metadata}, or an object with such a list under {@code results} or
 * {@code memories}) into Spectron: each memory becomes a user turn in scope {@code {user, agent}}
 * said at {@code created_at}, so extraction and reconciliation turn the flat strings into facts.
 * Idempotent: every imported turn carries {@code metadata.mem0Id}, and memories already imported
 * into the same scope are skipped, so a second run adds nothing.
 */
public final class Mem0Import {
    /** Metadata marking sessions made by this import. */
    static final String ORIGIN = "mem0-import";

    /**
     * What an import did.
     *
     * @param read memories in the file
     * @param imported memories stored now
     * @param skipped memories found already imported
     * @param facts attribute and relation decisions that added or changed a fact
     * @param scopes distinct scopes written to
     */
    public record Summary(int read, int imported, int skipped, int facts, int scopes) {}

    private final Memory memory;

    public Mem0Import(Memory memory) {
        this.memory = memory;
    }

    /** Reads the export and imports it, reporting each memory processed. */
    public Summary run(Path file, LongConsumer progress) throws IOException {
        List<JsonNode> items = read(file);
        Map<Scope, List<JsonNode>> byScope = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String at = "[" + i + "]";
            InvalidInputException.require(item.path("memory").isTextual()
                    && !item.path("memory").asText().isBlank(), at + ".memory",
                    "must be a non-empty string");
            byScope.computeIfAbsent(scopeOf(item, at), s -> new ArrayList<>()).add(item);
        }
        int imported = 0;
        int skipped = 0;
        int facts = 0;
        long done = 0;
        for (Map.Entry<Scope, List<JsonNode>> group : byScope.entrySet()) {
            Set<String> known = alreadyImported(group.getKey());
            String sessionId = null;
            for (JsonNode item : group.getValue()) {
                String id = item.path("id").asText("");
                if (!id.isEmpty() && known.contains(id)) {
                    skipped++;
                } else {
                    if (sessionId == null) {
                        sessionId = memory.createSession(new SessionRequest(group.getKey(),
                                Map.of("origin", ORIGIN), null)).id();
                    }
                    TurnResult result = memory.addTurn(sessionId, turn(item, id));
                    facts += (int) result.diff().attributes().stream()
                            .filter(a -> !a.decision().equals("corroborate")).count()
                            + (int) result.diff().relations().stream()
                            .filter(r -> !r.decision().equals("corroborate")).count();
                    imported++;
                    if (!id.isEmpty()) {
                        known.add(id);
                    }
                }
                progress.accept(++done);
            }
            if (sessionId != null) {
                memory.closeSession(sessionId);
            }
        }
        return new Summary(items.size(), imported, skipped, facts, byScope.size());
    }

    private Set<String> alreadyImported(Scope scope) {
        Set<String> ids = new HashSet<>();
        for (SessionInfo session : memory.sessions(scope, 1000)) {
            if (session.scope().equals(scope) && ORIGIN.equals(session.metadata().get("origin"))) {
                for (Turn turn : memory.turns(session.id())) {
                    Object id = turn.metadata().get("mem0Id");
                    if (id != null) {
                        ids.add(id.toString());
                    }
                }
            }
        }
        return ids;
    }

    private static TurnInput turn(JsonNode item, String id) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (item.path("metadata").isObject()) {
            metadata.putAll(new ObjectMapper().convertValue(item.get("metadata"), Map.class));
        }
        if (!id.isEmpty()) {
            metadata.put("mem0Id", id);
        }
        String text = item.get("memory").asText().strip();
        String statement = firstPerson(text);
        if (!statement.equals(text)) {
            metadata.put("mem0Memory", text);
        }
        TurnInput turn = TurnInput.of(Role.USER, statement).withMetadata(metadata);
        return createdAt(item).map(turn::withObservedAt).orElse(turn);
    }

    private static final Set<String> SUBJECT_FOLLOWS = Set.of("is", "was", "has", "had", "does",
            "did", "will", "can", "would", "should", "and", "likes", "loves", "lives", "works",
            "prefers", "wants", "needs", "enjoys", "hates", "speaks", "eats", "owns");

    private static final Set<String> POSSESSED = Set.of("name", "favorite", "favourite",
            "birthday", "email", "job", "hobby", "hobbies", "age", "occupation", "wife",
            "husband", "partner", "sister", "brother", "daughter", "son", "dog", "cat");

    /**
     * Mem0 stores memories as subject-less fragments about the user ("Prefers vegetarian food",
     * "Name is Alice"); restores the speaker ("I prefer vegetarian food", "My name is Alice") so
     * the statement grammar applies. Full sentences are left as they are.
     */
    static String firstPerson(String fragment) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([A-Z][a-z]+)\\b(.*)$",
                java.util.regex.Pattern.DOTALL).matcher(fragment);
        if (!m.matches()) {
            return fragment;
        }
        String word = m.group(1);
        String rest = m.group(2);
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        String next = rest.strip().split("\\s+", 2)[0].toLowerCase(java.util.Locale.ROOT);
        if (POSSESSED.contains(lower)) {
            return "My " + lower + rest;
        }
        if (SUBJECT_FOLLOWS.contains(next)) {
            return fragment; // "James likes hiking": the first word is the subject already.
        }
        String verb = switch (lower) {
            case "is" -> "am";
            case "has" -> "have";
            case "was" -> "was";
            case "does" -> "do";
            case "goes" -> "go";
            default -> {
                if (!lower.endsWith("s") || lower.endsWith("ss") || lower.length() < 4) {
                    yield null;
                }
                if (lower.endsWith("ies")) {
                    yield lower.substring(0, lower.length() - 3) + "y";
                }
                if (lower.matches(".*(ch|sh|x|z|ss)es")) {
                    yield lower.substring(0, lower.length() - 2);
                }
                yield lower.substring(0, lower.length() - 1);
            }
        };
        return verb == null ? fragment : "I " + verb + rest;
    }

    private static Optional<Instant> createdAt(JsonNode item) {
        String text = item.path("created_at").asText("");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(java.time.LocalDateTime.parse(text)
                        .toInstant(java.time.ZoneOffset.UTC));
            } catch (DateTimeParseException again) {
                throw new InvalidInputException("created_at",
                        "must be an ISO-8601 timestamp, got '" + text + "'");
            }
        }
    }

    private static Scope scopeOf(JsonNode item, String at) {
        Map<String, String> tags = new TreeMap<>();
        if (item.path("user_id").isTextual()) {
            tags.put("user", item.get("user_id").asText());
        }
        if (item.path("agent_id").isTextual()) {
            tags.put("agent", item.get("agent_id").asText());
        }
        return Scope.of(tags, at + ".scope");
    }

    private static List<JsonNode> read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        JsonNode list = root.isArray() ? root
                : root.has("results") ? root.get("results") : root.path("memories");
        InvalidInputException.require(list.isArray(), "file",
                "must be a JSON list of Mem0 memories (or an object with 'results')");
        List<JsonNode> items = new ArrayList<>();
        list.forEach(items::add);
        return items;
    }
}
