package dev.spectron.engine;

import dev.spectron.api.Hit;
import dev.spectron.api.HitKind;
import dev.spectron.api.Instruction;
import dev.spectron.api.Source;
import dev.spectron.api.Turn;
import dev.spectron.api.Uncertainty;
import dev.spectron.engine.spi.ChunkRecord;
import dev.spectron.engine.spi.FactRecord;
import dev.spectron.engine.spi.MemoryStore;
import dev.spectron.engine.spi.StoredTurn;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads index hits back from the store of record, whatever their kind, and turns them into
 * {@link Hit}s. Reading the store (not the index) means a record deleted or superseded a moment
 * ago is never returned.
 */
final class Hydrator {
    /** Entity types whose names a question may use to ask about someone. */
    private static final Set<String> PEOPLE = Set.of("person", "animal");

    private final MemoryStore store;

    Hydrator(MemoryStore store) {
        this.store = store;
    }

    /**
     * A hit with what ranking needs to know about it.
     *
     * @param who who it is about or by: a turn's speaker, a fact's subject name; {@code ""} else
     * @param people lower-case names of the persons and animals it is by or about
     * @param seq a turn's position in its session; 0 for other kinds
     */
    record Hydrated(Hit hit, double importance, double trust, java.time.Instant observedAt,
            String who, Set<String> people, int seq) {
        Hydrated(Hit hit, double importance, double trust, java.time.Instant observedAt,
                String who) {
            this(hit, importance, trust, observedAt, who, Set.of(), 0);
        }
    }

    Map<String, Hydrated> hydrate(String context, Collection<String> ids) {
        Map<String, Hydrated> out = HashMap.newHashMap(ids.size());
        for (StoredTurn stored : store.turnsById(context, ids).values()) {
            out.put(stored.turn().id(), turn(stored));
        }
        // Each kind is read from the ids no earlier kind had (one store round trip per kind).
        List<String> rest = missing(ids, out);
        if (rest.isEmpty()) {
            return out;
        }
        store.factsById(context, rest).values().forEach(f -> out.put(f.id(), fact(f)));
        rest = missing(rest, out);
        if (rest.isEmpty()) {
            return out;
        }
        store.instructionsById(context, rest).values().forEach(i -> out.put(i.id(),
                instruction(i)));
        rest = missing(rest, out);
        if (rest.isEmpty()) {
            return out;
        }
        Map<String, java.time.Instant> published = new HashMap<>();
        for (ChunkRecord chunk : store.chunksById(context, rest).values()) {
            java.time.Instant at = published.computeIfAbsent(chunk.documentId(),
                    doc -> store.document(context, doc)
                            .map(dev.spectron.api.DocumentInfo::createdAt)
                            .orElse(java.time.Instant.EPOCH));
            out.put(chunk.id(), chunk(chunk, at));
        }
        return out;
    }

    private static List<String> missing(Collection<String> ids, Map<String, Hydrated> found) {
        return ids.stream().filter(id -> !found.containsKey(id)).toList();
    }

    private static Hydrated turn(StoredTurn stored) {
        Turn turn = stored.turn();
        String speaker = TurnText.speaker(turn.role(), turn.speaker(), stored.scope());
        Source source = new Source("turn", "turn:" + turn.id(), Optional.of(turn.sessionId()),
                Optional.of(turn.id()), turn.metadata());
        Hit hit = new Hit(turn.id(), HitKind.TURN, TurnText.hit(speaker, turn.content()), 0,
                Optional.empty(), source, turn.observedAt(), Optional.empty(), turn.createdAt());
        // A speaker named after the role ("user", "assistant") is nobody a question names.
        Set<String> people = speaker.equals(turn.role().wireName())
                ? Set.of() : Set.of(speaker.toLowerCase(Locale.ROOT));
        return new Hydrated(hit, 0.5, source.trust(), turn.observedAt(), speaker, people,
                turn.seq());
    }

    static Hydrated fact(FactRecord fact) {
        String subject = fact.subject().name();
        Hit hit = new Hit(fact.id(), fact.isRelation() ? HitKind.RELATION : HitKind.ATTRIBUTE,
                FactText.of(fact, subject), 0, Optional.of(fact.subject().address()),
                fact.source(), fact.validFrom(), fact.validUntil(), fact.createdAt());
        Set<String> people = new HashSet<>();
        if (PEOPLE.contains(fact.subject().type())) {
            people.add(subject);
        }
        fact.object().filter(o -> PEOPLE.contains(o.type())).ifPresent(o -> people.add(o.name()));
        return new Hydrated(hit, fact.importance(), fact.source().trust(), fact.validFrom(),
                subject, people, 0);
    }

    static Hit instructionHit(Instruction instruction) {
        return instruction(instruction).hit();
    }

    /**
     * An open uncertainty as a context item, written like a fact about what it questions:
     * {@code shop — return window: a conversation says '60 days' but an authoritative source
     * says '30 days'}; a claim refused for low confidence reads as {@code possibly '…'}. Its
     * source is the claim that raised it.
     */
    static Hit uncertaintyHit(Uncertainty uncertainty) {
        String about = uncertainty.about();
        int hash = about.lastIndexOf('#');
        String entity = hash < 0 ? about : about.substring(0, hash);
        String key = hash < 0 ? "" : about.substring(hash + 1);
        String name = entity.substring(entity.indexOf('/') + 1);
        List<Uncertainty.Candidate> candidates = uncertainty.candidates();
        String what = uncertainty.kind().equals("low_confidence") && !candidates.isEmpty()
                ? "possibly '" + candidates.getLast().value() + "' (said with low confidence)"
                : uncertainty.reason();
        String text = key.isEmpty() ? name + " — " + what
                : name + " — " + key.replace('_', ' ') + ": " + what;
        Source source = candidates.isEmpty() ? new Source("uncertainty", "uncertainty:"
                + uncertainty.id(), Optional.empty(), Optional.empty(), Map.of(), Optional.empty(),
                0) : candidates.getLast().source();
        return new Hit(uncertainty.id(), HitKind.UNCERTAINTY, text, 0,
                Optional.of(entity), source, uncertainty.createdAt(), Optional.empty(),
                uncertainty.createdAt());
    }

    private static Hydrated instruction(Instruction instruction) {
        Hit hit = new Hit(instruction.id(), HitKind.INSTRUCTION,
                FactText.instruction(instruction.text()), 0, Optional.empty(),
                instruction.source(), instruction.createdAt(), Optional.empty(),
                instruction.createdAt());
        return new Hydrated(hit, 0.9, instruction.source().trust(), instruction.createdAt(), "");
    }

    private static Hydrated chunk(ChunkRecord chunk, java.time.Instant at) {
        Source source = new Source("document", "doc:" + chunk.documentId(), Optional.empty(),
                Optional.empty(), Map.of(), Optional.of(new dev.spectron.api.TextSpan(
                        chunk.span().start(), chunk.span().end())), Source.AUTHORITATIVE_TRUST);
        Hit hit = new Hit(chunk.id(), HitKind.CHUNK, chunk.text(), 0, Optional.empty(), source,
                at, Optional.empty(), at);
        return new Hydrated(hit, 0.9, Source.AUTHORITATIVE_TRUST, at, "");
    }
}
