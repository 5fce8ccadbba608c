package dev.spectron.api;

/** The request conflicts with the current state (HTTP 409). */
public final class ConflictException extends SpectronException {
    /** @param message the conflict */
    public ConflictException(String message) {
        super("conflict", 409, message);
    }
}
