package dev.spectron.api;

import java.time.Instant;
import java.util.Optional;

/**
 * A key/value fact about one entity.
 *
 * @param id attribute id
 * @param entity the entity it is about, {@code type/name}
 * @param key snake_case key
 * @param value the value
 * @param category {@code identity}, {@code knowledge} or {@code context}
 * @param importance 0 to 1
 * @param confidence 0 to 1
 * @param scope the exact scope it was stored under
 * @param status current, superseded, retracted or forgotten
 * @param validFrom when it started to hold in the world
 * @param validUntil when it stopped to hold, if it did
 * @param createdAt when Spectron learned it
 * @param supersedes the row this one replaced
 * @param supersededBy the row that replaced this one
 * @param source provenance
 */
public record Attribute(String id, String entity, String key, String value, String category,
        double importance, double confidence, Scope scope, FactStatus status, Instant validFrom,
        Optional<Instant> validUntil, Instant createdAt, Optional<String> supersedes,
        Optional<String> supersededBy, Source source) implements Fact {
    public Attribute {
        validUntil = validUntil == null ? Optional.empty() : validUntil;
        supersedes = supersedes == null ? Optional.empty() : supersedes;
        supersededBy = supersededBy == null ? Optional.empty() : supersededBy;
    }
}
