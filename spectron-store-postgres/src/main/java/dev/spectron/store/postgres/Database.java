package dev.spectron.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.spectron.api.ConflictException;
import dev.spectron.api.InvalidInputException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;

/**
 * One pool of connections to the database and the rules for using them.
 *
 * <p>A write is one transaction at READ COMMITTED: it commits when its work returns and rolls
 * back when the work throws, so nothing half-done is ever left. Work that must read and then
 * change a row locks it first ({@code SELECT … FOR UPDATE}); a transaction that PostgreSQL
 * aborts as a deadlock victim or a serialisation failure is run again from the start, up to
 * {@value #ATTEMPTS} times. Index changes the work logs ({@link Transaction#logUpsert},
 * {@link Transaction#logDelete}) are appended to the change log as the transaction's last
 * statements ({@link ChangeLog#append}).
 *
 * <p>A read runs its single statement in auto-commit mode (one statement sees one snapshot);
 * {@link #snapshot} runs several statements in one REPEATABLE READ, READ ONLY transaction.
 *
 * <p>Thread-safe. {@link #close()} waits for running operations; later ones fail with
 * {@link IllegalStateException}. Locks are {@link ReentrantReadWriteLock}s, never
 * {@code synchronized}, so that virtual threads waiting here park instead of pinning.
 */
final class Database implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Database.class.getName());
    /** How often a transaction is tried when PostgreSQL aborts it for a deadlock. */
    static final int ATTEMPTS = 5;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";
    private static final String NOT_IN_REPERTOIRE = "22021";

    /** A unit of work inside a write transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Transaction tx) throws SQLException;
    }

    /** A unit of work on a connection that only reads. */
    @FunctionalInterface
    interface Read<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * A write transaction in progress: its connection and the index changes it has logged so
     * far, appended to the change log when the work is done.
     */
    static final class Transaction {
        private final Connection connection;
        private final List<ChangeLog.Entry> log = new ArrayList<>();

        private Transaction(Connection connection) {
            this.connection = connection;
        }

        Connection connection() {
            return connection;
        }

        /** Logs that the search index must (re)read record {@code id} of {@code kind}. */
        void logUpsert(String id, String kind) {
            log.add(new ChangeLog.Entry(id, kind, ChangeLog.UPSERT));
        }

        /** Logs that the search index must drop record {@code id} of {@code kind}. */
        void logDelete(String id, String kind) {
            log.add(new ChangeLog.Entry(id, kind, ChangeLog.DELETE));
        }
    }

    private final HikariDataSource pool;
    private final String description;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile long logLockKey;
    private boolean closed;

    private Database(HikariDataSource pool, String description) {
        this.pool = pool;
        this.description = description;
    }

    /**
     * Opens a pool. Fails fast when no connection can be made.
     *
     * @throws PostgresStoreException when the database cannot be reached
     */
    static Database open(PostgresOptions options) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(options.jdbcUrl());
        config.setMaximumPoolSize(options.poolSize());
        config.setPoolName("spectron-postgres");
        // A schema of our own, with public behind it for the vector type and its operators.
        options.schema().ifPresent(schema ->
                config.setConnectionInitSql("SET search_path TO \"" + schema + "\", public"));
        try {
            return new Database(new HikariDataSource(config), Redaction.url(options.jdbcUrl()));
        } catch (RuntimeException e) {
            throw new PostgresStoreException("cannot connect to " + Redaction.url(
                    options.jdbcUrl()), e.getCause() instanceof SQLException ? e.getCause() : e);
        }
    }

    /** The pool, for schema migration. */
    DataSource dataSource() {
        return pool;
    }

    /** Where the pool connects, password hidden. */
    String description() {
        return description;
    }

    /**
     * Sets the advisory lock key that serialises appends to the change log; read once the
     * schema exists ({@link ChangeLog#lockKey}).
     */
    void logLockKey(long key) {
        this.logLockKey = key;
    }

    /**
     * Runs {@code work} in a write transaction, appending what it logged to the change log at
     * the end, and commits.
     *
     * @throws ConflictException when a unique constraint rejects a row (a concurrent writer
     *     took the id between the work's check and its insert)
     * @throws InvalidInputException when text holds a character PostgreSQL cannot store (NUL)
     * @throws PostgresStoreException when the database fails
     * @throws IllegalStateException when the pool is closed
     */
    <T> T write(String what, Work<T> work) {
        lifecycle.readLock().lock();
        try {
            requireOpen();
            for (int attempt = 1; ; attempt++) {
                try (Connection c = pool.getConnection()) {
                    return inTransaction(c, work);
                } catch (SQLException e) {
                    if (!retryable(e) || attempt == ATTEMPTS) {
                        throw translate(what, e);
                    }
                    LOG.log(System.Logger.Level.DEBUG, "{0}: retrying after {1}", what,
                            e.getMessage());
                }
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Runs a single-statement read in auto-commit mode.
     *
     * @throws PostgresStoreException when the database fails
     * @throws IllegalStateException when the pool is closed
     */
    <T> T read(String what, Read<T> work) {
        lifecycle.readLock().lock();
        try {
            requireOpen();
            try (Connection c = pool.getConnection()) {
                return work.run(c);
            } catch (SQLException e) {
                throw translate(what, e);
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Runs several reads in one REPEATABLE READ, READ ONLY transaction: one snapshot.
     *
     * @throws PostgresStoreException when the database fails
     * @throws IllegalStateException when the pool is closed
     */
    <T> T snapshot(String what, Read<T> work) {
        lifecycle.readLock().lock();
        try {
            requireOpen();
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try {
                    execute(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException | Error e) {
                    rollback(c, e);
                    throw e;
                }
            } catch (SQLException e) {
                throw translate(what, e);
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Runs {@code VACUUM} on {@code tables} (outside any transaction, as VACUUM requires), so
     * that the row versions deleted by committed transactions are removed from the tables'
     * pages and indexes as far as no open snapshot still needs them.
     *
     * @throws PostgresStoreException when VACUUM fails
     */
    void vacuum(String what, List<String> tables) {
        lifecycle.readLock().lock();
        try {
            requireOpen();
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(true);
                execute(c, "VACUUM " + String.join(", ", tables));
            } catch (SQLException e) {
                throw translate(what, e);
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Waits for running operations, then closes every connection. Idempotent. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                pool.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** True once {@link #close()} has run. */
    boolean isClosed() {
        lifecycle.readLock().lock();
        try {
            return closed;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            Transaction tx = new Transaction(c);
            T result = work.run(tx);
            ChangeLog.append(c, logLockKey, tx.log);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            rollback(c, e);
            throw e;
        }
    }

    private static void rollback(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static boolean retryable(SQLException e) {
        return SERIALIZATION_FAILURE.equals(e.getSQLState())
                || DEADLOCK_DETECTED.equals(e.getSQLState());
    }

    private RuntimeException translate(String what, SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            ConflictException conflict = new ConflictException(what + ": a record with the same"
                    + " key already exists (" + firstLine(e.getMessage()) + ")");
            conflict.initCause(e);
            return conflict;
        }
        if (NOT_IN_REPERTOIRE.equals(e.getSQLState())) {
            InvalidInputException invalid = new InvalidInputException("text", "must not contain"
                    + " the NUL character, which PostgreSQL text cannot hold");
            invalid.initCause(e);
            return invalid;
        }
        return new PostgresStoreException(what + " failed on " + description, e);
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the PostgreSQL connection pool is closed");
        }
    }

    /** Runs a fixed statement; never one built from user input. */
    static void execute(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}
