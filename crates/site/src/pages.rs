//! Read models of the reader pages. Each page is assembled with a small,
//! fixed number of queries: first the ids of every list on the page, then
//! one batch of summaries, then one batch each of authors, tags and media.

use std::collections::HashMap;

use newsdesk_domain::{
    Author, AuthorId, Cursor, ListKey, Media, MediaId, Story, StoryId, StoryKind, StorySummary, Tag, TagId,
};
use newsdesk_store::{Listing, StoryKey};

use crate::{
    Result, Site, SiteError,
    cache::{Dep, Deps},
};

/// A story in a list, with what its teaser shows.
#[derive(Clone, Debug)]
pub struct Teaser {
    pub story: StorySummary,
    pub authors: Vec<Author>,
    pub tags: Vec<Tag>,
    pub hero: Option<Media>,
}

/// Authors, tags and media of a page, fetched once.
#[derive(Clone, Debug, Default)]
pub struct Lookup {
    pub authors: HashMap<AuthorId, Author>,
    pub tags: HashMap<TagId, Tag>,
    pub media: HashMap<MediaId, Media>,
}

impl Lookup {
    pub fn authors(&self, ids: &[AuthorId]) -> Vec<Author> {
        ids.iter().filter_map(|id| self.authors.get(id)).cloned().collect()
    }

    pub fn tags(&self, ids: &[TagId]) -> Vec<Tag> {
        ids.iter().filter_map(|id| self.tags.get(id)).cloned().collect()
    }

    pub fn media(&self, id: Option<MediaId>) -> Option<Media> {
        id.and_then(|id| self.media.get(&id)).cloned()
    }

    fn teaser(&self, s: StorySummary) -> Teaser {
        Teaser { authors: self.authors(&s.authors), tags: self.tags(&s.tags), hero: self.media(s.hero), story: s }
    }
}

pub struct FrontPage {
    pub lead: Option<Teaser>,
    pub top: Vec<Teaser>,
    pub feed: Vec<Teaser>,
    pub popular: Vec<Teaser>,
    pub picks: Vec<Teaser>,
    pub videos: Vec<Teaser>,
    pub lookup: Lookup,
    /// What the page shows, for the render cache.
    pub deps: Deps,
}

pub struct StoryPage {
    pub story: Story,
    pub popular: Vec<Teaser>,
    pub feed: Vec<Teaser>,
    pub picks: Vec<Teaser>,
    /// The story's authors (with avatars), tags and hero live here too.
    pub lookup: Lookup,
    pub deps: Deps,
}

/// A page of a newest-first list, and where the next page starts.
pub struct ListPage {
    pub items: Vec<Teaser>,
    pub next: Option<Cursor>,
    pub lookup: Lookup,
    pub deps: Deps,
}

/// Records what teasers show: the story, its authors, primary tag and image.
fn teaser_deps(deps: &mut Deps, teasers: &[Teaser]) {
    for t in teasers {
        deps.add(Dep::Story(t.story.id));
        for a in &t.story.authors {
            deps.add(Dep::Author(*a));
        }
        if let Some(tag) = t.story.tags.first() {
            deps.add(Dep::Tag(*tag));
        }
        if let Some(m) = t.story.hero {
            deps.add(Dep::Media(m));
        }
    }
}

/// The oldest publication time a newest-first list of `limit` shows, or
/// `None` when it shows everything there is (so any older story would
/// appear in it).
fn oldest_shown(cursors: &[Cursor], limit: usize) -> Option<i64> {
    if cursors.len() < limit { None } else { cursors.last().map(|c| c.published_at_ms) }
}

/// How many items each section shows.
pub mod sizes {
    pub const TOP: usize = 6;
    pub const FEED_FRONT: u32 = 12;
    pub const FEED_STORY: u32 = 8;
    pub const POPULAR: usize = 5;
    pub const PICKS: usize = 6;
    pub const VIDEOS: u32 = 4;
    pub const LIST_PAGE: u32 = 24;
}

impl Site {
    pub async fn front_page(&self) -> Result<FrontPage> {
        let now = self.now();
        let top_ids = self.directory.list(ListKey::TopStories).to_vec();
        let pick_ids = self.directory.list(ListKey::EditorsPicks).to_vec();
        let feed = self.store.listing(Listing::All, now, None, sizes::FEED_FRONT).await?;
        let videos = self.store.listing(Listing::Kind(StoryKind::Video), now, None, sizes::VIDEOS).await?;
        let popular = self.most_popular().await?;
        // Without curated top stories, the newest articles lead.
        let fallback_top = if top_ids.is_empty() {
            self.store.listing(Listing::Kind(StoryKind::Article), now, None, sizes::TOP as u32 + 1).await?
        } else {
            Vec::new()
        };
        let mut deps = Deps::default();
        deps.add(Dep::Settings);
        deps.add(Dep::Popular);
        deps.add(Dep::List(ListKey::EditorsPicks));
        deps.add(Dep::List(ListKey::TopStories));
        deps.range(Listing::All, None, oldest_shown(&feed, sizes::FEED_FRONT as usize));
        deps.range(Listing::Kind(StoryKind::Video), None, oldest_shown(&videos, sizes::VIDEOS as usize));
        if top_ids.is_empty() {
            deps.range(Listing::Kind(StoryKind::Article), None, oldest_shown(&fallback_top, sizes::TOP + 1));
        }
        let lists: [Vec<StoryId>; 5] = [
            if top_ids.is_empty() { fallback_top.iter().map(|c| c.id).collect() } else { top_ids },
            feed.iter().map(|c| c.id).collect(),
            popular.into_iter().take(sizes::POPULAR).collect(),
            pick_ids,
            videos.iter().map(|c| c.id).collect(),
        ];
        let (mut lists, lookup) = self.teasers_with(lists, Extra::default()).await?;
        for list in &lists {
            teaser_deps(&mut deps, list);
        }
        let [top, feed, popular, picks, videos] = std::array::from_fn(|i| std::mem::take(&mut lists[i]));
        let mut top = top.into_iter();
        let lead = top.next();
        Ok(FrontPage {
            lead,
            top: top.take(sizes::TOP).collect(),
            feed,
            popular,
            picks: picks.into_iter().take(sizes::PICKS).collect(),
            videos,
            lookup,
            deps,
        })
    }

    /// A visible story and its page's sections; `None` for unknown slugs,
    /// drafts and stories scheduled for later.
    pub async fn story_page(&self, slug: &str) -> Result<Option<StoryPage>> {
        let now = self.now();
        let Some(story) = self.store.story(StoryKey::Slug(slug)).await? else { return Ok(None) };
        if !story.is_visible(now) {
            return Ok(None);
        }
        let feed = self.store.listing(Listing::All, now, None, sizes::FEED_STORY + 1).await?;
        let popular = self.most_popular().await?;
        let picks = self.directory.list(ListKey::EditorsPicks).to_vec();
        let not_this = |ids: Vec<StoryId>, n: usize| ids.into_iter().filter(|id| *id != story.id).take(n).collect();
        let lists = [
            not_this(popular, sizes::POPULAR),
            not_this(feed.iter().map(|c| c.id).collect(), sizes::FEED_STORY as usize),
            not_this(picks, 4),
        ];
        let extra =
            Extra { authors: story.authors.clone(), tags: story.tags.clone(), media: story.hero.into_iter().collect() };
        let (lists, lookup) = self.teasers_with(lists, extra).await?;
        let mut deps = Deps::default();
        deps.add(Dep::Settings);
        deps.add(Dep::Popular);
        deps.add(Dep::List(ListKey::EditorsPicks));
        deps.add(Dep::Story(story.id));
        deps.range(Listing::All, None, oldest_shown(&feed, sizes::FEED_STORY as usize + 1));
        for a in &story.authors {
            deps.add(Dep::Author(*a));
            if let Some(m) = lookup.authors.get(a).and_then(|a| a.avatar) {
                deps.add(Dep::Media(m));
            }
        }
        for t in &story.tags {
            deps.add(Dep::Tag(*t));
        }
        if let Some(m) = story.hero {
            deps.add(Dep::Media(m));
        }
        for list in &lists {
            teaser_deps(&mut deps, list);
        }
        let [popular, feed, picks] = lists;
        Ok(Some(StoryPage { story, popular, feed, picks, lookup, deps }))
    }

    /// A page of a newest-first list, continuing after `after`.
    pub async fn list_page(
        &self,
        listing: Listing,
        after: Option<Cursor>,
        extra_authors: Vec<AuthorId>,
    ) -> Result<ListPage> {
        let limit = sizes::LIST_PAGE;
        let mut cursors = self.store.listing(listing, self.now(), after, limit + 1).await?;
        let more = cursors.len() > limit as usize;
        cursors.truncate(limit as usize);
        let next = if more { cursors.last().copied() } else { None };
        let extra = Extra { authors: extra_authors, ..Extra::default() };
        let ([items], lookup) = self.teasers_with([cursors.iter().map(|c| c.id).collect()], extra).await?;
        let mut deps = Deps::default();
        deps.add(Dep::Settings);
        let oldest = if next.is_some() { cursors.last().map(|c| c.published_at_ms) } else { None };
        deps.range(listing, after.map(|c| c.published_at_ms), oldest);
        teaser_deps(&mut deps, &items);
        match listing {
            Listing::Tag(t) => deps.add(Dep::Tag(t)),
            Listing::Author(a) => {
                deps.add(Dep::Author(a));
                if let Some(m) = lookup.authors.get(&a).and_then(|a| a.avatar) {
                    deps.add(Dep::Media(m));
                }
            }
            _ => {}
        }
        Ok(ListPage { items, next, lookup, deps })
    }

    pub async fn tag_by_slug(&self, slug: &str) -> Result<Tag> {
        self.directory.tag_by_slug(slug).ok_or(SiteError::NotFound("tag"))
    }

    pub async fn author_by_slug(&self, slug: &str) -> Result<Author> {
        self.directory.author_by_slug(slug).ok_or(SiteError::NotFound("author"))
    }

    /// Turns lists of ids into teasers of the stories visible now, in order,
    /// with one query for all summaries and one each for authors, tags and
    /// media (hero images and avatars), including `extra` ones.
    async fn teasers_with<const N: usize>(
        &self,
        lists: [Vec<StoryId>; N],
        extra: Extra,
    ) -> Result<([Vec<Teaser>; N], Lookup)> {
        let mut all: Vec<StoryId> = lists.iter().flatten().copied().collect();
        all.sort_unstable();
        all.dedup();
        let summaries: HashMap<StoryId, StorySummary> =
            self.store.summaries(&all, Some(self.now())).await?.into_iter().map(|s| (s.id, s)).collect();
        let mut author_ids = extra.authors;
        let mut tag_ids = extra.tags;
        let mut media_ids = extra.media;
        for s in summaries.values() {
            author_ids.extend(&s.authors);
            tag_ids.extend(&s.tags);
            media_ids.extend(s.hero);
        }
        author_ids.sort_unstable();
        author_ids.dedup();
        tag_ids.sort_unstable();
        tag_ids.dedup();
        let authors = self.directory.authors(&author_ids);
        let tags = self.directory.tags(&tag_ids);
        media_ids.extend(authors.iter().filter_map(|a| a.avatar));
        media_ids.sort_unstable();
        media_ids.dedup();
        let media = self.store.media_by_ids(&media_ids).await?;
        let lookup = Lookup {
            authors: authors.into_iter().map(|a| (a.id, a)).collect(),
            tags: tags.into_iter().map(|t| (t.id, t)).collect(),
            media: media.into_iter().map(|m| (m.id, m)).collect(),
        };
        let lists =
            lists.map(|ids| ids.iter().filter_map(|id| summaries.get(id).cloned()).map(|s| lookup.teaser(s)).collect());
        Ok((lists, lookup))
    }
}

/// Authors, tags and media a page needs besides those of its teasers.
#[derive(Default)]
struct Extra {
    authors: Vec<AuthorId>,
    tags: Vec<TagId>,
    media: Vec<MediaId>,
}
