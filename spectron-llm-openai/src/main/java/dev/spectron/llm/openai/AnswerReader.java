package dev.spectron.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.spectron.api.SpectronException;
import dev.spectron.engine.spi.Extraction;
import dev.spectron.engine.spi.ExtractionRequest;
import dev.spectron.engine.spi.KeyRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the model's answer to an extraction prompt into one {@link Extraction} per turn. The
 * answer's frame must be right, or the whole answer is rejected: a {@code turns} object with an
 * entry for every turn, each holding {@code facts} and {@code instructions} lists (and, if
 * present, an {@code entities} list). Single items are checked one by one by {@link TurnReader};
 * a malformed item is dropped, and the reason recorded, while the rest are kept. Thread-safe.
 */
final class AnswerReader {
    private final KeyRegistry registry;

    AnswerReader(KeyRegistry registry) {
        this.registry = registry;
    }

    /**
     * What was read.
     *
     * @param extractions one per request, in order
     * @param dropped why each dropped item was dropped, with its path ({@code turns.2.facts[0]})
     */
    record Result(List<Extraction> extractions, List<String> dropped) {
        Result {
            extractions = List.copyOf(extractions);
            dropped = List.copyOf(dropped);
        }
    }

    /**
     * Reads {@code answer}, given the requests it answers.
     *
     * @throws SpectronException {@link OpenAiCompatibleClient#BAD_RESPONSE} (502) when the frame is
     *     wrong
     */
    Result read(JsonNode answer, List<ExtractionRequest> requests) {
        JsonNode turns = answer.get("turns");
        if (turns == null || !turns.isObject()) {
            throw bad("has no \"turns\" object");
        }
        List<String> dropped = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : turns.properties()) {
            if (turnNumber(entry.getKey(), requests.size()) < 0) {
                dropped.add("turns." + entry.getKey() + ": there is no such turn");
            }
        }
        List<Extraction> extractions = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            String path = "turns." + (i + 1);
            JsonNode turn = turns.get(String.valueOf(i + 1));
            if (turn == null || !turn.isObject()) {
                throw bad("has no object " + path + " for turn " + (i + 1) + " of "
                        + requests.size());
            }
            JsonNode facts = list(turn, "facts", path, true);
            JsonNode instructions = list(turn, "instructions", path, true);
            JsonNode entities = list(turn, "entities", path, false);
            TurnReader reader = new TurnReader(requests.get(i), registry, path, dropped);
            extractions.add(reader.read(facts, instructions, entities));
        }
        return new Result(extractions, dropped);
    }

    private static JsonNode list(JsonNode turn, String field, String path, boolean required) {
        JsonNode list = turn.get(field);
        if (list == null || list.isNull()) {
            if (required) {
                throw bad("has no \"" + field + "\" list in " + path);
            }
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!list.isArray()) {
            throw bad("has " + path + "." + field + " that is not a list");
        }
        return list;
    }

    /** The turn number a key names, 1 to {@code turns}, else -1. */
    private static int turnNumber(String key, int turns) {
        try {
            int number = Integer.parseInt(key);
            return number >= 1 && number <= turns && key.equals(String.valueOf(number))
                    ? number : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static SpectronException bad(String what) {
        return new SpectronException(OpenAiCompatibleClient.BAD_RESPONSE, 502,
                "the model's extraction answer " + what);
    }
}
