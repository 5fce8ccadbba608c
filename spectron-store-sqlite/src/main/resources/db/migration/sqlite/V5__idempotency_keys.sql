-- Spectron's store of record on SQLite, version 5: idempotency keys.
--
-- The conventions of V1 to V4 hold (instants as fixed-width UTC text, which sorts by time).
--
-- One row per slot (a digest of the caller's credentials, the request path and its
-- Idempotency-Key header). A row is pending while status is NULL (a request holds the slot),
-- then holds the answer to replay (the server stores the body encrypted). Every row expires:
-- a pending one after a few minutes when its request never finished, an answer after a day.
-- context is the context the request addressed ('' for none), so that deleting a context or
-- purging its memory can delete its answers too.
CREATE TABLE idempotency_keys (
    slot         TEXT NOT NULL PRIMARY KEY,
    context      TEXT NOT NULL,
    token        TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       INTEGER CHECK (status IS NULL OR status BETWEEN 100 AND 599),
    content_type TEXT,
    body         TEXT,
    expires_at   TEXT NOT NULL
) STRICT;

-- purgeIdempotencyKeys(now)
CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at);
-- forgetIdempotencyKeys(context)
CREATE INDEX idempotency_keys_by_context ON idempotency_keys (context);
