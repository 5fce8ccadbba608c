package dev.spectron.store.sqlite;

import static java.util.Objects.requireNonNull;

import dev.spectron.api.ConflictException;
import dev.spectron.api.NotFoundException;
import dev.spectron.api.SessionInfo;
import dev.spectron.api.SessionStatus;
import dev.spectron.api.Turn;
import dev.spectron.engine.spi.ApiKeyRecord;
import dev.spectron.engine.spi.IndexChange;
import dev.spectron.engine.spi.MemoryStore;
import dev.spectron.engine.spi.NewTurn;
import dev.spectron.engine.spi.StoredTurn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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
 * The store of record in one SQLite file, in WAL mode, migrated to the newest schema on open.
 *
 * <p>Every method runs in one transaction and either completes or changes nothing; writes are
 * durable when they return (with {@link SqliteOptions.Synchronous#FULL}, also across a power
 * loss). Reads apply scope floor matching inside the SQL. Deleted content is overwritten in the
 * database file ({@code secure_delete}), and after a deletion the WAL is checkpointed and
 * truncated so that old copies do not linger there either (best effort: a reader still holding
 * an older snapshot after the busy timeout defers that to the next checkpoint, with a warning).
 *
 * <p>Instants are stored with nanosecond precision and read back exactly as given. Record ids
 * (sessions, turns) are unique across the whole store, not only within a context.
 *
 * <p>Thread-safe: one writer connection serves writes one at a time, and a pool of reader
 * connections serves reads beside it; callers may be virtual threads.
 */
public final class SqliteMemoryStore implements MemoryStore {
    private final Database db;

    private SqliteMemoryStore(Database db) {
        this.db = db;
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
        return new SqliteMemoryStore(Database.open(databaseFile, options));
    }

    // --- contexts -------------------------------------------------------------------------

    @Override
    public boolean createContext(String context, Instant at) {
        requireNonNull(context, "context");
        String createdAt = Columns.instant(requireNonNull(at, "at"));
        return db.write("createContext", c -> ContextTable.insert(c, context, createdAt));
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
        Records.requireComplete(key);
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
        Records.requireComplete(session);
        String metadata = Columns.json(session.metadata(), "metadata");
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
        Records.requireLimit(limit);
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
     * @throws ConflictException also when a turn with the same id exists
     * @throws dev.spectron.api.InvalidInputException when the metadata cannot be written as JSON
     */
    @Override
    public Turn appendTurn(String context, NewTurn turn) {
        requireNonNull(context, "context");
        Records.requireComplete(turn);
        String metadata = Columns.json(turn.metadata(), "metadata");
        byte[] vector = Columns.vector(turn.vector());
        int seq = db.write("appendTurn", c -> {
            requireOpenSession(c, context, turn.sessionId());
            if (TurnTable.exists(c, turn.id())) {
                throw new ConflictException("turn '" + turn.id() + "' already exists");
            }
            int next = TurnTable.nextSeq(c, turn.sessionId());
            TurnTable.insert(c, context, turn, next, metadata);
            VectorTable.put(c, turn.id(), turn.modelId(), vector);
            ChangeLog.upsert(c, turn.id(), ChangeLog.TURN);
            return next;
        });
        return new Turn(turn.id(), turn.sessionId(), seq, turn.role(), turn.speaker(),
                turn.content(), turn.createdAt(), turn.observedAt(), Columns.jsonObject(metadata));
    }

    @Override
    public List<Turn> turns(String context, String sessionId) {
        requireNonNull(context, "context");
        requireNonNull(sessionId, "sessionId");
        return db.read("turns", c -> TurnTable.bySession(c, context, sessionId));
    }

    @Override
    public Map<String, StoredTurn> turnsById(String context, Collection<String> turnIds) {
        requireNonNull(context, "context");
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(requireNonNull(turnIds, "turnIds")));
        if (ids.isEmpty()) {
            return Map.of();
        }
        return db.read("turnsById", c -> {
            Map<String, StoredTurn> found = HashMap.newHashMap(ids.size());
            for (int from = 0; from < ids.size(); from += Sql.MAX_IN_LIST) {
                int to = Math.min(ids.size(), from + Sql.MAX_IN_LIST);
                TurnTable.byIds(c, context, ids.subList(from, to), found);
            }
            return found;
        });
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
        Records.requireLimit(limit);
        if (limit == 0) {
            return List.of();
        }
        return db.read("changesSince", c -> ChangeLog.since(c, afterSeq, limit));
    }

    /** Waits for running calls, then closes the database. Idempotent. */
    @Override
    public void close() {
        db.close();
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
