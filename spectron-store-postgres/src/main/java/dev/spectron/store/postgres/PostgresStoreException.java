package dev.spectron.store.postgres;

import dev.spectron.api.SpectronException;
import java.sql.SQLException;

/**
 * The PostgreSQL database failed: it is unreachable, out of space, a statement timed out, or a
 * transaction kept failing to serialise. The operation that threw it changed nothing. Reported
 * as HTTP 500 with the code {@code storage_failure}.
 */
public final class PostgresStoreException extends SpectronException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what the store or index was doing
     * @param cause the driver's exception
     */
    public PostgresStoreException(String message, Throwable cause) {
        super("storage_failure", 500, message + ": " + describe(cause));
        initCause(cause);
    }

    private static String describe(Throwable cause) {
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            return cause.getMessage() + " [SQLState " + sql.getSQLState() + "]";
        }
        return String.valueOf(cause.getMessage());
    }
}
