-- The media library: resized copies, who uploaded what, and which stories
-- use which images. Never edit once released: add a new migration instead.

-- Widths of the resized copies beside the file ('300,600,1000'), and
-- whether WebP copies exist too.
ALTER TABLE media ADD COLUMN variants TEXT NOT NULL DEFAULT '';
ALTER TABLE media ADD COLUMN webp BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE media ADD COLUMN bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE media ADD COLUMN original_name TEXT NOT NULL DEFAULT '';
ALTER TABLE media ADD COLUMN uploaded_by BIGINT REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX media_by_time ON media (created_at, id);

-- Images a story's body shows (its hero is stories.hero_id).
CREATE TABLE story_media (
    story_id BIGINT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    media_id BIGINT NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    PRIMARY KEY (media_id, story_id)
);
CREATE INDEX story_media_by_story ON story_media (story_id);
CREATE INDEX stories_by_hero ON stories (hero_id) WHERE hero_id IS NOT NULL;
