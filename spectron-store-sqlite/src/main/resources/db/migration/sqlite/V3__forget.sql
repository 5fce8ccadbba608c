-- Spectron's store of record on SQLite, version 3: forgetting (SPEC §5).
--
-- The conventions of V1 and V2 hold.
--
-- A soft forget hides rows from every read instead of deleting them; a purge deletes them. Facts
-- already have a status for it ('forgotten', with closed_at); every other record a forget can
-- reach gets forgotten_at, the time it was forgotten, NULL while it is not. Reads filter on
-- forgotten_at IS NULL; a forgotten row keeps its id, so the id cannot be taken again.
--
-- A forget matches records whose scope contains given tags (superset matching), which the scope
-- key cannot answer; it reads scope_json (a turn its session's, a chunk its document's), so no
-- new index is needed: the forget statements walk one context's rows by the existing indexes on
-- (context, …), and the turns and chunks of matched sessions and documents by their unique
-- (session_id, seq_in_session) and (document_id, seq).

ALTER TABLE sessions ADD COLUMN forgotten_at TEXT;
ALTER TABLE turns ADD COLUMN forgotten_at TEXT;
ALTER TABLE instructions ADD COLUMN forgotten_at TEXT;
ALTER TABLE uncertainties ADD COLUMN forgotten_at TEXT;
ALTER TABLE documents ADD COLUMN forgotten_at TEXT;
ALTER TABLE chunks ADD COLUMN forgotten_at TEXT;
