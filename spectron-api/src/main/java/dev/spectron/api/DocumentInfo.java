package dev.spectron.api;

import java.time.Instant;
import java.util.Optional;

/**
 * An authoritative document: chunked, indexed, and read for facts with {@code source.kind =
 * document}.
 *
 * @param id document id
 * @param title title, if given
 * @param scope the scope it was stored under
 * @param mimeType {@code text/plain} or {@code text/markdown}
 * @param status {@code queued}, {@code ready} or {@code failed}
 * @param chunks how many passages it was cut into
 * @param createdAt when it was added
 * @param error why it failed, when it did
 */
public record DocumentInfo(String id, Optional<String> title, Scope scope, String mimeType,
        String status, int chunks, Instant createdAt, Optional<String> error) {
    public DocumentInfo {
        title = title == null ? Optional.empty() : title;
        error = error == null ? Optional.empty() : error;
    }
}
