package dev.spectron.engine.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * A candidate fact read from text: an attribute ({@code subject.key = value}) when
 * {@code object} is empty, a relation ({@code subject -[key]-> object}) otherwise.
 *
 * @param subject who or what the fact is about
 * @param key snake_case attribute key or relation label, canonical (see {@code KeyRegistry})
 * @param value the attribute value as said, trimmed (for relations: the object's display name)
 * @param object the related entity, for relations
 * @param polarity whether the text asserts or denies the fact
 * @param tense whether the fact holds now, held only in the past, or just changed
 * @param validFrom when it started to hold, if the text says ("since 2019", "last month")
 * @param validUntil when it stopped, if the text says
 * @param confidence how sure the extractor is, 0 to 1
 * @param span where in the text it was read
 */
public record ExtractedFact(EntityKey subject, String key, String value, Optional<EntityKey> object,
        Polarity polarity, Tense tense, Optional<Instant> validFrom, Optional<Instant> validUntil,
        double confidence, Span span) {
    public ExtractedFact {
        object = object == null ? Optional.empty() : object;
        validFrom = validFrom == null ? Optional.empty() : validFrom;
        validUntil = validUntil == null ? Optional.empty() : validUntil;
    }

    /** True for relations. */
    public boolean isRelation() {
        return object.isPresent();
    }

    /** Asserted or denied. */
    public enum Polarity {
        /** "I live in Oslo." */
        AFFIRM,
        /** "I no longer work at Initech.", "I don't like jazz anymore." */
        NEGATE
    }

    /** How the fact sits in time. */
    public enum Tense {
        /** Holds now ("I live in Oslo."). */
        CURRENT,
        /** Held only in the past ("I used to live in Paris."). */
        PAST,
        /** Just changed: replaces what held before ("now", "moved to", "just started", "actually"). */
        CHANGE
    }
}
