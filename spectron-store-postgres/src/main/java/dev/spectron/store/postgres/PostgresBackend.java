package dev.spectron.store.postgres;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Spectron on PostgreSQL: one connection pool shared by the store of record
 * ({@link #store()}) and the search index ({@link #index(int)}), both living in one database
 * (PostgreSQL 15 or newer; the index needs pgvector 0.5 or newer, and 0.8 or newer to keep
 * filtered vector searches complete, see {@link PostgresSearchIndex}). Nodes hold no state of
 * their own: any number of them may open the same database.
 *
 * <pre>{@code
 * String url = "jdbc:postgresql://db:5432/spectron?user=spectron&password=secret";
 * try (PostgresBackend pg = PostgresBackend.open(url)) {
 *     MemoryEngine engine = MemoryEngine.builder().store(pg.store())
 *             .index(pg.index(embedder.dimensions())).embedder(embedder).build();
 * }
 * }</pre>
 *
 * <p>Opening migrates the store's schema; the first {@link #index(int)} migrates the index's.
 * The pool closes when the backend is closed, or as soon as the store and the index it handed
 * out are all closed (an engine that closes both releases everything). Thread-safe.
 */
public final class PostgresBackend implements AutoCloseable {
    private final Database db;
    private final PostgresOptions options;
    private final ReentrantLock lock = new ReentrantLock();
    private final PostgresMemoryStore store;
    private PostgresSearchIndex index;
    private boolean storeHandedOut;
    private boolean storeClosed;
    private boolean indexClosed;

    private PostgresBackend(Database db, PostgresOptions options) {
        this.db = db;
        this.options = options;
        this.store = new PostgresMemoryStore(db, options.clock(), this::storeClosed);
    }

    /**
     * Connects with {@link PostgresOptions#of(String) default options} and migrates the store's
     * schema.
     *
     * @param jdbcUrl a {@code jdbc:postgresql:} URL, with {@code user} and {@code password}
     *     parameters when the server asks for them
     * @throws PostgresStoreException when the database cannot be reached or migrated
     * @throws IllegalArgumentException when the URL is not a PostgreSQL JDBC URL
     */
    public static PostgresBackend open(String jdbcUrl) {
        return open(PostgresOptions.of(requireNonNull(jdbcUrl, "jdbcUrl")));
    }

    /**
     * Connects and migrates the store's schema (creating the schema when the options name one).
     *
     * @throws PostgresStoreException when the database cannot be reached or migrated
     */
    public static PostgresBackend open(PostgresOptions options) {
        requireNonNull(options, "options");
        Database db = Database.open(options);
        try {
            Migrations.store(db.dataSource(), options.schema());
            db.logLockKey(db.read("read the change log's lock key", ChangeLog::lockKey));
            return new PostgresBackend(db, options);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The store of record; always the same instance. */
    public PostgresMemoryStore store() {
        lock.lock();
        try {
            requireOpen();
            storeHandedOut = true;
            return store;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The search index for vectors of {@code dimensions} (the embedder's), migrating its tables
     * on first use; always the same instance.
     *
     * @throws IllegalArgumentException when {@code dimensions} is not between 1 and
     *     {@value PostgresSearchIndex#MAX_DIMENSIONS} (the most pgvector's HNSW index takes)
     * @throws IllegalStateException when the database's index holds vectors of another
     *     dimension (every node must embed with the same model; see
     *     {@link PostgresSearchIndex}), or this backend handed out an index of another dimension
     * @throws PostgresStoreException when the index's tables cannot be created, for example
     *     because pgvector is not installed
     */
    public PostgresSearchIndex index(int dimensions) {
        if (dimensions < 1 || dimensions > PostgresSearchIndex.MAX_DIMENSIONS) {
            throw new IllegalArgumentException("dimensions must be between 1 and "
                    + PostgresSearchIndex.MAX_DIMENSIONS + ", got " + dimensions);
        }
        lock.lock();
        try {
            requireOpen();
            if (index == null) {
                Migrations.index(db.dataSource(), options.schema(), dimensions);
                index = PostgresSearchIndex.open(db, dimensions, this::indexClosed);
            } else if (index.dimensions() != dimensions) {
                throw new IllegalStateException("this backend's index holds "
                        + index.dimensions() + "-dimensional vectors, not " + dimensions);
            }
            return index;
        } catch (SQLException e) {
            throw new PostgresStoreException("cannot open the search index", e);
        } finally {
            lock.unlock();
        }
    }

    /** Closes the pool; the store and index stop working. Idempotent. */
    @Override
    public void close() {
        db.close();
    }

    @Override
    public String toString() {
        return "PostgresBackend[" + options + "]";
    }

    private void storeClosed() {
        lock.lock();
        try {
            storeClosed = true;
            closeWhenAllClosed();
        } finally {
            lock.unlock();
        }
    }

    private void indexClosed() {
        lock.lock();
        try {
            indexClosed = true;
            closeWhenAllClosed();
        } finally {
            lock.unlock();
        }
    }

    private void closeWhenAllClosed() {
        boolean storeDone = !storeHandedOut || storeClosed;
        boolean indexDone = index == null || indexClosed;
        if (storeDone && indexDone) {
            db.close();
        }
    }

    private void requireOpen() {
        if (db.isClosed()) {
            throw new IllegalStateException("the PostgreSQL backend is closed");
        }
    }
}
