//! Saving what the newsroom writes.

use std::collections::HashMap;

use newsdesk_domain::{
    Action, Author, AuthorId, AuthorInput, MediaId, RenderedStory, Story, StoryId, StoryInput, StoryKind, StoryStatus,
    Tag, TagId, TagInput, Timestamp, User, ValidStory,
    markdown::{self, CardImage, RenderContext, StoryCard},
};
use tracing::info;

use newsdesk_store::StoryKey;

use crate::{
    Result, Site, SiteError,
    cache::{Change, Dep, Placement},
};

/// Where a story with these fields sits in the lists; nowhere for a draft.
pub(crate) fn placement(
    status: StoryStatus,
    published_at: Option<Timestamp>,
    kind: StoryKind,
    tags: &[TagId],
    authors: &[AuthorId],
) -> Option<Placement> {
    if status == StoryStatus::Draft {
        return None;
    }
    published_at.map(|t| Placement::new(t.timestamp_millis(), kind, tags, authors))
}

/// The placement of a saved story.
pub(crate) fn placement_of(s: &Story) -> Option<Placement> {
    placement(s.status, s.published_at, s.kind, &s.tags, &s.authors)
}

/// The placement of a story about to be saved.
fn placement_of_input(s: &ValidStory) -> Option<Placement> {
    placement(s.status, s.published_at, s.kind, &s.tags, &s.authors)
}

impl Site {
    /// Validates, renders and saves a new story.
    pub async fn create_story(&self, input: &StoryInput) -> Result<StoryId> {
        let now = self.now();
        let rendered = self.render(input.validate(now)?).await?;
        let id = self.store.create_story(&rendered, now).await?;
        self.invalidate_story(id, [placement_of_input(&rendered.story)]);
        if let Some(saved) = self.store.story(StoryKey::Id(id)).await? {
            self.emit_change(None, &saved).await;
        }
        info!(story.id = %id, story.slug = %rendered.story.slug, status = %rendered.story.status, "story created");
        Ok(id)
    }

    /// Validates, renders and saves a story over an existing one.
    pub async fn update_story(&self, id: StoryId, input: &StoryInput) -> Result<()> {
        let now = self.now();
        let rendered = self.render(input.validate(now)?).await?;
        let before = self.store.story(StoryKey::Id(id)).await?.ok_or(SiteError::NotFound("story"))?;
        if before.deleted_at.is_some() {
            return Err(crate::newsroom::in_trash());
        }
        self.store.update_story(id, &rendered, now).await?;
        self.invalidate_story(id, [placement_of(&before), placement_of_input(&rendered.story)]);
        if let Some(saved) = self.store.story(StoryKey::Id(id)).await? {
            self.emit_change(Some(&before), &saved).await;
        }
        info!(story.id = %id, story.slug = %rendered.story.slug, status = %rendered.story.status, "story updated");
        Ok(())
    }

    /// Drops the cached pages that show a story, and those of the lists it
    /// was or is placed in.
    pub(crate) fn invalidate_story(&self, id: StoryId, placements: impl IntoIterator<Item = Option<Placement>>) {
        let placements = placements.into_iter().flatten().collect();
        let dropped = self.cache.invalidate(&Change::Story { id, placements });
        tracing::debug!(story.id = %id, dropped, "cached pages dropped");
    }

    pub async fn create_author(&self, input: &AuthorInput) -> Result<Author> {
        let author = self.store.create_author(&input.validate()?, self.now()).await?;
        self.directory.put_author(author.clone());
        Ok(author)
    }

    /// Changes an author's profile (editors); their pages and the pages
    /// showing their byline are dropped from the render cache.
    pub async fn update_author(&self, user: &User, id: AuthorId, input: &AuthorInput) -> Result<Author> {
        if !user.can(Action::Curate) {
            return Err(SiteError::Forbidden("only editors change authors' profiles"));
        }
        let author = self.store.update_author(id, &input.validate()?).await?;
        self.directory.put_author(author.clone());
        self.cache.invalidate(&Change::Exact(Dep::Author(id)));
        Ok(author)
    }

    /// Changes a tag (editors); the pages showing it are dropped.
    pub async fn update_tag(&self, user: &User, id: TagId, input: &TagInput) -> Result<Tag> {
        if !user.can(Action::Curate) {
            return Err(SiteError::Forbidden("only editors change tags"));
        }
        let tag = self.store.update_tag(id, &input.validate()?).await?;
        self.directory.put_tag(tag.clone());
        self.cache.invalidate(&Change::Exact(Dep::Tag(id)));
        Ok(tag)
    }

    pub async fn create_tag(&self, input: &TagInput) -> Result<Tag> {
        let tag = self.store.create_tag(&input.validate()?, self.now()).await?;
        self.directory.put_tag(tag.clone());
        Ok(tag)
    }

    /// Renders a body with what it refers to looked up first: cards for the
    /// site's own stories it links to, and sizes of the site's own images.
    pub async fn render(&self, story: ValidStory) -> Result<RenderedStory> {
        let ctx = self.render_context(&story.body_source).await?;
        Ok(story.render(&ctx))
    }

    /// Looks up what a body refers to: the site's stories it links to (with
    /// hero image and primary author) and the sizes of the site's images.
    pub async fn render_context(&self, body: &str) -> Result<RenderContext> {
        let base = &self.config.base_url;
        let refs = markdown::references(body, Some(base));
        let linked = self.store.summaries_by_slugs(&refs.story_slugs, self.now()).await?;
        let author_ids: Vec<_> = linked.iter().filter_map(|s| s.authors.first().copied()).collect();
        let authors: HashMap<_, _> = self.directory.authors(&author_ids).into_iter().map(|a| (a.id, a.name)).collect();
        let hero_ids: Vec<MediaId> = linked.iter().filter_map(|s| s.hero).collect();
        let paths: Vec<String> =
            refs.image_urls.iter().filter_map(|u| u.strip_prefix("/content/images/").map(str::to_owned)).collect();
        let mut media = self.store.media_by_ids(&hero_ids).await?;
        let shown = self.store.media_by_paths(&paths).await?;
        media.extend(shown.iter().cloned());
        let by_id: HashMap<_, _> = media.iter().map(|m| (m.id, m)).collect();
        let cards = linked
            .iter()
            .map(|s| {
                let card = StoryCard {
                    slug: s.slug.to_string(),
                    headline: s.headline.clone(),
                    standfirst: s.standfirst.clone(),
                    image: s.hero.and_then(|h| by_id.get(&h)).map(|m| CardImage {
                        url: m.url(),
                        width: m.width,
                        height: m.height,
                    }),
                    author: s.authors.first().and_then(|a| authors.get(a)).cloned(),
                };
                (s.slug.to_string(), card)
            })
            .collect();
        Ok(RenderContext {
            publication: self.settings().name.clone(),
            base_url: Some(base.clone()),
            cards,
            images: shown.into_iter().map(|m| (m.url(), m)).collect(),
        })
    }
}
