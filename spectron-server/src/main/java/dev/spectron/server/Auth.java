package dev.spectron.server;

import dev.spectron.api.AuthenticationException;
import dev.spectron.api.ForbiddenException;
import dev.spectron.api.Scope;
import dev.spectron.engine.KeyService;
import dev.spectron.engine.Principal;
import dev.spectron.engine.spi.ApiKeyRecord;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Bearer-key authentication for every {@code /api/} route. A data route needs a data key of the
 * path's context (another context's key is 401, as if unknown); a management route needs a
 * management key. With {@code --insecure} (loopback only) requests without a key act as an
 * all-powerful local key.
 */
final class Auth {
    static final String PRINCIPAL = "spectron.principal";
    private static final Principal LOCAL = new Principal("local", ApiKeyRecord.Kind.MANAGEMENT,
            Optional.empty(), Principal.AGENT, Scope.empty());

    private final KeyService keys;
    private final boolean insecure;
    private final RateLimiter limiter;

    Auth(KeyService keys, boolean insecure, RateLimiter limiter) {
        this.keys = keys;
        this.insecure = insecure;
        this.limiter = limiter;
    }

    /** Authenticates a data-plane request for {@code context}. */
    Principal data(Context ctx, String context) {
        Principal principal = authenticate(ctx);
        if (principal == LOCAL) {
            return principal;
        }
        if (principal.kind() != ApiKeyRecord.Kind.DATA) {
            throw new ForbiddenException("management keys manage contexts and keys;"
                    + " use a data key to read or write memory");
        }
        if (!principal.context().orElse("").equals(context)) {
            throw new AuthenticationException("API key is not valid for context '" + context + "'");
        }
        return principal;
    }

    /** Authenticates a management request. */
    Principal management(Context ctx) {
        Principal principal = authenticate(ctx);
        if (principal.kind() != ApiKeyRecord.Kind.MANAGEMENT) {
            throw new ForbiddenException("this route needs a management key");
        }
        return principal;
    }

    /**
     * Authenticates the request's key, whatever route it is for (no kind or context check), and
     * takes its rate-limit token; later calls for the same request reuse the result.
     */
    Principal authenticated(Context ctx) {
        return authenticate(ctx);
    }

    /** Refuses writes by keys that may only read. */
    static void requireWrite(Principal principal) {
        if (principal.kind() == ApiKeyRecord.Kind.DATA && !principal.canWrite()) {
            throw new ForbiddenException("this key has role '" + principal.role()
                    + "' and may only read");
        }
    }

    private Principal authenticate(Context ctx) {
        Principal known = ctx.attribute(PRINCIPAL);
        if (known != null) {
            return known;
        }
        Principal principal = authenticateOnce(ctx);
        ctx.attribute(PRINCIPAL, principal);
        return principal;
    }

    private Principal authenticateOnce(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            if (insecure) {
                return LOCAL;
            }
            ctx.header("WWW-Authenticate", "Bearer");
            throw new AuthenticationException(
                    "missing API key; send 'Authorization: Bearer <key>'");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new AuthenticationException("Authorization must use the Bearer scheme");
        }
        Principal principal = keys.authenticate(header.substring(7).trim());
        limiter.acquire(principal.keyId(), System.nanoTime());
        return principal;
    }
}
