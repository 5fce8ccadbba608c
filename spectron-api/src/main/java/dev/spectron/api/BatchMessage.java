package dev.spectron.api;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One message of a {@code remember/batch} call.
 *
 * @param role who said it (default user)
 * @param content what was said
 * @param speaker display name, if any
 * @param observedAt when it was said, if not now
 * @param metadata free JSON kept with the turn
 */
public record BatchMessage(Role role, String content, Optional<String> speaker,
        Optional<Instant> observedAt, Map<String, Object> metadata) {
    public BatchMessage {
        role = role == null ? Role.USER : role;
        speaker = speaker == null ? Optional.empty() : speaker;
        observedAt = observedAt == null ? Optional.empty() : observedAt;
        metadata = metadata == null ? Map.of() : metadata;
    }

    /** A user message said now. */
    public static BatchMessage of(String content) {
        return new BatchMessage(Role.USER, content, Optional.empty(), Optional.empty(), Map.of());
    }
}
