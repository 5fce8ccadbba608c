package dev.spectron.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spectron.api.AuthenticationException;
import dev.spectron.api.ConflictException;
import dev.spectron.api.ForbiddenException;
import dev.spectron.api.InvalidInputException;
import dev.spectron.api.NotFoundException;
import dev.spectron.api.PayloadTooLargeException;
import dev.spectron.api.SpectronException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Turns an unsuccessful answer back into the exception the server threw. An RFC 7807 problem
 * document with a {@code code} gives the matching typed exception of {@code dev.spectron.api};
 * any other body (a proxy's HTML page, an empty 502) gives a plain {@link SpectronException}
 * whose code is derived from the status and whose message says what came back.
 */
final class ProblemDecoder {
    private static final int SNIPPET_LENGTH = 200;

    private final ObjectMapper json;
    private final Clock clock;

    ProblemDecoder(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** The exception an answer with a non-2xx status stands for. */
    SpectronException decode(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        Duration retryAfter = response.headers().firstValue("Retry-After")
                .map(this::parseRetryAfter).orElse(null);
        JsonNode problem = problemDocument(response);
        if (problem == null) {
            String message = describe(response);
            String code = codeForStatus(status);
            return "rate_limited".equals(code) ? new RateLimitedException(message, retryAfter)
                    : new SpectronException(code, status, message);
        }
        String code = text(problem, "code");
        String detail = text(problem, "detail");
        if (detail == null) {
            detail = text(problem, "title") != null ? text(problem, "title") : "HTTP " + status;
        }
        return typed(code == null ? codeForStatus(status) : code, status, detail,
                text(problem, "field"), retryAfter);
    }

    private static SpectronException typed(String code, int status, String detail, String field,
            Duration retryAfter) {
        return switch (code) {
            case "invalid_input" -> field == null
                    ? new SpectronException(code, status, detail)
                    : new InvalidInputException(field, stripPrefix(detail, field + ": "));
            // NotFoundException appends " not found" itself; the server's detail already has it.
            case "not_found" -> new NotFoundException(stripSuffix(detail, " not found"));
            case "unauthenticated" -> new AuthenticationException(detail);
            case "forbidden" -> new ForbiddenException(detail);
            case "conflict" -> new ConflictException(detail);
            case "payload_too_large" -> new PayloadTooLargeException(detail);
            case "rate_limited" -> new RateLimitedException(detail, retryAfter);
            default -> new SpectronException(code, status, detail);
        };
    }

    /** The parsed problem document, or null when the body is not a JSON object. */
    private JsonNode problemDocument(HttpResponse<byte[]> response) {
        String type = contentType(response);
        if (!type.contains("json") || response.body().length == 0) {
            return null;
        }
        try {
            JsonNode node = json.readTree(response.body());
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Code for a status when the body does not say, so that {@code code()} is always useful. */
    static String codeForStatus(int status) {
        return switch (status) {
            case 400, 415, 422 -> "invalid_input";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 429 -> "rate_limited";
            case 502, 503, 504 -> "unavailable";
            default -> status >= 500 ? "internal" : "http_" + status;
        };
    }

    private static String describe(HttpResponse<byte[]> response) {
        StringBuilder out = new StringBuilder()
                .append(response.request().method()).append(' ').append(response.uri())
                .append(" answered HTTP ").append(response.statusCode());
        response.headers().firstValue("Location").ifPresent(location -> out
                .append(", a redirect to ").append(location)
                .append(" (set baseUrl to the address the server answers on)"));
        String type = contentType(response);
        if (response.body().length == 0) {
            out.append(" with an empty body");
        } else {
            out.append(" with ").append(type.isEmpty() ? "an untyped body" : type)
                    .append(" instead of a problem document: ").append(snippet(response.body()));
        }
        return out.toString();
    }

    /** The first words of a body, tags and runs of white space removed. */
    static String snippet(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8)
                .replaceAll("(?s)<(script|style).*?</\\1>", " ")
                .replaceAll("<[^>]*>", " ")
                .replaceAll("\\s+", " ")
                .strip();
        return text.length() <= SNIPPET_LENGTH ? text : text.substring(0, SNIPPET_LENGTH) + "…";
    }

    /** Delay-seconds or an HTTP-date (RFC 9110 §10.2.3); null when neither. */
    Duration parseRetryAfter(String value) {
        String trimmed = value.strip();
        try {
            if (trimmed.chars().allMatch(Character::isDigit) && !trimmed.isEmpty()) {
                return Duration.ofSeconds(Long.parseLong(trimmed));
            }
            ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    private static String contentType(HttpResponse<byte[]> response) {
        return response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String stripPrefix(String text, String prefix) {
        return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }

    private static String stripSuffix(String text, String suffix) {
        return text.endsWith(suffix) ? text.substring(0, text.length() - suffix.length()) : text;
    }
}
