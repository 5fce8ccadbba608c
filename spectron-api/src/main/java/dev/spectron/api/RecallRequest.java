package dev.spectron.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A recall query.
 *
 * @param query what to look for
 * @param scope the reader's scope (floor matching decides what it sees)
 * @param k how many hits, 1 to 50
 * @param mode which retrievers
 * @param asOf what was current as known at this instant
 * @param validAt what held in the world at this instant
 * @param sessionId restrict to one session
 * @param include what kinds of memory to return (all when empty or null)
 */
public record RecallRequest(String query, Scope scope, int k, RecallMode mode,
        Optional<Instant> asOf, Optional<Instant> validAt, Optional<String> sessionId,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = AllKinds.class)
        Set<RecallInclude> include) {
    /**
     * Leaves {@code include} out of the JSON when it names every kind (Jackson omits a value
     * this filter {@code equals}), so a plain recall's body does not list them.
     */
    static final class AllKinds {
        @Override
        public boolean equals(Object value) {
            return RecallInclude.ALL.equals(value);
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    /** Hits returned when {@code k} is not given. */
    public static final int DEFAULT_K = 10;

    public RecallRequest {
        scope = scope == null ? Scope.empty() : scope;
        mode = mode == null ? RecallMode.HYBRID : mode;
        asOf = asOf == null ? Optional.empty() : asOf;
        validAt = validAt == null ? Optional.empty() : validAt;
        sessionId = sessionId == null ? Optional.empty() : sessionId;
        // In enum order, so the JSON lists them in a fixed order.
        include = include == null || include.isEmpty() ? RecallInclude.ALL
                : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(include));
    }

    /** A recall of every kind of memory. */
    public RecallRequest(String query, Scope scope, int k, RecallMode mode,
            Optional<Instant> asOf, Optional<Instant> validAt, Optional<String> sessionId) {
        this(query, scope, k, mode, asOf, validAt, sessionId, RecallInclude.ALL);
    }

    /** A hybrid recall of {@code k} hits at {@code scope}. */
    public static RecallRequest of(String query, Scope scope, int k) {
        return new RecallRequest(query, scope, k, RecallMode.HYBRID, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** A copy using {@code newMode}. */
    public RecallRequest withMode(RecallMode newMode) {
        return new RecallRequest(query, scope, k, newMode, asOf, validAt, sessionId, include);
    }

    /** A copy returning only {@code kinds} of memory. */
    public RecallRequest withInclude(Set<RecallInclude> kinds) {
        return new RecallRequest(query, scope, k, mode, asOf, validAt, sessionId, kinds);
    }

    /** True when hits of {@code kind} may be returned. */
    public boolean includes(HitKind kind) {
        return include.stream().anyMatch(i -> i.kinds().contains(kind));
    }
}
