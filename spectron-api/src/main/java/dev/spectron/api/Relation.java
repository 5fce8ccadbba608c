package dev.spectron.api;

import java.time.Instant;
import java.util.Optional;

/**
 * A link between two entities: {@code subject -[label]-> object}.
 *
 * @param id relation id
 * @param subject {@code type/name} of the subject
 * @param label snake_case label, e.g. {@code works_at}
 * @param object {@code type/name} of the object
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
public record Relation(String id, String subject, String label, String object, String category,
        double importance, double confidence, Scope scope, FactStatus status, Instant validFrom,
        Optional<Instant> validUntil, Instant createdAt, Optional<String> supersedes,
        Optional<String> supersededBy, Source source) implements Fact {
    public Relation {
        validUntil = validUntil == null ? Optional.empty() : validUntil;
        supersedes = supersedes == null ? Optional.empty() : supersedes;
        supersededBy = supersededBy == null ? Optional.empty() : supersededBy;
    }
}
