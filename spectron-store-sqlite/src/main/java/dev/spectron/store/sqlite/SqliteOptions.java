package dev.spectron.store.sqlite;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link SqliteMemoryStore} opens its database. Immutable.
 *
 * @param synchronous how hard a commit waits for the disk
 * @param busyTimeout how long a statement waits for a lock held by another connection or process
 *     before failing; at most {@link Integer#MAX_VALUE} milliseconds
 * @param readers how many read connections run beside the single writer, 1 to 64
 * @param clock what the store reads the time from where the caller gives none: when a forget
 *     marks rows forgotten
 */
public record SqliteOptions(Synchronous synchronous, Duration busyTimeout, int readers,
        Clock clock) {
    /** Most read connections one store opens. */
    public static final int MAX_READERS = 64;

    /**
     * SQLite's {@code PRAGMA synchronous} in WAL mode. Both survive a crash of the process; they
     * differ when the machine loses power.
     */
    public enum Synchronous {
        /** Every commit is synced to disk before it returns: an acknowledged write is durable. */
        FULL,
        /**
         * Commits are synced at checkpoints only: faster, and the database stays consistent, but
         * the last acknowledged writes can be lost when the machine loses power.
         */
        NORMAL
    }

    /**
     * Checks the options.
     *
     * @throws NullPointerException when {@code synchronous}, {@code busyTimeout} or
     *     {@code clock} is null
     * @throws IllegalArgumentException when a value is out of range
     */
    public SqliteOptions {
        Objects.requireNonNull(synchronous, "synchronous");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        Objects.requireNonNull(clock, "clock");
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busyTimeout must be between 0 and "
                    + Integer.MAX_VALUE + " ms, got " + busyTimeout);
        }
        if (readers < 1 || readers > MAX_READERS) {
            throw new IllegalArgumentException("readers must be between 1 and " + MAX_READERS
                    + ", got " + readers);
        }
    }

    /** {@code synchronous=FULL}, a five-second busy timeout, four readers and the UTC clock. */
    public static SqliteOptions defaults() {
        return new SqliteOptions(Synchronous.FULL, Duration.ofSeconds(5), 4, Clock.systemUTC());
    }

    /** A copy with another synchronous mode. */
    public SqliteOptions withSynchronous(Synchronous mode) {
        return new SqliteOptions(mode, busyTimeout, readers, clock);
    }

    /** A copy with another busy timeout. */
    public SqliteOptions withBusyTimeout(Duration timeout) {
        return new SqliteOptions(synchronous, timeout, readers, clock);
    }

    /** A copy with another number of read connections. */
    public SqliteOptions withReaders(int count) {
        return new SqliteOptions(synchronous, busyTimeout, count, clock);
    }

    /** A copy with another clock (tests fix it). */
    public SqliteOptions withClock(Clock time) {
        return new SqliteOptions(synchronous, busyTimeout, readers, time);
    }
}
