package dev.spectron.store.postgres;

import static java.util.Objects.requireNonNull;

import dev.spectron.api.ConflictException;
import dev.spectron.api.DocumentInfo;
import dev.spectron.api.Instruction;
import dev.spectron.api.NotFoundException;
import dev.spectron.api.SessionInfo;
import dev.spectron.api.SessionStatus;
import dev.spectron.api.Turn;
import dev.spectron.api.Uncertainty;
import dev.spectron.engine.spi.ApiKeyRecord;
import dev.spectron.engine.spi.ChunkRecord;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.EntityRecord;
import dev.spectron.engine.spi.FactBatch;
import dev.spectron.engine.spi.FactQuery;
import dev.spectron.engine.spi.FactRecord;
import dev.spectron.engine.spi.ForgetCount;
import dev.spectron.engine.spi.ForgetSpec;
import dev.spectron.engine.spi.IdempotencyStore.IdempotencyRecord;
import dev.spectron.engine.spi.IdempotencyStore.IdempotentAnswer;
import dev.spectron.engine.spi.IndexChange;
import dev.spectron.engine.spi.Indexed;
import dev.spectron.engine.spi.KeySpec;
import dev.spectron.engine.spi.MemoryStore;
import dev.spectron.engine.spi.NewTurn;
import dev.spectron.engine.spi.StoredTurn;
import dev.spectron.engine.store.StoreChecks;
import dev.spectron.engine.store.StoredValues;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The store of record on PostgreSQL 15 or newer, for any number of Spectron nodes sharing one
 * database: sessions and turns, structured memory and the change log the search index follows.
 * Obtained from {@link PostgresBackend#store()}; the schema is migrated when the backend opens.
 *
 * <p>Every method runs in one transaction and either completes or changes nothing; writes are
 * durable when they return (as durable as the server's {@code synchronous_commit} makes them).
 * Reads apply scope floor matching inside the SQL ({@code scope_key = ANY(floor keys)}).
 * Writes that read before they change lock what they read ({@code SELECT … FOR UPDATE}: the
 * session a turn is appended to, a fact being updated, the rows a forget matches), so
 * concurrent writers on several nodes never number two turns alike nor log one transition twice;
 * a writer that still loses a race on an id gets a {@link ConflictException}, and a transaction
 * PostgreSQL aborts as a deadlock victim is retried.
 *
 * <p><b>The change log.</b> Sequence numbers come from an identity column, whose values are
 * handed out in the order transactions ask, not the order they commit, so a reader could see
 * sequence 11 before a slower transaction commits 10 and move its watermark past 10 for good.
 * To rule that out, each writing transaction appends its change-log rows as its very last
 * statements, after taking a transaction-scoped advisory lock ({@code pg_advisory_xact_lock})
 * that is released only once its commit is visible. So log order is commit order: whoever sees
 * sequence n sees every committed entry below n. The price is that the commits of writes that
 * log index changes pass one at a time; everything they do before is concurrent.
 *
 * <p>A forgotten record ({@link #forget} without purge) is absent from every read, and the
 * session and document writes addressed to it find nothing; an update of a forgotten fact in
 * {@link #apply} changes nothing. Its id stays taken. A purge deletes the rows and then runs
 * {@code VACUUM} on the tables it deleted from, so the deleted row versions are removed from
 * the tables' pages and indexes rather than left for autovacuum. That is all PostgreSQL offers
 * short of rewriting tables: the bytes of removed rows may remain in free space within pages
 * until overwritten, in WAL segments until they are recycled, and in replicas' and backups'
 * copies; VACUUM also cannot remove versions that an older open transaction can still see.
 * {@link #deleteSession} and {@link #deleteDocument} delete without that VACUUM (autovacuum
 * reclaims the space).
 *
 * <p>Instants are stored with microsecond precision (finer digits are truncated). Record ids are
 * unique across the whole store; the ids of indexed records (turns, facts, instructions, chunks)
 * are moreover unique across those kinds. Free JSON (metadata, a source's metadata) reads back
 * as JSON reads it. Text cannot contain the NUL character (PostgreSQL cannot store it): such
 * input is refused with {@link dev.spectron.api.InvalidInputException}.
 *
 * <p>Thread-safe; callers may be virtual threads. {@link #close()} closes this store; the
 * connection pool closes when the backend does, or when everything it handed out is closed.
 */
public final class PostgresMemoryStore implements MemoryStore {
    // Long for our usual file, for the same reason as SqliteMemoryStore: one facade over both
    // SPIs, each method argument checks and one transaction, the SQL in the *Table classes.
    private static final System.Logger LOG =
            System.getLogger(PostgresMemoryStore.class.getName());
    /** Parent tables that a context's memory lives in (turns and chunks live in two of them). */
    private static final List<String> MEMORY_TABLES = List.of("sessions", "facts",
            "instructions", "uncertainties", "documents");

    private final Database db;
    private final Clock clock;
    private final Runnable onClose;
    private volatile boolean closed;

    PostgresMemoryStore(Database db, Clock clock, Runnable onClose) {
        this.db = db;
        this.clock = clock;
        this.onClose = onClose;
    }

    // --- contexts -------------------------------------------------------------------------

    @Override
    public boolean createContext(String context, Instant at) {
        requireNonNull(context, "context");
        requireNonNull(at, "at");
        return write("createContext", tx -> ContextTable.insert(tx.connection(), context, at));
    }

    @Override
    public boolean contextExists(String context) {
        requireNonNull(context, "context");
        return read("contextExists", c -> ContextTable.exists(c, context));
    }

    @Override
    public List<String> contexts() {
        return read("contexts", ContextTable::names);
    }

    @Override
    public List<KeySpec> keySpecs(String context) {
        requireNonNull(context, "context");
        return read("keySpecs", c -> KeySpecTable.byContext(c, context));
    }

    @Override
    public void saveKeySpecs(String context, List<KeySpec> specs) {
        requireNonNull(context, "context");
        List<KeySpec> copy = List.copyOf(requireNonNull(specs, "specs"));
        write("saveKeySpecs", tx -> {
            requireContext(tx.connection(), context);
            KeySpecTable.upsert(tx.connection(), context, copy);
            return null;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>The context's row is locked first, so no write into the context can start or finish
     * between the check for remaining memory and the deletion.
     */
    @Override
    public boolean deleteContext(String context) {
        requireNonNull(context, "context");
        return write("deleteContext", tx -> {
            Connection c = tx.connection();
            if (!ContextTable.lock(c, context, true)) {
                return false;
            }
            Optional<String> holding = ContextTable.firstWithRows(c, context, MEMORY_TABLES);
            if (holding.isPresent()) {
                throw new ConflictException("context '" + context + "' still holds "
                        + holding.get() + "; purge its memory first");
            }
            ContextTable.deleteWithDependents(c, context);
            return true;
        });
    }

    // --- keys -----------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * @throws ConflictException when a key with the same id exists
     * @throws NotFoundException when a data key names a context that does not exist
     */
    @Override
    public void insertKey(ApiKeyRecord key) {
        StoreChecks.requireComplete(key);
        write("insertKey", tx -> {
            Connection c = tx.connection();
            if (KeyTable.exists(c, key.id())) {
                throw new ConflictException("API key '" + key.id() + "' already exists");
            }
            if (key.context().isPresent()) {
                requireContext(c, key.context().get());
            }
            KeyTable.insert(c, key);
            return null;
        });
    }

    @Override
    public Optional<ApiKeyRecord> key(String keyId) {
        requireNonNull(keyId, "keyId");
        return read("key", c -> KeyTable.byId(c, keyId));
    }

    @Override
    public List<ApiKeyRecord> keys(String context) {
        requireNonNull(context, "context");
        return read("keys", c -> KeyTable.byContext(c, context));
    }

    @Override
    public boolean revokeKey(String keyId, Instant at) {
        requireNonNull(keyId, "keyId");
        requireNonNull(at, "at");
        return write("revokeKey", tx -> KeyTable.revoke(tx.connection(), keyId, at));
    }

    @Override
    public boolean hasManagementKey() {
        return read("hasManagementKey", KeyTable::anyManagement);
    }

    /**
     * {@inheritDoc} The transaction first locks {@code api_keys} against every other writer of
     * keys ({@code SHARE ROW EXCLUSIVE}, which conflicts with itself), so of nodes bootstrapping
     * at once the first inserts and the others, let in after its commit, see its management key.
     * The lock is taken only by a store without a management key, i.e. on a fresh install.
     */
    @Override
    public boolean bootstrap(String context, Instant at, ApiKeyRecord managementKey,
            ApiKeyRecord dataKey) {
        requireNonNull(context, "context");
        requireNonNull(at, "at");
        StoreChecks.requireBootstrapKeys(context, managementKey, dataKey);
        return write("bootstrap", tx -> {
            Connection c = tx.connection();
            Database.execute(c, "LOCK TABLE api_keys IN SHARE ROW EXCLUSIVE MODE");
            if (KeyTable.anyManagement(c)) {
                return false;
            }
            ContextTable.insert(c, context, at);
            KeyTable.insert(c, managementKey);
            KeyTable.insert(c, dataKey);
            return true;
        });
    }

    // --- idempotency keys -----------------------------------------------------------------

    @Override
    public Optional<IdempotencyRecord> claimIdempotencyKey(String slot, String context,
            String token, String requestHash, Instant now, Instant expiresAt) {
        StoreChecks.requireClaim(slot, context, token, requestHash, now, expiresAt);
        return write("claimIdempotencyKey", tx -> IdempotencyTable.claim(tx.connection(), slot,
                context, token, requestHash, now, expiresAt));
    }

    @Override
    public boolean completeIdempotencyKey(String slot, String token, IdempotentAnswer answer,
            Instant expiresAt) {
        StoreChecks.requireAnswer(slot, token, answer, expiresAt);
        return write("completeIdempotencyKey", tx -> IdempotencyTable.complete(tx.connection(),
                slot, token, answer, expiresAt));
    }

    @Override
    public void releaseIdempotencyKey(String slot, String token) {
        requireNonNull(slot, "slot");
        requireNonNull(token, "token");
        write("releaseIdempotencyKey", tx -> {
            IdempotencyTable.release(tx.connection(), slot, token);
            return null;
        });
    }

    @Override
    public int purgeIdempotencyKeys(Instant now) {
        requireNonNull(now, "now");
        return write("purgeIdempotencyKeys", tx -> IdempotencyTable.purge(tx.connection(), now));
    }

    @Override
    public int forgetIdempotencyKeys(String context) {
        requireNonNull(context, "context");
        return write("forgetIdempotencyKeys",
                tx -> IdempotencyTable.forget(tx.connection(), context));
    }

    // --- sessions -------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * @throws NotFoundException when the context does not exist
     * @throws ConflictException when a session with the same id exists (in any context)
     */
    @Override
    public void insertSession(String context, SessionInfo session) {
        requireNonNull(context, "context");
        StoreChecks.requireComplete(session);
        String metadata = StoredValues.json(session.metadata(), "metadata");
        write("insertSession", tx -> {
            Connection c = tx.connection();
            requireContext(c, context);
            if (SessionTable.exists(c, session.id())) {
                throw new ConflictException("session '" + session.id() + "' already exists");
            }
            SessionTable.insert(c, context, session, metadata);
            return null;
        });
    }

    @Override
    public Optional<SessionInfo> session(String context, String sessionId) {
        requireNonNull(context, "context");
        requireNonNull(sessionId, "sessionId");
        return read("session", c -> SessionTable.byId(c, context, sessionId));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    @Override
    public List<SessionInfo> sessions(String context, Set<String> scopeKeys, int limit) {
        requireNonNull(context, "context");
        requireNonNull(scopeKeys, "scopeKeys");
        StoreChecks.requireLimit(limit);
        if (scopeKeys.isEmpty() || limit == 0) {
            return List.of();
        }
        return read("sessions", c -> SessionTable.byScopeKeys(c, context, scopeKeys, limit));
    }

    @Override
    public boolean closeSession(String context, String sessionId, Instant at) {
        requireNonNull(context, "context");
        requireNonNull(sessionId, "sessionId");
        requireNonNull(at, "at");
        return write("closeSession",
                tx -> SessionTable.close(tx.connection(), context, sessionId, at));
    }

    @Override
    public int deleteSession(String context, String sessionId) {
        requireNonNull(context, "context");
        requireNonNull(sessionId, "sessionId");
        return write("deleteSession", tx -> {
            Connection c = tx.connection();
            if (SessionTable.lockStatus(c, context, sessionId).isEmpty()) {
                return -1;
            }
            List<String> turns = TurnTable.idsOfSession(c, sessionId);
            turns.forEach(id -> tx.logDelete(id, ChangeLog.TURN));
            VectorTable.delete(c, turns);
            int deleted = TurnTable.deleteBySession(c, sessionId);
            SessionTable.delete(c, sessionId);
            return deleted;
        });
    }

    // --- turns ----------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * <p>The returned turn is exactly what {@link #turns} and {@link #turnsById} read back, its
     * metadata having been through JSON. Appends to one session are numbered one at a time (the
     * session's row is locked), whichever node makes them.
     *
     * @throws ConflictException also when a turn, or a record of another kind, has the id
     * @throws dev.spectron.api.InvalidInputException when the metadata cannot be written as JSON
     */
    @Override
    public Turn appendTurn(String context, NewTurn turn) {
        requireNonNull(context, "context");
        StoreChecks.requireComplete(turn);
        String metadata = StoredValues.json(turn.metadata(), "metadata");
        int seq = write("appendTurn", tx -> {
            Connection c = tx.connection();
            requireOpenSession(c, context, turn.sessionId());
            RecordIds.requireFree(c, "turn", turn.id(), TurnTable.exists(c, turn.id()));
            int next = TurnTable.nextSeq(c, turn.sessionId());
            TurnTable.insert(c, context, turn, next, metadata);
            VectorTable.insert(c, turn.id(), turn.modelId(), turn.vector());
            tx.logUpsert(turn.id(), ChangeLog.TURN);
            return next;
        });
        // As read back: microsecond instants, metadata through JSON (json keeps the text).
        return new Turn(turn.id(), turn.sessionId(), seq, turn.role(), turn.speaker(),
                turn.content(), turn.createdAt().truncatedTo(ChronoUnit.MICROS),
                turn.observedAt().truncatedTo(ChronoUnit.MICROS), StoredValues.jsonObject(metadata));
    }

    @Override
    public List<Turn> turns(String context, String sessionId) {
        requireNonNull(context, "context");
        requireNonNull(sessionId, "sessionId");
        return read("turns", c -> TurnTable.bySession(c, context, sessionId, Integer.MAX_VALUE));
    }

    @Override
    public List<Turn> lastTurns(String context, String sessionId, int limit) {
        requireNonNull(context, "context");
        requireNonNull(sessionId, "sessionId");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return read("lastTurns", c -> TurnTable.bySession(c, context, sessionId, limit));
    }

    @Override
    public Map<String, StoredTurn> turnsById(String context, Collection<String> turnIds) {
        requireNonNull(context, "context");
        return byIds("turnsById", turnIds, (c, ids) -> TurnTable.byIds(c, context, ids));
    }

    // --- entities and facts ---------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * <p>Entities are inserted, or, when one with the same key exists, get the batch's display
     * name, aliases and {@code updatedAt}; their id, key, importance and {@code createdAt} stay.
     * A fact update sets the status and {@code closedAt}, and {@code validUntil} and
     * {@code supersededBy} when it gives them, unless the fact was forgotten (then it stays as
     * it is). A resolution of a resolved uncertainty replaces the earlier resolution. Every
     * index change is logged in the same transaction.
     *
     * @throws NotFoundException when the context does not exist, or an update or resolution
     *     names a fact, instruction or uncertainty the context does not have; nothing is stored
     * @throws ConflictException when a new record's id is taken (also by a record of another
     *     kind), or an entity's id by an entity of another key; nothing is stored
     * @throws dev.spectron.api.InvalidInputException when a source's metadata cannot be written
     *     as JSON; nothing is stored
     * @throws IllegalArgumentException when a score (importance, confidence, trust) is outside
     *     0 to 1, or an uncertainty's {@code resolvedAt} disagrees with {@code resolved}
     */
    @Override
    public void apply(String context, FactBatch batch) {
        requireNonNull(context, "context");
        StoreChecks.requireComplete(batch);
        if (batch.isEmpty()) {
            return;
        }
        write("apply", tx -> {
            requireContext(tx.connection(), context);
            FactBatchWriter.apply(tx, context, batch);
            return null;
        });
    }

    @Override
    public Optional<EntityRecord> entity(String context, EntityKey key) {
        requireNonNull(context, "context");
        requireNonNull(key, "key");
        return read("entity", c -> EntityTable.byKey(c, context, key));
    }

    @Override
    public Map<EntityKey, EntityRecord> entities(String context, Collection<EntityKey> keys) {
        requireNonNull(context, "context");
        return byIds("entities", keys, (c, distinct) -> EntityTable.byKeys(c, context,
                distinct));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The name filter compares lower-cased text: the entity's normalised name, or its display
     * name lower-cased by PostgreSQL under the database's default collation (every script under
     * an ICU or libc locale; ASCII letters only under the {@code C} locale).
     *
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    @Override
    public List<EntityRecord> visibleEntities(String context, Set<String> scopeKeys,
            Optional<String> type, Optional<String> nameContains, int limit) {
        requireNonNull(context, "context");
        requireNonNull(scopeKeys, "scopeKeys");
        requireNonNull(type, "type");
        requireNonNull(nameContains, "nameContains");
        StoreChecks.requireLimit(limit);
        if (scopeKeys.isEmpty() || limit == 0) {
            return List.of();
        }
        return read("visibleEntities",
                c -> EntityTable.visible(c, context, scopeKeys, type, nameContains, limit));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Ties in {@code createdAt} are broken by id, descending.
     *
     * @throws IllegalArgumentException when the query's limit is negative
     */
    @Override
    public List<FactRecord> facts(String context, FactQuery query) {
        requireNonNull(context, "context");
        requireNonNull(query, "query");
        StoreChecks.requireLimit(query.limit());
        if (query.scopeKeys().isEmpty() || query.limit() == 0) {
            return List.of();
        }
        return read("facts", c -> FactTable.query(c, context, query));
    }

    @Override
    public Map<String, FactRecord> factsById(String context, Collection<String> ids) {
        requireNonNull(context, "context");
        return byIds("factsById", ids, (c, distinct) ->
                byId(FactTable.byIds(c, context, distinct), FactRecord::id));
    }

    // --- instructions and uncertainties ---------------------------------------------------

    @Override
    public List<Instruction> instructions(String context, Set<String> scopeKeys,
            boolean activeOnly) {
        requireNonNull(context, "context");
        requireNonNull(scopeKeys, "scopeKeys");
        if (scopeKeys.isEmpty()) {
            return List.of();
        }
        return read("instructions",
                c -> InstructionTable.byScopeKeys(c, context, scopeKeys, activeOnly));
    }

    @Override
    public Map<String, Instruction> instructionsById(String context, Collection<String> ids) {
        requireNonNull(context, "context");
        return byIds("instructionsById", ids, (c, distinct) ->
                byId(InstructionTable.byIds(c, context, distinct), Instruction::id));
    }

    @Override
    public List<Uncertainty> uncertainties(String context, Set<String> scopeKeys,
            boolean openOnly) {
        requireNonNull(context, "context");
        requireNonNull(scopeKeys, "scopeKeys");
        if (scopeKeys.isEmpty()) {
            return List.of();
        }
        return read("uncertainties",
                c -> UncertaintyTable.byScopeKeys(c, context, scopeKeys, openOnly));
    }

    @Override
    public Optional<Uncertainty> uncertainty(String context, String id) {
        requireNonNull(context, "context");
        requireNonNull(id, "id");
        return read("uncertainty", c -> UncertaintyTable.byId(c, context, id));
    }

    // --- documents ------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * @throws NotFoundException when the context does not exist
     * @throws ConflictException when a document with the same id exists, or a chunk's id is
     *     taken (also by a record of another kind); nothing is stored
     * @throws IllegalArgumentException when a chunk names another document or scope than
     *     {@code document}'s, or its {@code seq} is below 1
     */
    @Override
    public void insertDocument(String context, DocumentInfo document,
            List<Indexed<ChunkRecord>> chunks) {
        requireNonNull(context, "context");
        StoreChecks.requireComplete(document, chunks);
        write("insertDocument", tx -> {
            Connection c = tx.connection();
            requireContext(c, context);
            if (DocumentTable.exists(c, document.id())) {
                throw new ConflictException("document '" + document.id() + "' already exists");
            }
            DocumentTable.insert(c, context, document);
            for (Indexed<ChunkRecord> chunk : chunks) {
                insertChunk(tx, context, chunk);
            }
            return null;
        });
    }

    @Override
    public Optional<DocumentInfo> document(String context, String id) {
        requireNonNull(context, "context");
        requireNonNull(id, "id");
        return read("document", c -> DocumentTable.byId(c, context, id));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    @Override
    public List<DocumentInfo> documents(String context, Set<String> scopeKeys, int limit) {
        requireNonNull(context, "context");
        requireNonNull(scopeKeys, "scopeKeys");
        StoreChecks.requireLimit(limit);
        if (scopeKeys.isEmpty() || limit == 0) {
            return List.of();
        }
        return read("documents",
                c -> DocumentTable.byScopeKeys(c, context, scopeKeys, limit));
    }

    @Override
    public Map<String, ChunkRecord> chunksById(String context, Collection<String> ids) {
        requireNonNull(context, "context");
        return byIds("chunksById", ids, (c, distinct) -> ChunkTable.byIds(c, context, distinct));
    }

    @Override
    public boolean deleteDocument(String context, String id) {
        requireNonNull(context, "context");
        requireNonNull(id, "id");
        return write("deleteDocument", tx -> {
            Connection c = tx.connection();
            if (!DocumentTable.lock(c, context, id)) {
                return false;
            }
            List<String> chunks = ChunkTable.idsOfDocument(c, id);
            chunks.forEach(chunk -> tx.logDelete(chunk, ChangeLog.CHUNK));
            VectorTable.delete(c, chunks);
            ChunkTable.deleteByDocument(c, id);
            DocumentTable.delete(c, id);
            return true;
        });
    }

    // --- forget ---------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * <p>A record's scope is its own, a turn's its session's and a chunk's its document's; an
     * uncertainty is about an entity when its {@code about} is {@code <type>/<name>} or starts
     * with {@code <type>/<name>#}, and about a key when it ends with {@code #<key>}. The counts
     * leave out rows that were forgotten already, so a second forget counts nothing; a purge
     * nevertheless deletes those rows too, so purging after a soft forget erases what it hid.
     * Soft-forgotten facts get status {@code forgotten} and {@code closedAt} from the
     * {@linkplain PostgresOptions#clock() clock}; other records a forgotten mark. A purge also
     * deletes the entities its facts named that no remaining fact names, and after it commits
     * runs {@code VACUUM} on the tables it deleted from (best effort: a failure is logged; see
     * the class documentation for what VACUUM does and does not erase). A dry run reads one
     * snapshot and writes nothing.
     *
     * @throws NotFoundException when the context does not exist
     */
    @Override
    public ForgetCount forget(String context, ForgetSpec spec, boolean dryRun) {
        requireNonNull(context, "context");
        StoreChecks.requireComplete(spec);
        requireOpen();
        if (dryRun) {
            return db.snapshot("forget", c -> {
                if (!ContextTable.exists(c, context)) {
                    throw new NotFoundException("context '" + context + "'");
                }
                return ForgetWriter.count(c, context, spec);
            });
        }
        Instant now = clock.instant();
        ForgetCount count = write("forget", tx -> {
            requireContext(tx.connection(), context);
            return ForgetWriter.forget(tx, context, spec, now);
        });
        if (spec.purge()) {
            vacuumAfterPurge();
        }
        return count;
    }

    // --- change log for the index ---------------------------------------------------------

    @Override
    public long lastChange() {
        return read("lastChange", ChangeLog::last);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    @Override
    public List<IndexChange> changesSince(long afterSeq, int limit) {
        StoreChecks.requireLimit(limit);
        if (limit == 0) {
            return List.of();
        }
        return read("changesSince", c -> ChangeLog.since(c, afterSeq, limit));
    }

    /**
     * Closes this store; later calls throw {@link IllegalStateException}. The pool closes with
     * the backend, or here when the backend's index is closed already. Idempotent.
     */
    @Override
    public void replaceVectors(Map<String, float[]> vectors, String modelId) {
        requireNonNull(vectors, "vectors");
        requireNonNull(modelId, "modelId");
        if (vectors.isEmpty()) {
            return;
        }
        write("replaceVectors", tx -> {
            // In id order: nodes rebuilding at once lock the same rows in the same order.
            for (Map.Entry<String, float[]> e : new java.util.TreeMap<>(vectors).entrySet()) {
                VectorTable.replace(tx.connection(), e.getKey(), modelId, e.getValue());
            }
            return null;
        });
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }

    @Override
    public String toString() {
        return "PostgresMemoryStore[" + db.description() + "]";
    }

    // --- helpers --------------------------------------------------------------------------

    /** Reads the records of a list of distinct keys. */
    @FunctionalInterface
    private interface ReadMany<K, V> {
        Map<K, V> read(Connection c, List<K> keys) throws SQLException;
    }

    private <T> T write(String what, Database.Work<T> work) {
        requireOpen();
        return db.write(what, work);
    }

    private <T> T read(String what, Database.Read<T> work) {
        requireOpen();
        return db.read(what, work);
    }

    /** Reads the records of distinct keys with one statement (the keys bound as an array). */
    private <K, V> Map<K, V> byIds(String what, Collection<K> keys,
            ReadMany<K, V> reader) {
        List<K> distinct = new ArrayList<>(new LinkedHashSet<>(requireNonNull(keys, "ids")));
        if (distinct.isEmpty()) {
            return Map.of();
        }
        return read(what, c -> reader.read(c, distinct));
    }

    private static <V> Map<String, V> byId(List<V> records, Function<V, String> id) {
        Map<String, V> found = HashMap.newHashMap(records.size());
        records.forEach(record -> found.put(id.apply(record), record));
        return found;
    }

    private void vacuumAfterPurge() {
        try {
            db.vacuum("vacuum after purge", ForgetWriter.PURGED_TABLES);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "VACUUM after a purge failed; autovacuum will remove the"
                    + " deleted rows later", e);
        }
    }

    private static void insertChunk(Database.Transaction tx, String context,
            Indexed<ChunkRecord> indexed) throws SQLException {
        Connection c = tx.connection();
        String id = indexed.record().id();
        RecordIds.requireFree(c, "chunk", id, ChunkTable.exists(c, id));
        ChunkTable.insert(c, context, indexed);
        VectorTable.insert(c, id, indexed.modelId(), indexed.vector());
        tx.logUpsert(id, ChangeLog.CHUNK);
    }

    /** Checks that the context exists and keeps it from being deleted until commit. */
    private static void requireContext(Connection c, String context) throws SQLException {
        if (!ContextTable.lock(c, context, false)) {
            throw new NotFoundException("context '" + context + "'");
        }
    }

    private static void requireOpenSession(Connection c, String context, String sessionId)
            throws SQLException {
        SessionStatus status = SessionTable.lockStatus(c, context, sessionId)
                .orElseThrow(() -> new NotFoundException("session '" + sessionId + "'"));
        if (status == SessionStatus.CLOSED) {
            throw new ConflictException("session '" + sessionId + "' is closed");
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }
}
