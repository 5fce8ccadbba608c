package dev.spectron.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Percent-encoding of path segments and query values (RFC 3986), UTF-8. */
final class PercentEncoding {
    private PercentEncoding() {}

    /**
     * Encodes one path segment: every reserved character, {@code /} included, is escaped, so an
     * id can never reach another route.
     */
    static String segment(String value) {
        return encode(value);
    }

    /** Encodes one query parameter value. */
    static String queryValue(String value) {
        return encode(value);
    }

    private static String encode(String value) {
        // URLEncoder does form encoding: a space becomes '+', which a path keeps literally and a
        // query decoder may or may not turn back into a space. "%20" means a space everywhere.
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
