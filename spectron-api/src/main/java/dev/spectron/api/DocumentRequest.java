package dev.spectron.api;

import java.util.Optional;

/**
 * An authoritative document to add.
 *
 * @param text the document's text (plain text or Markdown)
 * @param title its title, if any
 * @param scope where to store it
 * @param mimeType {@code text/plain} (default) or {@code text/markdown}
 */
public record DocumentRequest(String text, Optional<String> title, Scope scope, String mimeType) {
    public DocumentRequest {
        title = title == null ? Optional.empty() : title;
        scope = scope == null ? Scope.empty() : scope;
        mimeType = mimeType == null ? "text/plain" : mimeType;
    }

    /** A plain-text document without title. */
    public static DocumentRequest of(String text, Scope scope) {
        return new DocumentRequest(text, Optional.empty(), scope, "text/plain");
    }
}
