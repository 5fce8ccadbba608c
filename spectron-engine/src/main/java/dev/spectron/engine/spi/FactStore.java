package dev.spectron.engine.spi;

import dev.spectron.api.DocumentInfo;
import dev.spectron.api.Instruction;
import dev.spectron.api.Uncertainty;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Structured memory in the store of record: entities, attributes and relations (one table of
 * {@link FactRecord}s), instructions, uncertainties and documents. Reads that take scope keys
 * filter inside the query. Writes go through {@link #apply}, one transaction per batch, which also
 * appends the index changes to the change log ({@link MemoryStore#changesSince} then yields
 * {@link IndexDocument}s of kind {@code attribute}, {@code relation}, {@code instruction} and
 * {@code chunk} besides {@code turn}). Implementations are thread-safe.
 */
public interface FactStore {
    /** Applies a reconciled batch atomically. */
    void apply(String context, FactBatch batch);

    /** An entity by key. */
    Optional<EntityRecord> entity(String context, EntityKey key);

    /** Entities by key; unknown keys are absent from the map. */
    Map<EntityKey, EntityRecord> entities(String context, Collection<EntityKey> keys);

    /**
     * Entities that are the subject or object of at least one non-forgotten fact visible at
     * {@code scopeKeys}, optionally of one type and whose name or display name contains
     * {@code nameContains} (case-insensitive), by name, at most {@code limit}.
     */
    List<EntityRecord> visibleEntities(String context, Set<String> scopeKeys,
            Optional<String> type, Optional<String> nameContains, int limit);

    /** Facts matching a query, newest first. */
    List<FactRecord> facts(String context, FactQuery query);

    /** Facts by id; unknown ids are absent. */
    Map<String, FactRecord> factsById(String context, Collection<String> ids);

    /** Instructions visible at {@code scopeKeys}, newest first; only active ones when asked. */
    List<Instruction> instructions(String context, Set<String> scopeKeys, boolean activeOnly);

    /** Instructions by id. */
    Map<String, Instruction> instructionsById(String context, Collection<String> ids);

    /** Uncertainties visible at {@code scopeKeys}, newest first; only open ones when asked. */
    List<Uncertainty> uncertainties(String context, Set<String> scopeKeys, boolean openOnly);

    /** One uncertainty by id. */
    Optional<Uncertainty> uncertainty(String context, String id);

    /** Stores a document with its chunks (indexed as kind {@code chunk}) in one transaction. */
    void insertDocument(String context, DocumentInfo document, List<Indexed<ChunkRecord>> chunks);

    /** A document by id. */
    Optional<DocumentInfo> document(String context, String id);

    /** Documents visible at {@code scopeKeys}, newest first. */
    List<DocumentInfo> documents(String context, Set<String> scopeKeys, int limit);

    /** Chunks by id. */
    Map<String, ChunkRecord> chunksById(String context, Collection<String> ids);

    /**
     * Forgets matching records in one transaction, logging index deletes for everything that
     * leaves the index. Without {@code purge}, rows are marked forgotten and disappear from every
     * read (history included); with it they are deleted with their vectors. A dry run counts and
     * changes nothing. In a bulk forget ({@link ForgetSpec#isBulk()}), sessions and documents
     * whose scope matches go too, with all their turns and chunks.
     */
    ForgetCount forget(String context, ForgetSpec spec, boolean dryRun);

    /**
     * Deletes a document and its chunks (logging index deletes); facts read from it stay, with
     * their provenance. Returns false when there was no such document.
     */
    boolean deleteDocument(String context, String id);
}
