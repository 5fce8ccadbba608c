package dev.spectron.server;

import dev.spectron.api.PayloadTooLargeException;
import dev.spectron.api.SpectronException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/** Checks that run before any route: body size and media type. */
final class Limits {
    private Limits() {}

    static void check(Context ctx, long maxBodyBytes) {
        long length = ctx.req().getContentLengthLong();
        if (length > maxBodyBytes) {
            throw new PayloadTooLargeException("request body is " + length
                    + " bytes; the limit is " + maxBodyBytes);
        }
        HandlerType method = ctx.method();
        boolean hasBody = method == HandlerType.POST || method == HandlerType.PUT
                || method == HandlerType.PATCH;
        if (hasBody && length != 0) {
            String type = ctx.contentType();
            if (type != null && !type.toLowerCase(java.util.Locale.ROOT)
                    .startsWith("application/json")) {
                throw new SpectronException("unsupported_media_type", 415,
                        "Content-Type must be application/json, got " + type);
            }
        }
    }
}
