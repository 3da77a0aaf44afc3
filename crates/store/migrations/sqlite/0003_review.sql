-- The editors' review queue: a draft sent for review carries the time it was
-- sent. Never edit once released: add a new migration instead.

ALTER TABLE stories ADD COLUMN submitted_at INTEGER;
CREATE INDEX stories_in_review ON stories (submitted_at) WHERE submitted_at IS NOT NULL;
