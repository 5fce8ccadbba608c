package dev.spectron.engine.spi;

import java.time.Instant;
import java.util.List;

/**
 * An entity as stored. Entities belong to a context, not to a scope: what a scope may see of an
 * entity is decided by the scopes of the facts about it.
 *
 * @param id entity id
 * @param key type and normalised name
 * @param displayName name as first written
 * @param aliases other names seen
 * @param importance 0 to 1
 * @param createdAt first seen
 * @param updatedAt last touched
 */
public record EntityRecord(String id, EntityKey key, String displayName, List<String> aliases,
        double importance, Instant createdAt, Instant updatedAt) {
    public EntityRecord {
        aliases = List.copyOf(aliases);
    }
}
