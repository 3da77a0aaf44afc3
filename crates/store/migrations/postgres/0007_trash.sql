-- The trash: a deleted story is kept, out of every list, for 30 days, and
-- an editor may restore it. Never edit once released: add a new migration.

ALTER TABLE stories ADD COLUMN deleted_at BIGINT;
ALTER TABLE stories ADD COLUMN deleted_by BIGINT REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX stories_in_trash ON stories (deleted_at) WHERE deleted_at IS NOT NULL;
