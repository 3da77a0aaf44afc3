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
    async fn api_post_of(&self, story: Story) -> Result<ApiPost> {
        let authors = self.directory.authors(&story.authors);
        let tags = self.directory.tags(&story.tags);
        let hero = match story.hero {
            Some(id) => self.media(&[id]).await?.into_iter().next(),
            None => None,
        };
        Ok(ApiPost { story, authors, tags, hero })
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
        let mut posts = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(story) = self.store.story(StoryKey::Id(id)).await? {
                posts.push(self.api_post_of(story).await?);
            }
        }
        Ok((posts, total))
    }

    /// One visible story, by id or slug.
    pub async fn api_post(&self, key: StoryKey<'_>) -> Result<Option<ApiPost>> {
        match self.store.story(key).await? {
            Some(story) if story.is_visible(self.now()) => Ok(Some(self.api_post_of(story).await?)),
            _ => Ok(None),
        }
    }

    /// Visible stories per tag (`authors` false) or per author.
    pub async fn post_counts(&self, authors: bool) -> Result<HashMap<i64, u64>> {
        Ok(self.store.post_counts(authors, self.now()).await?)
    }
}
