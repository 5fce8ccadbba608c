package dev.spectron.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spectron.api.InvalidInputException;
import dev.spectron.api.SpectronException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.lang.System.Logger.Level;
import java.util.UUID;

/**
 * The one place where errors become RFC 7807 problem documents
 * ({@code application/problem+json}: type, title, status, detail, plus code and field). No stack
 * trace ever reaches a client; unexpected failures are logged under an id the client sees.
 */
final class Problems {
    static final String MEDIA_TYPE = "application/problem+json";
    private static final System.Logger LOG = System.getLogger(Problems.class.getName());

    private Problems() {}

    static void spectron(SpectronException e, Context ctx) {
        ObjectNode body = base(e.status(), e.code(), e.getMessage());
        if (e instanceof InvalidInputException invalid) {
            body.put("field", invalid.field());
        }
        write(ctx, e.status(), body);
    }

    static void javalin(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        String code = switch (status) {
            case 413 -> "payload_too_large";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 415 -> "unsupported_media_type";
            default -> status < 500 ? "bad_request" : "internal";
        };
        write(ctx, status, base(status, code, e.getMessage()));
    }

    static void unexpected(Exception e, Context ctx) {
        String id = UUID.randomUUID().toString();
        LOG.log(Level.ERROR, "unexpected failure " + id + " on " + ctx.method() + " " + ctx.path(),
                e);
        write(ctx, 500, base(500, "internal", "internal error; reference " + id));
    }

    static void of(Context ctx, int status, String code, String detail) {
        write(ctx, status, base(status, code, detail));
    }

    private static ObjectNode base(int status, String code, String detail) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("type", "urn:spectron:problem:" + code);
        body.put("title", title(status));
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        return body;
    }

    private static void write(Context ctx, int status, ObjectNode body) {
        ctx.status(status).contentType(MEDIA_TYPE).result(body.toString());
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
