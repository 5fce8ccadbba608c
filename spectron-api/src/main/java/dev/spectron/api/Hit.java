package dev.spectron.api;

import java.time.Instant;
import java.util.Optional;

/**
 * One recalled memory.
 *
 * @param id id of the record
 * @param kind what it is
 * @param text the memory as text
 * @param score fused ranking score; higher is better, comparable only within one answer
 * @param entity the entity a fact is about ({@code person/alice}), for facts
 * @param source provenance, with the cited turn's id and metadata
 * @param validFrom when it started to hold in the world
 * @param validUntil when it stopped to hold, if it did
 * @param createdAt when Spectron learned it
 */
public record Hit(String id, HitKind kind, String text, double score, Optional<String> entity,
        Source source, Instant validFrom, Optional<Instant> validUntil, Instant createdAt) {
    public Hit {
        entity = entity == null ? Optional.empty() : entity;
        validUntil = validUntil == null ? Optional.empty() : validUntil;
    }
}
