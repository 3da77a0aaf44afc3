//! Page views: counted in memory on the request path, written to the
//! database in batches by a background task, and ranked into Most Popular.

use std::{
    cell::Cell,
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
};

use newsdesk_domain::StoryId;
use newsdesk_store::{Store, ViewCount};
use tracing::{debug, warn};

use crate::{
    Clock, Result, Site,
    cache::{Change, Dep},
};

/// At least this many stories must have views in the last 24 hours for the
/// ranking to use that window; otherwise it looks at the last 7 days.
pub const MIN_POPULAR_DAY: usize = 5;
/// How many stories the ranking keeps.
const RANKED: u32 = 12;

/// Counts per (story, hour), not yet written.
type Counts = HashMap<(StoryId, i64), i64>;

/// How many shards of pending counts there are: more than threads serve
/// HTTP on any machine we expect, so each thread has one of its own.
const SHARDS: usize = 64;

thread_local! {
    /// This thread's shard, chosen the first time it counts a view.
    static SHARD: Cell<Option<usize>> = const { Cell::new(None) };
}
static NEXT_SHARD: AtomicUsize = AtomicUsize::new(0);

fn my_shard() -> usize {
    SHARD.with(|s| match s.get() {
        Some(i) => i,
        None => {
            let i = NEXT_SHARD.fetch_add(1, Ordering::Relaxed) % SHARDS;
            s.set(Some(i));
            i
        }
    })
}

/// Counts views without waiting on the database.
pub struct ViewCounter {
    /// One shard per thread (in effect), so that threads counting views of
    /// the same story neither wait for each other nor pass a cache line back
    /// and forth; the flush gathers them.
    pending: Vec<Mutex<Counts>>,
    store: Store,
    clock: Arc<dyn Clock>,
    /// The current Most Popular ranking.
    ranking: Mutex<Option<Arc<Vec<StoryId>>>>,
}

impl ViewCounter {
    pub(crate) fn new(store: Store, clock: Arc<dyn Clock>) -> Self {
        Self {
            pending: (0..SHARDS).map(|_| Mutex::new(Counts::new())).collect(),
            store,
            clock,
            ranking: Mutex::new(None),
        }
    }

    fn shard(&self, i: usize) -> std::sync::MutexGuard<'_, Counts> {
        self.pending[i % SHARDS].lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Counts one view of a story now: one update of this thread's map.
    pub fn record(&self, story: StoryId) {
        let hour = self.clock.now().timestamp().div_euclid(3600);
        *self.shard(my_shard()).entry((story, hour)).or_insert(0) += 1;
    }

    /// Views counted but not yet written.
    pub fn pending(&self) -> i64 {
        (0..SHARDS).map(|i| self.shard(i).values().sum::<i64>()).sum()
    }

    /// Writes the counted views in one transaction. If the write fails, the
    /// counts go back into the pending set for the next try.
    pub async fn flush(&self) -> Result<usize> {
        let mut batch = Counts::new();
        for i in 0..SHARDS {
            let taken = std::mem::take(&mut *self.shard(i));
            for (k, v) in taken {
                *batch.entry(k).or_insert(0) += v;
            }
        }
        if batch.is_empty() {
            return Ok(0);
        }
        let counts: Vec<ViewCount> =
            batch.iter().map(|(&(story, hour), &views)| ViewCount { story, hour, views }).collect();
        match self.store.add_views(&counts).await {
            Ok(()) => {
                debug!(rows = counts.len(), "page views flushed");
                Ok(counts.len())
            }
            Err(e) => {
                warn!(error = %e, rows = counts.len(), "page views not flushed; will retry");
                let mut mine = self.shard(my_shard());
                for (k, v) in batch {
                    *mine.entry(k).or_insert(0) += v;
                }
                Err(e.into())
            }
        }
    }

    fn current_ranking(&self) -> Option<Arc<Vec<StoryId>>> {
        self.ranking.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Sets the ranking; says whether it differs from the one before.
    fn set_ranking(&self, ids: Vec<StoryId>) -> bool {
        let mut guard = self.ranking.lock().unwrap_or_else(|p| p.into_inner());
        let changed = guard.as_deref() != Some(&ids);
        *guard = Some(Arc::new(ids));
        changed
    }
}

impl Site {
    /// The current Most Popular ranking, computed on first use and then by
    /// [`Site::refresh_popular`].
    pub async fn most_popular(&self) -> Result<Vec<StoryId>> {
        if let Some(r) = self.views.current_ranking() {
            return Ok(r.to_vec());
        }
        let ids = self.rank().await?;
        self.views.set_ranking(ids.clone());
        Ok(ids)
    }

    /// Ranks again from the stored views; when the ranking changed, the
    /// pages showing it are dropped from the cache. The server calls this
    /// once a minute, which bounds how often those pages are rebuilt.
    pub async fn refresh_popular(&self) -> Result<bool> {
        let ids = self.rank().await?;
        let changed = self.views.set_ranking(ids);
        if changed {
            self.cache.invalidate(&Change::Exact(Dep::Popular));
        }
        Ok(changed)
    }

    /// Stories ranked by page views over the last 24 hours, or the last 7
    /// days when too few stories were read in the last day.
    async fn rank(&self) -> Result<Vec<StoryId>> {
        let now = self.now();
        let hour = now.timestamp().div_euclid(3600);
        let mut ranked = self.store.most_viewed(hour - 23, now, RANKED).await?;
        if ranked.len() < MIN_POPULAR_DAY {
            ranked = self.store.most_viewed(hour - 24 * 7 + 1, now, RANKED).await?;
        }
        Ok(ranked.into_iter().map(|(id, _)| id).collect())
    }
}

/// Whether a User-Agent belongs to a crawler, feed fetcher or link
/// previewer rather than a reader. Missing agents count as not readers.
pub fn is_crawler(user_agent: Option<&str>) -> bool {
    let Some(ua) = user_agent.map(str::trim).filter(|ua| !ua.is_empty()) else { return true };
    let ua = ua.to_ascii_lowercase();
    const MARKERS: &[&str] = &[
        "bot",
        "crawl",
        "spider",
        "slurp",
        "archiver",
        "facebookexternalhit",
        "facebookcatalog",
        "embedly",
        "quora link preview",
        "whatsapp",
        "mediapartners-google",
        "adsbot",
        "feedfetcher",
        "feedly",
        "inoreader",
        "newsblur",
        "headlesschrome",
        "lighthouse",
        "pingdom",
        "uptime",
        "curl/",
        "wget/",
        "python-requests",
        "python-urllib",
        "go-http-client",
        "okhttp",
        "java/",
        "libwww",
        "httpclient",
        "scrapy",
        "axios/",
        "node-fetch",
    ];
    MARKERS.iter().any(|m| ua.contains(m))
}

#[cfg(test)]
mod tests {
    use super::is_crawler;

    #[test]
    fn tells_crawlers_from_readers() {
        for bot in [
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "Mozilla/5.0 (compatible; YandexBot/3.0)",
            "Twitterbot/1.0",
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.0)",
            "curl/8.5.0",
            "",
        ] {
            assert!(is_crawler(Some(bot)), "{bot}");
        }
        assert!(is_crawler(None));
        for reader in [
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        ] {
            assert!(!is_crawler(Some(reader)), "{reader}");
        }
    }
}
