-- Per-context extensions of the key registry: attribute keys and relation labels a context adds
-- to (or redefines over) the built-in registry.
CREATE TABLE key_specs (
    context     TEXT NOT NULL REFERENCES contexts (name),
    key         TEXT NOT NULL,
    relation    INTEGER NOT NULL CHECK (relation IN (0, 1)),
    cardinality TEXT NOT NULL CHECK (cardinality IN ('one', 'many')),
    category    TEXT NOT NULL CHECK (category IN ('identity', 'knowledge', 'context')),
    synonyms    TEXT NOT NULL,
    PRIMARY KEY (context, key)
) STRICT;
