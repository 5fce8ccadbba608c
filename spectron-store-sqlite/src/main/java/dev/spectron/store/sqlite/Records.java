package dev.spectron.store.sqlite;

import static java.util.Objects.requireNonNull;

import dev.spectron.api.SessionInfo;
import dev.spectron.engine.spi.ApiKeyRecord;
import dev.spectron.engine.spi.NewTurn;

/**
 * Checks of what callers hand the store, before any transaction starts. The SPI's records are
 * plain carriers, so a missing field is caught here with its name rather than as a constraint
 * failure in SQL.
 */
final class Records {
    private Records() {}

    static void requireComplete(ApiKeyRecord key) {
        requireNonNull(key, "key");
        requireNonNull(key.id(), "key.id");
        requireNonNull(key.kind(), "key.kind");
        requireNonNull(key.context(), "key.context");
        requireNonNull(key.role(), "key.role");
        requireNonNull(key.floor(), "key.floor");
        requireNonNull(key.hash(), "key.hash");
        requireNonNull(key.createdAt(), "key.createdAt");
        requireNonNull(key.revokedAt(), "key.revokedAt");
        if ((key.kind() == ApiKeyRecord.Kind.DATA) != key.context().isPresent()) {
            throw new IllegalArgumentException("key.context must be present for a data key and"
                    + " empty for a management key");
        }
    }

    static void requireComplete(SessionInfo session) {
        requireNonNull(session, "session");
        requireNonNull(session.id(), "session.id");
        requireNonNull(session.scope(), "session.scope");
        requireNonNull(session.extract(), "session.extract");
        requireNonNull(session.status(), "session.status");
        requireNonNull(session.createdAt(), "session.createdAt");
    }

    static void requireComplete(NewTurn turn) {
        requireNonNull(turn, "turn");
        requireNonNull(turn.id(), "turn.id");
        requireNonNull(turn.sessionId(), "turn.sessionId");
        requireNonNull(turn.role(), "turn.role");
        requireNonNull(turn.speaker(), "turn.speaker");
        requireNonNull(turn.content(), "turn.content");
        requireNonNull(turn.createdAt(), "turn.createdAt");
        requireNonNull(turn.observedAt(), "turn.observedAt");
        requireNonNull(turn.metadata(), "turn.metadata");
        requireNonNull(turn.indexText(), "turn.indexText");
        requireNonNull(turn.vector(), "turn.vector");
        requireNonNull(turn.modelId(), "turn.modelId");
    }

    static void requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
    }
}
