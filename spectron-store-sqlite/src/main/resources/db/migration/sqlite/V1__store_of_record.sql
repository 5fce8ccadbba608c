-- Spectron's store of record on SQLite, version 1.
--
-- Conventions
--   * Times are UTC ISO-8601 text with exactly nine fractional digits, e.g.
--     '2024-05-08T12:34:56.123456789Z': lossless for java.time.Instant and, being fixed-width,
--     ordered correctly by plain text comparison (for years 0000-9999).
--   * Scopes are stored as dev.spectron.api.Scope#key() (the column reads filter on) and, for
--     people and ad-hoc SQL, as a JSON object. The key is authoritative.
--   * Record ids (sessions, turns) are unique across the whole store, not per context.
--   * Every change the search index must follow appends a row to index_log in the same
--     transaction; AUTOINCREMENT keeps its sequence strictly increasing, even after deletes.
--   * No ON DELETE CASCADE: whoever deletes a parent deletes (and logs) its children explicitly,
--     so the search index can never miss a deletion.

CREATE TABLE contexts (
    name       TEXT NOT NULL PRIMARY KEY,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE api_keys (
    id         TEXT NOT NULL PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('management', 'data')),
    context    TEXT REFERENCES contexts (name),
    role       TEXT NOT NULL,
    floor_key  TEXT NOT NULL,
    hash       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    CHECK ((kind = 'data') = (context IS NOT NULL))
) STRICT;

-- hasManagementKey()
CREATE INDEX api_keys_by_kind ON api_keys (kind);
-- foreign-key checks when a context is deleted
CREATE INDEX api_keys_by_context ON api_keys (context);

CREATE TABLE sessions (
    id            TEXT NOT NULL PRIMARY KEY,
    context       TEXT NOT NULL REFERENCES contexts (name),
    scope_key     TEXT NOT NULL,
    scope_json    TEXT NOT NULL,
    metadata_json TEXT NOT NULL,
    extract       TEXT NOT NULL CHECK (extract IN ('turn', 'session')),
    status        TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    created_at    TEXT NOT NULL,
    closed_at     TEXT
) STRICT;

-- sessions(context, floor keys, limit), newest first; also serves the foreign key to contexts
CREATE INDEX sessions_by_scope ON sessions (context, scope_key, created_at);

CREATE TABLE turns (
    id             TEXT NOT NULL PRIMARY KEY,
    context        TEXT NOT NULL,
    session_id     TEXT NOT NULL REFERENCES sessions (id),
    seq_in_session INTEGER NOT NULL CHECK (seq_in_session >= 1),
    role           TEXT NOT NULL,
    speaker        TEXT,
    content        TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    observed_at    TEXT NOT NULL,
    metadata_json  TEXT NOT NULL,
    index_text     TEXT NOT NULL,
    -- also serves turns(session) in order, max(seq) on append, and the foreign key to sessions
    UNIQUE (session_id, seq_in_session)
) STRICT;

-- One embedding per record (turns today; facts and chunks later), little-endian float32.
CREATE TABLE vectors (
    record_id TEXT NOT NULL PRIMARY KEY,
    model_id  TEXT NOT NULL,
    dims      INTEGER NOT NULL CHECK (dims >= 0),
    data      BLOB NOT NULL CHECK (length(data) = 4 * dims)
) STRICT;

CREATE TABLE index_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id TEXT NOT NULL,
    kind      TEXT NOT NULL,
    op        TEXT NOT NULL CHECK (op IN ('upsert', 'delete'))
) STRICT;
