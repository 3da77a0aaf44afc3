-- Corrections and updates: dated notes readers see at the foot of a story.
-- Never edit once released: add a new migration instead.

CREATE TABLE story_notes (
    id         INTEGER PRIMARY KEY,
    story_id   INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('correction', 'update')),
    body       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX story_notes_by_story ON story_notes (story_id, id);
