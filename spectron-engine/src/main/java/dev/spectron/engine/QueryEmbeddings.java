package dev.spectron.engine;

import dev.spectron.engine.spi.Embedder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Query vectors, cached: an agent often asks the same thing twice (recall, then context), and
 * embedding dominates query latency. A small LRU map; thread-safe.
 */
final class QueryEmbeddings {
    private static final int CAPACITY = 2048;

    private final Embedder embedder;
    private final Map<String, float[]> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CAPACITY;
        }
    };

    QueryEmbeddings(Embedder embedder) {
        this.embedder = embedder;
    }

    float[] of(String query) {
        synchronized (cache) {
            float[] hit = cache.get(query);
            if (hit != null) {
                return hit;
            }
        }
        float[] vector = embedder.embedQuery(query);
        synchronized (cache) {
            cache.put(query, vector);
        }
        return vector;
    }
}
