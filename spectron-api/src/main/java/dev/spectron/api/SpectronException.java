package dev.spectron.api;

/**
 * Base of every error Spectron reports. Unchecked; each subclass carries a stable {@link #code()}
 * and the HTTP status the server answers with, so that the client can map a problem document back
 * to the same type.
 */
public class SpectronException extends RuntimeException {
    private final String code;
    private final int status;

    /**
     * @param code stable machine-readable code, e.g. {@code invalid_input}
     * @param status the HTTP status that represents this error
     * @param message human-readable explanation
     */
    public SpectronException(String code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    /**
     * @param code stable machine-readable code
     * @param status the HTTP status that represents this error
     * @param message human-readable explanation
     * @param cause the underlying failure
     */
    public SpectronException(String code, int status, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.status = status;
    }

    /** The stable error code. */
    public String code() {
        return code;
    }

    /** The HTTP status that represents this error. */
    public int status() {
        return status;
    }
}
