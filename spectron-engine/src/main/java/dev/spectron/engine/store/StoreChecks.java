package dev.spectron.engine.store;

import static java.util.Objects.requireNonNull;

import dev.spectron.api.DocumentInfo;
import dev.spectron.api.Instruction;
import dev.spectron.api.SessionInfo;
import dev.spectron.api.Source;
import dev.spectron.api.Uncertainty;
import dev.spectron.engine.spi.ApiKeyRecord;
import dev.spectron.engine.spi.ChunkRecord;
import dev.spectron.engine.spi.EntityRecord;
import dev.spectron.engine.spi.FactBatch;
import dev.spectron.engine.spi.FactRecord;
import dev.spectron.engine.spi.ForgetSpec;
import dev.spectron.engine.spi.Indexed;
import dev.spectron.engine.spi.NewTurn;
import java.util.List;

/**
 * Checks of what callers hand the store, before any transaction starts. The SPI's records are
 * plain carriers, so a missing field is caught here with its name rather than as a constraint
 * failure in SQL. Shared by every store, so all backends refuse the same input.
 */
public final class StoreChecks {
    private StoreChecks() {}

    public static void requireComplete(ApiKeyRecord key) {
        requireNonNull(key, "key");
        requireNonNull(key.id(), "key.id");
        requireNonNull(key.kind(), "key.kind");
        requireNonNull(key.context(), "key.context");
        requireNonNull(key.role(), "key.role");
        requireNonNull(key.floor(), "key.floor");
        requireNonNull(key.hash(), "key.hash");
        requireNonNull(key.createdAt(), "key.createdAt");
        requireNonNull(key.revokedAt(), "key.revokedAt");
        if ((key.kind() == ApiKeyRecord.Kind.DATA) != key.context().isPresent()) {
            throw new IllegalArgumentException("key.context must be present for a data key and"
                    + " empty for a management key");
        }
    }

    /** Checks the keys of {@code MemoryStore.bootstrap}: one management key, one data key. */
    public static void requireBootstrapKeys(String context, ApiKeyRecord managementKey,
            ApiKeyRecord dataKey) {
        requireComplete(managementKey);
        requireComplete(dataKey);
        if (managementKey.kind() != ApiKeyRecord.Kind.MANAGEMENT) {
            throw new IllegalArgumentException("managementKey must be a management key");
        }
        if (dataKey.kind() != ApiKeyRecord.Kind.DATA
                || !dataKey.context().equals(java.util.Optional.of(context))) {
            throw new IllegalArgumentException("dataKey must be a data key of '" + context + "'");
        }
    }

    public static void requireClaim(String slot, String context, String token, String requestHash,
            java.time.Instant now, java.time.Instant expiresAt) {
        requireNonNull(slot, "slot");
        requireNonNull(context, "context");
        requireNonNull(token, "token");
        requireNonNull(requestHash, "requestHash");
        requireNonNull(now, "now");
        requireNonNull(expiresAt, "expiresAt");
    }

    public static void requireAnswer(String slot, String token,
            dev.spectron.engine.spi.IdempotencyStore.IdempotentAnswer answer,
            java.time.Instant expiresAt) {
        requireNonNull(slot, "slot");
        requireNonNull(token, "token");
        requireNonNull(answer, "answer");
        requireNonNull(answer.contentType(), "answer.contentType");
        requireNonNull(answer.body(), "answer.body");
        requireNonNull(expiresAt, "expiresAt");
        if (answer.status() < 100 || answer.status() > 599) {
            throw new IllegalArgumentException("answer.status must be between 100 and 599, got "
                    + answer.status());
        }
    }

    public static void requireComplete(SessionInfo session) {
        requireNonNull(session, "session");
        requireNonNull(session.id(), "session.id");
        requireNonNull(session.scope(), "session.scope");
        requireNonNull(session.extract(), "session.extract");
        requireNonNull(session.status(), "session.status");
        requireNonNull(session.createdAt(), "session.createdAt");
    }

    public static void requireComplete(NewTurn turn) {
        requireNonNull(turn, "turn");
        requireNonNull(turn.id(), "turn.id");
        requireNonNull(turn.sessionId(), "turn.sessionId");
        requireNonNull(turn.role(), "turn.role");
        requireNonNull(turn.speaker(), "turn.speaker");
        requireNonNull(turn.content(), "turn.content");
        requireNonNull(turn.createdAt(), "turn.createdAt");
        requireNonNull(turn.observedAt(), "turn.observedAt");
        requireNonNull(turn.metadata(), "turn.metadata");
        requireNonNull(turn.indexText(), "turn.indexText");
        requireNonNull(turn.vector(), "turn.vector");
        requireNonNull(turn.modelId(), "turn.modelId");
    }

    /** Checks a forget's spec (its optionals are never null, its ids never hold null). */
    public static void requireComplete(ForgetSpec spec) {
        requireNonNull(spec, "spec");
        requireNonNull(spec.tags(), "spec.tags");
        requireNonNull(spec.tags().tags(), "spec.tags.tags");
    }

    public static void requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
    }

    /** Checks every record of a batch (its lists themselves reject null elements). */
    public static void requireComplete(FactBatch batch) {
        requireNonNull(batch, "batch");
        batch.entities().forEach(StoreChecks::requireComplete);
        for (Indexed<FactRecord> fact : batch.facts()) {
            requireIndexed(fact, "fact");
            requireComplete(fact.record());
        }
        batch.factUpdates().forEach(StoreChecks::requireComplete);
        for (Indexed<Instruction> instruction : batch.instructions()) {
            requireIndexed(instruction, "instruction");
            requireComplete(instruction.record());
        }
        for (FactBatch.InstructionUpdate update : batch.instructionUpdates()) {
            requireNonNull(update.id(), "instructionUpdate.id");
            requireNonNull(update.supersededBy(), "instructionUpdate.supersededBy");
        }
        batch.uncertainties().forEach(StoreChecks::requireComplete);
        for (FactBatch.Resolution resolution : batch.resolutions()) {
            requireNonNull(resolution.id(), "resolution.id");
            requireNonNull(resolution.at(), "resolution.at");
            requireNonNull(resolution.resolution(), "resolution.resolution");
        }
    }

    public static void requireComplete(EntityRecord entity) {
        requireNonNull(entity.id(), "entity.id");
        requireNonNull(entity.key(), "entity.key");
        requireNonNull(entity.displayName(), "entity.displayName");
        requireUnit(entity.importance(), "entity.importance");
        requireNonNull(entity.createdAt(), "entity.createdAt");
        requireNonNull(entity.updatedAt(), "entity.updatedAt");
    }

    public static void requireComplete(FactRecord fact) {
        requireNonNull(fact.id(), "fact.id");
        requireNonNull(fact.subject(), "fact.subject");
        requireNonNull(fact.key(), "fact.key");
        requireNonNull(fact.value(), "fact.value");
        requireNonNull(fact.category(), "fact.category");
        requireUnit(fact.importance(), "fact.importance");
        requireUnit(fact.confidence(), "fact.confidence");
        requireNonNull(fact.scope(), "fact.scope");
        requireNonNull(fact.status(), "fact.status");
        requireNonNull(fact.validFrom(), "fact.validFrom");
        requireNonNull(fact.createdAt(), "fact.createdAt");
        requireComplete(fact.source(), "fact.source");
    }

    public static void requireComplete(FactBatch.FactUpdate update) {
        requireNonNull(update.id(), "factUpdate.id");
        requireNonNull(update.status(), "factUpdate.status");
        requireNonNull(update.validUntil(), "factUpdate.validUntil");
        requireNonNull(update.closedAt(), "factUpdate.closedAt");
        requireNonNull(update.supersededBy(), "factUpdate.supersededBy");
    }

    public static void requireComplete(Instruction instruction) {
        requireNonNull(instruction.id(), "instruction.id");
        requireNonNull(instruction.text(), "instruction.text");
        requireNonNull(instruction.scope(), "instruction.scope");
        requireNonNull(instruction.createdAt(), "instruction.createdAt");
        requireComplete(instruction.source(), "instruction.source");
    }

    public static void requireComplete(Uncertainty u) {
        requireNonNull(u.id(), "uncertainty.id");
        requireNonNull(u.kind(), "uncertainty.kind");
        requireNonNull(u.about(), "uncertainty.about");
        requireNonNull(u.reason(), "uncertainty.reason");
        requireNonNull(u.scope(), "uncertainty.scope");
        requireNonNull(u.createdAt(), "uncertainty.createdAt");
        for (Uncertainty.Candidate candidate : u.candidates()) {
            requireNonNull(candidate.value(), "uncertainty.candidates.value");
            requireComplete(candidate.source(), "uncertainty.candidates.source");
        }
        if (u.resolved() != u.resolvedAt().isPresent()) {
            throw new IllegalArgumentException("uncertainty.resolvedAt must be present exactly"
                    + " when the uncertainty is resolved");
        }
    }

    /**
     * Checks a document and its chunks, which must belong to it and share its scope.
     *
     * @throws IllegalArgumentException when a chunk names another document or scope
     */
    public static void requireComplete(DocumentInfo document, List<Indexed<ChunkRecord>> chunks) {
        requireNonNull(document, "document");
        requireNonNull(document.id(), "document.id");
        requireNonNull(document.scope(), "document.scope");
        requireNonNull(document.mimeType(), "document.mimeType");
        requireNonNull(document.status(), "document.status");
        requireNonNull(document.createdAt(), "document.createdAt");
        if (document.chunks() < 0) {
            throw new IllegalArgumentException("document.chunks must not be negative, got "
                    + document.chunks());
        }
        for (Indexed<ChunkRecord> indexed : requireNonNull(chunks, "chunks")) {
            requireIndexed(requireNonNull(indexed, "chunk"), "chunk");
            ChunkRecord chunk = indexed.record();
            requireNonNull(chunk.id(), "chunk.id");
            requireNonNull(chunk.text(), "chunk.text");
            requireNonNull(chunk.span(), "chunk.span");
            if (!document.id().equals(chunk.documentId())
                    || !document.scope().equals(chunk.scope())) {
                throw new IllegalArgumentException("chunk '" + chunk.id() + "' must have the"
                        + " document's id and scope");
            }
            if (chunk.seq() < 1) {
                throw new IllegalArgumentException("chunk.seq must be at least 1, got "
                        + chunk.seq());
            }
        }
    }

    private static void requireIndexed(Indexed<?> indexed, String what) {
        requireNonNull(indexed.record(), what);
        requireNonNull(indexed.indexText(), what + ".indexText");
        requireNonNull(indexed.vector(), what + ".vector");
        requireNonNull(indexed.modelId(), what + ".modelId");
    }

    private static void requireComplete(Source source, String field) {
        requireNonNull(source, field);
        requireNonNull(source.kind(), field + ".kind");
        requireNonNull(source.ref(), field + ".ref");
        requireUnit(source.trust(), field + ".trust");
    }

    private static void requireUnit(double value, String field) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(field + " must be between 0 and 1, got " + value);
        }
    }
}
