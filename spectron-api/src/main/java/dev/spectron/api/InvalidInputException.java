package dev.spectron.api;

/** Input that breaks a rule; names the offending field and the rule it breaks (HTTP 400). */
public final class InvalidInputException extends SpectronException {
    private final String field;

    /**
     * @param field the offending field, in the request's own terms (e.g. {@code scope.user})
     * @param rule what the field must satisfy
     */
    public InvalidInputException(String field, String rule) {
        super("invalid_input", 400, field + ": " + rule);
        this.field = field;
    }

    /** The field that broke the rule. */
    public String field() {
        return field;
    }

    /** Throws an {@link InvalidInputException} unless {@code condition} holds. */
    public static void require(boolean condition, String field, String rule) {
        if (!condition) {
            throw new InvalidInputException(field, rule);
        }
    }
}
