package dev.spectron.engine;

import dev.spectron.api.EntityInfo;
import dev.spectron.api.EntitySearch;
import dev.spectron.api.Fact;
import dev.spectron.api.FactStatus;
import dev.spectron.api.InvalidInputException;
import dev.spectron.api.MemoryState;
import dev.spectron.api.NotFoundException;
import dev.spectron.api.Profile;
import dev.spectron.api.ProfileFact;
import dev.spectron.api.Scope;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.EntityRecord;
import dev.spectron.engine.spi.FactBatch;
import dev.spectron.engine.spi.FactQuery;
import dev.spectron.engine.spi.FactRecord;
import dev.spectron.engine.spi.FactStore;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads of structured memory: profile, state, entities and history. */
final class StructuredReader {
    private static final int MAX_FACTS = 2000;
    private static final Set<FactStatus> CURRENT = Set.of(FactStatus.CURRENT);
    private static final Set<FactStatus> HISTORY = Set.of(FactStatus.CURRENT,
            FactStatus.SUPERSEDED, FactStatus.RETRACTED);

    private final FactStore store;
    private final InstantSource clock;

    StructuredReader(FactStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    Profile profile(String context, Scope scope) {
        Optional<EntityKey> subject = subjectOf(scope);
        List<FactRecord> about = subject.map(s -> current(context, scope).stream()
                .filter(f -> f.subject().equals(s))
                .sorted(Comparator.comparingInt((FactRecord f) -> categoryOrder(f.category()))
                        .thenComparing(FactRecord::createdAt))
                .toList()).orElse(List.of());
        List<ProfileFact> identity = new ArrayList<>();
        List<ProfileFact> preferences = new ArrayList<>();
        List<ProfileFact> working = new ArrayList<>();
        for (FactRecord fact : about) {
            switch (fact.category()) {
                case "identity" -> identity.add(Facts.profileFact(fact));
                case "context" -> working.add(Facts.profileFact(fact));
                default -> preferences.add(Facts.profileFact(fact));
            }
        }
        String name = subject.map(EntityKey::name).orElse("");
        Set<String> keys = scope.floorKeys();
        return new Profile(ProfileSummary.of(name, about), identity, preferences, working,
                store.instructions(context, keys, true), store.uncertainties(context, keys, true));
    }

    MemoryState state(String context, Scope scope) {
        List<FactRecord> facts = current(context, scope);
        Set<String> keys = scope.floorKeys();
        return new MemoryState(
                facts.stream().filter(f -> !f.isRelation()).map(Facts::attribute).toList(),
                facts.stream().filter(FactRecord::isRelation).map(Facts::relation).toList(),
                store.instructions(context, keys, true), store.uncertainties(context, keys, true));
    }

    List<EntityInfo> entities(String context, EntitySearch search) {
        InvalidInputException.require(search.limit() >= 1 && search.limit() <= 1000, "limit",
                "must be between 1 and 1000");
        List<EntityInfo> out = new ArrayList<>();
        for (EntityRecord entity : store.visibleEntities(context, search.scope().floorKeys(),
                Optional.of(search.type()).filter(t -> !t.isEmpty()),
                Optional.of(search.nameContains()).filter(t -> !t.isEmpty()), search.limit())) {
            out.add(info(context, entity, search.scope()));
        }
        return out;
    }

    EntityInfo entity(String context, String address, Scope scope) {
        EntityKey key = EntityKey.parse(address);
        EntityRecord entity = store.entity(context, key)
                .orElseThrow(() -> new NotFoundException("entity '" + address + "'"));
        EntityInfo info = info(context, entity, scope);
        if (info.attributes().isEmpty() && info.relations().isEmpty()
                && history(context, address, Optional.empty(), scope).isEmpty()) {
            throw new NotFoundException("entity '" + address + "'");
        }
        return info;
    }

    List<Fact> history(String context, String address, Optional<String> key, Scope scope) {
        EntityKey subject = EntityKey.parse(address);
        return store.facts(context, new FactQuery(Optional.of(subject), key, Optional.empty(),
                scope.floorKeys(), HISTORY, MAX_FACTS)).stream()
                .sorted(Comparator.comparing(FactRecord::createdAt).reversed())
                .map(Facts::toApi).toList();
    }

    int deleteEntity(String context, String address, Scope scope) {
        EntityKey key = EntityKey.parse(address);
        List<FactRecord> facts = new ArrayList<>(store.facts(context, new FactQuery(
                Optional.of(key), Optional.empty(), Optional.empty(), scope.floorKeys(), HISTORY,
                MAX_FACTS)));
        facts.addAll(store.facts(context, new FactQuery(Optional.empty(), Optional.empty(),
                Optional.of(key), scope.floorKeys(), HISTORY, MAX_FACTS)));
        if (facts.isEmpty()) {
            throw new NotFoundException("entity '" + address + "'");
        }
        List<FactBatch.FactUpdate> updates = facts.stream().map(FactRecord::id).distinct()
                .map(id -> new FactBatch.FactUpdate(id, FactStatus.FORGOTTEN, Optional.empty(),
                        clock.instant(), Optional.empty())).toList();
        store.apply(context, new FactBatch(List.of(), List.of(), updates, List.of(), List.of(),
                List.of(), List.of()));
        return updates.size();
    }

    private EntityInfo info(String context, EntityRecord entity, Scope scope) {
        FactQuery bySubject = new FactQuery(Optional.of(entity.key()), Optional.empty(),
                Optional.empty(), scope.floorKeys(), CURRENT, MAX_FACTS);
        FactQuery byObject = new FactQuery(Optional.empty(), Optional.empty(),
                Optional.of(entity.key()), scope.floorKeys(), CURRENT, MAX_FACTS);
        List<FactRecord> subjectFacts = store.facts(context, bySubject);
        List<FactRecord> objectFacts = store.facts(context, byObject);
        List<dev.spectron.api.Relation> relations = new ArrayList<>();
        subjectFacts.stream().filter(FactRecord::isRelation).map(Facts::relation)
                .forEach(relations::add);
        objectFacts.stream().map(Facts::relation).forEach(relations::add);
        return new EntityInfo(entity.id(), entity.key().type(), entity.key().name(),
                entity.displayName(), entity.aliases(), entity.importance(), entity.createdAt(),
                entity.updatedAt(), subjectFacts.stream().filter(f -> !f.isRelation())
                        .map(Facts::attribute).toList(), relations);
    }

    private List<FactRecord> current(String context, Scope scope) {
        return store.facts(context, FactQuery.visible(scope.floorKeys(), CURRENT, MAX_FACTS));
    }

    /** The profile's subject: the scope's user, else its agent, else its org. */
    static Optional<EntityKey> subjectOf(Scope scope) {
        return scope.get("user").map(u -> EntityKey.of("person", u))
                .or(() -> scope.get("agent").map(a -> EntityKey.of("other", a)))
                .or(() -> scope.get("org").map(o -> EntityKey.of("organization", o)));
    }

    private static int categoryOrder(String category) {
        return switch (category) {
            case "identity" -> 0;
            case "knowledge" -> 1;
            default -> 2;
        };
    }
}
