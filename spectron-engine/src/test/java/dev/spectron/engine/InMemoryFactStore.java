package dev.spectron.engine;

import dev.spectron.api.DocumentInfo;
import dev.spectron.api.FactStatus;
import dev.spectron.api.Instruction;
import dev.spectron.api.NotFoundException;
import dev.spectron.api.Uncertainty;
import dev.spectron.engine.spi.ChunkRecord;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.EntityRecord;
import dev.spectron.engine.spi.FactBatch;
import dev.spectron.engine.spi.FactQuery;
import dev.spectron.engine.spi.FactRecord;
import dev.spectron.engine.spi.FactStore;
import dev.spectron.engine.spi.Indexed;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A FactStore in memory, one context, for engine unit tests. */
final class InMemoryFactStore implements FactStore {
    final Map<EntityKey, EntityRecord> entities = new LinkedHashMap<>();
    final Map<String, FactRecord> facts = new LinkedHashMap<>();
    final Map<String, Instruction> instructions = new LinkedHashMap<>();
    final Map<String, Uncertainty> uncertainties = new LinkedHashMap<>();

    @Override
    public synchronized void apply(String context, FactBatch batch) {
        batch.entities().forEach(e -> entities.put(e.key(), e));
        batch.facts().forEach(f -> facts.put(f.record().id(), f.record()));
        for (FactBatch.FactUpdate u : batch.factUpdates()) {
            FactRecord f = facts.get(u.id());
            if (f == null) {
                throw new NotFoundException("fact " + u.id());
            }
            facts.put(f.id(), new FactRecord(f.id(), f.subject(), f.key(), f.value(), f.object(),
                    f.category(), f.importance(), f.confidence(), f.scope(), u.status(),
                    f.validFrom(), u.validUntil().or(f::validUntil), f.createdAt(),
                    Optional.of(u.closedAt()), f.supersedes(),
                    u.supersededBy().or(f::supersededBy), f.source()));
        }
        batch.instructions().forEach(i -> instructions.put(i.record().id(), i.record()));
        for (FactBatch.InstructionUpdate u : batch.instructionUpdates()) {
            Instruction i = instructions.get(u.id());
            instructions.put(i.id(), new Instruction(i.id(), i.text(), i.scope(), false,
                    i.createdAt(), u.supersededBy(), i.source()));
        }
        batch.uncertainties().forEach(u -> uncertainties.put(u.id(), u));
    }

    @Override
    public Optional<EntityRecord> entity(String context, EntityKey key) {
        return Optional.ofNullable(entities.get(key));
    }

    @Override
    public Map<EntityKey, EntityRecord> entities(String context, Collection<EntityKey> keys) {
        Map<EntityKey, EntityRecord> out = new LinkedHashMap<>();
        keys.forEach(k -> entity(context, k).ifPresent(e -> out.put(k, e)));
        return out;
    }

    @Override
    public List<EntityRecord> visibleEntities(String context, Set<String> scopeKeys,
            Optional<String> type, Optional<String> nameContains, int limit) {
        return entities.values().stream().limit(limit).toList();
    }

    @Override
    public synchronized List<FactRecord> facts(String context, FactQuery q) {
        return facts.values().stream()
                .filter(f -> q.subject().map(f.subject()::equals).orElse(true))
                .filter(f -> q.key().map(f.key()::equals).orElse(true))
                .filter(f -> q.object().map(o -> f.object().equals(Optional.of(o))).orElse(true))
                .filter(f -> q.scopeKeys().contains(f.scope().key()))
                .filter(f -> q.statuses().isEmpty() ? f.status() != FactStatus.FORGOTTEN
                        : q.statuses().contains(f.status()))
                .sorted(Comparator.comparing(FactRecord::createdAt).reversed())
                .limit(q.limit()).toList();
    }

    @Override
    public Map<String, FactRecord> factsById(String context, Collection<String> ids) {
        Map<String, FactRecord> out = new LinkedHashMap<>();
        ids.forEach(id -> Optional.ofNullable(facts.get(id)).ifPresent(f -> out.put(id, f)));
        return out;
    }

    @Override
    public List<Instruction> instructions(String context, Set<String> scopeKeys,
            boolean activeOnly) {
        return instructions.values().stream().filter(i -> scopeKeys.contains(i.scope().key()))
                .filter(i -> !activeOnly || i.active()).toList();
    }

    @Override
    public Map<String, Instruction> instructionsById(String context, Collection<String> ids) {
        return Map.of();
    }

    @Override
    public List<Uncertainty> uncertainties(String context, Set<String> scopeKeys,
            boolean openOnly) {
        return new ArrayList<>(uncertainties.values());
    }

    @Override
    public Optional<Uncertainty> uncertainty(String context, String id) {
        return Optional.ofNullable(uncertainties.get(id));
    }

    @Override
    public void insertDocument(String context, DocumentInfo document,
            List<Indexed<ChunkRecord>> chunks) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<DocumentInfo> document(String context, String id) {
        return Optional.empty();
    }

    @Override
    public List<DocumentInfo> documents(String context, Set<String> scopeKeys, int limit) {
        return List.of();
    }

    @Override
    public Map<String, ChunkRecord> chunksById(String context, Collection<String> ids) {
        return Map.of();
    }

    @Override
    public dev.spectron.engine.spi.ForgetCount forget(String context,
            dev.spectron.engine.spi.ForgetSpec spec, boolean dryRun) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean deleteDocument(String context, String id) {
        return false;
    }
}
