package dev.spectron.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An explicit open question instead of a silent guess.
 *
 * @param id uncertainty id
 * @param kind {@code authority_conflict}, {@code ambiguous_reference}, {@code unresolved_time} or
 *     {@code low_confidence}
 * @param about what it is about, {@code type/name} and key ({@code organization/shop#return_window})
 * @param reason a sentence saying why
 * @param candidates the competing values with their sources
 * @param scope the scope of the claim that raised it
 * @param resolved whether it was resolved
 * @param createdAt when it was raised
 * @param resolvedAt when it was resolved
 * @param resolution how it was resolved
 */
public record Uncertainty(String id, String kind, String about, String reason,
        List<Candidate> candidates, Scope scope, boolean resolved, Instant createdAt,
        Optional<Instant> resolvedAt, Optional<String> resolution) {
    public Uncertainty {
        candidates = List.copyOf(candidates);
        resolvedAt = resolvedAt == null ? Optional.empty() : resolvedAt;
        resolution = resolution == null ? Optional.empty() : resolution;
    }

    /**
     * One competing value.
     *
     * @param value the value
     * @param source where it came from
     */
    public record Candidate(String value, Source source) {}
}
