package dev.spectron.engine;

import dev.spectron.engine.spi.FactRecord;

/**
 * What reconciliation decided for one candidate fact. One sealed type, handled exhaustively.
 */
sealed interface Decision permits Decision.Add, Decision.Corroborate, Decision.Supersede,
        Decision.Retract, Decision.Conflict, Decision.Skip {

    /** The wire name used in diffs: {@code add}, {@code corroborate}, … */
    String wireName();

    /** A new value with nothing to replace. */
    record Add(FactRecord fact) implements Decision {
        public String wireName() {
            return "add";
        }
    }

    /** The same value is already current: reinforce it, write no duplicate. */
    record Corroborate(FactRecord existing) implements Decision {
        public String wireName() {
            return "corroborate";
        }
    }

    /** A new value replaces the current one of a cardinality-one key. */
    record Supersede(FactRecord fact, FactRecord replaced) implements Decision {
        public String wireName() {
            return "supersede";
        }
    }

    /** A negation closes the current value, with no successor. */
    record Retract(FactRecord retracted) implements Decision {
        public String wireName() {
            return "retract";
        }
    }

    /**
     * An experiential claim contradicts an authoritative value: the claim is stored with its
     * provenance, the authoritative row is left untouched, and an uncertainty is raised.
     */
    record Conflict(FactRecord claim, FactRecord authoritative) implements Decision {
        public String wireName() {
            return "conflict";
        }
    }

    /** Below the calibration floor: not stored as a fact; an uncertainty records it. */
    record Skip(FactRecord candidate, String reason) implements Decision {
        public String wireName() {
            return "skip";
        }
    }
}
