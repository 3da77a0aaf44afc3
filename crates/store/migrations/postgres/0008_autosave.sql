-- Revisions written by the editor's autosave: one person's autosaves a few
-- minutes apart share one revision. Never edit once released.

ALTER TABLE story_revisions ADD COLUMN autosave BOOLEAN NOT NULL DEFAULT FALSE;
