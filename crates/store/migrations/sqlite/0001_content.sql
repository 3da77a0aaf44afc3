-- Newsdesk content schema, SQLite dialect. Never edit once released: add a
-- new migration instead. Times are Unix milliseconds (UTC).

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE media (
    id         INTEGER PRIMARY KEY,
    path       TEXT    NOT NULL UNIQUE,
    mime       TEXT    NOT NULL,
    width      INTEGER NOT NULL CHECK (width > 0),
    height     INTEGER NOT NULL CHECK (height > 0),
    alt        TEXT    NOT NULL DEFAULT '',
    caption    TEXT    NOT NULL DEFAULT '',
    credit     TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);

CREATE TABLE authors (
    id         INTEGER PRIMARY KEY,
    slug       TEXT    NOT NULL UNIQUE,
    name       TEXT    NOT NULL,
    role_title TEXT    NOT NULL DEFAULT '',
    bio        TEXT    NOT NULL DEFAULT '',
    avatar_id  INTEGER REFERENCES media (id) ON DELETE SET NULL,
    website    TEXT,
    email      TEXT,
    created_at INTEGER NOT NULL
);

CREATE TABLE tags (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('topic', 'place', 'person', 'organisation', 'section')),
    description TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);

-- listed_at is published_at for stories that are not drafts, NULL for drafts:
-- a story is visible to readers when listed_at <= now, which is also how a
-- scheduled story appears at its time without any job running.
CREATE TABLE stories (
    id               INTEGER PRIMARY KEY,
    slug             TEXT    NOT NULL UNIQUE,
    kind             TEXT    NOT NULL CHECK (kind IN ('article', 'brief', 'video')),
    status           TEXT    NOT NULL CHECK (status IN ('draft', 'scheduled', 'published')),
    headline         TEXT    NOT NULL,
    standfirst       TEXT    NOT NULL DEFAULT '',
    body_source      TEXT    NOT NULL DEFAULT '',
    body_html        TEXT    NOT NULL DEFAULT '',
    reading_minutes  INTEGER NOT NULL DEFAULT 1,
    featured         BOOLEAN NOT NULL DEFAULT FALSE,
    hero_id          INTEGER REFERENCES media (id) ON DELETE SET NULL,
    video_url        TEXT,
    meta_title       TEXT    NOT NULL DEFAULT '',
    meta_description TEXT    NOT NULL DEFAULT '',
    canonical_url    TEXT,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    published_at     INTEGER,
    listed_at        INTEGER,
    -- The story's author and tag ids in order, comma-separated: a copy of
    -- story_authors and story_tags, so one row gives a whole summary.
    author_ids       TEXT    NOT NULL DEFAULT '',
    tag_ids          TEXT    NOT NULL DEFAULT '',
    CHECK ((status = 'draft') = (listed_at IS NULL))
);
CREATE INDEX stories_by_listed ON stories (listed_at DESC, id DESC);
CREATE INDEX stories_by_kind ON stories (kind, listed_at DESC, id DESC);

-- The story's listed_at is copied into its author and tag rows so that an
-- author's or tag's page is one ordered index range, however large the archive.
CREATE TABLE story_authors (
    story_id  INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    author_id INTEGER NOT NULL REFERENCES authors (id),
    position  INTEGER NOT NULL,
    listed_at INTEGER,
    PRIMARY KEY (story_id, author_id)
);
CREATE INDEX story_authors_listing ON story_authors (author_id, listed_at DESC, story_id DESC);

CREATE TABLE story_tags (
    story_id  INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    tag_id    INTEGER NOT NULL REFERENCES tags (id),
    position  INTEGER NOT NULL,
    listed_at INTEGER,
    PRIMARY KEY (story_id, tag_id)
);
CREATE INDEX story_tags_listing ON story_tags (tag_id, listed_at DESC, story_id DESC);

CREATE TABLE list_items (
    list_key TEXT    NOT NULL CHECK (list_key IN ('editors-picks', 'top-stories')),
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (list_key, story_id)
);
CREATE INDEX list_items_order ON list_items (list_key, position);

-- Page views per story per hour (hour = Unix time / 3600).
CREATE TABLE story_views (
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    hour     INTEGER NOT NULL,
    views    INTEGER NOT NULL,
    PRIMARY KEY (story_id, hour)
);
CREATE INDEX story_views_by_hour ON story_views (hour, story_id, views);
