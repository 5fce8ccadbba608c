package dev.spectron.extract.rules;

import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.ExtractionRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Extraction requests for the example scopes: {user}, {org}, {doc}, {assistant}. */
final class Requests {
    static final Instant OBSERVED = Instant.parse("2026-03-15T10:00:00Z");
    static final EntityKey SAM = EntityKey.of("person", "sam");
    static final EntityKey ACME = EntityKey.of("organization", "acme");
    static final EntityKey ASSISTANT = EntityKey.of("other", "assistant");

    private Requests() {}

    static ExtractionRequest user(String text) {
        return new ExtractionRequest(text, Role.USER, Optional.empty(), Optional.of(SAM),
                Optional.of(SAM), Optional.of(ASSISTANT), Scope.of("user", "sam"), OBSERVED,
                List.of(), false);
    }

    static ExtractionRequest org(String text) {
        return new ExtractionRequest(text, Role.USER, Optional.empty(), Optional.of(SAM),
                Optional.of(ACME), Optional.of(ACME), Scope.of("org", "acme", "user", "sam"),
                OBSERVED, List.of(), false);
    }

    static ExtractionRequest document(String text) {
        return new ExtractionRequest(text, Role.USER, Optional.empty(), Optional.of(ACME),
                Optional.of(ACME), Optional.empty(), Scope.of("org", "acme"), OBSERVED,
                List.of(), true);
    }

    static ExtractionRequest assistant(String text) {
        return new ExtractionRequest(text, Role.ASSISTANT, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(SAM), Scope.of("user", "sam"), OBSERVED, List.of(),
                false);
    }

    /** The request for an example line's scope marker ("{org}" …; none is {user}). */
    static ExtractionRequest forEnv(String env, String text) {
        return switch (env) {
            case "", "user" -> user(text);
            case "org" -> org(text);
            case "doc" -> document(text);
            case "assistant" -> assistant(text);
            default -> throw new IllegalArgumentException("unknown example scope {" + env + "}");
        };
    }
}
