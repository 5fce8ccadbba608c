package dev.spectron.api;

import java.util.List;

/**
 * The answer to {@code remember/batch}.
 *
 * @param sessionId the session the turns were stored in
 * @param results one result per message, in order
 */
public record BatchResult(String sessionId, List<RememberResult> results) {
    public BatchResult {
        results = List.copyOf(results);
    }
}
