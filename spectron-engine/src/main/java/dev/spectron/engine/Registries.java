package dev.spectron.engine;

import dev.spectron.engine.spi.KeyRegistry;
import dev.spectron.engine.spi.KeySpec;
import dev.spectron.engine.spi.MemoryStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key registry of each context: the built-in one extended by the context's own specs, which
 * are stored with the context. Cached; saving through this class refreshes the cache.
 */
final class Registries {
    private final MemoryStore store;
    private final KeyRegistry builtIn;
    private final Map<String, KeyRegistry> byContext = new ConcurrentHashMap<>();

    Registries(MemoryStore store, KeyRegistry builtIn) {
        this.store = store;
        this.builtIn = builtIn;
    }

    KeyRegistry of(String context) {
        return byContext.computeIfAbsent(context, c -> builtIn.with(store.keySpecs(c)));
    }

    void extend(String context, List<KeySpec> specs) {
        store.saveKeySpecs(context, specs);
        byContext.remove(context);
    }

    void forget(String context) {
        byContext.remove(context);
    }

    List<KeySpec> extensions(String context) {
        return store.keySpecs(context);
    }
}
