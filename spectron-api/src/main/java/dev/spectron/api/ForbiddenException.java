package dev.spectron.api;

/** The key is valid but may not do this: a scope floor violation or a missing right (HTTP 403). */
public final class ForbiddenException extends SpectronException {
    /** @param message what was refused and why */
    public ForbiddenException(String message) {
        super("forbidden", 403, message);
    }
}
