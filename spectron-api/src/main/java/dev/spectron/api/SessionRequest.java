package dev.spectron.api;

import java.util.Map;

/**
 * What a new session is made of.
 *
 * @param scope scope of the session and of all its turns
 * @param metadata free JSON, returned with the session
 * @param extract when extraction runs
 */
public record SessionRequest(Scope scope, Map<String, Object> metadata, ExtractMode extract) {
    public SessionRequest {
        scope = scope == null ? Scope.empty() : scope;
        metadata = metadata == null ? Map.of() : metadata;
        extract = extract == null ? ExtractMode.TURN : extract;
    }

    /** A session at {@code scope} with no metadata that extracts on every turn. */
    public static SessionRequest of(Scope scope) {
        return new SessionRequest(scope, Map.of(), ExtractMode.TURN);
    }
}
