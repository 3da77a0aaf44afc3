-- Newsroom accounts, their sessions and one-time sign-in links, SQLite
-- dialect. Never edit once released: add a new migration instead.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('contributor', 'author', 'editor', 'administrator')),
    -- An Argon2id PHC string; NULL until the account's first sign-in link is used.
    password_hash TEXT,
    -- The byline profile the account writes under.
    author_id     INTEGER REFERENCES authors (id) ON DELETE SET NULL,
    suspended_at  INTEGER,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

-- Only hashes of tokens are kept: a copy of this table signs nobody in.
CREATE TABLE sessions (
    token_hash   TEXT    PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    address      TEXT    NOT NULL DEFAULT '',
    user_agent   TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE sign_in_links (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX sign_in_links_by_user ON sign_in_links (user_id);

-- Failed sign-ins, by account ("email:…") and by address ("addr:…"), so
-- that the limit holds across every app node.
CREATE TABLE login_failures (
    key TEXT    NOT NULL,
    at  INTEGER NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (key, at);

-- Who started a story: a contributor's or author's "own" stories.
ALTER TABLE stories ADD COLUMN created_by INTEGER REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX stories_by_creator ON stories (created_by);
