package dev.spectron.store.sqlite;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Statements prepared once on one connection and kept open. For the statements every recall
 * runs (its lookups by id, and {@code BEGIN}/{@code COMMIT} around them): SQLite takes about as
 * long to prepare a statement as to run such a lookup.
 *
 * <p>Not thread-safe: used only by the thread that holds the connection, and closed with it.
 */
final class StatementCache implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StatementCache.class.getName());

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    StatementCache(Connection connection) {
        this.connection = connection;
    }

    /**
     * {@code sql} prepared on this cache's connection. Callers bind every parameter and close
     * the result sets they open, never the statement.
     */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        // The driver closes a statement whose execution failed; prepare it again then.
        if (statement == null || statement.isClosed()) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** Runs a statement that returns no rows, such as {@code BEGIN} or {@code COMMIT}. */
    void execute(String sql) throws SQLException {
        prepare(sql).execute();
    }

    /** Closes every statement; the connection stays open. */
    @Override
    public void close() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "closing a cached SQLite statement failed", e);
            }
        }
        statements.clear();
    }
}
