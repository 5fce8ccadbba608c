package dev.spectron.engine.spi;

import dev.spectron.api.InvalidInputException;
import java.util.Locale;
import java.util.Set;

/**
 * An entity's identity: a type from the closed vocabulary and a normalised name (lower case,
 * trimmed, inner whitespace collapsed, a leading article dropped). Written {@code type/name}, e.g.
 * {@code person/alice}.
 *
 * @param type one of {@link #TYPES}
 * @param name the normalised name
 */
public record EntityKey(String type, String name) {
    /** The closed vocabulary of entity types. */
    public static final Set<String> TYPES = Set.of("person", "organization", "location", "product",
            "project", "topic", "event", "concept", "animal", "other");

    public EntityKey {
        InvalidInputException.require(type != null && TYPES.contains(type), "entity.type",
                "must be one of " + String.join(", ", new java.util.TreeSet<>(TYPES)));
        name = normalize(name);
        InvalidInputException.require(!name.isEmpty() && name.length() <= 200, "entity.name",
                "must be 1-200 characters");
    }

    /** An entity key from a type and a raw name, normalising the name. */
    public static EntityKey of(String type, String rawName) {
        return new EntityKey(type, rawName);
    }

    /**
     * Parses {@code type/name}.
     *
     * @throws InvalidInputException when there is no slash or the type is unknown
     */
    public static EntityKey parse(String address) {
        int slash = address == null ? -1 : address.indexOf('/');
        InvalidInputException.require(slash > 0, "entity", "must look like type/name");
        return new EntityKey(address.substring(0, slash), address.substring(slash + 1));
    }

    /** Lower case, trimmed, inner whitespace collapsed, leading article (a, an, the) dropped. */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String out = text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        for (String article : new String[] {"a ", "an ", "the "}) {
            if (out.startsWith(article) && out.length() > article.length()) {
                out = out.substring(article.length());
                break;
            }
        }
        return out;
    }

    /** {@code type/name}. */
    public String address() {
        return type + "/" + name;
    }

    @Override
    public String toString() {
        return address();
    }
}
