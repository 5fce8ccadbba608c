package dev.spectron.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spectron.api.SpectronException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Reads a chat-completions answer: the JSON object in {@code choices[0].message.content} of a
 * success, or the reason of a failure ({@code error.message}) for the exception. Thread-safe.
 */
final class CompletionReader {
    private static final Pattern FENCE =
            Pattern.compile("(?s)\\A```[a-zA-Z]*\\s*\\n(.*?)\\n?```\\s*\\z");
    private static final int SNIPPET = 300;

    private final ObjectMapper json;
    private final URI endpoint;

    CompletionReader(ObjectMapper json, URI endpoint) {
        this.json = json;
        this.endpoint = endpoint;
    }

    /**
     * The JSON object the model answered with.
     *
     * @throws SpectronException {@link OpenAiCompatibleClient#BAD_RESPONSE} (502) when the body
     *     is not a completion, the model refused or ran out of tokens, or the content is not a
     *     JSON object
     */
    ObjectNode content(HttpResponse<byte[]> response) {
        JsonNode root = parse(response.body());
        if (root == null || !root.isObject()) {
            throw bad(response, "answered with a body that is not a"
                    + " JSON object: " + snippet(new String(response.body(),
                            StandardCharsets.UTF_8)));
        }
        JsonNode choices = root.path("choices");
        JsonNode message = choices.path(0).path("message");
        if (!choices.isArray() || choices.isEmpty() || !message.isObject()) {
            throw bad(response, "answered without choices[0].message");
        }
        if (message.path("refusal").isTextual()) {
            throw bad(response, "refused: "
                    + snippet(message.get("refusal").asText()));
        }
        if ("length".equals(choices.path(0).path("finish_reason").asText())) {
            throw bad(response, "stopped at the token limit before"
                    + " finishing the JSON; send fewer turns per batch or raise the model's limit");
        }
        if (!message.path("content").isTextual()) {
            throw bad(response,
                    "answered without a string in choices[0].message.content");
        }
        JsonNode content = parse(stripFence(message.get("content").asText())
                .getBytes(StandardCharsets.UTF_8));
        if (content == null || !content.isObject()) {
            throw bad(response,
                    "answered with message content that is not a JSON object");
        }
        return (ObjectNode) content;
    }

    private JsonNode parse(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Some models wrap JSON in a Markdown code fence even when asked for JSON; the fence is
     * packaging, not content, so it is removed when it encloses the whole answer.
     */
    static String stripFence(String content) {
        var fenced = FENCE.matcher(content.strip());
        return fenced.matches() ? fenced.group(1) : content;
    }

    /**
     * A failure of the call that got {@code response}, naming the endpoint and status and, for
     * an error status, the server's reason.
     */
    SpectronException failure(String code, int status, HttpResponse<byte[]> response,
            String what) {
        String message = "the model endpoint " + endpoint + " (HTTP "
                + response.statusCode() + ") " + what;
        // A success's body is the completion itself, already described by `what`.
        String detail = response.statusCode() / 100 == 2 ? "" : errorMessage(response.body());
        return new SpectronException(code, status,
                detail.isEmpty() ? message : message + ": " + detail);
    }

    /** The {@code error.message} of an OpenAI-style error body, else the start of the body. */
    private String errorMessage(byte[] body) {
        JsonNode root = parse(body);
        if (root != null && root.path("error").path("message").isTextual()) {
            return snippet(root.path("error").path("message").asText());
        }
        if (root != null && root.path("error").isTextual()) {
            return snippet(root.path("error").asText()); // Ollama's shape
        }
        return snippet(new String(body, StandardCharsets.UTF_8));
    }

    static String snippet(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= SNIPPET ? flat : flat.substring(0, SNIPPET) + "…";
    }

    private SpectronException bad(HttpResponse<byte[]> response, String what) {
        return failure(OpenAiCompatibleClient.BAD_RESPONSE, 502, response, what);
    }
}
