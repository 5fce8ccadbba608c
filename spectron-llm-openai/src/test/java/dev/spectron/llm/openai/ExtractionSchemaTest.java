package dev.spectron.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtractionSchemaTest {
    @Test
    void forTurns_three_requiresEveryTurnNumber() {
        JsonNode turns = ExtractionSchema.forTurns(3).path("properties").path("turns");

        assertThat(turns.path("required")).extracting(JsonNode::asText)
                .containsExactly("1", "2", "3");
        assertThat(turns.path("properties").path("2").path("$ref").asText())
                .isEqualTo("#/$defs/turn");
    }

    @Test
    void forTurns_everyObject_isStrict() {
        List<String> loose = new ArrayList<>();
        collectLooseObjects(ExtractionSchema.forTurns(2), "$", loose);

        assertThat(loose).isEmpty();
    }

    @Test
    void forTurns_fact_hasTheDocumentedFields() {
        JsonNode fact = ExtractionSchema.forTurns(1).path("$defs").path("fact");

        assertThat(fact.path("required")).extracting(JsonNode::asText).containsExactly(
                "subject", "key", "value", "object", "polarity", "tense", "valid_from",
                "valid_until", "confidence", "evidence");
        assertThat(fact.path("properties").path("polarity").path("enum"))
                .extracting(JsonNode::asText).containsExactly("affirm", "negate");
    }

    /** Strict mode wants every object closed and every property required. */
    private static void collectLooseObjects(JsonNode node, String path, List<String> loose) {
        if (node.isObject() && "object".equals(node.path("type").asText())) {
            List<String> properties = new ArrayList<>();
            node.path("properties").properties().forEach(e -> properties.add(e.getKey()));
            List<String> required = new ArrayList<>();
            node.path("required").forEach(r -> required.add(r.asText()));
            if (node.path("additionalProperties").asBoolean(true)
                    || !required.equals(properties)) {
                loose.add(path);
            }
        }
        if (node.isContainerNode()) {
            for (Map.Entry<String, JsonNode> child : node.properties()) {
                collectLooseObjects(child.getValue(), path + "." + child.getKey(), loose);
            }
            for (int i = 0; node.isArray() && i < node.size(); i++) {
                collectLooseObjects(node.get(i), path + "[" + i + "]", loose);
            }
        }
    }
}
