package dev.spectron.engine.spi;

import dev.spectron.api.Scope;
import java.util.Optional;
import java.util.Set;

/**
 * What to forget. A record matches when its scope contains every tag of {@code tags} (so
 * {@code {user: alice}} matches Alice's records under any org; {@code {}} matches the whole
 * context) and every present narrowing criterion holds.
 *
 * @param tags tags every matching record's scope must contain
 * @param entity only facts whose subject or object is this entity, and uncertainties about it
 * @param key only facts with this key or label (with or without {@code entity})
 * @param ids only records with these ids (turns, facts, instructions, chunks), e.g. found by a
 *     query
 * @param purge remove rows physically (and their vectors, index entries and traces) instead of
 *     marking them forgotten
 */
public record ForgetSpec(Scope tags, Optional<EntityKey> entity, Optional<String> key,
        Optional<Set<String>> ids, boolean purge) {
    public ForgetSpec {
        entity = entity == null ? Optional.empty() : entity;
        key = key == null ? Optional.empty() : key;
        ids = ids == null ? Optional.empty() : ids.map(Set::copyOf);
    }

    /** True when only the scope narrows: a scoped bulk forget (sessions and documents too). */
    public boolean isBulk() {
        return entity.isEmpty() && key.isEmpty() && ids.isEmpty();
    }
}
