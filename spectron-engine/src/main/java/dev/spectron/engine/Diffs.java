package dev.spectron.engine;

import dev.spectron.api.Diff;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Combining the diffs of several writes into one (session close, batches). */
final class Diffs {
    private Diffs() {}

    static Diff combine(List<Diff> diffs) {
        List<Diff.EntityChange> entities = new ArrayList<>();
        List<Diff.AttributeChange> attributes = new ArrayList<>();
        List<Diff.RelationChange> relations = new ArrayList<>();
        List<Diff.InstructionChange> instructions = new ArrayList<>();
        List<Diff.UncertaintyChange> uncertainties = new ArrayList<>();
        List<Diff.Correction> corrections = new ArrayList<>();
        for (Diff d : diffs) {
            for (Diff.EntityChange e : d.entities()) {
                if (entities.stream().noneMatch(x -> x.id().equals(e.id()))) {
                    entities.add(e);
                }
            }
            attributes.addAll(d.attributes());
            relations.addAll(d.relations());
            instructions.addAll(d.instructions());
            uncertainties.addAll(d.uncertainties());
            corrections.addAll(d.corrections());
        }
        return new Diff(Optional.empty(), entities, attributes, relations, instructions,
                uncertainties, corrections);
    }
}
