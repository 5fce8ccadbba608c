package dev.spectron.server;

import dev.spectron.api.ConflictException;
import dev.spectron.api.InvalidInputException;
import dev.spectron.engine.IdempotencyKeys;
import dev.spectron.engine.IdempotencyKeys.Claim;
import dev.spectron.engine.spi.IdempotencyStore.IdempotentAnswer;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code Idempotency-Key} on writes: a retried POST with the same key and the same body gets the
 * first answer again instead of writing twice; the same key with another body is 409, and so is
 * a retry while the first request still runs. Keys are scoped to the caller's credentials and the
 * path, and kept in the store of record ({@link IdempotencyKeys}): a retry reaches the first
 * answer after a restart and on any node sharing the store, for 24 hours.
 *
 * <p>The caller is authenticated before anything is claimed or replayed, so a revoked key gets
 * no replay. Stored answers may hold memory and, for key minting, a plaintext API key, so they
 * are encrypted (AES-256-GCM) under a key derived from the caller's credentials, the path and
 * the idempotency key, none of which the store holds; the request body is kept only as an HMAC
 * under the same key. Thread-safe.
 */
final class Idempotency {
    static final String HEADER = "Idempotency-Key";
    private static final String CLAIM = "spectron.idempotency";
    private static final String SECRET = "spectron.idempotency.secret";
    private static final int MAX_KEY_LENGTH = 200;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String API_PREFIX = "/api/v1/";
    private static final System.Logger LOG = System.getLogger(Idempotency.class.getName());

    private final IdempotencyKeys keys;
    private final Auth auth;
    private final SecureRandom random = new SecureRandom();

    Idempotency(IdempotencyKeys keys, Auth auth) {
        this.keys = keys;
        this.auth = auth;
    }

    /** Before the route: replays a stored answer, refuses a reused key, or claims the key. */
    void before(Context ctx) {
        String key = ctx.header(HEADER);
        if (key == null || ctx.method() != HandlerType.POST || !ctx.path().startsWith("/api/")) {
            return;
        }
        InvalidInputException.require(!key.isBlank() && key.length() <= MAX_KEY_LENGTH, HEADER,
                "must be 1-" + MAX_KEY_LENGTH + " characters");
        auth.authenticated(ctx);
        String material = ctx.header("Authorization") + "\n" + ctx.path() + "\n" + key;
        String slot = HexFormat.of().formatHex(sha256("slot\n" + material));
        byte[] secret = sha256("secret\n" + material);
        Claim claim = keys.claim(slot, context(ctx.path()), hmac(secret, ctx.body()));
        switch (claim) {
            case Claim.Fresh fresh -> {
                ctx.attribute(CLAIM, fresh);
                ctx.attribute(SECRET, secret);
            }
            case Claim.Replay replay -> {
                IdempotentAnswer answer = replay.answer();
                ctx.status(answer.status()).contentType(answer.contentType())
                        .result(decrypt(secret, answer.body()))
                        .header("Idempotent-Replayed", "true");
                ctx.skipRemainingHandlers();
            }
            case Claim.InProgress busy -> throw new ConflictException("a request with this "
                    + HEADER + " is still being processed");
            case Claim.OtherRequest other -> throw new ConflictException(HEADER
                    + " was already used with another body");
        }
    }

    /** After the route: stores a successful answer, or frees the key after a failure. */
    void after(Context ctx) {
        Claim.Fresh claim = ctx.attribute(CLAIM);
        if (claim == null) {
            return;
        }
        ctx.attribute(CLAIM, null);
        try {
            if (ctx.statusCode() >= 200 && ctx.statusCode() < 300) {
                byte[] secret = ctx.attribute(SECRET);
                String body = ctx.result() == null ? "" : ctx.result();
                keys.complete(claim, new IdempotentAnswer(ctx.statusCode(),
                        String.valueOf(ctx.res().getContentType()), encrypt(secret, body)));
            } else {
                keys.release(claim);
            }
        } catch (RuntimeException e) {
            // The request itself is done (its answer stands); a retry then finds the claim
            // pending until it lapses, and is told so (409) rather than run twice.
            LOG.log(System.Logger.Level.WARNING, "cannot record the outcome of an idempotent"
                    + " request; its key stays claimed until it lapses", e);
        }
    }

    /** The context of a path: {@code /api/v1/{c}/…} or {@code /api/v1/contexts/{c}/…}. */
    static String context(String path) {
        if (!path.startsWith(API_PREFIX)) {
            return "";
        }
        String[] segments = path.substring(API_PREFIX.length()).split("/");
        if (segments[0].equals("contexts")) {
            return segments.length > 1 ? segments[1] : "";
        }
        return segments[0];
    }

    private String encrypt(byte[] secret, String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(secret, "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length
                    + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static String decrypt(byte[] secret, String stored) {
        try {
            byte[] bytes = Base64.getDecoder().decode(stored);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(secret, "AES"),
                    new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored idempotent answer cannot be decrypted", e);
        }
    }

    private static String hmac(byte[] secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(String.valueOf(body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
