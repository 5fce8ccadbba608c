package dev.spectron.engine.spi;

import dev.spectron.api.FactStatus;
import dev.spectron.api.Instruction;
import dev.spectron.api.Uncertainty;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of reconciling one write, applied by {@link FactStore#apply} in one transaction:
 * either all of it is stored, or none. New current facts and active instructions are logged as
 * index upserts; facts that stop being current and instructions that stop being active are logged
 * as index deletes (the index holds only what is current; history is read from the store).
 *
 * @param entities entities to create, or whose alias list and timestamps to update
 * @param facts new facts
 * @param factUpdates status changes of existing facts
 * @param instructions new instructions
 * @param instructionUpdates instructions to deactivate
 * @param uncertainties new uncertainties
 * @param resolutions uncertainties to mark resolved
 */
public record FactBatch(List<EntityRecord> entities, List<Indexed<FactRecord>> facts,
        List<FactUpdate> factUpdates, List<Indexed<Instruction>> instructions,
        List<InstructionUpdate> instructionUpdates, List<Uncertainty> uncertainties,
        List<Resolution> resolutions) {
    public FactBatch {
        entities = List.copyOf(entities);
        facts = List.copyOf(facts);
        factUpdates = List.copyOf(factUpdates);
        instructions = List.copyOf(instructions);
        instructionUpdates = List.copyOf(instructionUpdates);
        uncertainties = List.copyOf(uncertainties);
        resolutions = List.copyOf(resolutions);
    }

    /** True when there is nothing to write. */
    public boolean isEmpty() {
        return entities.isEmpty() && facts.isEmpty() && factUpdates.isEmpty()
                && instructions.isEmpty() && instructionUpdates.isEmpty()
                && uncertainties.isEmpty() && resolutions.isEmpty();
    }

    /**
     * A fact's new status.
     *
     * @param id the fact
     * @param status its new status (superseded, retracted or forgotten)
     * @param validUntil when it stopped holding in the world
     * @param closedAt when Spectron learned so
     * @param supersededBy its successor, for superseded facts
     */
    public record FactUpdate(String id, FactStatus status, Optional<Instant> validUntil,
            Instant closedAt, Optional<String> supersededBy) {}

    /**
     * An instruction that stops being active.
     *
     * @param id the instruction
     * @param supersededBy the instruction that ended it, if any
     */
    public record InstructionUpdate(String id, Optional<String> supersededBy) {}

    /**
     * An uncertainty resolved.
     *
     * @param id the uncertainty
     * @param at when
     * @param resolution how
     */
    public record Resolution(String id, Instant at, String resolution) {}
}
