package dev.spectron.server;

import dev.spectron.api.ConflictException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code Idempotency-Key} on writes: a retried POST with the same key and the same body gets the
 * first answer again instead of writing twice; the same key with another body is 409. Keys are
 * scoped to the caller's credentials and kept for the last {@link #CAPACITY} writes in memory
 * (a restart forgets them). Thread-safe.
 */
final class Idempotency {
    static final String HEADER = "Idempotency-Key";
    private static final String PENDING = "spectron.idempotency";
    private static final int CAPACITY = 10_000;
    private static final int MAX_KEY_LENGTH = 200;

    private record Answer(String bodyHash, int status, String contentType, String body) {}

    private final Map<String, Answer> answers = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Before the route: replays a stored answer, refuses a reused key, or marks a first use. */
    void before(Context ctx) {
        String key = ctx.header(HEADER);
        if (key == null || ctx.method() != HandlerType.POST || !ctx.path().startsWith("/api/")) {
            return;
        }
        dev.spectron.api.InvalidInputException.require(!key.isBlank()
                && key.length() <= MAX_KEY_LENGTH, HEADER, "must be 1-" + MAX_KEY_LENGTH
                + " characters");
        String slot = sha256(ctx.header("Authorization") + "\n" + ctx.path() + "\n" + key);
        String bodyHash = sha256(ctx.body());
        synchronized (answers) {
            Answer entry = answers.get(slot);
            if (entry == null) {
                answers.put(slot, new Answer(bodyHash, 0, "", ""));
                ctx.attribute(PENDING, slot);
                return;
            }
            if (!entry.bodyHash().equals(bodyHash)) {
                throw new ConflictException(HEADER + " was already used with another body");
            }
            if (entry.status() == 0) {
                throw new ConflictException("a request with this " + HEADER
                        + " is still being processed");
            }
            ctx.status(entry.status()).contentType(entry.contentType()).result(entry.body())
                    .header("Idempotent-Replayed", "true");
            ctx.skipRemainingHandlers();
        }
    }

    /** After the route: stores a successful answer, or frees the key after a failure. */
    void after(Context ctx) {
        String slot = ctx.attribute(PENDING);
        if (slot == null) {
            return;
        }
        synchronized (answers) {
            Answer pending = answers.get(slot);
            if (pending == null) {
                return;
            }
            if (ctx.statusCode() >= 200 && ctx.statusCode() < 300) {
                String body = ctx.result() == null ? "" : ctx.result();
                answers.put(slot, new Answer(pending.bodyHash(), ctx.statusCode(),
                        String.valueOf(ctx.res().getContentType()), body));
            } else {
                answers.remove(slot);
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(text).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
