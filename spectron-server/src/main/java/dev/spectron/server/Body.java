package dev.spectron.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spectron.api.InvalidInputException;
import dev.spectron.api.Scope;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON request body with typed, validated field access. Every accessor names the field and the
 * rule in its {@link InvalidInputException}, so a client sees exactly what to fix.
 */
final class Body {
    private final ObjectNode node;

    private Body(ObjectNode node) {
        this.node = node;
    }

    /** Parses a body that must be a JSON object. */
    static Body parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new InvalidInputException("body",
                    "must not nest deeper than " + Json.MAX_DEPTH + " levels");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body", "must be valid JSON ("
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        return new Body(object);
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    Optional<String> text(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(field, "must be a string");
        }
        return Optional.of(value.textValue());
    }

    /** A list of strings, or empty when absent or null. */
    Optional<java.util.List<String>> texts(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw new InvalidInputException(field, "must be a list of strings");
        }
        java.util.List<String> out = new java.util.ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new InvalidInputException(field, "must be a list of strings");
            }
            out.add(item.textValue());
        }
        return Optional.of(out);
    }

    String requiredText(String field) {
        return text(field).orElseThrow(() -> new InvalidInputException(field, "is required"));
    }

    Optional<Boolean> bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw new InvalidInputException(field, "must be true or false");
        }
        return Optional.of(value.booleanValue());
    }

    Optional<Integer> integer(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidInputException(field, "must be an integer");
        }
        return Optional.of(value.intValue());
    }

    Optional<Instant> instant(String field) {
        return text(field).map(text -> parseInstant(text, field));
    }

    Scope scope() {
        return scope("scope");
    }

    Scope scope(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Scope.empty();
        }
        return scopeOf(value, field);
    }

    Map<String, Object> metadata() {
        JsonNode value = node.get("metadata");
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new InvalidInputException("metadata", "must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = Json.MAPPER.convertValue(value, LinkedHashMap.class);
        return map;
    }

    /** {@code triples}: a list of {subject, key, value?, object?} (label is taken for key). */
    java.util.List<dev.spectron.api.Triple> triples() {
        JsonNode list = node.get("triples");
        if (list == null || list.isNull()) {
            return java.util.List.of();
        }
        if (!list.isArray()) {
            throw new InvalidInputException("triples", "must be a list");
        }
        java.util.List<dev.spectron.api.Triple> out = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof com.fasterxml.jackson.databind.node.ObjectNode item)) {
                throw new InvalidInputException("triples[" + i + "]", "must be an object");
            }
            Body t = new Body(item);
            String field = "triples[" + i + "]";
            out.add(new dev.spectron.api.Triple(t.nested(field, "subject", true),
                    t.has("key") ? t.nested(field, "key", true) : t.nested(field, "label", true),
                    t.has("value") ? t.nested(field, "value", false) : "",
                    t.has("object") ? Optional.of(t.nested(field, "object", true))
                            : Optional.empty()));
        }
        return out;
    }

    /** {@code messages}: a list of {role?, content, speaker?, observedAt?, metadata?}. */
    java.util.List<dev.spectron.api.BatchMessage> messages() {
        JsonNode list = node.get("messages");
        if (list == null || !list.isArray()) {
            throw new InvalidInputException("messages", "must be a list of messages");
        }
        java.util.List<dev.spectron.api.BatchMessage> out = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof com.fasterxml.jackson.databind.node.ObjectNode item)) {
                throw new InvalidInputException("messages[" + i + "]", "must be an object");
            }
            Body m = new Body(item);
            String field = "messages[" + i + "]";
            out.add(new dev.spectron.api.BatchMessage(
                    m.has("role") ? dev.spectron.api.Role.parse(m.nested(field, "role", true))
                            : dev.spectron.api.Role.USER,
                    m.nested(field, "content", true),
                    m.has("speaker") ? Optional.of(m.nested(field, "speaker", true))
                            : Optional.empty(),
                    m.has("observedAt") ? Optional.of(parseInstant(
                            m.nested(field, "observedAt", true), field + ".observedAt"))
                            : Optional.empty(),
                    m.metadata()));
        }
        return out;
    }

    private String nested(String prefix, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidInputException(prefix + "." + field, "is required");
            }
            return "";
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(prefix + "." + field, "must be a string");
        }
        return value.textValue();
    }

    /** A scope from a JSON object of string values. */
    static Scope scopeOf(JsonNode value, String field) {
        if (!value.isObject()) {
            throw new InvalidInputException(field, "must be a JSON object of dimension to value");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> tag : value.properties()) {
            if (!tag.getValue().isTextual()) {
                throw new InvalidInputException(field + "." + tag.getKey(),
                        "value must be a string");
            }
            tags.put(tag.getKey(), tag.getValue().textValue());
        }
        return Scope.of(tags, field);
    }

    /** A scope from a query parameter holding URL-decoded JSON. */
    static Scope scopeParam(String json) {
        if (json == null || json.isBlank()) {
            return Scope.empty();
        }
        try {
            return scopeOf(Json.MAPPER.readTree(json), "scope");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("scope", "must be a URL-encoded JSON object");
        }
    }

    static Instant parseInstant(String text, String field) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeException again) {
                throw new InvalidInputException(field,
                        "must be an ISO-8601 timestamp such as 2024-05-08T13:56:00Z");
            }
        }
    }
}
