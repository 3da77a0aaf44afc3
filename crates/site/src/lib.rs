//! Newsdesk's services: what the site does, over the store.
//!
//! [`Site`] publishes stories (rendering their bodies once, with cards for
//! the stories they link to), assembles the read models of reader pages with
//! a small fixed number of queries each, counts page views in memory and
//! flushes them in batches, ranks Most Popular, and builds the demo newsroom.
//!
//! Architecture invariant: nothing here knows HTTP or HTML templates; the web
//! layer turns these read models into pages.

mod clock;
pub mod demo;
mod error;
mod pages;
mod publish;
mod views;

use std::sync::{Arc, RwLock};

use newsdesk_domain::SiteSettings;
use newsdesk_store::Store;

pub use clock::{Clock, ManualClock, SystemClock};
pub use error::SiteError;
pub use pages::{FrontPage, ListPage, Lookup, StoryPage, Teaser};
pub use views::{ViewCounter, is_crawler};

pub type Result<T, E = SiteError> = std::result::Result<T, E>;

/// Settings of the running service that are not stored in the database.
#[derive(Clone, Debug)]
pub struct SiteConfig {
    /// The public address of the site, for absolute links in feeds and cards.
    pub base_url: url::Url,
}

/// The services of one site. Cheap to share behind an `Arc`.
pub struct Site {
    store: Store,
    clock: Arc<dyn Clock>,
    config: SiteConfig,
    /// Read on every page; refreshed when an editor saves settings.
    settings: RwLock<Arc<SiteSettings>>,
    views: ViewCounter,
}

impl Site {
    /// Loads the settings and makes the services ready.
    pub async fn new(store: Store, clock: Arc<dyn Clock>, config: SiteConfig) -> Result<Site> {
        let settings = store.settings().await?;
        Ok(Site {
            views: ViewCounter::new(store.clone(), clock.clone()),
            store,
            clock,
            config,
            settings: RwLock::new(Arc::new(settings)),
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

    /// The current site settings.
    pub fn settings(&self) -> Arc<SiteSettings> {
        match self.settings.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Validates and saves the site settings; pages use them at once.
    pub async fn save_settings(&self, s: &SiteSettings) -> Result<Arc<SiteSettings>> {
        let saved = Arc::new(self.store.save_settings(s).await?);
        match self.settings.write() {
            Ok(mut guard) => *guard = saved.clone(),
            Err(poisoned) => *poisoned.into_inner() = saved.clone(),
        }
        Ok(saved)
    }
}
