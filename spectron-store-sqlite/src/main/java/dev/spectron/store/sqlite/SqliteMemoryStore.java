package dev.spectron.store.sqlite;

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
import dev.spectron.engine.spi.FactStore;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The store of record in one SQLite file, in WAL mode, migrated to the newest schema on open:
 * sessions and turns ({@link MemoryStore}) and structured memory ({@link FactStore}).
 *
 * <p>Every method runs in one transaction and either completes or changes nothing; writes are
 * durable when they return (with {@link SqliteOptions.Synchronous#FULL}, also across a power
 * loss). Reads apply scope floor matching inside the SQL. Deleted content is overwritten in the
 * database file ({@code secure_delete}), and after a deletion the WAL is checkpointed and
 * truncated so that old copies do not linger there either (best effort: a reader still holding
 * an older snapshot after the busy timeout defers that to the next checkpoint, with a warning).
 *
 * <p>A forgotten record ({@link #forget} without purge) is absent from every read, and the
 * session and document writes addressed to it find nothing ({@link #appendTurn} into a forgotten
 * session throws {@link NotFoundException}, {@link #closeSession}, {@link #deleteSession} and
 * {@link #deleteDocument} answer as for a missing one); an update of a forgotten fact in
 * {@link #apply} changes nothing. Its id stays taken. A purge deletes it.
 *
 * <p>Instants are stored with nanosecond precision and read back exactly as given. Record ids
 * are unique across the whole store, not only within a context; the ids of indexed records
 * (turns, facts, instructions, chunks) are moreover unique across those kinds. Free JSON
 * (metadata, a source's metadata) reads back as JSON reads it: nested maps, lists, strings,
 * numbers, booleans and nulls.
 *
 * <p>Thread-safe: one writer connection serves writes one at a time, and a pool of reader
 * connections serves reads beside it; callers may be virtual threads.
 */
public final class SqliteMemoryStore implements MemoryStore, FactStore {
    // Longer than our usual file: one facade over both SPIs, as the engine sees one store. Each
    // method is argument checks and one transaction; the SQL lives in the *Table classes,
    // FactBatchWriter and ForgetWriter, so splitting this class would only add a layer of
    // forwarding.
    private final Database db;
    private final Clock clock;

    private SqliteMemoryStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Opens (creating it and its directory if needed) the database at {@code databaseFile} with
     * {@link SqliteOptions#defaults()}.
     *
     * @throws SqliteStoreException when the file cannot be opened or migrated
     */
    public static SqliteMemoryStore open(Path databaseFile) {
        return open(databaseFile, SqliteOptions.defaults());
    }

    /**
     * Opens (creating it and its directory if needed) the database at {@code databaseFile}.
     *
     * @throws SqliteStoreException when the file cannot be opened or migrated
     * @throws UncheckedIOException when the directory cannot be created
     */
    public static SqliteMemoryStore open(Path databaseFile, SqliteOptions options) {
        requireNonNull(databaseFile, "databaseFile");
        requireNonNull(options, "options");
        Path directory = databaseFile.toAbsolutePath().getParent();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        return new SqliteMemoryStore(Database.open(databaseFile, options), options.clock());
    }

    // --- contexts -------------------------------------------------------------------------

    @Override
    public boolean createContext(String context, Instant at) {
        requireNonNull(context, "context");
        String createdAt = Columns.instant(requireNonNull(at, "at"));
        return db.write("createContext", c -> ContextTable.insert(c, context, createdAt));
    }

    @Override
    public List<ApiKeyRecord> keys(String context) {
        requireNonNull(context, "context");
        return db.read("keys", c -> KeyTable.byContext(c, context));
    }

    @Override
    public boolean revokeKey(String keyId, Instant at) {
        requireNonNull(keyId, "keyId");
        String when = Columns.instant(requireNonNull(at, "at"));
        return db.write("revokeKey", c -> KeyTable.revoke(c, keyId, when));
    }

    @Override
    public boolean deleteContext(String context) {
        requireNonNull(context, "context");
        return db.write("deleteContext", c -> {
            if (!ContextTable.exists(c, context)) {
                return false;
            }
            for (String table : new String[] {"sessions", "turns", "facts", "instructions",
                    "uncertainties", "documents"}) {
                try (java.sql.PreparedStatement st = c.prepareStatement(
                        "SELECT EXISTS (SELECT 1 FROM " + table + " WHERE context = ?)")) {
                    st.setString(1, context);
                    try (java.sql.ResultSet row = st.executeQuery()) {
                        if (row.next() && row.getBoolean(1)) {
                            throw new dev.spectron.api.ConflictException("context '" + context
                                    + "' still holds " + table + "; purge its memory first");
                        }
                    }
                }
            }
            for (String statement : new String[] {"DELETE FROM entities WHERE context = ?",
                    "DELETE FROM key_specs WHERE context = ?",
                    "DELETE FROM api_keys WHERE context = ?",
                    "DELETE FROM contexts WHERE name = ?"}) {
                try (java.sql.PreparedStatement st = c.prepareStatement(statement)) {
                    st.setString(1, context);
                    st.executeUpdate();
                }
            }
            return true;
        });
    }

    @Override
    public List<KeySpec> keySpecs(String context) {
        requireNonNull(context, "context");
        return db.read("keySpecs", c -> KeySpecTable.byContext(c, context));
    }

    @Override
    public void saveKeySpecs(String context, List<KeySpec> specs) {
        requireNonNull(context, "context");
        db.write("saveKeySpecs", c -> {
            if (!ContextTable.exists(c, context)) {
                throw new dev.spectron.api.NotFoundException("context '" + context + "'");
            }
            for (KeySpec spec : specs) {
                KeySpecTable.upsert(c, context, spec);
            }
            return null;
        });
    }

    @Override
    public boolean contextExists(String context) {
        requireNonNull(context, "context");
        return db.read("contextExists", c -> ContextTable.exists(c, context));
    }

    @Override
    public List<String> contexts() {
        return db.read("contexts", ContextTable::names);
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
        db.write("insertKey", c -> {
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
        return db.read("key", c -> KeyTable.byId(c, keyId));
    }

    @Override
    public boolean hasManagementKey() {
        return db.read("hasManagementKey", KeyTable::anyManagement);
    }

    /**
     * {@inheritDoc} The write transaction ({@code BEGIN IMMEDIATE}) holds the file's write lock,
     * so the check and the inserts cannot interleave with another bootstrap.
     */
    @Override
    public boolean bootstrap(String context, Instant at, ApiKeyRecord managementKey,
            ApiKeyRecord dataKey) {
        requireNonNull(context, "context");
        String createdAt = Columns.instant(requireNonNull(at, "at"));
        StoreChecks.requireBootstrapKeys(context, managementKey, dataKey);
        return db.write("bootstrap", c -> {
            if (KeyTable.anyManagement(c)) {
                return false;
            }
            ContextTable.insert(c, context, createdAt);
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
        return db.write("claimIdempotencyKey", c -> IdempotencyTable.claim(c, slot, context,
                token, requestHash, now, expiresAt));
    }

    @Override
    public boolean completeIdempotencyKey(String slot, String token, IdempotentAnswer answer,
            Instant expiresAt) {
        StoreChecks.requireAnswer(slot, token, answer, expiresAt);
        return db.write("completeIdempotencyKey",
                c -> IdempotencyTable.complete(c, slot, token, answer, expiresAt));
    }

    @Override
    public void releaseIdempotencyKey(String slot, String token) {
        requireNonNull(slot, "slot");
        requireNonNull(token, "token");
        db.write("releaseIdempotencyKey", c -> {
            IdempotencyTable.release(c, slot, token);
            return null;
        });
    }

    @Override
    public int purgeIdempotencyKeys(Instant now) {
        requireNonNull(now, "now");
        return db.write("purgeIdempotencyKeys", c -> IdempotencyTable.purge(c, now));
    }

    @Override
    public int forgetIdempotencyKeys(String context) {
        requireNonNull(context, "context");
        return db.write("forgetIdempotencyKeys", c -> IdempotencyTable.forget(c, context));
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
        db.write("insertSession", c -> {
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
        return db.read("session", c -> SessionTable.byId(c, context, sessionId));
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
        return db.read("sessions", c -> SessionTable.byScopeKeys(c, context, scopeKeys, limit));
    }

    @Override
    public boolean closeSession(String context, String sessionId, Instant at) {
        requireNonNull(context, "context");
        requireNonNull(sessionId, "sessionId");
        String closedAt = Columns.instant(requireNonNull(at, "at"));
        return db.write("closeSession", c -> SessionTable.close(c, context, sessionId, closedAt));
    }

    @Override
    public int deleteSession(String context, String sessionId) {
        requireNonNull(context, "context");
        requireNonNull(sessionId, "sessionId");
        int deleted = db.write("deleteSession", c -> {
            if (SessionTable.status(c, context, sessionId).isEmpty()) {
                return -1;
            }
            ChangeLog.deleteTurnsOf(c, sessionId);
            VectorTable.deleteBySession(c, sessionId);
            int turns = TurnTable.deleteBySession(c, sessionId);
            SessionTable.delete(c, sessionId);
            return turns;
        });
        if (deleted >= 0) {
            db.truncateWal();
        }
        return deleted;
    }

    // --- turns ----------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * <p>The returned turn is exactly what {@link #turns} and {@link #turnsById} read back; its
     * metadata has been through JSON (so, for example, a {@code long} that fits an {@code int}
     * comes back as an {@code Integer}).
     *
     * @throws ConflictException also when a turn, or a record of another kind, has the id
     * @throws dev.spectron.api.InvalidInputException when the metadata cannot be written as JSON
     */
    @Override
    public Turn appendTurn(String context, NewTurn turn) {
        requireNonNull(context, "context");
        StoreChecks.requireComplete(turn);
        String metadata = StoredValues.json(turn.metadata(), "metadata");
        byte[] vector = StoredValues.vector(turn.vector());
        int seq = db.write("appendTurn", c -> {
            requireOpenSession(c, context, turn.sessionId());
            RecordIds.requireFree(c, "turn", turn.id(), TurnTable.exists(c, turn.id()));
            int next = TurnTable.nextSeq(c, turn.sessionId());
            TurnTable.insert(c, context, turn, next, metadata);
            VectorTable.insert(c, turn.id(), turn.modelId(), vector);
            ChangeLog.upsert(c, turn.id(), ChangeLog.TURN);
            return next;
        });
        return new Turn(turn.id(), turn.sessionId(), seq, turn.role(), turn.speaker(),
                turn.content(), turn.createdAt(), turn.observedAt(), StoredValues.jsonObject(metadata));
    }

    @Override
    public List<Turn> turns(String context, String sessionId) {
        requireNonNull(context, "context");
        requireNonNull(sessionId, "sessionId");
        return db.read("turns", c -> TurnTable.bySession(c, context, sessionId));
    }

    @Override
    public List<Turn> lastTurns(String context, String sessionId, int limit) {
        requireNonNull(context, "context");
        requireNonNull(sessionId, "sessionId");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return db.read("lastTurns", c -> TurnTable.bySession(c, context, sessionId, limit));
    }

    @Override
    public Map<String, StoredTurn> turnsById(String context, Collection<String> turnIds) {
        requireNonNull(context, "context");
        return byIds("turnsById", turnIds,
                (statements, ids, found) -> TurnTable.byIds(statements, context, ids, found));
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
        db.write("apply", c -> {
            requireContext(c, context);
            FactBatchWriter.apply(c, context, batch);
            return null;
        });
    }

    @Override
    public Optional<EntityRecord> entity(String context, EntityKey key) {
        requireNonNull(context, "context");
        requireNonNull(key, "key");
        return db.read("entity", c -> EntityTable.byKey(c, context, key));
    }

    @Override
    public Map<EntityKey, EntityRecord> entities(String context, Collection<EntityKey> keys) {
        requireNonNull(context, "context");
        return inChunks("entities", keys,
                (c, chunk, found) -> EntityTable.byKeys(c, context, chunk, found));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The name filter compares lower-cased text: the entity's normalised name, or its display
     * name lower-cased by SQLite, which folds ASCII letters only.
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
        return db.read("visibleEntities",
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
        return db.read("facts", c -> FactTable.query(c, context, query));
    }

    @Override
    public Map<String, FactRecord> factsById(String context, Collection<String> ids) {
        requireNonNull(context, "context");
        return byIds("factsById", ids,
                (statements, json, found) -> FactTable.byIds(statements, context, json, found));
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
        return db.read("instructions",
                c -> InstructionTable.byScopeKeys(c, context, scopeKeys, activeOnly));
    }

    @Override
    public Map<String, Instruction> instructionsById(String context, Collection<String> ids) {
        requireNonNull(context, "context");
        return byIds("instructionsById", ids, (statements, json, found) ->
                InstructionTable.byIds(statements, context, json, found));
    }

    @Override
    public List<Uncertainty> uncertainties(String context, Set<String> scopeKeys,
            boolean openOnly) {
        requireNonNull(context, "context");
        requireNonNull(scopeKeys, "scopeKeys");
        if (scopeKeys.isEmpty()) {
            return List.of();
        }
        return db.read("uncertainties",
                c -> UncertaintyTable.byScopeKeys(c, context, scopeKeys, openOnly));
    }

    @Override
    public Optional<Uncertainty> uncertainty(String context, String id) {
        requireNonNull(context, "context");
        requireNonNull(id, "id");
        return db.read("uncertainty", c -> UncertaintyTable.byId(c, context, id));
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
        db.write("insertDocument", c -> {
            requireContext(c, context);
            if (DocumentTable.exists(c, document.id())) {
                throw new ConflictException("document '" + document.id() + "' already exists");
            }
            DocumentTable.insert(c, context, document);
            for (Indexed<ChunkRecord> chunk : chunks) {
                insertChunk(c, context, chunk);
            }
            return null;
        });
    }

    @Override
    public Optional<DocumentInfo> document(String context, String id) {
        requireNonNull(context, "context");
        requireNonNull(id, "id");
        return db.read("document", c -> DocumentTable.byId(c, context, id));
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
        return db.read("documents",
                c -> DocumentTable.byScopeKeys(c, context, scopeKeys, limit));
    }

    @Override
    public Map<String, ChunkRecord> chunksById(String context, Collection<String> ids) {
        requireNonNull(context, "context");
        return byIds("chunksById", ids,
                (statements, json, found) -> ChunkTable.byIds(statements, context, json, found));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The chunks' text and vectors are overwritten in the file as with
     * {@link #deleteSession}.
     */
    @Override
    public boolean deleteDocument(String context, String id) {
        requireNonNull(context, "context");
        requireNonNull(id, "id");
        boolean deleted = db.write("deleteDocument", c -> {
            if (DocumentTable.byId(c, context, id).isEmpty()) {
                return false;
            }
            ChangeLog.deleteChunksOf(c, id);
            VectorTable.deleteByDocument(c, id);
            ChunkTable.deleteByDocument(c, id);
            DocumentTable.delete(c, id);
            return true;
        });
        if (deleted) {
            db.truncateWal();
        }
        return deleted;
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
     * {@linkplain SqliteOptions#clock() clock}; other records a forgotten mark. A purge also
     * deletes the entities its facts named that no remaining fact names, and then checkpoints
     * and truncates the WAL as {@link #deleteSession} does. A dry run reads one snapshot and
     * writes nothing.
     *
     * @throws NotFoundException when the context does not exist
     */
    @Override
    public ForgetCount forget(String context, ForgetSpec spec, boolean dryRun) {
        requireNonNull(context, "context");
        StoreChecks.requireComplete(spec);
        if (dryRun) {
            return db.read("forget", c -> {
                requireContext(c, context);
                return ForgetWriter.count(c, context, spec);
            });
        }
        String now = Columns.instant(clock.instant());
        ForgetCount count = db.write("forget", c -> {
            requireContext(c, context);
            return ForgetWriter.forget(c, context, spec, now);
        });
        if (spec.purge()) {
            db.truncateWal();
        }
        return count;
    }

    // --- change log for the index ---------------------------------------------------------

    @Override
    public long lastChange() {
        return db.read("lastChange", ChangeLog::last);
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
        return db.read("changesSince", c -> ChangeLog.since(c, afterSeq, limit));
    }

    @Override
    public void replaceVectors(Map<String, float[]> vectors, String modelId) {
        requireNonNull(vectors, "vectors");
        requireNonNull(modelId, "modelId");
        if (vectors.isEmpty()) {
            return;
        }
        db.write("replaceVectors", c -> {
            // In id order: nodes rebuilding at once lock the same rows in the same order.
            for (Map.Entry<String, float[]> e : new java.util.TreeMap<>(vectors).entrySet()) {
                VectorTable.replace(c, e.getKey(), modelId, StoredValues.vector(e.getValue()));
            }
            return null;
        });
    }

    /** Waits for running calls, then closes the database. Idempotent. */
    @Override
    public void close() {
        db.close();
    }

    /** Reads {@link Sql#MAX_IN_LIST} keys per statement, all in one snapshot. */
    @FunctionalInterface
    private interface ChunkReader<K, V> {
        void read(Connection c, List<K> keys, Map<K, V> found) throws SQLException;
    }

    /** Reads records by id with one cached statement; the ids are bound as one JSON array. */
    @FunctionalInterface
    private interface IdReader<V> {
        void read(StatementCache statements, String idsJson, Map<String, V> found)
                throws SQLException;
    }

    /**
     * The records among {@code ids}. Recall hydrates its candidates with these lookups, so the
     * statement keeps one shape whatever the number of ids and is prepared once per connection.
     */
    private <V> Map<String, V> byIds(String what, Collection<String> ids, IdReader<V> reader) {
        if (requireNonNull(ids, "ids").isEmpty()) {
            return Map.of();
        }
        String json = StoredValues.json(ids, "ids");
        return db.read(what, c -> {
            Map<String, V> found = HashMap.newHashMap(ids.size());
            reader.read(db.statements(c), json, found);
            return found;
        });
    }

    private <K, V> Map<K, V> inChunks(String what, Collection<K> keys,
            ChunkReader<K, V> reader) {
        List<K> distinct = new ArrayList<>(new LinkedHashSet<>(requireNonNull(keys, "ids")));
        if (distinct.isEmpty()) {
            return Map.of();
        }
        return db.read(what, c -> {
            Map<K, V> found = HashMap.newHashMap(distinct.size());
            for (int from = 0; from < distinct.size(); from += Sql.MAX_IN_LIST) {
                int to = Math.min(distinct.size(), from + Sql.MAX_IN_LIST);
                reader.read(c, distinct.subList(from, to), found);
            }
            return found;
        });
    }

    private static void insertChunk(Connection c, String context, Indexed<ChunkRecord> indexed)
            throws SQLException {
        String id = indexed.record().id();
        RecordIds.requireFree(c, "chunk", id, ChunkTable.exists(c, id));
        ChunkTable.insert(c, context, indexed);
        VectorTable.insert(c, id, indexed.modelId(), StoredValues.vector(indexed.vector()));
        ChangeLog.upsert(c, id, ChangeLog.CHUNK);
    }

    private static void requireContext(Connection c, String context) throws SQLException {
        if (!ContextTable.exists(c, context)) {
            throw new NotFoundException("context '" + context + "'");
        }
    }

    private static void requireOpenSession(Connection c, String context, String sessionId)
            throws SQLException {
        SessionStatus status = SessionTable.status(c, context, sessionId)
                .orElseThrow(() -> new NotFoundException("session '" + sessionId + "'"));
        if (status == SessionStatus.CLOSED) {
            throw new ConflictException("session '" + sessionId + "' is closed");
        }
    }
}
