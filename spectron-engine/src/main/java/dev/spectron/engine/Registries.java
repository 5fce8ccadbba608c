package dev.spectron.engine;

import dev.spectron.engine.spi.KeyRegistry;
import dev.spectron.engine.spi.KeySpec;
import dev.spectron.engine.spi.MemoryStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key registry of each context: the built-in one extended by the context's own specs, which
 * are stored with the context.
 *
 * <p>Several nodes may share the store, and any of them may change a context's specs, so a
 * cached registry is never trusted blindly: every {@link #of} reads the context's specs (one
 * indexed query over a handful of rows, once per write) and rebuilds the registry only when they
 * differ from the ones it was built from. A change saved through any node therefore applies to
 * the next write on every node.
 */
final class Registries {
    private final MemoryStore store;
    private final KeyRegistry builtIn;
    private final Map<String, Built> byContext = new ConcurrentHashMap<>();

    /** A registry and the stored specs it was built from. */
    private record Built(List<KeySpec> specs, KeyRegistry registry) {}

    Registries(MemoryStore store, KeyRegistry builtIn) {
        this.store = store;
        this.builtIn = builtIn;
    }

    KeyRegistry of(String context) {
        List<KeySpec> specs = store.keySpecs(context);
        Built cached = byContext.get(context);
        if (cached != null && cached.specs().equals(specs)) {
            return cached.registry();
        }
        Built fresh = new Built(specs, builtIn.with(specs));
        byContext.put(context, fresh);
        return fresh.registry();
    }

    void extend(String context, List<KeySpec> specs) {
        store.saveKeySpecs(context, specs);
    }

    void forget(String context) {
        byContext.remove(context);
    }

    List<KeySpec> extensions(String context) {
        return store.keySpecs(context);
    }
}
