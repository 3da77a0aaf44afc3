//! What the sitemaps list: every visible story (newest first, a file per
//! [`SITEMAP_URLS`]), tags and authors with their last story's time, and
//! the last 48 hours for Google News. Read a batch at a time along the
//! listing index, so a sitemap of a million stories is never held whole.

use chrono::Duration;
use newsdesk_domain::{Cursor, Media, StoryId, Timestamp};
use newsdesk_store::Listing;

use crate::{Result, Site};

/// URLs in one sitemap file, the protocol's limit.
pub const SITEMAP_URLS: u64 = 50_000;
/// Stories in the Google News sitemap at most (Google's limit), and how far
/// back it reaches.
pub const NEWS_URLS: u32 = 1000;
pub const NEWS_HOURS: i64 = 48;

/// A story as a sitemap lists it.
#[derive(Clone, Debug)]
pub struct SitemapStory {
    pub id: StoryId,
    pub path: String,
    pub headline: String,
    pub published: Timestamp,
    pub updated: Timestamp,
    pub image: Option<Media>,
    pub cursor: Cursor,
}

/// A tag's or author's page and when a story last appeared on it.
#[derive(Clone, Debug)]
pub struct SitemapPage {
    pub path: String,
    pub lastmod: Option<Timestamp>,
}

impl Site {
    /// How many files the stories' sitemap takes (at least one).
    pub async fn sitemap_files(&self) -> Result<u64> {
        let n = self.store.visible_count(self.now()).await?;
        Ok(n.div_ceil(SITEMAP_URLS).max(1))
    }

    /// Where file `file` (from 1) of the stories' sitemap starts: after the
    /// returned position (none: at the newest story).
    pub async fn sitemap_start(&self, file: u64) -> Result<Option<Cursor>> {
        Ok(self.store.listing_at(self.now(), (file.saturating_sub(1)) * SITEMAP_URLS).await?)
    }

    /// The next `limit` visible stories after `after`, newest first, with
    /// their hero images.
    pub async fn sitemap_batch(&self, after: Option<Cursor>, limit: u32) -> Result<Vec<SitemapStory>> {
        let now = self.now();
        let cursors = self.store.listing(Listing::All, now, after, limit).await?;
        self.sitemap_stories(&cursors).await
    }

    /// Stories published in the last 48 hours, newest first (at most 1,000).
    pub async fn sitemap_news(&self) -> Result<Vec<SitemapStory>> {
        let since = (self.now() - Duration::hours(NEWS_HOURS)).timestamp_millis();
        let cursors = self.store.listing(Listing::All, self.now(), None, NEWS_URLS).await?;
        let recent: Vec<Cursor> = cursors.into_iter().filter(|c| c.published_at_ms > since).collect();
        self.sitemap_stories(&recent).await
    }

    async fn sitemap_stories(&self, cursors: &[Cursor]) -> Result<Vec<SitemapStory>> {
        let ids: Vec<StoryId> = cursors.iter().map(|c| c.id).collect();
        let summaries = self.store.summaries(&ids, None).await?;
        let mut media_ids: Vec<_> = summaries.iter().filter_map(|s| s.hero).collect();
        media_ids.sort_unstable();
        media_ids.dedup();
        let media: std::collections::HashMap<_, _> =
            self.media(&media_ids).await?.into_iter().map(|m| (m.id, m)).collect();
        let by_id: std::collections::HashMap<_, _> = summaries.into_iter().map(|s| (s.id, s)).collect();
        Ok(cursors
            .iter()
            .filter_map(|c| {
                let s = by_id.get(&c.id)?;
                Some(SitemapStory {
                    id: s.id,
                    path: format!("/{}/", s.slug),
                    headline: s.headline.clone(),
                    published: s.published_at,
                    updated: s.updated_at.max(s.published_at),
                    image: s.hero.and_then(|h| media.get(&h).cloned()),
                    cursor: *c,
                })
            })
            .collect())
    }

    /// Every tag's page, with when its newest story was published.
    pub async fn sitemap_tags(&self) -> Result<Vec<SitemapPage>> {
        let last = self.store.last_listed(false, self.now()).await?;
        Ok(self
            .all_tags()
            .into_iter()
            .filter_map(|t| {
                last.get(&t.id.0).map(|at| SitemapPage { path: format!("/tag/{}/", t.slug), lastmod: Some(*at) })
            })
            .collect())
    }

    /// Every author's page that has a story, with when the newest appeared.
    pub async fn sitemap_authors(&self) -> Result<Vec<SitemapPage>> {
        let last = self.store.last_listed(true, self.now()).await?;
        Ok(self
            .all_authors()
            .into_iter()
            .filter_map(|a| {
                last.get(&a.id.0).map(|at| SitemapPage { path: format!("/author/{}/", a.slug), lastmod: Some(*at) })
            })
            .collect())
    }
}
