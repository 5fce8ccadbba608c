package dev.spectron.engine.spi;

import dev.spectron.api.Role;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A turn about to be stored, with its embedding. The store assigns its position in the session.
 *
 * @param id turn id
 * @param sessionId its session (which must exist in the same context and be open)
 * @param role who produced it
 * @param speaker display name, if any
 * @param content what was said
 * @param createdAt when it is stored
 * @param observedAt when it was said
 * @param metadata free JSON
 * @param indexText text for the search index
 * @param vector embedding of {@code indexText}
 * @param modelId the model that made {@code vector}
 */
public record NewTurn(String id, String sessionId, Role role, Optional<String> speaker,
        String content, Instant createdAt, Instant observedAt, Map<String, Object> metadata,
        String indexText, float[] vector, String modelId) {}
