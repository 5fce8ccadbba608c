package dev.spectron.engine.spi;

import dev.spectron.api.SessionInfo;
import dev.spectron.api.Turn;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The store of record. Every method is atomic: it either happens completely and durably before it
 * returns, or not at all. Every change that the search index must follow is also appended to a
 * change log in the same transaction ({@link #changesSince}). Reads that take {@code scopeKeys}
 * apply floor matching inside the query. Implementations are thread-safe.
 */
public interface MemoryStore extends FactStore, IdempotencyStore, AutoCloseable {

    // --- contexts -------------------------------------------------------------------------

    /** Creates a context; returns false when it already exists. */
    boolean createContext(String context, Instant at);

    /** True when the context exists. */
    boolean contextExists(String context);

    /** All contexts, sorted by name. */
    List<String> contexts();

    /** The key registry extensions of a context (empty when it has none). */
    List<KeySpec> keySpecs(String context);

    /**
     * Adds or replaces key registry extensions of a context.
     *
     * @throws dev.spectron.api.NotFoundException when the context does not exist
     */
    void saveKeySpecs(String context, List<KeySpec> specs);

    // --- keys -----------------------------------------------------------------------------

    /** Stores a new key. */
    void insertKey(ApiKeyRecord key);

    /** A key by its public id. */
    Optional<ApiKeyRecord> key(String keyId);

    /** The data keys of a context, revoked ones included, oldest first. */
    List<ApiKeyRecord> keys(String context);

    /** Marks a key revoked; returns false when there is no such key or it was revoked already. */
    boolean revokeKey(String keyId, Instant at);

    /**
     * Deletes a context whose memory has already been purged: its entities, key registry
     * extensions, keys and the context itself.
     *
     * @return false when the context does not exist
     * @throws dev.spectron.api.ConflictException when memory of the context remains
     */
    boolean deleteContext(String context);

    /** True when any management key exists (used to bootstrap a fresh install once). */
    boolean hasManagementKey();

    /**
     * Bootstraps a fresh install in one transaction: when no management key exists (revoked ones
     * count), creates {@code context} if missing and stores both keys; otherwise changes
     * nothing. Safe when several processes sharing the store call it at once: exactly one of
     * them returns true.
     *
     * @param managementKey a management key
     * @param dataKey a data key of {@code context}
     * @return true when this call stored the keys
     * @throws IllegalArgumentException when the keys are not of those kinds
     */
    boolean bootstrap(String context, Instant at, ApiKeyRecord managementKey,
            ApiKeyRecord dataKey);

    // --- sessions -------------------------------------------------------------------------

    /** Stores a new session. */
    void insertSession(String context, SessionInfo session);

    /** A session by id within a context. */
    Optional<SessionInfo> session(String context, String sessionId);

    /** Sessions whose scope key is in {@code scopeKeys}, newest first, at most {@code limit}. */
    List<SessionInfo> sessions(String context, Set<String> scopeKeys, int limit);

    /** Marks a session closed; returns false when it does not exist or is closed already. */
    boolean closeSession(String context, String sessionId, Instant at);

    /**
     * Deletes a session and its turns and vectors, logging a delete for each turn.
     *
     * @return the number of turns deleted, or -1 when the session does not exist
     */
    int deleteSession(String context, String sessionId);

    // --- turns ----------------------------------------------------------------------------

    /**
     * Appends a turn to its session, assigning the next position in the session, and logs an
     * upsert for the index.
     *
     * @return the stored turn
     * @throws dev.spectron.api.NotFoundException when the session does not exist in the context
     * @throws dev.spectron.api.ConflictException when the session is closed
     */
    Turn appendTurn(String context, NewTurn turn);

    /** The turns of a session, oldest first. */
    List<Turn> turns(String context, String sessionId);

    /** The last {@code limit} turns of a session, oldest first (all when it has fewer). */
    List<Turn> lastTurns(String context, String sessionId, int limit);

    /** Turns by id within a context, with their scopes; unknown ids are absent from the map. */
    Map<String, StoredTurn> turnsById(String context, Collection<String> turnIds);

    // --- change log for the index ---------------------------------------------------------

    /** The sequence of the newest change ({@code 0} when there is none). */
    long lastChange();

    /**
     * Changes with a sequence greater than {@code afterSeq}, oldest first, at most {@code limit}.
     * An upsert carries the current document; a change whose record is gone since is a delete.
     */
    List<IndexChange> changesSince(long afterSeq, int limit);

    /**
     * Replaces the stored vectors of existing records with ones {@code modelId} made (the index
     * re-embedded them after a change of model), so that a later rebuild of the index takes them
     * as they are instead of embedding them again. Ids without a stored vector (records deleted
     * since) are skipped. One transaction.
     */
    void replaceVectors(Map<String, float[]> vectors, String modelId);

    @Override
    void close();
}
