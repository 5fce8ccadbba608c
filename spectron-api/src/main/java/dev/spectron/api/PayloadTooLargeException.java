package dev.spectron.api;

/** A body or a field is larger than the configured limit (HTTP 413). */
public final class PayloadTooLargeException extends SpectronException {
    /** @param message which limit was exceeded */
    public PayloadTooLargeException(String message) {
        super("payload_too_large", 413, message);
    }
}
