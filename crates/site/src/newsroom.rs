//! The newsroom's workflow: who may edit and publish which story, and the
//! moves between draft, in review, scheduled and published. Every move goes
//! through `create_story`/`update_story`, so the render cache hears of it.

use newsdesk_domain::{
    Action, NoteKind, Revision, Story, StoryId, StoryInput, StoryNote, StoryStatus, TRASH_DAYS, Timestamp, User,
    ValidationError, note_body,
};
use newsdesk_store::StoryKey;
use tracing::info;

use crate::{Result, Site, SiteError, publish::placement_of};

/// Whether `user` started `story` or writes it (is one of its bylines).
pub fn is_own(user: &User, story: &Story) -> bool {
    story.created_by == Some(user.id) || user.author.is_some_and(|a| story.authors.contains(&a))
}

/// Whether `user` may change `story`: editors any story; authors their own;
/// contributors their own while it is a draft.
pub fn may_edit(user: &User, story: &Story) -> bool {
    if user.can(Action::EditAny) {
        return true;
    }
    is_own(user, story)
        && user.can(Action::WriteOwn)
        && (user.can(Action::PublishOwn) || story.status == StoryStatus::Draft)
}

/// Whether `user` may publish, schedule or unpublish `story`.
pub fn may_publish(user: &User, story: &Story) -> bool {
    user.can(Action::EditAny) || (is_own(user, story) && user.can(Action::PublishOwn))
}

impl Site {
    /// A story for the editor, if `user` may open it.
    pub async fn story_for_editing(&self, user: &User, id: StoryId) -> Result<Story> {
        let story = self.store.story(StoryKey::Id(id)).await?.ok_or(SiteError::NotFound("story"))?;
        if !may_edit(user, &story) {
            return Err(SiteError::Forbidden("this story is not yours to edit"));
        }
        Ok(story)
    }

    /// Starts a story as a draft. Without bylines, the writer's own author
    /// profile is used.
    pub async fn start_story(&self, user: &User, mut input: StoryInput) -> Result<StoryId> {
        if !user.can(Action::WriteOwn) {
            return Err(SiteError::Forbidden("your account cannot write stories"));
        }
        input.status = StoryStatus::Draft;
        input.published_at = None;
        input.created_by = Some(user.id);
        input.edited_by = Some(user.id);
        if input.authors.is_empty()
            && let Some(a) = user.author
        {
            input.authors.push(a);
        }
        self.create_story(&input).await
    }

    /// Saves the editor's fields over a story, keeping its place in the
    /// workflow (status, publication time): publishing is a move of its own.
    pub async fn save_story(&self, user: &User, id: StoryId, mut input: StoryInput) -> Result<()> {
        let before = self.story_for_editing(user, id).await?;
        input.status = before.status;
        input.published_at = before.published_at;
        input.created_by = before.created_by;
        input.edited_by = Some(user.id);
        self.update_story(id, &input).await
    }

    /// Saves a draft while its writer types (the editor's autosave). Only
    /// drafts: a saved change to a published story is on the site at once,
    /// so it waits for the writer's own Save.
    pub async fn autosave_story(&self, user: &User, id: StoryId, mut input: StoryInput) -> Result<()> {
        let before = self.story_for_editing(user, id).await?;
        if before.status != StoryStatus::Draft || before.deleted_at.is_some() {
            return Err(SiteError::Invalid(ValidationError::Invalid {
                field: "story",
                reason: "only drafts are saved automatically; use Save",
            }));
        }
        input.autosave = true;
        self.save_story(user, id, input).await
    }

    /// The story's revisions, newest first, for those who may edit it.
    pub async fn revisions(&self, user: &User, id: StoryId) -> Result<(Story, Vec<Revision>)> {
        let story = self.story_for_editing(user, id).await?;
        let revisions = self.store.revisions(id).await?;
        Ok((story, revisions))
    }

    /// Saves an earlier revision's fields as the story's current ones (a new
    /// revision); the story stays where it is in the workflow.
    pub async fn restore_revision(&self, user: &User, id: StoryId, revision: i64) -> Result<()> {
        let (story, revisions) = self.revisions(user, id).await?;
        let rev = revisions.iter().find(|r| r.id == revision).ok_or(SiteError::NotFound("revision"))?;
        let input = rev.snapshot.restore_onto(StoryInput::from_story(&story));
        self.save_story(user, id, input).await?;
        info!(story.id = %id, user = %user.id, revision, "revision restored");
        Ok(())
    }

    /// Sends a draft to the editors' review queue.
    pub async fn submit_for_review(&self, user: &User, id: StoryId) -> Result<()> {
        let story = self.story_for_editing(user, id).await?;
        if story.status != StoryStatus::Draft {
            return Err(SiteError::Invalid(ValidationError::Invalid {
                field: "status",
                reason: "only a draft can be sent for review",
            }));
        }
        self.store.set_submitted(id, Some(self.now())).await?;
        info!(story.id = %id, user = %user.id, "story sent for review");
        Ok(())
    }

    /// Publishes a story now, or schedules it when `at` is in the future.
    /// Its hero image must have alt text first.
    pub async fn publish_story(&self, user: &User, id: StoryId, at: Option<Timestamp>) -> Result<StoryStatus> {
        let story = self.store.story(StoryKey::Id(id)).await?.ok_or(SiteError::NotFound("story"))?;
        if !may_publish(user, &story) {
            return Err(SiteError::Forbidden("your role cannot publish this story"));
        }
        if let Some(hero) = story.hero {
            let media = self.media(&[hero]).await?;
            if media.first().is_none_or(|m| m.alt.trim().is_empty()) {
                return Err(SiteError::Invalid(ValidationError::Invalid {
                    field: "hero image",
                    reason: "add alt text describing the image before publishing",
                }));
            }
        }
        let mut input = StoryInput::from_story(&story);
        input.edited_by = Some(user.id);
        input.status = StoryStatus::Published;
        input.published_at = Some(at.unwrap_or_else(|| self.now()));
        self.update_story(id, &input).await?;
        self.store.set_submitted(id, None).await?;
        let status = if input.published_at.is_some_and(|t| t > self.now()) {
            StoryStatus::Scheduled
        } else {
            StoryStatus::Published
        };
        info!(story.id = %id, user = %user.id, %status, "story published");
        Ok(status)
    }

    /// The News Feed's quick post: a brief (headline, a few lines, tags)
    /// published at once by those who may publish their own stories, sent
    /// for review otherwise. Returns where it ended up.
    pub async fn quick_post(
        &self,
        user: &User,
        headline: &str,
        text: &str,
        tags: Vec<newsdesk_domain::TagId>,
    ) -> Result<(StoryId, StoryStatus)> {
        let mut input = StoryInput::new(newsdesk_domain::StoryKind::Brief, headline, Vec::new());
        input.body = text.to_owned();
        input.tags = tags;
        if input.body.trim().is_empty() {
            return Err(SiteError::Invalid(ValidationError::Empty { field: "text" }));
        }
        let id = self.start_story(user, input).await?;
        if user.can(Action::PublishOwn) {
            let status = self.publish_story(user, id, None).await?;
            Ok((id, status))
        } else {
            self.submit_for_review(user, id).await?;
            Ok((id, StoryStatus::Draft))
        }
    }

    /// Appends a correction or an update to a published story (editors
    /// only): readers see it, dated, at the story's foot, and the story's
    /// updated time moves.
    pub async fn add_note(&self, user: &User, id: StoryId, kind: NoteKind, body: &str) -> Result<StoryNote> {
        if !user.can(Action::EditAny) {
            return Err(SiteError::Forbidden("only editors add corrections and updates"));
        }
        let body = note_body(body)?;
        let story = self.store.story(StoryKey::Id(id)).await?.ok_or(SiteError::NotFound("story"))?;
        if story.deleted_at.is_some() {
            return Err(in_trash());
        }
        if story.status == StoryStatus::Draft {
            return Err(SiteError::Invalid(ValidationError::Invalid {
                field: "note",
                reason: "a draft has no readers yet; change the text instead",
            }));
        }
        let note = self.store.add_note(id, kind, &body, Some(user.id), self.now()).await?;
        self.invalidate_story(id, []);
        info!(story.id = %id, user = %user.id, %kind, "note added");
        Ok(note)
    }

    /// Takes a story off the site: it becomes a draft again.
    pub async fn unpublish_story(&self, user: &User, id: StoryId) -> Result<()> {
        let story = self.store.story(StoryKey::Id(id)).await?.ok_or(SiteError::NotFound("story"))?;
        if !may_publish(user, &story) {
            return Err(SiteError::Forbidden("your role cannot unpublish this story"));
        }
        let mut input = StoryInput::from_story(&story);
        input.edited_by = Some(user.id);
        input.status = StoryStatus::Draft;
        input.published_at = None;
        self.update_story(id, &input).await?;
        info!(story.id = %id, user = %user.id, "story unpublished");
        Ok(())
    }

    /// Puts a story in the trash (whoever may edit it): it leaves the site
    /// at once, and an editor may restore it for [`TRASH_DAYS`] days.
    pub async fn trash_story(&self, user: &User, id: StoryId) -> Result<Story> {
        let story = self.store.story(StoryKey::Id(id)).await?.ok_or(SiteError::NotFound("story"))?;
        if !may_edit(user, &story) {
            return Err(SiteError::Forbidden("this story is not yours to delete"));
        }
        let before = self.store.trash_story(id, Some(user.id), self.now()).await?;
        self.invalidate_story(id, [placement_of(&before)]);
        if let Some(after) = self.store.story(StoryKey::Id(id)).await? {
            self.emit_change(Some(&before), &after).await;
        }
        info!(story.id = %id, user = %user.id, "story put in the trash");
        Ok(before)
    }

    /// Takes a story out of the trash as it was (editors only).
    pub async fn restore_story(&self, user: &User, id: StoryId) -> Result<Story> {
        if !user.can(Action::EditAny) {
            return Err(SiteError::Forbidden("only editors restore stories from the trash"));
        }
        let story = self.store.restore_story(id).await?;
        self.invalidate_story(id, [placement_of(&story)]);
        // From the trash, it is as if it had just been published again.
        let mut trashed = story.clone();
        trashed.deleted_at = Some(self.now());
        self.emit_change(Some(&trashed), &story).await;
        info!(story.id = %id, user = %user.id, "story restored from the trash");
        Ok(story)
    }

    /// Deletes for good what has been in the trash longer than
    /// [`TRASH_DAYS`]. Run hourly by the server.
    pub async fn purge_trash(&self) -> Result<u64> {
        let before = self.now() - chrono::Duration::days(TRASH_DAYS);
        let n = self.store.purge_trash(before).await?;
        if n > 0 {
            info!(stories = n, "trash emptied of stories older than {TRASH_DAYS} days");
        }
        Ok(n)
    }
}

/// Why a story in the trash cannot be changed.
pub(crate) fn in_trash() -> SiteError {
    SiteError::Invalid(ValidationError::Invalid {
        field: "story",
        reason: "it is in the trash; an editor can restore it first",
    })
}
