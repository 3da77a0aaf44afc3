-- Content API keys: read-only keys that apps and partner sites send as
-- ?key=. Only a hash is kept; the key is shown once, when it is made.
-- Never edit once released: add a new migration instead.

CREATE TABLE api_keys (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    key_hash   TEXT NOT NULL UNIQUE,
    -- The first characters, so people can tell their keys apart.
    key_prefix TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
);
