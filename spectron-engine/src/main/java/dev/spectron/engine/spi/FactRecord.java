package dev.spectron.engine.spi;

import dev.spectron.api.FactStatus;
import dev.spectron.api.Scope;
import dev.spectron.api.Source;
import java.time.Instant;
import java.util.Optional;

/**
 * An attribute ({@code object} empty) or a relation ({@code object} present) as the store keeps
 * it: both share one shape and one table.
 *
 * @param id record id (unique across all records of the store)
 * @param subject the entity it is about
 * @param key attribute key or relation label, canonical
 * @param value attribute value; for relations the object's display name
 * @param object the related entity, for relations
 * @param category {@code identity}, {@code knowledge} or {@code context}
 * @param importance 0 to 1
 * @param confidence 0 to 1
 * @param scope the exact scope it is stored under
 * @param status current, superseded, retracted or forgotten
 * @param validFrom when it started to hold in the world
 * @param validUntil when it stopped to hold in the world, if it did
 * @param createdAt when Spectron learned it (known time)
 * @param closedAt when Spectron learned it stopped being current (superseded or retracted)
 * @param supersedes the record it replaced
 * @param supersededBy the record that replaced it
 * @param source provenance
 */
public record FactRecord(String id, EntityKey subject, String key, String value,
        Optional<EntityKey> object, String category, double importance, double confidence,
        Scope scope, FactStatus status, Instant validFrom, Optional<Instant> validUntil,
        Instant createdAt, Optional<Instant> closedAt, Optional<String> supersedes,
        Optional<String> supersededBy, Source source) {
    public FactRecord {
        object = object == null ? Optional.empty() : object;
        validUntil = validUntil == null ? Optional.empty() : validUntil;
        closedAt = closedAt == null ? Optional.empty() : closedAt;
        supersedes = supersedes == null ? Optional.empty() : supersedes;
        supersededBy = supersededBy == null ? Optional.empty() : supersededBy;
    }

    /** True for relations. */
    public boolean isRelation() {
        return object.isPresent();
    }

    /** The index kind: {@code relation} or {@code attribute}. */
    public String kind() {
        return isRelation() ? "relation" : "attribute";
    }
}
