package dev.spectron.engine.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Attribute keys and relation labels: cardinality, category and synonyms. The built-in registry
 * is data ({@code dev/spectron/engine/keys.json}); a context may extend it. An unknown key is an
 * attribute of cardinality one in the knowledge category. Immutable and thread-safe.
 */
public final class KeyRegistry {
    private static final KeyRegistry BUILT_IN = load();

    private final Map<String, KeySpec> byName;

    private KeyRegistry(Map<String, KeySpec> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** The registry shipped with Spectron. */
    public static KeyRegistry builtIn() {
        return BUILT_IN;
    }

    /** A registry with {@code extra} specs added (replacing built-in ones of the same key). */
    public KeyRegistry with(List<KeySpec> extra) {
        Map<String, KeySpec> merged = new HashMap<>(byName);
        extra.forEach(spec -> index(merged, spec));
        return new KeyRegistry(merged);
    }

    /** The spec of a key or of one of its synonyms, if the registry knows it. */
    public Optional<KeySpec> find(String keyOrSynonym) {
        return Optional.ofNullable(byName.get(snake(keyOrSynonym)));
    }

    /** The spec of a key; an unknown key is an attribute of cardinality one, category knowledge. */
    public KeySpec spec(String keyOrSynonym) {
        String key = snake(keyOrSynonym);
        return find(key).orElseGet(() -> new KeySpec(key, false, KeySpec.Cardinality.ONE,
                KeySpec.Category.KNOWLEDGE, List.of()));
    }

    /** The canonical name of a key or synonym ({@code favourite_film} → {@code favorite_movie}). */
    public String canonical(String keyOrSynonym) {
        return spec(keyOrSynonym).key();
    }

    /** True when the key is a known relation label (or a synonym of one). */
    public boolean isRelation(String keyOrSynonym) {
        return find(keyOrSynonym).map(KeySpec::relation).orElse(false);
    }

    /** Lower-case snake_case: {@code "Favourite Film"} → {@code favourite_film}. */
    public static String snake(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    }

    private static void index(Map<String, KeySpec> into, KeySpec spec) {
        into.put(spec.key(), spec);
        for (String synonym : spec.synonyms()) {
            into.putIfAbsent(snake(synonym), spec);
        }
    }

    private static KeyRegistry load() {
        try (InputStream in = KeyRegistry.class.getResourceAsStream(
                "/dev/spectron/engine/keys.json")) {
            if (in == null) {
                throw new IllegalStateException("keys.json is missing from the classpath");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, KeySpec> specs = new HashMap<>();
            List<KeySpec> all = new ArrayList<>();
            read(root.get("attributes"), false, all);
            read(root.get("relations"), true, all);
            all.forEach(spec -> specs.put(spec.key(), spec));
            all.forEach(spec -> index(specs, spec));
            return new KeyRegistry(specs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read keys.json", e);
        }
    }

    private static void read(JsonNode node, boolean relation, List<KeySpec> into) {
        node.properties().forEach(entry -> {
            JsonNode spec = entry.getValue();
            List<String> synonyms = new ArrayList<>();
            spec.get("synonyms").forEach(s -> synonyms.add(s.asText()));
            into.add(new KeySpec(entry.getKey(), relation,
                    KeySpec.Cardinality.valueOf(spec.get("cardinality").asText()
                            .toUpperCase(Locale.ROOT)),
                    KeySpec.Category.valueOf(spec.get("category").asText()
                            .toUpperCase(Locale.ROOT)), synonyms));
        });
    }
}
