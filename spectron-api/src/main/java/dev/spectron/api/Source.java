package dev.spectron.api;

import java.util.Map;
import java.util.Optional;

/**
 * Where a hit came from.
 *
 * @param kind {@code turn}, {@code document}, {@code upsert}, …
 * @param ref a reference such as {@code turn:<id>}
 * @param sessionId the session of the cited turn
 * @param turnId the cited turn
 * @param metadata the cited turn's metadata
 */
public record Source(String kind, String ref, Optional<String> sessionId, Optional<String> turnId,
        Map<String, Object> metadata) {
    public Source {
        sessionId = sessionId == null ? Optional.empty() : sessionId;
        turnId = turnId == null ? Optional.empty() : turnId;
        metadata = metadata == null ? Map.of() : metadata;
    }
}
