package dev.spectron.llm.openai;

import static dev.spectron.llm.openai.ItemFields.choice;
import static dev.spectron.llm.openai.ItemFields.confidence;
import static dev.spectron.llm.openai.ItemFields.date;
import static dev.spectron.llm.openai.ItemFields.nullableText;
import static dev.spectron.llm.openai.ItemFields.requireObject;
import static dev.spectron.llm.openai.ItemFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spectron.api.InvalidInputException;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.ExtractedFact;
import dev.spectron.engine.spi.ExtractedFact.Polarity;
import dev.spectron.engine.spi.ExtractedFact.Tense;
import dev.spectron.engine.spi.ExtractedInstruction;
import dev.spectron.engine.spi.ExtractedInstruction.Action;
import dev.spectron.engine.spi.Extraction;
import dev.spectron.engine.spi.Extraction.NamedEntity;
import dev.spectron.engine.spi.ExtractionRequest;
import dev.spectron.engine.spi.KeyRegistry;
import dev.spectron.engine.spi.KeySpec;
import dev.spectron.engine.spi.Span;
import dev.spectron.llm.openai.ItemFields.MalformedItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one turn's entry of the model's answer, item by item. Each item is checked strictly
 * (types, enums, ranges); a bad item is dropped with its reason while the others are kept.
 * Entities are normalised through {@link EntityKey}, pronouns mapped to the request's self,
 * group and addressee, names of known entities reused, and keys canonicalised through the
 * {@link KeyRegistry}. One instance per turn; not thread-safe.
 */
final class TurnReader {
    private static final Set<String> FIRST_PERSON = Set.of("i", "me", "my", "mine", "myself");
    private static final Set<String> FIRST_PLURAL = Set.of("we", "us", "our", "ours", "ourselves");
    private static final Set<String> SECOND_PERSON =
            Set.of("you", "your", "yours", "yourself");

    private final ExtractionRequest request;
    private final KeyRegistry registry;
    private final String path;
    private final List<String> dropped;
    private final Map<EntityKey, String> entities = new LinkedHashMap<>();

    TurnReader(ExtractionRequest request, KeyRegistry registry, String path,
            List<String> dropped) {
        this.request = request;
        this.registry = registry;
        this.path = path;
        this.dropped = dropped;
    }

    /** An entity as the model named it. */
    private record Named(EntityKey key, String displayName) {}

    Extraction read(JsonNode facts, JsonNode instructions, JsonNode entityList) {
        for (int i = 0; i < entityList.size(); i++) {
            try {
                remember(entity(entityList.get(i), "entity"));
            } catch (MalformedItem e) {
                drop("entities", i, e);
            }
        }
        List<ExtractedFact> factsRead = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            try {
                factsRead.add(fact(facts.get(i)));
            } catch (MalformedItem e) {
                drop("facts", i, e);
            }
        }
        List<ExtractedInstruction> instructionsRead = new ArrayList<>();
        for (int i = 0; i < instructions.size(); i++) {
            try {
                instructionsRead.add(instruction(instructions.get(i)));
            } catch (MalformedItem e) {
                drop("instructions", i, e);
            }
        }
        List<NamedEntity> named = new ArrayList<>();
        entities.forEach((key, display) -> named.add(new NamedEntity(key, display)));
        return new Extraction(factsRead, instructionsRead, named);
    }

    private ExtractedFact fact(JsonNode item) throws MalformedItem {
        requireObject(item, "a fact");
        Named subject = entity(item.get("subject"), "subject");
        String rawKey = text(item, "key", true);
        String key = registry.canonical(rawKey);
        if (key.isEmpty()) {
            throw new MalformedItem("key '" + rawKey + "' has no letters or digits");
        }
        Optional<KeySpec> spec = registry.find(rawKey);
        JsonNode objectNode = item.get("object");
        Optional<Named> object = objectNode == null || objectNode.isNull()
                ? Optional.empty() : Optional.of(entity(objectNode, "object"));
        // Null is tolerated here: for a relation the value is the object's name anyway.
        String value = nullableText(item, "value").orElse("");
        if (object.isPresent() && spec.isPresent() && !spec.get().relation()) {
            // A known attribute key ("likes") with an object: the registry says it is an
            // attribute, so the object becomes its value rather than a relation.
            value = value.isEmpty() ? object.get().displayName() : value;
            object = Optional.empty();
        } else if (object.isEmpty() && spec.map(KeySpec::relation).orElse(false)) {
            throw new MalformedItem("key '" + key + "' is a relation label but object is null");
        }
        if (object.isPresent()) {
            if (object.get().key().equals(subject.key())) {
                throw new MalformedItem("subject and object are both " + subject.key());
            }
            value = object.get().displayName();
        }
        if (value.isEmpty()) {
            throw new MalformedItem("value must not be empty");
        }
        ExtractedFact fact = new ExtractedFact(subject.key(), key, value,
                object.map(Named::key), choice(item, "polarity", Polarity.class),
                choice(item, "tense", Tense.class), date(item, "valid_from"),
                date(item, "valid_until"), confidence(item), span(item));
        remember(subject);
        object.ifPresent(this::remember);
        return fact;
    }

    private ExtractedInstruction instruction(JsonNode item) throws MalformedItem {
        requireObject(item, "an instruction");
        Action action = choice(item, "action", Action.class);
        String text = text(item, "text", true);
        Optional<String> target = nullableText(item, "target");
        // A stop without target names what it stops in its text; a start has nothing to match.
        target = action == Action.STOP ? target.or(() -> Optional.of(text)) : Optional.empty();
        return new ExtractedInstruction(text, action, target, span(item));
    }

    private Named entity(JsonNode node, String field) throws MalformedItem {
        if (node == null || !node.isObject()) {
            throw new MalformedItem(field + " must be an object {type, name}");
        }
        JsonNode typeNode = node.get("type");
        JsonNode nameNode = node.get("name");
        if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isBlank()) {
            throw new MalformedItem(field + ".name must be a non-empty string");
        }
        String name = nameNode.asText().strip();
        Optional<EntityKey> pronoun = pronoun(name, field);
        if (pronoun.isPresent()) {
            return new Named(pronoun.get(), pronoun.get().name());
        }
        String type = typeNode != null && typeNode.isTextual()
                ? typeNode.asText().strip().toLowerCase(Locale.ROOT) : "";
        if (!EntityKey.TYPES.contains(type)) {
            throw new MalformedItem(field + ".type must be one of "
                    + String.join(", ", new TreeSet<>(EntityKey.TYPES)) + ", got " + typeNode);
        }
        try {
            return new Named(reuseKnown(EntityKey.of(type, name)), name);
        } catch (InvalidInputException e) {
            throw new MalformedItem(field + ": " + e.getMessage());
        }
    }

    /** The entity a bare pronoun stands for in this turn; throws when it stands for nobody. */
    private Optional<EntityKey> pronoun(String name, String field) throws MalformedItem {
        String word = name.toLowerCase(Locale.ROOT);
        Optional<EntityKey> meant;
        if (FIRST_PERSON.contains(word)) {
            meant = request.self();
        } else if (FIRST_PLURAL.contains(word)) {
            meant = request.group().or(request::self);
        } else if (SECOND_PERSON.contains(word)) {
            meant = request.addressee();
        } else {
            return Optional.empty();
        }
        if (meant.isEmpty()) {
            throw new MalformedItem(field + " is '" + name + "', which refers to nobody known");
        }
        return meant;
    }

    /**
     * A known entity with the same name when the model picked another type for it (Acme as
     * {@code organization} once and {@code product} the next time), so names are reused as
     * the prompt asks; the key itself when it is known or the name is ambiguous.
     */
    private EntityKey reuseKnown(EntityKey key) {
        List<EntityKey> known = new ArrayList<>(request.knownEntities());
        request.self().ifPresent(known::add);
        request.group().ifPresent(known::add);
        request.addressee().ifPresent(known::add);
        if (known.contains(key)) {
            return key;
        }
        List<EntityKey> sameName = known.stream().filter(k -> k.name().equals(key.name()))
                .distinct().toList();
        return sameName.size() == 1 ? sameName.get(0) : key;
    }

    private void remember(Named entity) {
        entities.putIfAbsent(entity.key(), entity.displayName());
    }


    /** Where the item's evidence is in the turn; the whole turn without evidence. */
    private Span span(JsonNode item) throws MalformedItem {
        return SpanLocator.locate(request.text(), nullableText(item, "evidence").orElse(null));
    }

    private void drop(String list, int index, MalformedItem reason) {
        dropped.add(path + "." + list + "[" + index + "]: " + reason.getMessage());
    }

}
