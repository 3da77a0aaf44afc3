-- Every save of a story through the newsroom keeps a revision: a JSON
-- snapshot of its editable fields. Never edit once released.

CREATE TABLE story_revisions (
    id         INTEGER PRIMARY KEY,
    story_id   INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    snapshot   TEXT NOT NULL
);
CREATE INDEX story_revisions_by_story ON story_revisions (story_id, id);
