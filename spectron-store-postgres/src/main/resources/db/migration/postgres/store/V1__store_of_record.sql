-- Spectron's store of record on PostgreSQL, version 1: the schema the SQLite store reaches with
-- its versions 1 to 4, in one step.
--
-- Conventions
--   * Times are timestamptz (microsecond precision; the store truncates finer digits).
--   * Identifiers, names and scope keys are text COLLATE "C": compared and ordered byte by byte,
--     as the SQLite store does, whatever the database's locale.
--   * Scopes are stored as dev.spectron.api.Scope#key() (the column reads filter on, with
--     scope_key = ANY(floor keys)) and as a jsonb object of tags, which a forget matches by
--     containment (scope_json @> tags). The key is authoritative.
--   * Free JSON (metadata, provenance, uncertainty candidates) is json, not jsonb: it reads back
--     as it was written (jsonb would reorder keys and rewrite numbers such as 1e300).
--   * Record ids are unique across the whole store, not per context; the ids of indexed records
--     (turns, facts, instructions, chunks) are unique across those kinds too, which the primary
--     key of vectors enforces.
--   * Every change the search index must follow appends a row to index_log in the same
--     transaction, last, under a transaction-scoped advisory lock (see PostgresMemoryStore), so
--     that the order of seq is the order in which the rows become visible.
--   * No ON DELETE CASCADE: whoever deletes a parent deletes (and logs) its children explicitly,
--     so the search index can never miss a deletion.
--   * A soft forget sets forgotten_at (facts: status 'forgotten' with closed_at); reads filter
--     on it, and a forgotten row keeps its id. A purge deletes the rows.

CREATE TABLE contexts (
    name       text COLLATE "C" NOT NULL PRIMARY KEY,
    created_at timestamptz NOT NULL
);

CREATE TABLE api_keys (
    id         text COLLATE "C" NOT NULL PRIMARY KEY,
    kind       text NOT NULL CHECK (kind IN ('management', 'data')),
    context    text COLLATE "C" REFERENCES contexts (name),
    role       text NOT NULL,
    floor_key  text COLLATE "C" NOT NULL,
    hash       text NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz,
    CHECK ((kind = 'data') = (context IS NOT NULL))
);

-- hasManagementKey()
CREATE INDEX api_keys_by_kind ON api_keys (kind);
-- keys(context) in order; the foreign key to contexts
CREATE INDEX api_keys_by_context ON api_keys (context, created_at, id);

-- Per-context extensions of the key registry.
CREATE TABLE key_specs (
    context     text COLLATE "C" NOT NULL REFERENCES contexts (name),
    key         text COLLATE "C" NOT NULL,
    relation    boolean NOT NULL,
    cardinality text NOT NULL CHECK (cardinality IN ('one', 'many')),
    category    text NOT NULL CHECK (category IN ('identity', 'knowledge', 'context')),
    synonyms    text[] NOT NULL,
    PRIMARY KEY (context, key)
);

CREATE TABLE sessions (
    id            text COLLATE "C" NOT NULL PRIMARY KEY,
    context       text COLLATE "C" NOT NULL REFERENCES contexts (name),
    scope_key     text COLLATE "C" NOT NULL,
    scope_json    jsonb NOT NULL,
    metadata_json json NOT NULL,
    extract       text NOT NULL CHECK (extract IN ('turn', 'session')),
    status        text NOT NULL CHECK (status IN ('open', 'closed')),
    created_at    timestamptz NOT NULL,
    closed_at     timestamptz,
    forgotten_at  timestamptz
);

-- sessions(context, floor keys, limit), newest first; the foreign key to contexts
CREATE INDEX sessions_by_scope ON sessions (context, scope_key, created_at);

CREATE TABLE turns (
    id             text COLLATE "C" NOT NULL PRIMARY KEY,
    -- always its session's context (appendTurn checks), so the session answers "which context"
    context        text COLLATE "C" NOT NULL,
    session_id     text COLLATE "C" NOT NULL REFERENCES sessions (id),
    seq_in_session integer NOT NULL CHECK (seq_in_session >= 1),
    role           text NOT NULL,
    speaker        text,
    content        text NOT NULL,
    created_at     timestamptz NOT NULL,
    observed_at    timestamptz NOT NULL,
    metadata_json  json NOT NULL,
    index_text     text NOT NULL,
    forgotten_at   timestamptz,
    -- also serves turns(session) in order, max(seq) on append, and the foreign key to sessions
    UNIQUE (session_id, seq_in_session)
);

-- One embedding per indexed record, little-endian float32. The search index holds its own copy
-- in a vector column; this one lets the index be rebuilt without re-embedding.
CREATE TABLE vectors (
    record_id text COLLATE "C" NOT NULL PRIMARY KEY,
    model_id  text NOT NULL,
    dims      integer NOT NULL CHECK (dims >= 0),
    data      bytea NOT NULL CHECK (octet_length(data) = 4 * dims)
);

CREATE TABLE index_log (
    seq       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_id text COLLATE "C" NOT NULL,
    kind      text NOT NULL,
    op        text NOT NULL CHECK (op IN ('upsert', 'delete'))
);

-- Structured memory. Attributes and relations share one table: a relation has an object entity.
-- Entities are referenced by (type, name), their identity, not by id.

CREATE TABLE entities (
    id           text COLLATE "C" NOT NULL PRIMARY KEY,
    context      text COLLATE "C" NOT NULL REFERENCES contexts (name),
    type         text COLLATE "C" NOT NULL,
    name         text COLLATE "C" NOT NULL,
    display_name text NOT NULL,
    aliases      text[] NOT NULL,
    importance   double precision NOT NULL CHECK (importance BETWEEN 0 AND 1),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    -- entity(key), entities(keys), the upsert's conflict target, the foreign key to contexts
    UNIQUE (context, type, name)
);

-- visibleEntities(…): walks a context's entities in name order and stops at the limit
CREATE INDEX entities_by_name ON entities (context, name, type);

CREATE TABLE facts (
    id            text COLLATE "C" NOT NULL PRIMARY KEY,
    context       text COLLATE "C" NOT NULL REFERENCES contexts (name),
    subject_type  text COLLATE "C" NOT NULL,
    subject_name  text COLLATE "C" NOT NULL,
    key           text COLLATE "C" NOT NULL,
    value         text NOT NULL,
    object_type   text COLLATE "C",
    object_name   text COLLATE "C",
    category      text NOT NULL,
    importance    double precision NOT NULL CHECK (importance BETWEEN 0 AND 1),
    confidence    double precision NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    scope_key     text COLLATE "C" NOT NULL,
    scope_json    jsonb NOT NULL,
    status        text NOT NULL
                  CHECK (status IN ('current', 'superseded', 'retracted', 'forgotten')),
    valid_from    timestamptz NOT NULL,
    valid_until   timestamptz,
    created_at    timestamptz NOT NULL,
    closed_at     timestamptz,
    supersedes    text COLLATE "C",
    superseded_by text COLLATE "C",
    source        json NOT NULL,
    index_text    text NOT NULL,
    CHECK ((object_type IS NULL) = (object_name IS NULL))
);

-- facts of a subject (and key, and exact scope: reconciliation's lookup); visibleEntities
CREATE INDEX facts_by_subject
    ON facts (context, subject_type, subject_name, key, scope_key, status);
-- relations to an entity; visibleEntities
CREATE INDEX facts_by_object ON facts (context, object_type, object_name);
-- everything visible at a reader's scope keys, newest first; the foreign key to contexts
CREATE INDEX facts_by_scope ON facts (context, scope_key, status, created_at);

CREATE TABLE instructions (
    id            text COLLATE "C" NOT NULL PRIMARY KEY,
    context       text COLLATE "C" NOT NULL REFERENCES contexts (name),
    text          text NOT NULL,
    scope_key     text COLLATE "C" NOT NULL,
    scope_json    jsonb NOT NULL,
    active        boolean NOT NULL,
    created_at    timestamptz NOT NULL,
    superseded_by text COLLATE "C",
    source        json NOT NULL,
    index_text    text NOT NULL,
    forgotten_at  timestamptz
);

-- instructions(context, floor keys, activeOnly), newest first; the foreign key to contexts
CREATE INDEX instructions_by_scope ON instructions (context, scope_key, active, created_at);

CREATE TABLE uncertainties (
    id           text COLLATE "C" NOT NULL PRIMARY KEY,
    context      text COLLATE "C" NOT NULL REFERENCES contexts (name),
    kind         text NOT NULL,
    about        text COLLATE "C" NOT NULL,
    reason       text NOT NULL,
    candidates   json NOT NULL,
    scope_key    text COLLATE "C" NOT NULL,
    scope_json   jsonb NOT NULL,
    resolved     boolean NOT NULL,
    created_at   timestamptz NOT NULL,
    resolved_at  timestamptz,
    resolution   text,
    forgotten_at timestamptz,
    CHECK (resolved = (resolved_at IS NOT NULL))
);

-- uncertainties(context, floor keys, openOnly), newest first; the foreign key to contexts
CREATE INDEX uncertainties_by_scope
    ON uncertainties (context, scope_key, resolved, created_at);

CREATE TABLE documents (
    id           text COLLATE "C" NOT NULL PRIMARY KEY,
    context      text COLLATE "C" NOT NULL REFERENCES contexts (name),
    title        text,
    scope_key    text COLLATE "C" NOT NULL,
    scope_json   jsonb NOT NULL,
    mime_type    text NOT NULL,
    status       text NOT NULL,
    chunks       integer NOT NULL CHECK (chunks >= 0),
    created_at   timestamptz NOT NULL,
    error        text,
    forgotten_at timestamptz
);

-- documents(context, floor keys, limit), newest first; the foreign key to contexts
CREATE INDEX documents_by_scope ON documents (context, scope_key, created_at);

-- Chunks carry their document's scope key, so that index documents and reads of a chunk need
-- no join to filter by scope.
CREATE TABLE chunks (
    id           text COLLATE "C" NOT NULL PRIMARY KEY,
    -- always its document's context
    context      text COLLATE "C" NOT NULL,
    document_id  text COLLATE "C" NOT NULL REFERENCES documents (id),
    seq          integer NOT NULL CHECK (seq >= 1),
    text         text NOT NULL,
    scope_key    text COLLATE "C" NOT NULL,
    span_start   integer NOT NULL CHECK (span_start >= 0),
    span_end     integer NOT NULL CHECK (span_end >= span_start),
    index_text   text NOT NULL,
    forgotten_at timestamptz,
    -- a document's chunks in order (deleteDocument), and the foreign key to documents
    UNIQUE (document_id, seq)
);
