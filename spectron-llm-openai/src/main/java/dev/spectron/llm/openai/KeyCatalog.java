package dev.spectron.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spectron.engine.spi.KeyRegistry;
import dev.spectron.engine.spi.KeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The attribute keys and relation labels the prompt asks the model to prefer, with their
 * cardinality. {@link KeyRegistry} answers lookups but cannot list its keys, so the names come
 * from the built-in registry's data file (the resource its Javadoc names) and each is looked up
 * in the registry in use, so that a registry that redefines a key is respected. Immutable.
 *
 * @param attributes preferred attribute keys, canonical, in the data file's order
 * @param relations preferred relation labels, canonical, in the data file's order
 */
record KeyCatalog(List<KeySpec> attributes, List<KeySpec> relations) {
    private static final String BUILT_IN = "/dev/spectron/engine/keys.json";
    private static final List<String> BUILT_IN_NAMES = builtInNames();

    KeyCatalog {
        attributes = List.copyOf(attributes);
        relations = List.copyOf(relations);
    }

    /** The built-in keys as {@code registry} defines them. */
    static KeyCatalog of(KeyRegistry registry) {
        Map<String, KeySpec> specs = new LinkedHashMap<>();
        for (String name : BUILT_IN_NAMES) {
            Optional<KeySpec> spec = registry.find(name);
            spec.ifPresent(s -> specs.putIfAbsent(s.key(), s));
        }
        List<KeySpec> attributes = new ArrayList<>();
        List<KeySpec> relations = new ArrayList<>();
        specs.values().forEach(s -> (s.relation() ? relations : attributes).add(s));
        return new KeyCatalog(attributes, relations);
    }

    /** {@code name (one), likes (many), …}. */
    static String describe(List<KeySpec> specs) {
        List<String> parts = new ArrayList<>(specs.size());
        for (KeySpec spec : specs) {
            parts.add(spec.key() + " (" + spec.cardinality().name().toLowerCase(Locale.ROOT)
                    + ")");
        }
        return String.join(", ", parts);
    }

    private static List<String> builtInNames() {
        try (InputStream in = KeyRegistry.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException(BUILT_IN + " is missing from the classpath");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<String> names = new ArrayList<>();
            root.path("attributes").properties().forEach(e -> names.add(e.getKey()));
            root.path("relations").properties().forEach(e -> names.add(e.getKey()));
            return List.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUILT_IN, e);
        }
    }
}
