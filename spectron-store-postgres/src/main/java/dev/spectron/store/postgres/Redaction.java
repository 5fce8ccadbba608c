package dev.spectron.store.postgres;

import java.util.regex.Pattern;

/** Keeps secrets out of messages. */
final class Redaction {
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    private Redaction() {}

    /** A JDBC URL with the value of its {@code password} parameter replaced by stars. */
    static String url(String jdbcUrl) {
        return PASSWORD.matcher(jdbcUrl).replaceAll("$1***");
    }
}
