package dev.spectron.api;

import java.util.Map;
import java.util.Optional;

/**
 * Provenance: where a hit or a fact came from. No fact is anonymous.
 *
 * @param kind {@code turn}, {@code document}, {@code upsert}, {@code reflect},
 *     {@code consolidation} or {@code elaboration}
 * @param ref a reference such as {@code turn:<id>} or {@code doc:<id>}
 * @param sessionId the session of the cited turn
 * @param turnId the cited turn
 * @param metadata the cited turn's metadata
 * @param span character offsets {@code [start, end)} in the turn or passage the fact was read from
 * @param trust how much the source is trusted, 0 to 1 (documents and upserts high, chat lower)
 */
public record Source(String kind, String ref, Optional<String> sessionId, Optional<String> turnId,
        Map<String, Object> metadata, Optional<TextSpan> span, double trust) {
    /** Trust of authoritative sources (documents, upserts). */
    public static final double AUTHORITATIVE_TRUST = 0.95;
    /** Trust of experiential sources (conversation). */
    public static final double EXPERIENTIAL_TRUST = 0.6;

    public Source {
        sessionId = sessionId == null ? Optional.empty() : sessionId;
        turnId = turnId == null ? Optional.empty() : turnId;
        metadata = metadata == null ? Map.of() : metadata;
        span = span == null ? Optional.empty() : span;
    }

    /** A source without span, trusted as experiential memory. */
    public Source(String kind, String ref, Optional<String> sessionId, Optional<String> turnId,
            Map<String, Object> metadata) {
        this(kind, ref, sessionId, turnId, metadata, Optional.empty(), EXPERIENTIAL_TRUST);
    }

    /** True for documents and operator upserts. */
    public boolean isAuthoritative() {
        return "document".equals(kind) || "upsert".equals(kind);
    }
}
