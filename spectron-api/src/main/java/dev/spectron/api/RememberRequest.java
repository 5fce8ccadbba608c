package dev.spectron.api;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One fact or statement to remember outside an explicit conversation.
 *
 * @param text the statement
 * @param scope where to store it
 * @param sessionId an existing session to append to; otherwise a short-lived session is made
 * @param role who said it (default user)
 * @param observedAt when it was said, if not now
 * @param metadata free JSON kept with the stored turn
 * @param infer what to read from the text (default: extract and reconcile)
 * @param triples the facts to store as given, with {@code infer = triples}
 */
public record RememberRequest(String text, Scope scope, Optional<String> sessionId, Role role,
        Optional<Instant> observedAt, Map<String, Object> metadata, Infer infer,
        java.util.List<Triple> triples) {
    public RememberRequest {
        scope = scope == null ? Scope.empty() : scope;
        sessionId = sessionId == null ? Optional.empty() : sessionId;
        role = role == null ? Role.USER : role;
        observedAt = observedAt == null ? Optional.empty() : observedAt;
        metadata = metadata == null ? Map.of() : metadata;
        infer = infer == null ? Infer.FULL : infer;
        triples = triples == null ? java.util.List.of() : java.util.List.copyOf(triples);
    }

    /** A request without triples. */
    public RememberRequest(String text, Scope scope, Optional<String> sessionId, Role role,
            Optional<Instant> observedAt, Map<String, Object> metadata, Infer infer) {
        this(text, scope, sessionId, role, observedAt, metadata, infer, java.util.List.of());
    }

    /** A request that extracts and reconciles (the default). */
    public RememberRequest(String text, Scope scope, Optional<String> sessionId, Role role,
            Optional<Instant> observedAt, Map<String, Object> metadata) {
        this(text, scope, sessionId, role, observedAt, metadata, Infer.FULL, java.util.List.of());
    }

    /** A user statement at {@code scope}, said now. */
    public static RememberRequest of(String text, Scope scope) {
        return new RememberRequest(text, scope, Optional.empty(), Role.USER, Optional.empty(),
                Map.of());
    }
}
