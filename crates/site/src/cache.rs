//! The render cache: reader pages kept in memory, already compressed, each
//! with the list of things it shows, and dropped exactly when one of them
//! changes.
//!
//! A page depends on exact things (a story, a tag, an author, a media item,
//! a curated list, the Most Popular ranking, the site settings) and on
//! ranges of listings: a news-feed page that shows the stories published
//! between 09:00 and 11:30 changes only if a story enters or leaves that
//! range of that listing. A change names what changed; the index maps it to
//! the pages to drop.
//!
//! Reads take no lock of ours (moka's concurrent map); inserts and
//! invalidations take the index lock. An invalidation bumps the epoch, and a
//! page rendered before an invalidation is not inserted after it, so a page
//! in the cache is never older than the last change it depends on.

use std::{
    collections::{HashMap, HashSet},
    hash::{DefaultHasher, Hash, Hasher},
    io::Write,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
};

use bytes::Bytes;
use moka::{policy::EvictionPolicy, sync::Cache};
use newsdesk_domain::{AuthorId, ListKey, MediaId, StoryId, StoryKind, TagId};
use newsdesk_store::Listing;

/// Something a page shows, whose change must drop the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dep {
    Story(StoryId),
    Tag(TagId),
    Author(AuthorId),
    Media(MediaId),
    List(ListKey),
    Popular,
    Settings,
}

impl Dep {
    fn surrogate_key(&self) -> String {
        match self {
            Dep::Story(id) => format!("story-{id}"),
            Dep::Tag(id) => format!("tag-{id}"),
            Dep::Author(id) => format!("author-{id}"),
            Dep::Media(id) => format!("media-{id}"),
            Dep::List(key) => format!("list-{key}"),
            Dep::Popular => "popular".into(),
            Dep::Settings => "settings".into(),
        }
    }
}

fn listing_key(l: &Listing) -> String {
    match l {
        Listing::All => "feed".into(),
        Listing::Kind(k) => format!("kind-{k}"),
        Listing::Tag(t) => format!("tag-{t}-stories"),
        Listing::Author(a) => format!("author-{a}-stories"),
    }
}

/// A stretch of a newest-first listing shown by a page, inclusive at both
/// ends, in publication-time milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub listing: Listing,
    pub oldest_ms: i64,
    pub newest_ms: i64,
}

/// What a page shows.
#[derive(Clone, Debug, Default)]
pub struct Deps {
    pub exact: HashSet<Dep>,
    pub ranges: Vec<Range>,
}

impl Deps {
    pub fn add(&mut self, dep: Dep) {
        self.exact.insert(dep);
    }

    /// The page shows a listing from `newest_ms` (None: from the top) down
    /// to `oldest_ms` (None: to the end, because the page shows everything
    /// left).
    pub fn range(&mut self, listing: Listing, newest_ms: Option<i64>, oldest_ms: Option<i64>) {
        self.ranges.push(Range {
            listing,
            oldest_ms: oldest_ms.unwrap_or(i64::MIN),
            newest_ms: newest_ms.unwrap_or(i64::MAX),
        });
    }

    pub fn extend(&mut self, other: Deps) {
        self.exact.extend(other.exact);
        self.ranges.extend(other.ranges);
    }

    /// The `Surrogate-Key` header value: the same dependencies, for a CDN.
    pub fn surrogate_keys(&self) -> String {
        let mut keys: Vec<String> = self.exact.iter().map(Dep::surrogate_key).collect();
        keys.extend(self.ranges.iter().map(|r| listing_key(&r.listing)));
        keys.sort();
        keys.dedup();
        keys.join(" ")
    }
}

/// Where a story sits in the listings, before or after a change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placement {
    pub listed_ms: i64,
    pub listings: Vec<Listing>,
}

impl Placement {
    pub fn new(listed_ms: i64, kind: StoryKind, tags: &[TagId], authors: &[AuthorId]) -> Self {
        let mut listings = vec![Listing::All, Listing::Kind(kind)];
        listings.extend(tags.iter().map(|t| Listing::Tag(*t)));
        listings.extend(authors.iter().map(|a| Listing::Author(*a)));
        Self { listed_ms, listings }
    }
}

/// What changed.
#[derive(Clone, Debug)]
pub enum Change {
    /// A story changed; it was (and now is) listed at these places, if any.
    Story {
        id: StoryId,
        placements: Vec<Placement>,
    },
    Exact(Dep),
    /// Everything (for example the site settings).
    All,
}

/// Encodings a page is kept in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Encoding {
    pub fn header(self) -> Option<&'static str> {
        match self {
            Encoding::Identity => None,
            Encoding::Gzip => Some("gzip"),
            Encoding::Brotli => Some("br"),
        }
    }

    fn etag_suffix(self) -> &'static str {
        match self {
            Encoding::Identity => "",
            Encoding::Gzip => "-gz",
            Encoding::Brotli => "-br",
        }
    }
}

/// A rendered page, in every encoding it is served in.
#[derive(Debug)]
pub struct Page {
    identity: Bytes,
    gzip: Option<Bytes>,
    brotli: Option<Bytes>,
    /// Strong validators, by encoding: identity, gzip, brotli.
    etags: [String; 3],
    pub surrogate_keys: Bytes,
    /// The story whose page this is, for counting views on cache hits.
    pub story: Option<StoryId>,
    /// HTML, or a feed's XML.
    pub content_type: &'static str,
    deps: Deps,
}

impl Page {
    /// Builds a page compressed in `encodings` (identity is always kept).
    pub fn build(html: String, deps: Deps, story: Option<StoryId>, encodings: &[Encoding]) -> Page {
        let identity = Bytes::from(html);
        let mut hasher = DefaultHasher::new();
        identity.hash(&mut hasher);
        let gzip = encodings.contains(&Encoding::Gzip).then(|| gzip(&identity));
        let brotli = encodings.contains(&Encoding::Brotli).then(|| brotli(&identity));
        let hash = hasher.finish();
        let etags = [Encoding::Identity, Encoding::Gzip, Encoding::Brotli]
            .map(|e| format!("\"{hash:016x}{}\"", e.etag_suffix()));
        Page {
            surrogate_keys: Bytes::from(deps.surrogate_keys()),
            identity,
            gzip,
            brotli,
            etags,
            story,
            content_type: "text/html; charset=utf-8",
            deps,
        }
    }

    /// The same page, served as `content_type` (a feed, say).
    pub fn with_content_type(mut self, content_type: &'static str) -> Page {
        self.content_type = content_type;
        self
    }

    /// The body in `wanted`, or in identity if that encoding was not made.
    pub fn body(&self, wanted: Encoding) -> (Encoding, Bytes) {
        match wanted {
            Encoding::Brotli if self.brotli.is_some() => (wanted, self.brotli.clone().unwrap_or_default()),
            Encoding::Gzip if self.gzip.is_some() => (wanted, self.gzip.clone().unwrap_or_default()),
            _ => (Encoding::Identity, self.identity.clone()),
        }
    }

    /// A strong validator per encoding, as the representations differ.
    pub fn etag(&self, encoding: Encoding) -> &str {
        match encoding {
            Encoding::Identity => &self.etags[0],
            Encoding::Gzip => &self.etags[1],
            Encoding::Brotli => &self.etags[2],
        }
    }

    fn weight(&self, key: &str) -> u32 {
        let n = key.len()
            + self.identity.len()
            + self.gzip.as_ref().map_or(0, Bytes::len)
            + self.brotli.as_ref().map_or(0, Bytes::len)
            + self.surrogate_keys.len()
            + 3 * 24
            + 256;
        u32::try_from(n).unwrap_or(u32::MAX)
    }
}

fn gzip(data: &[u8]) -> Bytes {
    let mut enc = flate2::write::GzEncoder::new(Vec::with_capacity(data.len() / 4), flate2::Compression::new(6));
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(data);
    Bytes::from(enc.finish().unwrap_or_default())
}

fn brotli(data: &[u8]) -> Bytes {
    let mut out = Vec::with_capacity(data.len() / 4);
    let params = brotli::enc::BrotliEncoderParams { quality: 6, lgwin: 20, ..Default::default() };
    let mut input = data;
    let _ = brotli::BrotliCompress(&mut input, &mut out, &params);
    Bytes::from(out)
}

#[derive(Default)]
struct Index {
    exact: HashMap<Dep, HashSet<String>>,
    ranges: HashMap<Listing, Vec<(Range, String)>>,
    /// Keys indexed; pruned of evicted pages now and then.
    keys: usize,
}

/// The render cache. With a budget of zero it keeps nothing.
pub struct RenderCache {
    pages: Option<Cache<String, Arc<Page>>>,
    index: Mutex<Index>,
    epoch: AtomicU64,
}

impl RenderCache {
    pub fn new(budget_bytes: u64) -> Self {
        let pages = (budget_bytes > 0).then(|| {
            Cache::builder()
                .max_capacity(budget_bytes)
                .weigher(|k: &String, v: &Arc<Page>| v.weight(k))
                .eviction_policy(EvictionPolicy::lru())
                .build()
        });
        Self { pages, index: Mutex::new(Index::default()), epoch: AtomicU64::new(0) }
    }

    pub fn enabled(&self) -> bool {
        self.pages.is_some()
    }

    /// The encodings pages are stored in.
    pub fn encodings(&self) -> &'static [Encoding] {
        &[Encoding::Gzip, Encoding::Brotli]
    }

    pub fn get(&self, key: &str) -> Option<Arc<Page>> {
        self.pages.as_ref()?.get(key)
    }

    /// The current epoch; pass it back to [`RenderCache::insert`].
    pub fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::Acquire)
    }

    /// Keeps a page rendered when the epoch was `rendered_at`, unless
    /// something changed since.
    pub fn insert(&self, key: String, page: Arc<Page>, rendered_at: u64) -> bool {
        let Some(pages) = &self.pages else { return false };
        let mut index = self.index.lock().unwrap_or_else(|p| p.into_inner());
        if self.epoch.load(Ordering::Acquire) != rendered_at {
            return false;
        }
        for dep in &page.deps.exact {
            index.exact.entry(*dep).or_default().insert(key.clone());
        }
        for range in &page.deps.ranges {
            index.ranges.entry(range.listing).or_default().push((*range, key.clone()));
        }
        index.keys += 1;
        pages.insert(key, page);
        if index.keys > 2 * (pages.entry_count() as usize).max(1024) {
            prune(&mut index, pages);
        }
        true
    }

    /// Drops every page that shows what changed; returns how many.
    pub fn invalidate(&self, change: &Change) -> usize {
        let Some(pages) = &self.pages else { return 0 };
        let mut index = self.index.lock().unwrap_or_else(|p| p.into_inner());
        self.epoch.fetch_add(1, Ordering::AcqRel);
        let mut doomed: HashSet<String> = HashSet::new();
        match change {
            Change::All => {
                pages.invalidate_all();
                *index = Index::default();
                return usize::MAX;
            }
            Change::Exact(dep) => doomed.extend(index.exact.remove(dep).unwrap_or_default()),
            Change::Story { id, placements } => {
                doomed.extend(index.exact.remove(&Dep::Story(*id)).unwrap_or_default());
                for p in placements {
                    for listing in &p.listings {
                        if let Some(ranges) = index.ranges.get_mut(listing) {
                            ranges.retain(|(r, key)| {
                                let hit = r.oldest_ms <= p.listed_ms && p.listed_ms <= r.newest_ms;
                                if hit {
                                    doomed.insert(key.clone());
                                }
                                !hit
                            });
                        }
                    }
                }
            }
        }
        for key in &doomed {
            pages.invalidate(key);
        }
        doomed.len()
    }

    /// Runs moka's deferred bookkeeping (evictions); for tests and stats.
    pub fn sync(&self) {
        if let Some(p) = &self.pages {
            p.run_pending_tasks();
        }
    }

    /// Bytes held and pages kept.
    pub fn usage(&self) -> (u64, u64) {
        self.pages.as_ref().map_or((0, 0), |p| (p.weighted_size(), p.entry_count()))
    }
}

/// Forgets index entries of pages no longer in the cache.
fn prune(index: &mut Index, pages: &Cache<String, Arc<Page>>) {
    index.exact.retain(|_, keys| {
        keys.retain(|k| pages.contains_key(k));
        !keys.is_empty()
    });
    index.ranges.retain(|_, ranges| {
        ranges.retain(|(_, k)| pages.contains_key(k));
        !ranges.is_empty()
    });
    index.keys = index.exact.values().map(HashSet::len).sum();
}

/// The encoding to send for an `Accept-Encoding` header: brotli, then gzip,
/// honouring `q=0`.
pub fn negotiate(accept: Option<&str>) -> Encoding {
    let Some(accept) = accept else { return Encoding::Identity };
    let mut br = false;
    let mut gz = false;
    for part in accept.split(',') {
        let mut bits = part.split(';');
        let name = bits.next().unwrap_or("").trim();
        let refused = bits.any(|b| {
            let b = b.trim();
            b.strip_prefix("q=").is_some_and(|q| q.trim().parse::<f32>().map_or(true, |q| q <= 0.0))
        });
        if refused {
            continue;
        }
        if name.eq_ignore_ascii_case("br") {
            br = true;
        } else if name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip") {
            gz = true;
        } else if name == "*" {
            br = true;
            gz = true;
        }
    }
    if br {
        Encoding::Brotli
    } else if gz {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(deps: Deps) -> Arc<Page> {
        Arc::new(Page::build("<p>x</p>".repeat(50), deps, None, &[Encoding::Gzip, Encoding::Brotli]))
    }

    #[test]
    fn negotiates_encodings() {
        assert_eq!(negotiate(Some("gzip, deflate, br, zstd")), Encoding::Brotli);
        assert_eq!(negotiate(Some("gzip;q=1.0, br;q=0")), Encoding::Gzip);
        assert_eq!(negotiate(Some("identity")), Encoding::Identity);
        assert_eq!(negotiate(Some("*")), Encoding::Brotli);
        assert_eq!(negotiate(None), Encoding::Identity);
    }

    #[test]
    fn compressed_bodies_decompress_to_the_same_bytes() {
        let p = page(Deps::default());
        let (_, gz) = p.body(Encoding::Gzip);
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut out).expect("gunzip");
        assert_eq!(out, p.body(Encoding::Identity).1);
        let (_, br) = p.body(Encoding::Brotli);
        let mut out = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut out).expect("unbrotli");
        assert_eq!(out, p.body(Encoding::Identity).1);
        assert_ne!(p.etag(Encoding::Gzip), p.etag(Encoding::Brotli));
    }

    #[test]
    fn drops_exactly_the_pages_that_depend_on_a_change() {
        let cache = RenderCache::new(10_000_000);
        let mut story_page = Deps::default();
        story_page.add(Dep::Story(StoryId(1)));
        story_page.add(Dep::Tag(TagId(7)));
        let mut feed_top = Deps::default();
        feed_top.range(Listing::All, None, Some(1_000));
        let mut feed_deep = Deps::default();
        feed_deep.range(Listing::All, Some(999), Some(500));
        let mut other_tag = Deps::default();
        other_tag.range(Listing::Tag(TagId(8)), None, None);
        for (k, d) in [("/s/", story_page), ("/feed/", feed_top), ("/feed/?after", feed_deep), ("/t8/", other_tag)] {
            assert!(cache.insert(k.into(), page(d), cache.epoch()));
        }
        // An edit to story 1, listed at 2,000 in the feed and tag 7.
        let change = Change::Story {
            id: StoryId(1),
            placements: vec![Placement::new(2_000, StoryKind::Article, &[TagId(7)], &[])],
        };
        assert_eq!(cache.invalidate(&change), 2);
        assert!(cache.get("/s/").is_none() && cache.get("/feed/").is_none());
        assert!(cache.get("/feed/?after").is_some() && cache.get("/t8/").is_some());
        // A page rendered before a change is not kept after it.
        let before = cache.epoch();
        cache.invalidate(&Change::Exact(Dep::Popular));
        assert!(!cache.insert("/late/".into(), page(Deps::default()), before));
    }

    #[test]
    fn keeps_within_its_byte_budget() {
        let cache = RenderCache::new(200_000);
        for i in 0..500 {
            cache.insert(format!("/p/{i}/"), page(Deps::default()), cache.epoch());
        }
        cache.sync();
        let (bytes, pages) = cache.usage();
        assert!(bytes <= 200_000, "{bytes} bytes held");
        assert!((11..500).contains(&pages), "{pages} pages kept");
        assert!(cache.get("/p/499/").is_some(), "the most recent page stays");
    }
}
