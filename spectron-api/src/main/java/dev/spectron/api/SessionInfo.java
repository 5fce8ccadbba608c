package dev.spectron.api;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A conversation: its scope (inherited by its turns), free metadata and lifecycle.
 *
 * @param id session id
 * @param scope the scope every turn of the session is stored under
 * @param metadata free JSON given at creation
 * @param extract when extraction runs
 * @param status open or closed
 * @param createdAt when it was created
 * @param closedAt when it was closed, if it was
 */
public record SessionInfo(String id, Scope scope, Map<String, Object> metadata, ExtractMode extract,
        SessionStatus status, Instant createdAt, Optional<Instant> closedAt) {
    public SessionInfo {
        metadata = metadata == null ? Map.of() : metadata;
        closedAt = closedAt == null ? Optional.empty() : closedAt;
    }
}
