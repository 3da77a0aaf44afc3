-- Webhooks: addresses that hear of published, updated, unpublished and
-- deleted stories, and each delivery with its attempts. Never edit once
-- released: add a new migration instead.

CREATE TABLE webhooks (
    id         INTEGER PRIMARY KEY,
    url        TEXT NOT NULL,
    -- The events it hears of, comma-separated: 'story.published,story.updated'.
    events     TEXT NOT NULL,
    -- Signs each delivery (HMAC-SHA256); shown to administrators.
    secret     TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE webhook_deliveries (
    id               INTEGER PRIMARY KEY,
    webhook_id       INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event            TEXT NOT NULL,
    payload          TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    -- When to try next; NULL once delivered or given up.
    next_attempt_at  INTEGER,
    delivered_at     INTEGER,
    failed_at        INTEGER,
    last_status      INTEGER,
    last_error       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX webhook_deliveries_by_hook ON webhook_deliveries (webhook_id, id);
