package dev.spectron.api;

import java.util.Locale;

/** Enum constants on the wire: their names in lower case, parsed back strictly. */
final class WireNames {
    private WireNames() {}

    /** {@code constant}'s wire name, e.g. {@code hybrid}. */
    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constant of {@code type} whose wire name is {@code name}.
     *
     * @throws InvalidInputException naming {@code field} with {@code rule} when there is none
     */
    static <E extends Enum<E>> E parse(Class<E> type, String name, String field, String rule) {
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equals(name)) {
                return constant;
            }
        }
        throw new InvalidInputException(field, rule);
    }
}
