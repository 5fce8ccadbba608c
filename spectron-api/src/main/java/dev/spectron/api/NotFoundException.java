package dev.spectron.api;

/** The addressed record does not exist, or is not visible to the caller (HTTP 404). */
public final class NotFoundException extends SpectronException {
    /** @param what a description such as {@code session 'abc'} */
    public NotFoundException(String what) {
        super("not_found", 404, what + " not found");
    }
}
