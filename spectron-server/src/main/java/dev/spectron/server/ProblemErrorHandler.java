package dev.spectron.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers itself, before any route runs (an ambiguous or malformed URI, a bad
 * header), as problem documents like every other error, never as an HTML page.
 */
final class ProblemErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message,
            Throwable cause, Callback callback) throws IOException {
        String code4xx = code == 404 ? "not_found" : code < 500 ? "bad_request" : "internal";
        String detail = message == null || message.isBlank() ? "the request was rejected"
                : message;
        var body = Json.MAPPER.createObjectNode();
        body.put("type", "urn:spectron:problem:" + code4xx);
        body.put("title", code < 500 ? "Bad Request" : "Internal Server Error");
        body.put("status", code);
        body.put("detail", detail.replaceAll("[\\r\\n\\t]", " "));
        body.put("code", code4xx);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.MEDIA_TYPE);
        response.write(true, ByteBuffer.wrap(body.toString().getBytes(StandardCharsets.UTF_8)),
                callback);
    }
}
