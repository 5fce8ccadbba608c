package dev.spectron.engine;

import java.security.SecureRandom;
import java.time.InstantSource;

/**
 * Makes record ids. Injected so that tests can make predictable ones. Thread-safe.
 */
@FunctionalInterface
public interface IdGenerator {
    /** A new id, unique for all practical purposes. */
    String next();

    /**
     * Time-ordered ids: 12 hex digits of milliseconds then 16 random hex digits, so ids sort by
     * creation time and never collide in practice.
     */
    static IdGenerator timeOrdered(InstantSource clock) {
        SecureRandom random = new SecureRandom();
        return () -> String.format("%012x%016x", clock.millis(), random.nextLong());
    }
}
