-- Spectron's search index on PostgreSQL, version 1: a derived, rebuildable copy of what the
-- store's change log says the index holds, searched in the database (full-text and pgvector).
--
-- Its own Flyway history (spectron_index_history), apart from the store's, so that a store
-- without an index never needs pgvector. The placeholder dimensions is the embedder's vector
-- size, fixed when the index is first created (HNSW needs a column of one dimension).
--
-- The extension lives in public (or wherever a superuser installed it), which must be on the
-- search_path of Spectron's connections; creating it needs a privileged role, so on a managed
-- database a superuser usually runs CREATE EXTENSION vector once beforehand.

CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public;

CREATE TABLE search_docs (
    id         text COLLATE "C" NOT NULL PRIMARY KEY,
    context    text COLLATE "C" NOT NULL,
    kind       text COLLATE "C" NOT NULL,
    scope_key  text COLLATE "C" NOT NULL,
    -- '' when the record has no session
    session_id text COLLATE "C" NOT NULL,
    text       text NOT NULL,
    -- English analysis: lower case, stop words, Snowball stemming
    tsv        tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, text)) STORED,
    -- NULL for a record without a usable vector (empty or all zeros): found by text only
    embedding  vector(${dimensions}),
    model_id   text NOT NULL,
    created_at timestamptz
);

-- every query's restriction: tenant, then the reader's scope keys, kinds and session
CREATE INDEX search_docs_by_scope ON search_docs (context, scope_key, kind, session_id);
-- full-text candidates
CREATE INDEX search_docs_text ON search_docs USING gin (tsv);
-- approximate nearest neighbours by cosine distance
CREATE INDEX search_docs_vector ON search_docs USING hnsw (embedding vector_cosine_ops);

-- The sequence of the last store change applied; exactly one row, locked by every apply.
CREATE TABLE search_watermark (
    id  boolean NOT NULL PRIMARY KEY DEFAULT true CHECK (id),
    seq bigint NOT NULL CHECK (seq >= 0)
);

INSERT INTO search_watermark (id, seq) VALUES (true, 0);
