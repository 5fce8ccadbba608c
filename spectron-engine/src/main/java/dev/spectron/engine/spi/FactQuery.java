package dev.spectron.engine.spi;

import dev.spectron.api.FactStatus;
import java.util.Optional;
import java.util.Set;

/**
 * Which facts to read. Every present criterion must hold. {@code scopeKeys} is required: a fact
 * is returned only when its scope key is in the set (floor matching, or one exact scope).
 *
 * @param subject facts about this entity
 * @param key with this key or label
 * @param object relations to this entity
 * @param scopeKeys scope keys the reader may see
 * @param statuses statuses to return; empty means all but forgotten
 * @param limit most rows, newest first by createdAt
 */
public record FactQuery(Optional<EntityKey> subject, Optional<String> key,
        Optional<EntityKey> object, Set<String> scopeKeys, Set<FactStatus> statuses, int limit) {
    public FactQuery {
        subject = subject == null ? Optional.empty() : subject;
        key = key == null ? Optional.empty() : key;
        object = object == null ? Optional.empty() : object;
        scopeKeys = Set.copyOf(scopeKeys);
        statuses = Set.copyOf(statuses);
    }

    /** Current facts of {@code subject} and {@code key} under exactly one scope. */
    public static FactQuery current(EntityKey subject, String key, String exactScopeKey) {
        return new FactQuery(Optional.of(subject), Optional.of(key), Optional.empty(),
                Set.of(exactScopeKey), Set.of(FactStatus.CURRENT), 1000);
    }

    /** Facts visible at a reader's scope keys with the given statuses. */
    public static FactQuery visible(Set<String> scopeKeys, Set<FactStatus> statuses, int limit) {
        return new FactQuery(Optional.empty(), Optional.empty(), Optional.empty(), scopeKeys,
                statuses, limit);
    }
}
