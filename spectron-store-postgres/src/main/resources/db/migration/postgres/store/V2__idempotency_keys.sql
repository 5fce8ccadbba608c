-- Spectron's store of record on PostgreSQL, version 2: idempotency keys (SQLite's version 5).
--
-- The conventions of V1 hold. One row per slot (a digest of the caller's credentials, the
-- request path and its Idempotency-Key header), shared by every node: a retry on any node finds
-- the first answer. A row is pending while status is NULL (a request holds the slot), then holds
-- the answer to replay (the server stores the body encrypted). Every row expires: a pending one
-- after a few minutes when its request never finished (its node died), an answer after a day.
-- context is the context the request addressed ('' for none), so that deleting a context or
-- purging its memory can delete its answers too. No change-log rows: the index never sees it.
CREATE TABLE idempotency_keys (
    slot         text COLLATE "C" NOT NULL PRIMARY KEY,
    context      text COLLATE "C" NOT NULL,
    token        text COLLATE "C" NOT NULL,
    request_hash text COLLATE "C" NOT NULL,
    status       integer CHECK (status IS NULL OR status BETWEEN 100 AND 599),
    content_type text,
    body         text,
    expires_at   timestamptz NOT NULL
);

-- purgeIdempotencyKeys(now)
CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at);
-- forgetIdempotencyKeys(context)
CREATE INDEX idempotency_keys_by_context ON idempotency_keys (context);
