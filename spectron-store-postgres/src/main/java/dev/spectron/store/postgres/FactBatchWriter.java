package dev.spectron.store.postgres;

import dev.spectron.api.ConflictException;
import dev.spectron.api.FactStatus;
import dev.spectron.api.Instruction;
import dev.spectron.api.NotFoundException;
import dev.spectron.api.Uncertainty;
import dev.spectron.engine.spi.EntityRecord;
import dev.spectron.engine.spi.FactBatch.FactUpdate;
import dev.spectron.engine.spi.FactBatch.InstructionUpdate;
import dev.spectron.engine.spi.FactBatch.Resolution;
import dev.spectron.engine.spi.FactBatch;
import dev.spectron.engine.spi.FactRecord;
import dev.spectron.engine.spi.Indexed;
import dev.spectron.engine.store.SourceJson;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Applies a {@link FactBatch} inside the caller's write transaction, in stages: entities, new
 * facts, fact updates, new instructions, deactivations, new uncertainties, resolutions. New
 * records come before updates so that an update may name a successor written by the same batch.
 * A stage that throws leaves the transaction to be rolled back whole.
 *
 * <p>The index follows what is current: a fact logs an upsert when it is stored or becomes
 * current and a delete when it stops being current; an instruction likewise with
 * {@code active}. An update of a forgotten fact changes nothing. Updates lock the row they read
 * first, so two batches updating one fact on two nodes log its transition once.
 */
final class FactBatchWriter {
    private FactBatchWriter() {}

    static void apply(Database.Transaction tx, String context, FactBatch batch)
            throws SQLException {
        Connection c = tx.connection();
        for (EntityRecord entity : batch.entities()) {
            EntityTable.upsert(c, context, entity);
        }
        for (Indexed<FactRecord> fact : batch.facts()) {
            insertFact(tx, context, fact);
        }
        for (FactUpdate update : batch.factUpdates()) {
            updateFact(tx, context, update);
        }
        for (Indexed<Instruction> instruction : batch.instructions()) {
            insertInstruction(tx, context, instruction);
        }
        for (InstructionUpdate update : batch.instructionUpdates()) {
            deactivate(tx, context, update);
        }
        for (Uncertainty uncertainty : batch.uncertainties()) {
            insertUncertainty(c, context, uncertainty);
        }
        for (Resolution resolution : batch.resolutions()) {
            if (!UncertaintyTable.resolve(c, context, resolution)) {
                throw new NotFoundException("uncertainty '" + resolution.id() + "'");
            }
        }
    }

    private static void insertFact(Database.Transaction tx, String context,
            Indexed<FactRecord> indexed) throws SQLException {
        Connection c = tx.connection();
        FactRecord fact = indexed.record();
        RecordIds.requireFree(c, "fact", fact.id(), FactTable.exists(c, fact.id()));
        FactTable.insert(c, context, indexed, SourceJson.write(fact.source(), "fact.source"));
        VectorTable.insert(c, fact.id(), indexed.modelId(), indexed.vector());
        if (fact.status() == FactStatus.CURRENT) {
            tx.logUpsert(fact.id(), fact.kind());
        }
    }

    private static void updateFact(Database.Transaction tx, String context, FactUpdate update)
            throws SQLException {
        Connection c = tx.connection();
        FactTable.State before = FactTable.lockState(c, context, update.id())
                .orElseThrow(() -> new NotFoundException("fact '" + update.id() + "'"));
        if (before.status() == FactStatus.FORGOTTEN) {
            // Forgotten stays forgotten: a reconciliation that read the fact before a forget
            // must not bring it back into history reads or the index.
            return;
        }
        FactTable.update(c, context, update);
        boolean wasCurrent = before.status() == FactStatus.CURRENT;
        boolean isCurrent = update.status() == FactStatus.CURRENT;
        if (wasCurrent && !isCurrent) {
            tx.logDelete(update.id(), before.kind());
        } else if (isCurrent && !wasCurrent) {
            tx.logUpsert(update.id(), before.kind());
        }
    }

    private static void insertInstruction(Database.Transaction tx, String context,
            Indexed<Instruction> indexed) throws SQLException {
        Connection c = tx.connection();
        Instruction instruction = indexed.record();
        RecordIds.requireFree(c, "instruction", instruction.id(),
                InstructionTable.exists(c, instruction.id()));
        InstructionTable.insert(c, context, indexed,
                SourceJson.write(instruction.source(), "instruction.source"));
        VectorTable.insert(c, instruction.id(), indexed.modelId(), indexed.vector());
        if (instruction.active()) {
            tx.logUpsert(instruction.id(), ChangeLog.INSTRUCTION);
        }
    }

    private static void deactivate(Database.Transaction tx, String context,
            InstructionUpdate update) throws SQLException {
        Connection c = tx.connection();
        boolean wasActive = InstructionTable.lockActive(c, context, update.id())
                .orElseThrow(() -> new NotFoundException("instruction '" + update.id() + "'"));
        InstructionTable.deactivate(c, context, update.id(), update.supersededBy());
        if (wasActive) {
            tx.logDelete(update.id(), ChangeLog.INSTRUCTION);
        }
    }

    private static void insertUncertainty(Connection c, String context, Uncertainty u)
            throws SQLException {
        if (UncertaintyTable.exists(c, u.id())) {
            throw new ConflictException("uncertainty '" + u.id() + "' already exists");
        }
        UncertaintyTable.insert(c, context, u,
                SourceJson.writeCandidates(u.candidates(), "uncertainty.candidates"));
    }
}
