package dev.spectron.store.sqlite;

import dev.spectron.api.SpectronException;

/**
 * The SQLite database failed: the disk is full or unreadable, the file is corrupt, a lock was not
 * granted within the busy timeout. The operation that threw it changed nothing. Reported as
 * HTTP 500 with the code {@code storage_failure}.
 */
public final class SqliteStoreException extends SpectronException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what the store was doing
     * @param cause the driver's exception
     */
    public SqliteStoreException(String message, Throwable cause) {
        super("storage_failure", 500, message + ": " + cause.getMessage());
        initCause(cause);
    }
}
