package dev.spectron.engine;

import dev.spectron.engine.spi.IndexChange;
import dev.spectron.engine.spi.IndexFilter;
import dev.spectron.engine.spi.ScoredId;
import dev.spectron.engine.spi.SearchIndex;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SearchIndex in memory for engine unit tests: it keeps the upserts it holds, its watermark
 * and its embedding model, and counts clears; it does not search.
 */
final class InMemorySearchIndex implements SearchIndex {
    final Map<String, IndexChange.Upsert> documents = new LinkedHashMap<>();
    long watermark;
    String model = "";
    int clears;

    @Override
    public synchronized void apply(List<IndexChange> changes) {
        for (IndexChange change : changes) {
            switch (change) {
                case IndexChange.Upsert upsert -> documents.put(upsert.document().id(), upsert);
                case IndexChange.Delete delete -> documents.remove(delete.id());
            }
            watermark = Math.max(watermark, change.seq());
        }
    }

    @Override
    public synchronized long watermark() {
        return watermark;
    }

    @Override
    public void commit() {}

    @Override
    public void expungeDeletes() {}

    @Override
    public synchronized void clear() {
        documents.clear();
        watermark = 0;
        model = "";
        clears++;
    }

    @Override
    public synchronized String embeddingModel() {
        return model;
    }

    @Override
    public synchronized boolean adoptEmbeddingModel(String modelId) {
        if (modelId.equals(model)) {
            return false;
        }
        boolean clearing = watermark > 0;
        if (clearing) {
            clear();
        }
        model = modelId;
        return clearing;
    }

    @Override
    public List<ScoredId> searchText(IndexFilter filter, String query, int n) {
        throw new UnsupportedOperationException("InMemorySearchIndex does not search");
    }

    @Override
    public List<ScoredId> searchVector(IndexFilter filter, float[] vector, int n) {
        throw new UnsupportedOperationException("InMemorySearchIndex does not search");
    }

    @Override
    public synchronized long size() {
        return documents.size();
    }

    @Override
    public void close() {}
}
