package dev.spectron.engine;

import dev.spectron.api.Diff;
import dev.spectron.api.Instruction;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.Source;
import dev.spectron.engine.spi.Embedder;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.EntityRecord;
import dev.spectron.engine.spi.ExtractionRequest;
import dev.spectron.engine.spi.Extraction;
import dev.spectron.engine.spi.Extractor;
import dev.spectron.engine.spi.FactBatch;
import dev.spectron.engine.spi.FactRecord;
import dev.spectron.engine.spi.FactStore;
import dev.spectron.engine.spi.Indexed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The structured half of the write path: extract → reconcile → embed the new facts' sentences →
 * apply as one batch. Returns the diff; {@code preview} runs everything but the write.
 */
final class StructuredWriter {
    private static final int KNOWN_ENTITIES = 200;

    private final FactStore store;
    private final Extractor extractor;
    private final Reconciler reconciler;
    private final Embedder embedder;

    StructuredWriter(FactStore store, Extractor extractor, Reconciler reconciler,
            Embedder embedder) {
        this.store = store;
        this.extractor = extractor;
        this.reconciler = reconciler;
        this.embedder = embedder;
    }

    /**
     * One text to extract from and reconcile.
     *
     * @param text what was said or written
     * @param role who said it
     * @param speaker the turn's speaker name
     * @param scope the exact scope of the write
     * @param observedAt when it was said
     * @param source provenance of everything read from it
     * @param turnId the stored turn, if any
     */
    record Input(String text, Role role, Optional<String> speaker, Scope scope,
            Instant observedAt, Source source, Optional<String> turnId) {}

    Diff write(String context, Input input, boolean preview) {
        return writeAll(context, List.of(input), preview).getFirst();
    }

    /** Extracts from all inputs (one extractor batch), then reconciles and applies in order. */
    List<Diff> writeAll(String context, List<Input> inputs, boolean preview) {
        List<ExtractionRequest> requests = new ArrayList<>(inputs.size());
        for (Input input : inputs) {
            requests.add(request(context, input));
        }
        List<Extraction> extractions = extractor.extractAll(requests);
        List<Diff> diffs = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Input input = inputs.get(i);
            Reconciler.Outcome outcome = reconciler.reconcile(context, extractions.get(i),
                    new Reconciler.Origin(input.scope(), input.source(), input.observedAt()),
                    input.turnId());
            if (!preview) {
                FactBatch batch = batch(outcome);
                if (!batch.isEmpty()) {
                    store.apply(context, batch);
                }
            }
            diffs.add(outcome.diff());
        }
        return diffs;
    }

    /** Stores caller-supplied facts as given: no extractor, but the same reconciliation. */
    Diff writeTriples(String context, Input input, List<dev.spectron.api.Triple> triples) {
        List<dev.spectron.engine.spi.ExtractedFact> facts = new ArrayList<>();
        for (int i = 0; i < triples.size(); i++) {
            dev.spectron.api.Triple t = triples.get(i);
            String field = "triples[" + i + "]";
            dev.spectron.api.InvalidInputException.require(t.subject() != null, field + ".subject",
                    "is required");
            dev.spectron.api.InvalidInputException.require(t.key() != null && !t.key().isBlank(),
                    field + ".key", "is required");
            Optional<EntityKey> object = t.object().map(EntityKey::parse);
            dev.spectron.api.InvalidInputException.require(object.isPresent()
                    || !t.value().isBlank(), field + ".value", "is required without an object");
            String value = object.isPresent() && t.value().isBlank() ? object.get().name()
                    : t.value();
            facts.add(new dev.spectron.engine.spi.ExtractedFact(EntityKey.parse(t.subject()),
                    t.key(), value, object, dev.spectron.engine.spi.ExtractedFact.Polarity.AFFIRM,
                    dev.spectron.engine.spi.ExtractedFact.Tense.CURRENT, Optional.empty(),
                    Optional.empty(), 1.0, new dev.spectron.engine.spi.Span(0,
                            input.text().length())));
        }
        Reconciler.Outcome outcome = reconciler.reconcile(context,
                new Extraction(facts, List.of(), List.of()),
                new Reconciler.Origin(input.scope(), input.source(), input.observedAt()),
                input.turnId());
        FactBatch batch = batch(outcome);
        if (!batch.isEmpty()) {
            store.apply(context, batch);
        }
        return outcome.diff();
    }

    private ExtractionRequest request(String context, Input input) {
        boolean document = "document".equals(input.source().kind());
        Pronouns pronouns = Pronouns.of(input.role(), input.speaker(), input.scope(), document);
        List<EntityKey> known = store.visibleEntities(context, input.scope().floorKeys(),
                Optional.empty(), Optional.empty(), KNOWN_ENTITIES).stream()
                .map(EntityRecord::key).toList();
        return new ExtractionRequest(input.text(), input.role(), input.speaker(), pronouns.self(),
                pronouns.group(), pronouns.addressee(), input.scope(), input.observedAt(), known,
                input.source().isAuthoritative());
    }

    private FactBatch batch(Reconciler.Outcome outcome) {
        List<String> texts = new ArrayList<>();
        for (FactRecord fact : outcome.facts()) {
            texts.add(FactText.of(fact, outcome.displayNames().getOrDefault(fact.subject(),
                    fact.subject().name())));
        }
        for (Instruction instruction : outcome.instructions()) {
            texts.add(FactText.instruction(instruction.text()));
        }
        List<float[]> vectors = texts.isEmpty() ? List.of() : embedder.embedPassages(texts);
        List<Indexed<FactRecord>> facts = new ArrayList<>();
        int i = 0;
        for (FactRecord fact : outcome.facts()) {
            facts.add(new Indexed<>(fact, texts.get(i), vectors.get(i), embedder.modelId()));
            i++;
        }
        List<Indexed<Instruction>> instructions = new ArrayList<>();
        for (Instruction instruction : outcome.instructions()) {
            instructions.add(new Indexed<>(instruction, texts.get(i), vectors.get(i),
                    embedder.modelId()));
            i++;
        }
        return new FactBatch(outcome.entities(), facts, outcome.updates(), instructions,
                outcome.deactivated(), outcome.uncertainties(), List.of());
    }
}
