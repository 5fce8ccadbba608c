package dev.spectron.api;

import java.util.List;
import java.util.Optional;

/**
 * Many messages remembered at once: stored as turns of one session (the given one, or a new
 * short-lived one) and extracted together (an LLM extractor makes one call for the batch).
 *
 * @param messages the messages, in order (1 to 500)
 * @param scope where to store them (omit when {@code sessionId} is given)
 * @param sessionId an existing session to append to
 * @param infer {@code full} (default) or {@code none}
 */
public record BatchRequest(List<BatchMessage> messages, Scope scope, Optional<String> sessionId,
        Infer infer) {
    /** Most messages in one batch. */
    public static final int MAX_MESSAGES = 500;

    public BatchRequest {
        messages = messages == null ? List.of() : List.copyOf(messages);
        scope = scope == null ? Scope.empty() : scope;
        sessionId = sessionId == null ? Optional.empty() : sessionId;
        infer = infer == null ? Infer.FULL : infer;
    }
}
