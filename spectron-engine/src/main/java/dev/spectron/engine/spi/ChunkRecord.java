package dev.spectron.engine.spi;

import dev.spectron.api.Scope;

/**
 * One passage of a document, indexed for recall (kind {@code chunk}).
 *
 * @param id chunk id
 * @param documentId its document
 * @param seq position in the document, from 1
 * @param text the passage
 * @param scope the document's scope
 * @param span character offsets of the passage in the document
 */
public record ChunkRecord(String id, String documentId, int seq, String text, Scope scope,
        Span span) {}
