-- Version 2: the index records which embedding model made the vectors it holds, on its watermark
-- row, so that a node starting with another model rebuilds it (SearchIndex.adoptEmbeddingModel
-- changes it in the transaction that locks the row, clears the index when needed, and resets
-- the watermark). '' means none recorded: the index was built before this version, and the
-- next start rebuilds it, its model being unknown.

ALTER TABLE search_watermark ADD COLUMN model_id text NOT NULL DEFAULT '';
