package dev.spectron.api;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One utterance of a session, written once and never rewritten.
 *
 * @param id turn id
 * @param sessionId the session it belongs to
 * @param seq position in the session, from 1
 * @param role who produced it
 * @param speaker display name of the speaker, when the conversation has several people
 * @param content what was said
 * @param createdAt when Spectron stored it
 * @param observedAt when it was said (historical imports set it; defaults to createdAt)
 * @param metadata free JSON, returned with every hit that cites the turn
 */
public record Turn(String id, String sessionId, int seq, Role role, Optional<String> speaker,
        String content, Instant createdAt, Instant observedAt, Map<String, Object> metadata) {
    public Turn {
        speaker = speaker == null ? Optional.empty() : speaker;
        metadata = metadata == null ? Map.of() : metadata;
    }
}
