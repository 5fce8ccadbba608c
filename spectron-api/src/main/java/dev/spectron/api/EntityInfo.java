package dev.spectron.api;

import java.time.Instant;
import java.util.List;

/**
 * An entity with what a scope currently knows of it.
 *
 * @param id entity id
 * @param type entity type, e.g. {@code person}
 * @param name normalised name, e.g. {@code acme corp}
 * @param displayName name as first written, e.g. {@code Acme Corp}
 * @param aliases other names seen for it
 * @param importance 0 to 1
 * @param createdAt first seen
 * @param updatedAt last touched
 * @param attributes its current attributes visible to the scope
 * @param relations its current relations (either end) visible to the scope
 */
public record EntityInfo(String id, String type, String name, String displayName,
        List<String> aliases, double importance, Instant createdAt, Instant updatedAt,
        List<Attribute> attributes, List<Relation> relations) {
    public EntityInfo {
        aliases = List.copyOf(aliases);
        attributes = List.copyOf(attributes);
        relations = List.copyOf(relations);
    }

    /** {@code type/name}. */
    public String address() {
        return type + "/" + name;
    }
}
