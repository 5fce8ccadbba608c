package dev.spectron.store.sqlite;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite file behind one writer connection and a pool of reader connections.
 *
 * <p>SQLite admits one writer at a time, so the writer connection is guarded by a lock and every
 * write is a {@code BEGIN IMMEDIATE} transaction (taking the file's write lock up front, so that
 * another process writing the same file makes us wait for the busy timeout rather than fail
 * half-way). In WAL mode readers never block the writer nor each other; each read runs in its own
 * transaction on a pooled connection, so a read of several statements sees one snapshot.
 *
 * <p>Locks are {@link ReentrantLock}s and a {@link BlockingQueue}, never {@code synchronized}, so
 * that virtual threads waiting for a connection park instead of pinning their carrier (a call
 * into SQLite itself occupies its carrier while it runs, as any native call does).
 *
 * <p>Transactions are begun and ended with explicit statements on connections left in auto-commit
 * mode: after each commit the driver's {@code setAutoCommit(false)} mode issues the next
 * {@code BEGIN} at once, which with {@code BEGIN IMMEDIATE} would hold the file's write lock
 * while idle and lock out other processes.
 */
final class Database implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Database.class.getName());

    /** A unit of work on a connection inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final String url;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final List<Connection> readerList;
    private final BlockingQueue<Connection> idleReaders;
    /** Each connection's cached statements, used by whoever holds the connection. */
    private final Map<Connection, StatementCache> statements;
    /** Operations hold it shared; close() holds it exclusively, after in-flight work is done. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private Database(String url, Connection writer, List<Connection> readers) {
        this.url = url;
        this.writer = writer;
        this.readerList = List.copyOf(readers);
        this.idleReaders = new ArrayBlockingQueue<>(readers.size(), false, readers);
        Map<Connection, StatementCache> caches = new IdentityHashMap<>();
        caches.put(writer, new StatementCache(writer));
        readers.forEach(reader -> caches.put(reader, new StatementCache(reader)));
        this.statements = Collections.unmodifiableMap(caches);
    }

    /**
     * Migrates the file to the newest schema and opens the connections.
     *
     * @throws SqliteStoreException when the file cannot be opened or migrated
     */
    static Database open(Path file, SqliteOptions options) {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        List<Connection> opened = new ArrayList<>();
        try {
            Connection writer = connect(url, options);
            opened.add(writer);
            requireWal(writer);
            pragma(writer, "synchronous = " + options.synchronous().name());
            Migrations.apply(url);
            List<Connection> readers = new ArrayList<>();
            for (int i = 0; i < options.readers(); i++) {
                Connection reader = connect(url, options);
                opened.add(reader);
                pragma(reader, "query_only = ON");
                readers.add(reader);
            }
            return new Database(url, writer, readers);
        } catch (SQLException | RuntimeException e) {
            opened.forEach(Database::closeQuietly);
            if (e instanceof SQLException sql) {
                throw new SqliteStoreException("cannot open " + url, sql);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Runs {@code work} in a write transaction: commits when it returns, rolls back when it
     * throws, so that nothing half-done is ever left.
     *
     * @throws SqliteStoreException when SQLite fails
     * @throws IllegalStateException when the store is closed
     */
    <T> T write(String what, Work<T> work) {
        lifecycle.readLock().lock();
        try {
            requireOpen();
            writeLock.lock();
            try {
                return inTransaction(writer, "BEGIN IMMEDIATE", work);
            } finally {
                writeLock.unlock();
            }
        } catch (SQLException e) {
            throw new SqliteStoreException(what + " failed", e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Runs {@code work} in a read transaction on a pooled reader: one consistent snapshot.
     *
     * @throws SqliteStoreException when SQLite fails
     * @throws IllegalStateException when the store is closed
     */
    <T> T read(String what, Work<T> work) {
        lifecycle.readLock().lock();
        try {
            requireOpen();
            Connection reader = takeReader();
            try {
                return inTransaction(reader, "BEGIN", work);
            } finally {
                idleReaders.add(reader);
            }
        } catch (SQLException e) {
            throw new SqliteStoreException(what + " failed", e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * The cached statements of {@code connection}, a connection that {@link #read} or
     * {@link #write} handed to the caller's work; valid only within that work.
     */
    StatementCache statements(Connection connection) {
        return statements.get(connection);
    }

    /**
     * Copies every WAL frame into the database file and truncates the WAL to zero bytes, so that
     * content deleted by a committed transaction (and zeroed there by {@code secure_delete}) no
     * longer lingers in old WAL frames. Best effort: it waits up to the busy timeout for readers
     * of older snapshots and logs when it could not finish.
     */
    void truncateWal() {
        lifecycle.readLock().lock();
        writeLock.lock();
        try {
            if (!closed) {
                checkpointAndTruncate();
            }
        } finally {
            writeLock.unlock();
            lifecycle.readLock().unlock();
        }
    }

    private void checkpointAndTruncate() {
        try (Statement statement = writer.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            if (row.next() && row.getInt(1) != 0) {
                LOG.log(Level.WARNING, "WAL checkpoint of {0} was blocked by a reader; deleted"
                        + " content stays in the WAL file until the next checkpoint", url);
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "WAL checkpoint of " + url + " failed", e);
        }
    }

    /** Waits for running operations, then closes every connection. Idempotent. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            statements.values().forEach(StatementCache::close);
            readerList.forEach(Database::closeQuietly);
            // The last connection to close checkpoints the WAL and removes it.
            closeQuietly(writer);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private <T> T inTransaction(Connection connection, String begin, Work<T> work)
            throws SQLException {
        StatementCache cache = statements.get(connection);
        cache.execute(begin);
        T result;
        try {
            result = work.run(connection);
            cache.execute("COMMIT");
        } catch (SQLException | RuntimeException | Error e) {
            rollback(cache, e);
            throw e;
        }
        return result;
    }

    private static void rollback(StatementCache cache, Throwable failure) {
        try {
            cache.execute("ROLLBACK");
        } catch (SQLException e) {
            // A failed COMMIT may have ended the transaction already; only report real trouble.
            if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                failure.addSuppressed(e);
            }
        }
    }

    private Connection takeReader() {
        try {
            return idleReaders.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a read connection", e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }

    private static Connection connect(String url, SqliteOptions options) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        Connection connection = config.createConnection(url);
        try {
            pragma(connection, "foreign_keys = ON");
            pragma(connection, "busy_timeout = " + options.busyTimeout().toMillis());
            // Deleted content is overwritten with zeros instead of lingering in free pages.
            pragma(connection, "secure_delete = ON");
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static void requireWal(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA journal_mode = WAL")) {
            String mode = row.next() ? row.getString(1) : "";
            if (!"wal".equals(mode.toLowerCase(Locale.ROOT))) {
                throw new SQLException("journal_mode WAL was refused (got '" + mode + "')");
            }
        }
    }

    /** Sets a PRAGMA; its argument is one of a few constants, never user input. */
    private static void pragma(Connection connection, String assignment) throws SQLException {
        execute(connection, "PRAGMA " + assignment);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "closing a SQLite connection failed", e);
        }
    }
}
