package dev.spectron.llm.openai;

import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.ExtractionRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Requests as the engine builds them in the scope {org: acme, user: alice, agent: helper}. */
final class TestRequests {
    static final EntityKey ALICE = EntityKey.of("person", "alice");
    static final EntityKey ACME = EntityKey.of("organization", "acme");
    static final EntityKey HELPER = EntityKey.of("other", "helper");
    static final Scope SCOPE = Scope.of("org", "acme", "user", "alice", "agent", "helper");
    static final Instant SAID_AT = Instant.parse("2025-03-01T10:00:00Z");

    private TestRequests() {}

    /** A user turn: I = alice, we = acme, you = helper. */
    static ExtractionRequest user(String text, EntityKey... known) {
        return new ExtractionRequest(text, Role.USER, Optional.empty(), Optional.of(ALICE),
                Optional.of(ACME), Optional.of(HELPER), SCOPE, SAID_AT, List.of(known), false);
    }

    /** An assistant turn: I = helper, we = acme, you = alice. */
    static ExtractionRequest assistant(String text) {
        return new ExtractionRequest(text, Role.ASSISTANT, Optional.empty(), Optional.of(HELPER),
                Optional.of(ACME), Optional.of(ALICE), SCOPE, SAID_AT, List.of(), false);
    }

    /** A user turn in a scope without tags: nobody known behind the pronouns. */
    static ExtractionRequest anonymous(String text) {
        return new ExtractionRequest(text, Role.USER, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Scope.empty(), SAID_AT, List.of(), false);
    }
}
