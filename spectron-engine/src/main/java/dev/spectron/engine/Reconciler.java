package dev.spectron.engine;

import dev.spectron.api.Diff;
import dev.spectron.api.FactStatus;
import dev.spectron.api.Instruction;
import dev.spectron.api.Scope;
import dev.spectron.api.Source;
import dev.spectron.api.TextSpan;
import dev.spectron.api.Uncertainty;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.EntityRecord;
import dev.spectron.engine.spi.ExtractedFact;
import dev.spectron.engine.spi.ExtractedInstruction;
import dev.spectron.engine.spi.Extraction;
import dev.spectron.engine.spi.FactBatch;
import dev.spectron.engine.spi.FactQuery;
import dev.spectron.engine.spi.FactRecord;
import dev.spectron.engine.spi.FactStore;
import dev.spectron.engine.spi.KeyRegistry;
import dev.spectron.engine.spi.KeySpec;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reconciles what an extractor read with what memory holds, one decision per candidate
 * ({@link Decision}): same-stream comparisons use only current facts of the same entity, key and
 * exact scope; an experiential claim is checked against the authoritative facts visible at its
 * scope; a candidate below the calibration floor is skipped with a {@code low_confidence}
 * uncertainty. Decisions within one write see each other (a text that states two values of one
 * key keeps the last). The result is one {@link FactBatch} and the {@link Diff} entries.
 */
final class Reconciler {
    /** Confidence below which a candidate is not stored as a fact. */
    static final double CALIBRATION_FLOOR = 0.5;

    private final FactStore store;
    private final java.util.function.Function<String, KeyRegistry> registries;
    private final IdGenerator ids;
    private final InstantSource clock;

    Reconciler(FactStore store, KeyRegistry registry, IdGenerator ids, InstantSource clock) {
        this(store, context -> registry, ids, clock);
    }

    Reconciler(FactStore store, java.util.function.Function<String, KeyRegistry> registries,
            IdGenerator ids, InstantSource clock) {
        this.store = store;
        this.registries = registries;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Where a write comes from.
     *
     * @param scope the exact scope of the write
     * @param source its provenance
     * @param observedAt when it was said or published
     */
    record Origin(Scope scope, Source source, Instant observedAt) {}

    /**
     * The outcome of one write.
     *
     * @param decisions per candidate, in order
     * @param entities entities to create or touch
     * @param facts new fact rows (not yet embedded)
     * @param updates status changes of stored facts
     * @param instructions new instructions
     * @param deactivated instructions to deactivate
     * @param uncertainties uncertainties to raise
     * @param diff what the caller is told
     * @param displayNames display name per entity, for index texts
     */
    record Outcome(List<Decision> decisions, List<EntityRecord> entities, List<FactRecord> facts,
            List<FactBatch.FactUpdate> updates, List<Instruction> instructions,
            List<FactBatch.InstructionUpdate> deactivated, List<Uncertainty> uncertainties,
            Diff diff, Map<EntityKey, String> displayNames) {}

    Outcome reconcile(String context, Extraction extraction, Origin origin,
            Optional<String> turnId) {
        Run run = new Run(context, origin);
        run.entities(extraction);
        for (ExtractedFact candidate : extraction.facts()) {
            run.decide(candidate);
        }
        for (ExtractedInstruction instruction : extraction.instructions()) {
            run.instruct(instruction);
        }
        return run.outcome(turnId);
    }

    /** The mutable state of one reconciliation. */
    private final class Run {
        private final String context;
        private final Origin origin;
        private final KeyRegistry registry;
        private final Instant now = clock.instant();
        private final Map<EntityKey, EntityRecord> entities = new LinkedHashMap<>();
        private final Map<EntityKey, Boolean> isNew = new LinkedHashMap<>();
        private final Map<String, List<FactRecord>> current = new HashMap<>();
        private final List<Decision> decisions = new ArrayList<>();
        private final List<FactRecord> facts = new ArrayList<>();
        private final Map<String, FactBatch.FactUpdate> updates = new LinkedHashMap<>();
        private final List<Instruction> instructions = new ArrayList<>();
        private final List<FactBatch.InstructionUpdate> deactivated = new ArrayList<>();
        private final List<Uncertainty> uncertainties = new ArrayList<>();
        private final List<Diff.AttributeChange> attributeChanges = new ArrayList<>();
        private final List<Diff.RelationChange> relationChanges = new ArrayList<>();
        private final List<Diff.InstructionChange> instructionChanges = new ArrayList<>();
        private final List<Diff.UncertaintyChange> uncertaintyChanges = new ArrayList<>();
        private final List<Diff.Correction> corrections = new ArrayList<>();

        Run(String context, Origin origin) {
            this.context = context;
            this.origin = origin;
            this.registry = registries.apply(context);
        }

        void entities(Extraction extraction) {
            Map<EntityKey, String> named = new LinkedHashMap<>();
            extraction.entities().forEach(e -> named.putIfAbsent(e.key(), e.displayName()));
            for (ExtractedFact fact : extraction.facts()) {
                named.putIfAbsent(fact.subject(), fact.subject().name());
                fact.object().ifPresent(o -> named.putIfAbsent(o, fact.value()));
            }
            Map<EntityKey, EntityRecord> known = store.entities(context, named.keySet());
            named.forEach((key, display) -> {
                EntityRecord existing = known.get(key);
                if (existing != null) {
                    entities.put(key, new EntityRecord(existing.id(), key,
                            existing.displayName(), existing.aliases(), existing.importance(),
                            existing.createdAt(), now));
                    isNew.put(key, false);
                } else {
                    entities.put(key, new EntityRecord(ids.next(), key, display, List.of(), 0.5,
                            now, now));
                    isNew.put(key, true);
                }
            });
        }

        void decide(ExtractedFact candidate) {
            KeySpec spec = registry.spec(candidate.key());
            FactRecord fact = toRecord(candidate, spec);
            if (candidate.confidence() < CALIBRATION_FLOOR) {
                record(new Decision.Skip(fact, "confidence " + candidate.confidence()
                        + " is below the calibration floor " + CALIBRATION_FLOOR));
                return;
            }
            List<FactRecord> stream = currentStream(fact);
            Optional<FactRecord> same = stream.stream().filter(f -> sameValue(f, fact)).findFirst();
            if (candidate.polarity() == ExtractedFact.Polarity.NEGATE) {
                same.ifPresent(f -> record(new Decision.Retract(f)));
                return;
            }
            if (candidate.tense() == ExtractedFact.Tense.PAST) {
                if (same.isPresent()) {
                    record(new Decision.Retract(same.get()));
                } else {
                    record(new Decision.Add(closed(fact)));
                }
                return;
            }
            if (same.isPresent()) {
                record(new Decision.Corroborate(same.get()));
                return;
            }
            if (!origin.source().isAuthoritative()) {
                Optional<FactRecord> authority = authoritativeConflict(fact);
                if (authority.isPresent()) {
                    record(new Decision.Conflict(fact, authority.get()));
                    return;
                }
            }
            if (spec.cardinality() == KeySpec.Cardinality.ONE && !stream.isEmpty()) {
                record(new Decision.Supersede(fact, stream.getFirst()));
            } else {
                record(new Decision.Add(fact));
            }
        }

        void instruct(ExtractedInstruction candidate) {
            String scopeKey = origin.scope().key();
            List<Instruction> active = store.instructions(context, Set.of(scopeKey), true);
            if (candidate.action() == ExtractedInstruction.Action.STOP) {
                String target = candidate.target().orElse(candidate.text());
                for (Instruction existing : active) {
                    if (InstructionMatch.overlaps(existing.text(), target)) {
                        deactivated.add(new FactBatch.InstructionUpdate(existing.id(),
                                Optional.empty()));
                        instructionChanges.add(new Diff.InstructionChange(existing.id(),
                                existing.text(), "retract"));
                    }
                }
                return;
            }
            String text = candidate.text().strip();
            for (Instruction existing : active) {
                if (FactText.comparable(existing.text()).equals(FactText.comparable(text))) {
                    instructionChanges.add(new Diff.InstructionChange(existing.id(),
                            existing.text(), "corroborate"));
                    return;
                }
            }
            for (Instruction pending : instructions) {
                if (FactText.comparable(pending.text()).equals(FactText.comparable(text))) {
                    return;
                }
            }
            Instruction added = new Instruction(ids.next(), text, origin.scope(), true, now,
                    Optional.empty(), withSpan(origin.source(), candidate.span()));
            instructions.add(added);
            instructionChanges.add(new Diff.InstructionChange(added.id(), text, "add"));
            // A new directive ends the ones it replaces in the same write ("stop X, do Y").
            for (int i = 0; i < deactivated.size(); i++) {
                FactBatch.InstructionUpdate u = deactivated.get(i);
                if (u.supersededBy().isEmpty()) {
                    deactivated.set(i, new FactBatch.InstructionUpdate(u.id(),
                            Optional.of(added.id())));
                }
            }
        }

        private void record(Decision decision) {
            decisions.add(decision);
            switch (decision) {
                case Decision.Add add -> {
                    facts.add(add.fact());
                    if (add.fact().status() == FactStatus.CURRENT) {
                        streamOf(add.fact()).addFirst(add.fact());
                    }
                    change(add.fact(), decision);
                }
                case Decision.Corroborate corroborate -> change(corroborate.existing(), decision);
                case Decision.Supersede supersede -> {
                    FactRecord old = supersede.replaced();
                    FactRecord fresh = new FactRecord(supersede.fact().id(), supersede.fact().subject(),
                            supersede.fact().key(), supersede.fact().value(),
                            supersede.fact().object(), supersede.fact().category(),
                            supersede.fact().importance(), supersede.fact().confidence(),
                            supersede.fact().scope(), FactStatus.CURRENT,
                            supersede.fact().validFrom(), Optional.empty(),
                            supersede.fact().createdAt(), Optional.empty(), Optional.of(old.id()),
                            Optional.empty(), supersede.fact().source());
                    close(old, FactStatus.SUPERSEDED, Optional.of(fresh.id()));
                    facts.add(fresh);
                    streamOf(fresh).addFirst(fresh);
                    change(fresh, decision);
                    corrections.add(new Diff.Correction(old.subject().address(), old.key(),
                            old.value(), fresh.value()));
                }
                case Decision.Retract retract -> {
                    close(retract.retracted(), FactStatus.RETRACTED, Optional.empty());
                    change(retract.retracted(), decision);
                }
                case Decision.Conflict conflict -> {
                    facts.add(conflict.claim());
                    change(conflict.claim(), decision);
                    raise("authority_conflict", conflict.claim(), "a conversation says '"
                            + conflict.claim().value() + "' but an authoritative source says '"
                            + conflict.authoritative().value() + "'",
                            List.of(conflict.authoritative(), conflict.claim()));
                }
                case Decision.Skip skip -> raise("low_confidence", skip.candidate(),
                        skip.reason(), List.of(skip.candidate()));
            }
        }

        private void close(FactRecord fact, FactStatus status, Optional<String> successor) {
            Instant until = origin.observedAt();
            updates.put(fact.id(), new FactBatch.FactUpdate(fact.id(), status, Optional.of(until),
                    now, successor));
            streamOf(fact).removeIf(f -> f.id().equals(fact.id()));
        }

        private void raise(String kind, FactRecord about, String reason,
                List<FactRecord> competing) {
            List<Uncertainty.Candidate> candidates = competing.stream()
                    .map(f -> new Uncertainty.Candidate(f.value(), f.source())).toList();
            String aboutText = about.subject().address() + "#" + about.key();
            Uncertainty uncertainty = new Uncertainty(ids.next(), kind, aboutText, reason,
                    candidates, origin.scope(), false, now, Optional.empty(), Optional.empty());
            uncertainties.add(uncertainty);
            uncertaintyChanges.add(new Diff.UncertaintyChange(uncertainty.id(), kind, aboutText));
        }

        private void change(FactRecord fact, Decision decision) {
            if (fact.isRelation()) {
                relationChanges.add(new Diff.RelationChange(fact.id(), fact.subject().address(),
                        fact.key(), fact.object().orElseThrow().address(), decision.wireName()));
            } else {
                attributeChanges.add(new Diff.AttributeChange(fact.id(), fact.subject().address(),
                        fact.key(), fact.value(), decision.wireName()));
            }
        }

        private Optional<FactRecord> authoritativeConflict(FactRecord claim) {
            List<FactRecord> visible = store.facts(context, new FactQuery(
                    Optional.of(claim.subject()), Optional.of(claim.key()), Optional.empty(),
                    origin.scope().floorKeys(), Set.of(FactStatus.CURRENT), 50));
            List<FactRecord> authoritative = visible.stream()
                    .filter(f -> f.source().isAuthoritative()).toList();
            if (authoritative.isEmpty() || authoritative.stream().anyMatch(f -> sameValue(f, claim))) {
                return Optional.empty();
            }
            return Optional.of(authoritative.getFirst());
        }

        private List<FactRecord> currentStream(FactRecord fact) {
            return streamOf(fact);
        }

        private List<FactRecord> streamOf(FactRecord fact) {
            String key = fact.subject().address() + "\u0000" + fact.key() + "\u0000"
                    + fact.scope().key();
            return current.computeIfAbsent(key, k -> new ArrayList<>(store.facts(context,
                    FactQuery.current(fact.subject(), fact.key(), fact.scope().key()))));
        }

        private FactRecord toRecord(ExtractedFact candidate, KeySpec spec) {
            Instant validFrom = candidate.validFrom().orElse(origin.observedAt());
            String value = candidate.object().map(o -> displayOf(o, candidate.value()))
                    .orElse(candidate.value().strip());
            return new FactRecord(ids.next(), candidate.subject(), spec.key(), value,
                    candidate.object(), spec.category().wireName(), spec.category().importance(),
                    candidate.confidence(), origin.scope(), FactStatus.CURRENT, validFrom,
                    candidate.validUntil(), now, Optional.empty(), Optional.empty(),
                    Optional.empty(), withSpan(origin.source(), candidate.span()));
        }

        private FactRecord closed(FactRecord fact) {
            return new FactRecord(fact.id(), fact.subject(), fact.key(), fact.value(),
                    fact.object(), fact.category(), fact.importance(), fact.confidence(),
                    fact.scope(), FactStatus.RETRACTED, fact.validFrom(),
                    Optional.of(fact.validUntil().orElse(origin.observedAt())), fact.createdAt(),
                    Optional.of(now), Optional.empty(), Optional.empty(), fact.source());
        }

        private String displayOf(EntityKey key, String fallback) {
            EntityRecord entity = entities.get(key);
            return entity != null ? entity.displayName() : fallback;
        }

        Outcome outcome(Optional<String> turnId) {
            List<Diff.EntityChange> entityChanges = new ArrayList<>();
            Map<EntityKey, String> names = new HashMap<>();
            entities.forEach((key, record) -> {
                entityChanges.add(new Diff.EntityChange(record.id(), key.type(), key.name(),
                        isNew.get(key)));
                names.put(key, record.displayName());
            });
            Diff diff = new Diff(turnId, entityChanges, attributeChanges, relationChanges,
                    instructionChanges, uncertaintyChanges, corrections);
            return new Outcome(List.copyOf(decisions), List.copyOf(entities.values()), facts,
                    List.copyOf(updates.values()), instructions, deactivated, uncertainties, diff,
                    names);
        }
    }

    static boolean sameValue(FactRecord a, FactRecord b) {
        if (a.isRelation() || b.isRelation()) {
            return a.object().equals(b.object());
        }
        return FactText.comparable(a.value()).equals(FactText.comparable(b.value()));
    }

    private static Source withSpan(Source source, dev.spectron.engine.spi.Span span) {
        return new Source(source.kind(), source.ref(), source.sessionId(), source.turnId(),
                source.metadata(), Optional.of(new TextSpan(span.start(), span.end())),
                source.trust());
    }
}
