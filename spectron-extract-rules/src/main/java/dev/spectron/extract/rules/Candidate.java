package dev.spectron.extract.rules;

import dev.spectron.engine.spi.ExtractedFact.Polarity;
import dev.spectron.engine.spi.ExtractedFact.Tense;
import dev.spectron.engine.spi.Span;
import java.time.Instant;
import java.util.Optional;

/**
 * A fact as read from one match, before markers, resolution and canonicalisation.
 *
 * @param subject who it is about
 * @param key the key or relation label as found (not yet canonical)
 * @param value the value as written, trimmed
 * @param objectType the entity type of the value when the lexicon says ("cat" → animal)
 * @param match the match it came from
 * @param valueRange where the value is in the clause, if it came from a slot
 * @param span where the match is in the text
 * @param confidence how sure the pattern is
 * @param tense the pattern's tense hint; markers may set one
 * @param polarity a polarity the pattern fixes; else markers decide
 * @param validFrom when it started to hold, if the text says
 * @param validUntil when it stopped, if the text says
 * @param implied true for a fact the wording implies rather than states ("my sister Emma …"
 *     implies sibling_of Emma): markers of the statement do not apply to it
 */
record Candidate(Ref subject, String key, String value, Optional<String> objectType,
        Match match, Optional<Match.Range> valueRange, Span span, double confidence,
        Optional<Tense> tense, Optional<Polarity> polarity, Optional<Instant> validFrom,
        Optional<Instant> validUntil, boolean implied) {

    Candidate withMarkers(Polarity polarity, Tense tense, double confidence,
            Optional<Instant> validFrom, Optional<Instant> validUntil) {
        return new Candidate(subject, key, value, objectType, match, valueRange, span,
                confidence, Optional.of(tense), Optional.of(polarity), validFrom, validUntil,
                implied);
    }
}
