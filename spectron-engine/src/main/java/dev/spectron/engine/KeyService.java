package dev.spectron.engine;

import dev.spectron.api.AuthenticationException;
import dev.spectron.api.InvalidInputException;
import dev.spectron.api.Scope;
import dev.spectron.engine.spi.ApiKeyRecord;
import dev.spectron.engine.spi.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Mints and checks API keys of the form {@code spk_<id>_<secret>}. Only a slow salted hash of the
 * secret is stored (PBKDF2-HMAC-SHA256). A key that checked out is remembered for a few minutes
 * under a fast digest so that requests do not pay the slow hash each time; but every request
 * still reads the key's row (a primary-key lookup), so a key revoked or deleted through any node
 * sharing the store is refused by every node from the next request on. Thread-safe.
 */
public final class KeyService {
    private static final String PREFIX = "spk_";
    private static final int ITERATIONS = 100_000;
    private static final Duration CACHE_TTL = Duration.ofMinutes(5);
    private static final int CACHE_MAX = 10_000;

    private final MemoryStore store;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> verified = new ConcurrentHashMap<>();

    /** A verified key: who it is, the hash it verified against, and until when to trust that. */
    private record Cached(Principal principal, String hash, Instant until) {}

    KeyService(MemoryStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * A new key and its plaintext, which is not kept anywhere.
     *
     * @param kind management or data
     * @param context the context of a data key (must exist); ignored for management keys
     * @param role {@code agent} or {@code reader}
     * @param floor the key's floor scope
     */
    public Minted mint(ApiKeyRecord.Kind kind, Optional<String> context, String role, Scope floor) {
        Minted minted = prepare(kind, context, role, floor);
        store.insertKey(minted.record());
        return minted;
    }

    /** A new key, not stored yet. */
    private Minted prepare(ApiKeyRecord.Kind kind, Optional<String> context, String role,
            Scope floor) {
        InvalidInputException.require(Principal.AGENT.equals(role) || Principal.READER.equals(role),
                "role", "must be 'agent' or 'reader'");
        String id = HexFormat.of().formatHex(bytes(6));
        String secret = HexFormat.of().formatHex(bytes(20));
        byte[] salt = bytes(16);
        String hash = "pbkdf2-sha256$" + ITERATIONS + "$" + b64(salt) + "$"
                + b64(pbkdf2(secret, salt, ITERATIONS));
        ApiKeyRecord record = new ApiKeyRecord(id, kind,
                kind == ApiKeyRecord.Kind.DATA ? context : Optional.empty(), role, floor, hash,
                clock.instant(), Optional.empty());
        return new Minted(record, PREFIX + id + "_" + secret);
    }

    /**
     * The principal of a plaintext key.
     *
     * @throws AuthenticationException when the key is malformed, unknown, revoked or wrong
     */
    public Principal authenticate(String plaintext) {
        if (plaintext == null || !plaintext.startsWith(PREFIX)) {
            throw new AuthenticationException("missing or malformed API key");
        }
        String digest = sha256(plaintext);
        Instant now = clock.instant();
        Cached hit = verified.get(digest);
        if (hit != null && hit.until().isAfter(now)) {
            // The slow hash is what the cache saves; whether the key still stands is read from
            // the store every time, as another node may have revoked it a moment ago.
            ApiKeyRecord key = store.key(hit.principal().keyId()).orElse(null);
            if (key != null && key.revokedAt().isEmpty() && key.hash().equals(hit.hash())) {
                return hit.principal();
            }
            verified.remove(digest);
        }
        ApiKeyRecord key = verify(plaintext);
        Principal principal = Principal.of(key);
        if (verified.size() >= CACHE_MAX) {
            verified.clear();
        }
        verified.put(digest, new Cached(principal, key.hash(), now.plus(CACHE_TTL)));
        return principal;
    }

    /** The data keys of a context (hashes included; callers must not show them). */
    public java.util.List<ApiKeyRecord> keys(String context) {
        return store.keys(context);
    }

    /**
     * Revokes a key of {@code context}; requests with it fail from now on.
     *
     * @throws dev.spectron.api.NotFoundException when the context has no such live key
     */
    public void revoke(String context, String keyId) {
        ApiKeyRecord key = store.key(keyId).filter(k -> k.context().equals(Optional.of(context)))
                .filter(k -> k.revokedAt().isEmpty())
                .orElseThrow(() -> new dev.spectron.api.NotFoundException("key '" + keyId + "'"));
        store.revokeKey(key.id(), clock.instant());
        invalidateCache();
    }

    /**
     * Replaces a key with a new one of the same context, role and floor, and revokes the old.
     *
     * @throws dev.spectron.api.NotFoundException when the context has no such live key
     */
    public Minted rotate(String context, String keyId) {
        ApiKeyRecord old = store.key(keyId).filter(k -> k.context().equals(Optional.of(context)))
                .filter(k -> k.revokedAt().isEmpty())
                .orElseThrow(() -> new dev.spectron.api.NotFoundException("key '" + keyId + "'"));
        Minted fresh = mint(old.kind(), old.context(), old.role(), old.floor());
        revoke(context, keyId);
        return fresh;
    }

    /** Forgets every remembered verification, e.g. after a key was revoked. */
    public void invalidateCache() {
        verified.clear();
    }

    /**
     * On a store with no management key, creates {@code context}, a management key and an agent
     * data key for it, and returns their plaintext; otherwise returns empty. The store decides
     * in one transaction ({@link MemoryStore#bootstrap}), so when several nodes sharing a store
     * start at once exactly one of them gets the credentials and the others reuse its keys.
     */
    public Optional<Credentials> bootstrap(String context) {
        if (store.hasManagementKey()) {
            return Optional.empty();
        }
        Minted management = prepare(ApiKeyRecord.Kind.MANAGEMENT, Optional.empty(),
                Principal.AGENT, Scope.empty());
        Minted data = prepare(ApiKeyRecord.Kind.DATA, Optional.of(context), Principal.AGENT,
                Scope.empty());
        if (!store.bootstrap(context, clock.instant(), management.record(), data.record())) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(context, data.plaintext(), management.plaintext()));
    }

    private ApiKeyRecord verify(String plaintext) {
        String rest = plaintext.substring(PREFIX.length());
        int cut = rest.indexOf('_');
        if (cut <= 0 || cut == rest.length() - 1) {
            throw new AuthenticationException("missing or malformed API key");
        }
        ApiKeyRecord key = store.key(rest.substring(0, cut))
                .orElseThrow(() -> new AuthenticationException("unknown API key"));
        if (key.revokedAt().isPresent()) {
            throw new AuthenticationException("API key was revoked");
        }
        String[] parts = key.hash().split("\\$");
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        byte[] actual = pbkdf2(rest.substring(cut + 1), Base64.getDecoder().decode(parts[2]),
                Integer.parseInt(parts[1]));
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new AuthenticationException("unknown API key");
        }
        return key;
    }

    private byte[] bytes(int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    private static byte[] pbkdf2(String secret, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }

    private static String sha256(String text) {
        try {
            return b64(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * A freshly minted key.
     *
     * @param record what is stored
     * @param plaintext the key to hand out once
     */
    public record Minted(ApiKeyRecord record, String plaintext) {}
}
