-- Spectron's store of record on SQLite, version 2: structured memory (SPEC §2.4-§2.6).
--
-- The conventions of V1 hold: UTC ISO-8601 times with nine fractional digits, scopes as
-- Scope#key() (authoritative, filtered on) beside a JSON copy, record ids unique across the whole
-- store, an index_log row in the same transaction as every change the search index follows, and
-- no ON DELETE CASCADE.
--
-- Additions
--   * Attributes and relations share one table, facts: a relation has an object entity, an
--     attribute has none. Entities are referenced by (type, name), their identity, not by id.
--   * Facts, instructions and chunks keep the text the search index reads (index_text) and their
--     embedding in vectors, so the index can be rebuilt without re-embedding. Record ids are
--     unique across kinds, which vectors' primary key also enforces.
--   * Provenance (source) is a JSON object {kind, ref, sessionId?, turnId?, metadata, span?,
--     trust}, span being {start, end}; uncertainty candidates are a JSON array of
--     {value, source}; entity aliases a JSON array of strings.
--   * Chunks carry their document's scope key, so that index documents and reads of a chunk
--     need no join to filter by scope.

CREATE TABLE entities (
    id           TEXT NOT NULL PRIMARY KEY,
    context      TEXT NOT NULL REFERENCES contexts (name),
    type         TEXT NOT NULL,
    name         TEXT NOT NULL,
    display_name TEXT NOT NULL,
    aliases      TEXT NOT NULL,
    importance   REAL NOT NULL CHECK (importance BETWEEN 0 AND 1),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    -- entity(key), entities(keys), the upsert's conflict target, the foreign key to contexts
    UNIQUE (context, type, name)
) STRICT;

-- visibleEntities(…): walks a context's entities in name order and stops at the limit
CREATE INDEX entities_by_name ON entities (context, name);

CREATE TABLE facts (
    id            TEXT NOT NULL PRIMARY KEY,
    context       TEXT NOT NULL REFERENCES contexts (name),
    subject_type  TEXT NOT NULL,
    subject_name  TEXT NOT NULL,
    key           TEXT NOT NULL,
    value         TEXT NOT NULL,
    object_type   TEXT,
    object_name   TEXT,
    category      TEXT NOT NULL,
    importance    REAL NOT NULL CHECK (importance BETWEEN 0 AND 1),
    confidence    REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    scope_key     TEXT NOT NULL,
    scope_json    TEXT NOT NULL,
    status        TEXT NOT NULL
                  CHECK (status IN ('current', 'superseded', 'retracted', 'forgotten')),
    valid_from    TEXT NOT NULL,
    valid_until   TEXT,
    created_at    TEXT NOT NULL,
    closed_at     TEXT,
    supersedes    TEXT,
    superseded_by TEXT,
    source        TEXT NOT NULL,
    index_text    TEXT NOT NULL,
    CHECK ((object_type IS NULL) = (object_name IS NULL))
) STRICT;

-- facts of a subject (and key, and exact scope: reconciliation's lookup); visibleEntities
CREATE INDEX facts_by_subject
    ON facts (context, subject_type, subject_name, key, scope_key, status);
-- relations to an entity; visibleEntities
CREATE INDEX facts_by_object ON facts (context, object_type, object_name);
-- everything visible at a reader's scope keys, newest first; the foreign key to contexts
CREATE INDEX facts_by_scope ON facts (context, scope_key, status, created_at);

CREATE TABLE instructions (
    id            TEXT NOT NULL PRIMARY KEY,
    context       TEXT NOT NULL REFERENCES contexts (name),
    text          TEXT NOT NULL,
    scope_key     TEXT NOT NULL,
    scope_json    TEXT NOT NULL,
    active        INTEGER NOT NULL CHECK (active IN (0, 1)),
    created_at    TEXT NOT NULL,
    superseded_by TEXT,
    source        TEXT NOT NULL,
    index_text    TEXT NOT NULL
) STRICT;

-- instructions(context, floor keys, activeOnly), newest first; the foreign key to contexts
CREATE INDEX instructions_by_scope ON instructions (context, scope_key, active, created_at);

CREATE TABLE uncertainties (
    id          TEXT NOT NULL PRIMARY KEY,
    context     TEXT NOT NULL REFERENCES contexts (name),
    kind        TEXT NOT NULL,
    about       TEXT NOT NULL,
    reason      TEXT NOT NULL,
    candidates  TEXT NOT NULL,
    scope_key   TEXT NOT NULL,
    scope_json  TEXT NOT NULL,
    resolved    INTEGER NOT NULL CHECK (resolved IN (0, 1)),
    created_at  TEXT NOT NULL,
    resolved_at TEXT,
    resolution  TEXT,
    CHECK ((resolved = 1) = (resolved_at IS NOT NULL))
) STRICT;

-- uncertainties(context, floor keys, openOnly), newest first; the foreign key to contexts
CREATE INDEX uncertainties_by_scope
    ON uncertainties (context, scope_key, resolved, created_at);

CREATE TABLE documents (
    id         TEXT NOT NULL PRIMARY KEY,
    context    TEXT NOT NULL REFERENCES contexts (name),
    title      TEXT,
    scope_key  TEXT NOT NULL,
    scope_json TEXT NOT NULL,
    mime_type  TEXT NOT NULL,
    status     TEXT NOT NULL,
    chunks     INTEGER NOT NULL CHECK (chunks >= 0),
    created_at TEXT NOT NULL,
    error      TEXT
) STRICT;

-- documents(context, floor keys, limit), newest first; the foreign key to contexts
CREATE INDEX documents_by_scope ON documents (context, scope_key, created_at);

CREATE TABLE chunks (
    id          TEXT NOT NULL PRIMARY KEY,
    context     TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents (id),
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    text        TEXT NOT NULL,
    scope_key   TEXT NOT NULL,
    span_start  INTEGER NOT NULL CHECK (span_start >= 0),
    span_end    INTEGER NOT NULL CHECK (span_end >= span_start),
    index_text  TEXT NOT NULL,
    -- a document's chunks in order (deleteDocument), and the foreign key to documents
    UNIQUE (document_id, seq)
) STRICT;
