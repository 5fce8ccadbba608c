package dev.spectron.llm.openai;

import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.ExtractionRequest;
import dev.spectron.llm.openai.OpenAiCompatibleClient.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The two messages of an extraction call: a system message with the task, the answer's shape,
 * the keys to prefer, who the pronouns of each turn refer to and the scope's known entities; and
 * a user message with the turns, numbered from 1, each with its role, speaker and date.
 * Stateless and thread-safe.
 */
final class ExtractionPrompt {
    /**
     * Known entities listed at most; a scope can know thousands, and the list is a hint for
     * reusing names, not a directory. The engine passes the most relevant first.
     */
    static final int MAX_KNOWN_ENTITIES = 200;

    private static final String TASK = """
            You read conversation turns and documents and extract what an AI assistant should \
            remember: facts about people, organizations and other entities, and standing \
            instructions about how the assistant should behave. Answer with one JSON object \
            that matches the given schema, and nothing else.

            Shape: {"turns": {"1": {...}, "2": {...}}} with an entry for every turn number, \
            each holding "facts", "instructions" and "entities"; use empty lists for a turn \
            with nothing to remember.

            Facts:
            - subject: the entity the fact is about, {"type", "name"}. type is one of %s. \
            name is the entity's proper name as written ("Acme Corp"); for pronouns use the \
            entities given below.
            - key: a snake_case attribute key or relation label. Prefer the keys listed \
            below; invent a short snake_case key only when none fits.
            - value: the attribute value, short, as said ("vegetarian", "Oslo"); for a \
            relation, the object's name.
            - object: for a relation label, the related entity {"type", "name"}; null for an \
            attribute.
            - polarity: "affirm"; "negate" when the text denies the fact or says it no longer \
            holds ("I don't eat meat", "I no longer work at Initech").
            - tense: "current" when it holds now; "past" when it held only in the past \
            ("I used to live in Paris"); "change" when it just changed and replaces an earlier \
            value ("I moved to Oslo", "now", "actually", "just started").
            - valid_from, valid_until: the date (YYYY-MM-DD) it started or stopped to hold, \
            when the text says so, resolved against the turn's date; else null.
            - confidence: 0 to 1, how clearly the text states the fact.
            - evidence: the shortest exact quote from the turn that states the fact, copied \
            character for character.
            Extract only what a turn states; no guesses, no questions, no small talk. For a \
            key of cardinality many, one fact per value.

            Instructions: directives to the assistant about how to behave from now on \
            ("From now on, answer in metric units", "Always reply formally", "Stop using \
            emojis"). A request about the current answer only ("summarise this") is not one.
            - action: "start" for a new directive; "stop" when the turn cancels one.
            - text: the directive as an imperative the assistant can follow ("answer in \
            metric units"); for stop, what is being stopped.
            - target: for stop, the words naming the directive being cancelled ("replying \
            formally"); null for start.
            - evidence: the exact quote, as for facts.

            Entities: every entity a turn names, {"type", "name"}, including those no fact is \
            about.
            """;

    private ExtractionPrompt() {}

    /** The system and user messages for {@code requests}, turn {@code i + 1} being entry i. */
    static List<Message> messages(List<ExtractionRequest> requests, KeyCatalog keys) {
        return List.of(Message.system(system(requests, keys)), Message.user(turns(requests)));
    }

    static String system(List<ExtractionRequest> requests, KeyCatalog keys) {
        StringBuilder out = new StringBuilder(TASK.formatted(
                String.join(", ", new TreeSet<>(EntityKey.TYPES))));
        out.append("\nKeys. Cardinality one: a new value replaces the old one; many: values")
                .append(" accumulate.\n")
                .append("Attribute keys: ").append(KeyCatalog.describe(keys.attributes()))
                .append(".\nRelation labels (always with an object): ")
                .append(KeyCatalog.describe(keys.relations())).append(".\n");
        out.append("\nWho pronouns refer to (use these entities as subject or object):\n");
        references(requests).forEach((line, turns) -> out.append("- ")
                .append(turns.size() == 1 ? "turn " : "turns ")
                .append(String.join(", ", turns)).append(": ").append(line).append('\n'));
        out.append("When a pronoun refers to nobody known, extract no facts about it.\n");
        List<EntityKey> known = knownEntities(requests);
        if (!known.isEmpty()) {
            out.append("\nKnown entities (type/name). When a turn refers to one of them, reuse")
                    .append(" its type and name exactly:\n");
            known.forEach(key -> out.append("- ").append(key.address()).append('\n'));
        }
        return out.toString();
    }

    /** The turns, each in a {@code <turn>} element carrying its number, role, speaker and date. */
    static String turns(List<ExtractionRequest> requests) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < requests.size(); i++) {
            ExtractionRequest request = requests.get(i);
            out.append("<turn number=\"").append(i + 1).append("\" role=\"")
                    .append(request.authoritative() ? "document" : request.role().wireName())
                    .append('"');
            request.speaker().filter(s -> !s.isBlank()).ifPresent(speaker -> out
                    .append(" speaker=\"").append(attribute(speaker)).append('"'));
            if (request.observedAt() != null) {
                out.append(" said_at=\"").append(request.observedAt()).append('"');
            }
            out.append(">\n").append(request.text()).append("\n</turn>\n");
        }
        return out.toString();
    }

    /** One line per distinct set of references, with the numbers of the turns it holds for. */
    private static Map<String, List<String>> references(List<ExtractionRequest> requests) {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            ExtractionRequest request = requests.get(i);
            String line = "I/me/my = " + name(request.self())
                    + "; we/us/our = " + name(request.group().or(request::self))
                    + "; you/your = " + name(request.addressee());
            lines.computeIfAbsent(line, l -> new ArrayList<>()).add(String.valueOf(i + 1));
        }
        return lines;
    }

    private static String name(Optional<EntityKey> key) {
        return key.map(EntityKey::address).orElse("nobody known");
    }

    private static List<EntityKey> knownEntities(List<ExtractionRequest> requests) {
        Set<EntityKey> known = new LinkedHashSet<>();
        for (ExtractionRequest request : requests) {
            for (EntityKey key : request.knownEntities()) {
                if (known.size() == MAX_KNOWN_ENTITIES) {
                    return List.copyOf(known);
                }
                known.add(key);
            }
        }
        return List.copyOf(known);
    }

    private static String attribute(String value) {
        return value.replace('"', '\'').replace('\n', ' ');
    }
}
