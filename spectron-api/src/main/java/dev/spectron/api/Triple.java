package dev.spectron.api;

import java.util.Optional;

/**
 * A fact supplied by the caller, stored as given (with {@code infer: "triples"}): an attribute
 * ({@code subject}, {@code key}, {@code value}) or, with {@code object}, a relation.
 *
 * @param subject the entity, {@code type/name}
 * @param key attribute key or relation label
 * @param value attribute value (for relations: the object's display name; may be empty)
 * @param object the related entity, {@code type/name}, for relations
 */
public record Triple(String subject, String key, String value, Optional<String> object) {
    public Triple {
        value = value == null ? "" : value;
        object = object == null ? Optional.empty() : object;
    }

    /** An attribute triple. */
    public static Triple of(String subject, String key, String value) {
        return new Triple(subject, key, value, Optional.empty());
    }
}
