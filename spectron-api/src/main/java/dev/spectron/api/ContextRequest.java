package dev.spectron.api;

/**
 * A request for prompt-ready context.
 *
 * @param query the user's message or question
 * @param scope the reader's scope
 * @param k most items to consider
 * @param maxTokens budget for {@code formatted}
 */
public record ContextRequest(String query, Scope scope, int k, int maxTokens) {
    /** Token budget when none is given. */
    public static final int DEFAULT_MAX_TOKENS = 1000;

    public ContextRequest {
        scope = scope == null ? Scope.empty() : scope;
    }

    /** Context for {@code query} at {@code scope} with the default limits. */
    public static ContextRequest of(String query, Scope scope) {
        return new ContextRequest(query, scope, RecallRequest.DEFAULT_K, DEFAULT_MAX_TOKENS);
    }
}
