package dev.spectron.engine.spi;

import dev.spectron.api.Scope;
import java.time.Instant;
import java.util.Optional;

/**
 * A stored API key. The plaintext is never stored: only {@code hash}, a slow salted hash of the
 * key's secret part.
 *
 * @param id the public id part of {@code spk_<id>_<secret>}
 * @param kind management or data
 * @param context the context a data key is bound to; empty for management keys
 * @param role what a data key may do ({@code agent} or {@code reader})
 * @param floor scope merged into every request made with the key
 * @param hash encoded hash of the secret (algorithm, parameters, salt and digest)
 * @param createdAt when it was minted
 * @param revokedAt when it was revoked, if it was
 */
public record ApiKeyRecord(String id, Kind kind, Optional<String> context, String role, Scope floor,
        String hash, Instant createdAt, Optional<Instant> revokedAt) {
    /** What a key is for. */
    public enum Kind { MANAGEMENT, DATA }
}
