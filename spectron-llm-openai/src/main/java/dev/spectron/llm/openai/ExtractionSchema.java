package dev.spectron.llm.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spectron.engine.spi.EntityKey;
import java.util.TreeSet;

/**
 * The JSON schema the model answers with, for a batch of {@code n} turns:
 *
 * <pre>{@code
 * {"turns": {"1": Turn, …, "n": Turn}}
 * Turn        = {"facts": [Fact], "instructions": [Instruction], "entities": [Entity]}
 * Entity      = {"type": one of EntityKey.TYPES, "name": string}
 * Fact        = {"subject": Entity, "key": string, "value": string, "object": Entity | null,
 *                "polarity": "affirm" | "negate", "tense": "current" | "past" | "change",
 *                "valid_from": string | null, "valid_until": string | null,
 *                "confidence": number, "evidence": string}
 * Instruction = {"action": "start" | "stop", "text": string, "target": string | null,
 *                "evidence": string}
 * }</pre>
 *
 * Written for strict structured output: every property required, none additional, optional
 * values as {@code null}; turns are keyed by number so that a strict server must answer each.
 */
final class ExtractionSchema {
    /** The {@code json_schema.name} sent with the request. */
    static final String NAME = "spectron_extraction";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ExtractionSchema() {}

    /** The schema for a batch of {@code turns} turns, numbered from 1. */
    static ObjectNode forTurns(int turns) {
        ObjectNode byNumber = object();
        for (int turn = 1; turn <= turns; turn++) {
            require(byNumber, String.valueOf(turn), ref("turn"));
        }
        ObjectNode root = object();
        require(root, "turns", byNumber);
        ObjectNode defs = root.putObject("$defs");
        defs.set("turn", turn());
        defs.set("entity", entity());
        defs.set("fact", fact());
        defs.set("instruction", instruction());
        return root;
    }

    private static ObjectNode turn() {
        ObjectNode turn = object();
        require(turn, "facts", arrayOf("fact"));
        require(turn, "instructions", arrayOf("instruction"));
        require(turn, "entities", arrayOf("entity"));
        return turn;
    }

    private static ObjectNode entity() {
        ObjectNode entity = object();
        require(entity, "type", enumOf(new TreeSet<>(EntityKey.TYPES).toArray(String[]::new)));
        require(entity, "name", type("string"));
        return entity;
    }

    private static ObjectNode fact() {
        ObjectNode fact = object();
        require(fact, "subject", ref("entity"));
        require(fact, "key", type("string"));
        require(fact, "value", type("string"));
        ObjectNode object = NODES.objectNode();
        object.putArray("anyOf").add(ref("entity")).add(type("null"));
        require(fact, "object", object);
        require(fact, "polarity", enumOf("affirm", "negate"));
        require(fact, "tense", enumOf("current", "past", "change"));
        require(fact, "valid_from", nullable("string"));
        require(fact, "valid_until", nullable("string"));
        require(fact, "confidence", type("number"));
        require(fact, "evidence", type("string"));
        return fact;
    }

    private static ObjectNode instruction() {
        ObjectNode instruction = object();
        require(instruction, "action", enumOf("start", "stop"));
        require(instruction, "text", type("string"));
        require(instruction, "target", nullable("string"));
        require(instruction, "evidence", type("string"));
        return instruction;
    }

    /** An object schema with no properties yet and no additional ones allowed. */
    private static ObjectNode object() {
        ObjectNode node = type("object");
        node.putObject("properties");
        node.putArray("required");
        node.put("additionalProperties", false);
        return node;
    }

    private static void require(ObjectNode object, String name, ObjectNode schema) {
        ((ObjectNode) object.get("properties")).set(name, schema);
        ((ArrayNode) object.get("required")).add(name);
    }

    private static ObjectNode type(String type) {
        return NODES.objectNode().put("type", type);
    }

    private static ObjectNode nullable(String type) {
        ObjectNode node = NODES.objectNode();
        node.putArray("type").add(type).add("null");
        return node;
    }

    private static ObjectNode enumOf(String... values) {
        ObjectNode node = type("string");
        ArrayNode list = node.putArray("enum");
        for (String value : values) {
            list.add(value);
        }
        return node;
    }

    private static ObjectNode ref(String definition) {
        return NODES.objectNode().put("$ref", "#/$defs/" + definition);
    }

    private static ObjectNode arrayOf(String definition) {
        ObjectNode node = type("array");
        node.set("items", ref(definition));
        return node;
    }
}
