package dev.spectron.api;

/** The request carries no key, an unknown key, or a key of another context (HTTP 401). */
public final class AuthenticationException extends SpectronException {
    /** @param message why the key was not accepted */
    public AuthenticationException(String message) {
        super("unauthenticated", 401, message);
    }
}
