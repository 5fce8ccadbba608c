package dev.spectron.engine.spi;

import java.time.Instant;

/**
 * One record as the search index holds it: text for BM25, a vector for nearest-neighbour search,
 * and the fields every query filters on. The store of record can always produce it again.
 *
 * @param id record id (unique across kinds)
 * @param context the tenant
 * @param kind {@code turn} (later also facts and document chunks)
 * @param scopeKey {@link dev.spectron.api.Scope#key()} of the record's exact scope
 * @param sessionId session of the record, or {@code ""} when it has none
 * @param text the text BM25 indexes (for turns: speaker, date and content)
 * @param vector the record's embedding
 * @param createdAt when Spectron learned it
 */
public record IndexDocument(String id, String context, String kind, String scopeKey,
        String sessionId, String text, float[] vector, Instant createdAt) {}
