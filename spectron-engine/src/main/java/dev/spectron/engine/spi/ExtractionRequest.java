package dev.spectron.engine.spi;

import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One text to extract facts from.
 *
 * @param text the turn's content or a document passage
 * @param role who said it ({@link Role#USER} for documents)
 * @param speaker the turn's speaker name, if given
 * @param self who "I", "me", "my" refer to in this text, if anyone: {@code person/<user>} for a
 *     user turn in a scope with a {@code user} tag (or {@code person/<speaker>} when the turn names
 *     its speaker), {@code other/<agent>} for an assistant turn in a scope with an {@code agent}
 *     tag; empty when first-person statements have no known subject
 * @param group who "we", "our", "us" refer to: {@code organization/<org>} when the scope has an
 *     {@code org} tag (so an org document's "our support hours" is about the org), else
 *     {@code self}
 * @param addressee who "you", "your" refer to: in a user turn the assistant's side
 *     ({@code other/<agent>}, else {@code organization/<org>}), in an assistant turn the user
 *     ({@code person/<user>})
 * @param scope the scope the facts will be stored under
 * @param observedAt when the text was said (anchor for "yesterday", "last month")
 * @param knownEntities entities already known in this scope, so names are reused
 * @param authoritative true for documents and operator upserts, false for conversation
 */
public record ExtractionRequest(String text, Role role, Optional<String> speaker,
        Optional<EntityKey> self, Optional<EntityKey> group, Optional<EntityKey> addressee,
        Scope scope, Instant observedAt, List<EntityKey> knownEntities,
        boolean authoritative) {
    public ExtractionRequest {
        speaker = speaker == null ? Optional.empty() : speaker;
        self = self == null ? Optional.empty() : self;
        group = group == null ? Optional.empty() : group;
        addressee = addressee == null ? Optional.empty() : addressee;
        knownEntities = knownEntities == null ? List.of() : List.copyOf(knownEntities);
    }
}
