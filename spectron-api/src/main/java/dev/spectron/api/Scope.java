package dev.spectron.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A set of tags, {@code dimension -> value}, that every stored record carries and every request
 * names. A record with scope R is visible to a request with scope Q iff R is a subset of Q (floor
 * matching). Immutable; tags are kept sorted by dimension.
 *
 * @param tags the tags, sorted by dimension; never null
 */
public record Scope(@JsonValue SortedMap<String, String> tags) {
    /** Most tags a scope may carry. */
    public static final int MAX_TAGS = 8;
    /** Longest value, in characters. */
    public static final int MAX_VALUE_LENGTH = 128;

    private static final Pattern DIMENSION = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final Scope EMPTY = new Scope(new TreeMap<>());
    private static final char SEPARATOR = '\u001f';

    /** Validates and copies the tags; use {@link #of(Map)} from outside. */
    public Scope {
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    /** The empty scope {@code {}}. */
    public static Scope empty() {
        return EMPTY;
    }

    /**
     * Builds a scope from tags, checking every rule.
     *
     * @throws InvalidInputException naming {@code scope} or {@code scope.<dimension>} and the rule
     */
    @JsonCreator
    public static Scope of(Map<String, String> tags) {
        return of(tags, "scope");
    }

    /** As {@link #of(Map)}, reporting errors against {@code field}. */
    public static Scope of(Map<String, String> tags, String field) {
        if (tags == null || tags.isEmpty()) {
            return EMPTY;
        }
        InvalidInputException.require(tags.size() <= MAX_TAGS, field,
                "at most " + MAX_TAGS + " tags are allowed, got " + tags.size());
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String dimension = tag.getKey();
            InvalidInputException.require(
                    dimension != null && DIMENSION.matcher(dimension).matches(), field, "dimension '" + dimension + "' must match [a-z][a-z0-9_]{0,31}");
            String value = tag.getValue();
            String at = field + "." + dimension;
            InvalidInputException.require(value != null, at, "value must be a string");
            InvalidInputException.require(!value.isEmpty() && value.length() <= MAX_VALUE_LENGTH, at,
                    "value must be 1-" + MAX_VALUE_LENGTH + " characters");
            InvalidInputException.require(value.codePoints().noneMatch(Scope::isControl), at,
                    "value must contain only printable characters");
        }
        return new Scope(new TreeMap<>(tags));
    }

    /** A scope of alternating dimensions and values: {@code Scope.of("org", "acme", "user", "al")}. */
    public static Scope of(String... dimensionsAndValues) {
        InvalidInputException.require(dimensionsAndValues.length % 2 == 0, "scope",
                "needs pairs of dimension and value");
        Map<String, String> tags = new TreeMap<>();
        for (int i = 0; i < dimensionsAndValues.length; i += 2) {
            tags.put(dimensionsAndValues[i], dimensionsAndValues[i + 1]);
        }
        return of(tags);
    }

    /** True when this scope has no tags. */
    @JsonIgnore
    public boolean isEmpty() {
        return tags.isEmpty();
    }

    /** True when every tag of {@code other} appears here with the same value (other ⊆ this). */
    public boolean contains(Scope other) {
        for (Map.Entry<String, String> tag : other.tags.entrySet()) {
            if (!tag.getValue().equals(tags.get(tag.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** True when a record stored under this scope is visible to a request at {@code request}. */
    public boolean isVisibleTo(Scope request) {
        return request.contains(this);
    }

    /** The value of one dimension, if present. */
    public java.util.Optional<String> get(String dimension) {
        return java.util.Optional.ofNullable(tags.get(dimension));
    }

    /**
     * Merges a floor into this scope.
     *
     * @throws ForbiddenException when the floor and this scope give one dimension two values
     */
    public Scope withFloor(Scope floor) {
        TreeMap<String, String> merged = new TreeMap<>(tags);
        for (Map.Entry<String, String> tag : floor.tags.entrySet()) {
            String existing = merged.putIfAbsent(tag.getKey(), tag.getValue());
            if (existing != null && !existing.equals(tag.getValue())) {
                throw new ForbiddenException("scope." + tag.getKey() + " '" + existing
                        + "' is outside this key's floor (" + tag.getKey() + "="
                        + tag.getValue() + ")");
            }
        }
        InvalidInputException.require(merged.size() <= MAX_TAGS, "scope",
                "at most " + MAX_TAGS + " tags are allowed once the key's floor is added");
        return new Scope(merged);
    }

    /**
     * A canonical string for this exact scope, equal for equal scopes and different otherwise.
     * Used as an index term: a record is stored with its key, and a request matches the keys of
     * all subsets of its scope ({@link #floorKeys()}).
     */
    public String key() {
        StringBuilder out = new StringBuilder("s:");
        boolean first = true;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (!first) {
                out.append(SEPARATOR);
            }
            out.append(tag.getKey()).append('=').append(tag.getValue());
            first = false;
        }
        return out.toString();
    }

    /** Parses a string made by {@link #key()}. */
    public static Scope parseKey(String key) {
        InvalidInputException.require(key.startsWith("s:"), "scopeKey", "must start with 's:'");
        TreeMap<String, String> tags = new TreeMap<>();
        String body = key.substring(2);
        if (!body.isEmpty()) {
            for (String part : body.split(String.valueOf(SEPARATOR))) {
                int eq = part.indexOf('=');
                tags.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return new Scope(tags);
    }

    /**
     * The keys of every subset of this scope, itself and {@code {}} included: exactly the scopes
     * whose records this scope may read. At most 2^8 = 256 keys.
     */
    public Set<String> floorKeys() {
        List<Map.Entry<String, String>> entries = new ArrayList<>(tags.entrySet());
        Set<String> keys = new LinkedHashSet<>();
        int n = entries.size();
        for (int mask = 0; mask < (1 << n); mask++) {
            TreeMap<String, String> subset = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    subset.put(entries.get(i).getKey(), entries.get(i).getValue());
                }
            }
            keys.add(new Scope(subset).key());
        }
        return keys;
    }

    private static boolean isControl(int codePoint) {
        return Character.isISOControl(codePoint) || codePoint == 0x2028 || codePoint == 0x2029;
    }

    @Override
    public String toString() {
        return tags.toString();
    }
}
