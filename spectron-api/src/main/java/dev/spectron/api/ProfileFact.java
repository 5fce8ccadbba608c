package dev.spectron.api;

import java.time.Instant;

/**
 * One line of a profile: an attribute, or a relation read as key and value ({@code works_at:
 * Acme Corp}).
 *
 * @param id the attribute or relation id
 * @param entity the entity it is about, {@code type/name}
 * @param key attribute key or relation label
 * @param value the value, or the related entity's display name
 * @param category {@code identity}, {@code knowledge} or {@code context}
 * @param validFrom since when it holds
 * @param source provenance
 */
public record ProfileFact(String id, String entity, String key, String value, String category,
        Instant validFrom, Source source) {}
