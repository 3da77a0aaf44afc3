//! Newsdesk's services: what the site does, over the store.
//!
//! [`Site`] publishes stories (rendering their bodies once, with cards for
//! the stories they link to), assembles the read models of reader pages with
//! a small fixed number of queries each, counts page views in memory and
//! flushes them in batches, ranks Most Popular, and builds the demo newsroom.
//!
//! Architecture invariant: nothing here knows HTTP or HTML templates; the web
//! layer turns these read models into pages.

pub mod accounts;
mod api_keys;
pub mod cache;
mod clock;
pub mod content;
pub mod curation;
pub mod demo;
mod directory;
mod error;
mod media;
pub mod newsroom;
mod pages;
mod publish;
pub mod sitemap;
mod views;
pub mod webhooks;

use std::sync::{
    Arc, RwLock,
    atomic::{AtomicI64, Ordering},
};

use newsdesk_domain::{ListKey, SiteSettings, StoryId};
use newsdesk_store::Store;

use cache::{Change, Dep, RenderCache};

pub use clock::{Clock, ManualClock, SystemClock};
pub use error::SiteError;
pub use media::{MediaLimits, Upload};
pub use pages::{FeedPage, FrontPage, ListPage, Lookup, StoryPage, Teaser};
pub use views::{ViewCounter, is_crawler};

pub type Result<T, E = SiteError> = std::result::Result<T, E>;

/// Settings of the running service that are not stored in the database.
#[derive(Clone, Debug)]
pub struct SiteConfig {
    /// The public address of the site, for absolute links in feeds and cards.
    pub base_url: url::Url,
    /// Memory the render cache may use; 0 turns it off.
    pub cache_bytes: u64,
    /// Where images are kept: served at `/content/images/`.
    pub media_dir: std::path::PathBuf,
    pub media_limits: MediaLimits,
}

/// The default render-cache budget.
pub const DEFAULT_CACHE_BYTES: u64 = 64 * 1024 * 1024;

/// The services of one site. Cheap to share behind an `Arc`.
pub struct Site {
    store: Store,
    clock: Arc<dyn Clock>,
    config: SiteConfig,
    /// Read on every page; refreshed when an editor saves settings.
    settings: RwLock<Arc<SiteSettings>>,
    views: ViewCounter,
    cache: RenderCache,
    directory: directory::Directory,
    /// Scheduled stories up to this time (ms) have been announced as live.
    due_until: AtomicI64,
    /// Image uploads processed at once.
    image_jobs: tokio::sync::Semaphore,
    /// Content API keys checked lately (by hash), for half a minute.
    api_keys: moka::sync::Cache<String, bool>,
    /// Sends webhook deliveries.
    http: reqwest::Client,
}

impl Site {
    /// Loads the settings and makes the services ready.
    pub async fn new(store: Store, clock: Arc<dyn Clock>, config: SiteConfig) -> Result<Site> {
        let settings = store.settings().await?;
        let directory = directory::Directory::load(&store).await?;
        Ok(Site {
            directory,
            views: ViewCounter::new(store.clone(), clock.clone()),
            cache: RenderCache::new(config.cache_bytes),
            due_until: AtomicI64::new(clock.now().timestamp_millis()),
            store,
            clock,
            config,
            settings: RwLock::new(Arc::new(settings)),
            image_jobs: tokio::sync::Semaphore::new(1),
            api_keys: api_keys::key_cache(),
            http: webhooks::http_client(),
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn config(&self) -> &SiteConfig {
        &self.config
    }

    pub fn now(&self) -> newsdesk_domain::Timestamp {
        self.clock.now()
    }

    pub fn views(&self) -> &ViewCounter {
        &self.views
    }

    pub fn cache(&self) -> &RenderCache {
        &self.cache
    }

    /// Every author, by name, from memory.
    pub fn all_authors(&self) -> Vec<newsdesk_domain::Author> {
        self.directory.all_authors()
    }

    /// Every tag, by name, from memory.
    pub fn all_tags(&self) -> Vec<newsdesk_domain::Tag> {
        self.directory.all_tags()
    }

    /// Replaces a curated list; pages showing it are dropped from the cache.
    pub async fn set_list(&self, key: ListKey, stories: &[StoryId]) -> Result<()> {
        self.store.set_list(key, stories).await?;
        self.directory.put_list(key, stories.to_vec());
        self.cache.invalidate(&Change::Exact(Dep::List(key)));
        Ok(())
    }

    /// Announces scheduled stories whose time has come since the last call:
    /// the pages that should now list them are dropped from the cache.
    /// Called every second by the server; returns how many went live.
    pub async fn publish_due(&self) -> Result<usize> {
        let now = self.now().timestamp_millis();
        let since = self.due_until.load(Ordering::Acquire);
        if now <= since {
            return Ok(0);
        }
        let live = self.store.scheduled_between(since, now).await?;
        for story in &live {
            self.invalidate_story(story.id, [publish::placement_of(story)]);
            self.emit(newsdesk_domain::WebhookEvent::StoryPublished, story).await;
        }
        self.due_until.store(now, Ordering::Release);
        if !live.is_empty() {
            tracing::info!(stories = live.len(), "scheduled stories went live");
        }
        Ok(live.len())
    }

    /// The current site settings.
    pub fn settings(&self) -> Arc<SiteSettings> {
        match self.settings.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Validates and saves the site settings; pages use them at once.
    /// Saves the site's settings for an administrator.
    pub async fn change_settings(&self, user: &newsdesk_domain::User, s: &SiteSettings) -> Result<Arc<SiteSettings>> {
        if !user.can(newsdesk_domain::Action::Administer) {
            return Err(SiteError::Forbidden("only administrators change the site's settings"));
        }
        let saved = self.save_settings(s).await?;
        tracing::info!(user = %user.id, "site settings changed");
        Ok(saved)
    }

    pub async fn save_settings(&self, s: &SiteSettings) -> Result<Arc<SiteSettings>> {
        let saved = Arc::new(self.store.save_settings(s).await?);
        match self.settings.write() {
            Ok(mut guard) => *guard = saved.clone(),
            Err(poisoned) => *poisoned.into_inner() = saved.clone(),
        }
        self.cache.invalidate(&Change::All);
        Ok(saved)
    }
}
