//! Read models of the Ghost-compatible Content API: visible stories with
//! their authors, tags and hero, a page at a time, and post counts.

use std::collections::HashMap;

use newsdesk_domain::{Author, Media, Story, Tag};
use newsdesk_store::StoryKey;

use crate::{Result, Site};

/// A story as the Content API shows it.
#[derive(Clone, Debug)]
pub struct ApiPost {
    pub story: Story,
    pub authors: Vec<Author>,
    pub tags: Vec<Tag>,
    pub hero: Option<Media>,
}

impl Site {
    /// The stories with their authors and tags (from memory) and heroes
    /// (from memory, or one query for those not there).
    async fn api_posts_of(&self, stories: Vec<Story>) -> Result<Vec<ApiPost>> {
        let hero_ids: Vec<_> = stories.iter().filter_map(|s| s.hero).collect();
        let heroes: HashMap<_, _> = self.media(&hero_ids).await?.into_iter().map(|m| (m.id, m)).collect();
        Ok(stories
            .into_iter()
            .map(|story| ApiPost {
                authors: self.directory.authors(&story.authors),
                tags: self.directory.tags(&story.tags),
                hero: story.hero.and_then(|h| heroes.get(&h).cloned()),
                story,
            })
            .collect())
    }

    /// Page `page` (from 1) of the visible stories matching `filter`,
    /// newest first, and how many match in all.
    pub async fn api_posts(
        &self,
        filter: Option<&newsdesk_domain::nql::Filter>,
        order: newsdesk_store::PostOrder,
        page: u64,
        limit: u32,
    ) -> Result<(Vec<ApiPost>, u64)> {
        let now = self.now();
        let offset = page.saturating_sub(1).saturating_mul(u64::from(limit));
        let (ids, total) = self.store.visible_page(now, filter, order, offset, limit).await?;
        let posts = self.api_posts_of(self.store.stories(&ids).await?).await?;
        Ok((posts, total))
    }

    /// One visible story, by id or slug.
    pub async fn api_post(&self, key: StoryKey<'_>) -> Result<Option<ApiPost>> {
        match self.store.story(key).await? {
            Some(story) if story.is_visible(self.now()) => Ok(self.api_posts_of(vec![story]).await?.pop()),
            _ => Ok(None),
        }
    }

    /// Visible stories per tag (`authors` false) or per author.
    pub async fn post_counts(&self, authors: bool) -> Result<HashMap<i64, u64>> {
        Ok(self.store.post_counts(authors, self.now()).await?)
    }
}
