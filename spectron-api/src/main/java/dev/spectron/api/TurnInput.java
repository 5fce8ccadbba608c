package dev.spectron.api;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A turn to add to a session.
 *
 * @param role who produced it
 * @param content what was said
 * @param speaker optional display name of the speaker
 * @param observedAt when it was said, if not now
 * @param metadata free JSON kept with the turn
 */
public record TurnInput(Role role, String content, Optional<String> speaker,
        Optional<Instant> observedAt, Map<String, Object> metadata) {
    public TurnInput {
        speaker = speaker == null ? Optional.empty() : speaker;
        observedAt = observedAt == null ? Optional.empty() : observedAt;
        metadata = metadata == null ? Map.of() : metadata;
    }

    /** A turn said now, with no speaker name and no metadata. */
    public static TurnInput of(Role role, String content) {
        return new TurnInput(role, content, Optional.empty(), Optional.empty(), Map.of());
    }

    /** A copy naming the speaker. */
    public TurnInput withSpeaker(String name) {
        return new TurnInput(role, content, Optional.of(name), observedAt, metadata);
    }

    /** A copy said at {@code at}. */
    public TurnInput withObservedAt(Instant at) {
        return new TurnInput(role, content, speaker, Optional.of(at), metadata);
    }

    /** A copy carrying {@code data} as metadata. */
    public TurnInput withMetadata(Map<String, Object> data) {
        return new TurnInput(role, content, speaker, observedAt, data);
    }
}
