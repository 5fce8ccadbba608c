package dev.spectron.api;

import java.time.Instant;
import java.util.Optional;

/**
 * A behavioural directive ("always answer in metric units"). A later contrary directive
 * deactivates it; history is kept.
 *
 * @param id instruction id
 * @param text the directive
 * @param scope the exact scope it was stored under
 * @param active whether it is in force
 * @param createdAt when it was given
 * @param supersededBy the directive that ended it, if any
 * @param source provenance
 */
public record Instruction(String id, String text, Scope scope, boolean active, Instant createdAt,
        Optional<String> supersededBy, Source source) {
    public Instruction {
        supersededBy = supersededBy == null ? Optional.empty() : supersededBy;
    }
}
