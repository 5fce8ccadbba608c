package dev.spectron.engine;

import dev.spectron.api.DocumentInfo;
import dev.spectron.api.DocumentRequest;
import dev.spectron.api.Role;
import dev.spectron.api.Source;
import dev.spectron.api.TextSpan;
import dev.spectron.engine.spi.ChunkRecord;
import dev.spectron.engine.spi.Embedder;
import dev.spectron.engine.spi.Indexed;
import dev.spectron.engine.spi.Span;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Authoritative documents: cut into passages, embedded and stored (indexed as {@code chunk}),
 * then read for facts whose source is the document ({@code source.kind = document}, high trust).
 */
final class Documents {
    private Documents() {}

    static DocumentInfo ingest(String context, DocumentRequest request,
            MemoryEngine.Structured structured, Embedder embedder, IdGenerator ids,
            InstantSource clock) {
        Instant now = clock.instant();
        String id = ids.next();
        List<Span> spans = Chunker.chunks(request.text());
        List<String> texts = new ArrayList<>(spans.size());
        for (Span span : spans) {
            String passage = request.text().substring(span.start(), span.end());
            texts.add(request.title().map(t -> t + ": " + passage).orElse(passage));
        }
        List<float[]> vectors = embedder.embedPassages(texts);
        List<Indexed<ChunkRecord>> chunks = new ArrayList<>(spans.size());
        for (int i = 0; i < spans.size(); i++) {
            Span span = spans.get(i);
            ChunkRecord chunk = new ChunkRecord(ids.next(), id, i + 1,
                    request.text().substring(span.start(), span.end()), request.scope(), span);
            chunks.add(new Indexed<>(chunk, texts.get(i), vectors.get(i), embedder.modelId()));
        }
        DocumentInfo document = new DocumentInfo(id, request.title(), request.scope(),
                request.mimeType(), "ready", chunks.size(), now, Optional.empty());
        structured.store().insertDocument(context, document, chunks);
        List<StructuredWriter.Input> inputs = new ArrayList<>(chunks.size());
        for (Indexed<ChunkRecord> chunk : chunks) {
            Span span = chunk.record().span();
            Source source = new Source("document", "doc:" + id, Optional.empty(),
                    Optional.empty(), Map.of(), Optional.of(new TextSpan(span.start(),
                            span.end())), Source.AUTHORITATIVE_TRUST);
            inputs.add(new StructuredWriter.Input(chunk.record().text(), Role.USER,
                    Optional.empty(), request.scope(), now, source, Optional.empty()));
        }
        structured.writer().writeAll(context, inputs, false);
        return document;
    }
}
