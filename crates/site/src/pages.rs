//! Read models of the reader pages. Each page is assembled with a small,
//! fixed number of queries: first the ids of every list on the page, then
//! one batch of summaries, then one batch each of authors, tags and media.

use std::collections::HashMap;

use newsdesk_domain::{
    Author, AuthorId, Cursor, ListKey, Media, MediaId, Story, StoryId, StoryInput, StoryKind, StoryNote, StoryStatus,
    StorySummary, Tag, TagId,
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
    /// Corrections and updates, oldest first.
    pub notes: Vec<StoryNote>,
    pub popular: Vec<Teaser>,
    pub feed: Vec<Teaser>,
    pub picks: Vec<Teaser>,
    /// The story's authors (with avatars), tags and hero live here too.
    pub lookup: Lookup,
    pub deps: Deps,
}

/// The newest stories of a list with their full text, for its RSS feed.
pub struct FeedPage {
    pub items: Vec<(Teaser, String)>,
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

/// Where the stories of a list on a page come from.
enum Source {
    /// Curated or ranked ids, whose summaries are fetched together.
    Ids(Vec<StoryId>),
    /// A listing page already fetched as summaries.
    Summaries(Vec<StorySummary>),
}

fn cursors(list: &[StorySummary]) -> Vec<Cursor> {
    list.iter().map(StorySummary::cursor).collect()
}

impl Site {
    pub async fn front_page(&self) -> Result<FrontPage> {
        let now = self.now();
        let top_ids = self.directory.list(ListKey::TopStories).to_vec();
        let pick_ids = self.directory.list(ListKey::EditorsPicks).to_vec();
        let feed = self.store.listing_summaries(Listing::All, now, None, sizes::FEED_FRONT).await?;
        let videos = self.store.listing_summaries(Listing::Kind(StoryKind::Video), now, None, sizes::VIDEOS).await?;
        let popular = self.most_popular().await?;
        let mut deps = Deps::default();
        deps.add(Dep::Settings);
        deps.add(Dep::Popular);
        deps.add(Dep::List(ListKey::EditorsPicks));
        deps.add(Dep::List(ListKey::TopStories));
        deps.range(Listing::All, None, oldest_shown(&cursors(&feed), sizes::FEED_FRONT as usize));
        deps.range(Listing::Kind(StoryKind::Video), None, oldest_shown(&cursors(&videos), sizes::VIDEOS as usize));
        // Without curated top stories, the newest articles lead.
        let top = if top_ids.is_empty() {
            let newest = self
                .store
                .listing_summaries(Listing::Kind(StoryKind::Article), now, None, sizes::TOP as u32 + 1)
                .await?;
            deps.range(Listing::Kind(StoryKind::Article), None, oldest_shown(&cursors(&newest), sizes::TOP + 1));
            Source::Summaries(newest)
        } else {
            Source::Ids(top_ids)
        };
        let lists = [
            top,
            Source::Summaries(feed),
            Source::Ids(popular.into_iter().take(sizes::POPULAR).collect()),
            Source::Ids(pick_ids),
            Source::Summaries(videos),
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
        let Some(story) = self.store.story(StoryKey::Slug(slug)).await? else { return Ok(None) };
        if !story.is_visible(self.now()) {
            return Ok(None);
        }
        let notes = self.store.notes(story.id).await?;
        self.page_of(story, notes).await.map(Some)
    }

    /// The page a story not yet saved would have: what the editor's preview
    /// shows, rendered as readers will see it (dated now if it has no
    /// publication time). The story is validated as a draft.
    pub async fn preview_page(&self, id: Option<StoryId>, input: &StoryInput) -> Result<StoryPage> {
        let now = self.now();
        let mut draft = input.clone();
        draft.status = StoryStatus::Draft;
        draft.published_at = None;
        let rendered = self.render(draft.validate(now)?).await?;
        let v = rendered.story;
        let (notes, created_at) = match id {
            Some(id) => {
                let saved = self.store.story(StoryKey::Id(id)).await?;
                (self.store.notes(id).await?, saved.map_or(now, |s| s.created_at))
            }
            None => (Vec::new(), now),
        };
        let story = Story {
            id: id.unwrap_or(StoryId(0)),
            slug: v.slug,
            kind: v.kind,
            status: StoryStatus::Published,
            headline: v.headline,
            standfirst: v.standfirst,
            body_source: v.body_source,
            body_html: rendered.body_html,
            reading_minutes: rendered.reading_minutes,
            featured: v.featured,
            hero: v.hero,
            video_url: v.video_url,
            seo: v.seo,
            created_at,
            updated_at: now,
            published_at: Some(input.published_at.unwrap_or(now)),
            authors: v.authors,
            tags: v.tags,
            submitted_at: None,
            created_by: v.created_by,
            deleted_at: None,
        };
        self.page_of(story, notes).await
    }

    /// A story's page around it: the feed, Most Popular and Editors' Picks.
    async fn page_of(&self, story: Story, notes: Vec<StoryNote>) -> Result<StoryPage> {
        let now = self.now();
        let fetched = self.store.listing_summaries(Listing::All, now, None, sizes::FEED_STORY + 1).await?;
        let feed_cursors = cursors(&fetched);
        let feed: Vec<StorySummary> =
            fetched.into_iter().filter(|s| s.id != story.id).take(sizes::FEED_STORY as usize).collect();
        let popular = self.most_popular().await?;
        let picks = self.directory.list(ListKey::EditorsPicks).to_vec();
        let not_this = |ids: Vec<StoryId>, n: usize| ids.into_iter().filter(|id| *id != story.id).take(n).collect();
        let lists =
            [Source::Ids(not_this(popular, sizes::POPULAR)), Source::Summaries(feed), Source::Ids(not_this(picks, 4))];
        let extra =
            Extra { authors: story.authors.clone(), tags: story.tags.clone(), media: story.hero.into_iter().collect() };
        let (lists, lookup) = self.teasers_with(lists, extra).await?;
        let mut deps = Deps::default();
        deps.add(Dep::Settings);
        deps.add(Dep::Popular);
        deps.add(Dep::List(ListKey::EditorsPicks));
        deps.add(Dep::Story(story.id));
        deps.range(Listing::All, None, oldest_shown(&feed_cursors, sizes::FEED_STORY as usize + 1));
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
        Ok(StoryPage { story, notes, popular, feed, picks, lookup, deps })
    }

    /// A page of a newest-first list, continuing after `after`.
    pub async fn list_page(
        &self,
        listing: Listing,
        after: Option<Cursor>,
        extra_authors: Vec<AuthorId>,
    ) -> Result<ListPage> {
        let limit = sizes::LIST_PAGE as usize;
        let mut page = self.store.listing_summaries(listing, self.now(), after, sizes::LIST_PAGE + 1).await?;
        let more = page.len() > limit;
        page.truncate(limit);
        let next = if more { page.last().map(StorySummary::cursor) } else { None };
        let oldest = if next.is_some() { page.last().map(|s| s.cursor().published_at_ms) } else { None };
        let extra = Extra { authors: extra_authors, ..Extra::default() };
        let ([items], lookup) = self.teasers_with([Source::Summaries(page)], extra).await?;
        let mut deps = Deps::default();
        deps.add(Dep::Settings);
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

    /// The newest stories of a list with their bodies: one more query than
    /// the list's first page.
    pub async fn feed(&self, listing: Listing, extra_authors: Vec<AuthorId>) -> Result<FeedPage> {
        let ListPage { items, lookup, deps, .. } = self.list_page(listing, None, extra_authors).await?;
        let ids: Vec<StoryId> = items.iter().map(|t| t.story.id).collect();
        let mut bodies = self.store.bodies(&ids).await?;
        let items = items
            .into_iter()
            .map(|t| {
                let body = bodies.remove(&t.story.id).unwrap_or_default();
                (t, body)
            })
            .collect();
        Ok(FeedPage { items, lookup, deps })
    }

    /// Teasers of the visible stories among `ids`, in their order (for the
    /// JSON API's curated lists and Most Popular).
    pub async fn teasers(&self, ids: Vec<StoryId>) -> Result<Vec<Teaser>> {
        let ([list], _) = self.teasers_with([Source::Ids(ids)], Extra::default()).await?;
        Ok(list)
    }

    pub async fn tag_by_slug(&self, slug: &str) -> Result<Tag> {
        self.directory.tag_by_slug(slug).ok_or(SiteError::NotFound("tag"))
    }

    pub async fn author_by_slug(&self, slug: &str) -> Result<Author> {
        self.directory.author_by_slug(slug).ok_or(SiteError::NotFound("author"))
    }

    /// Turns lists into teasers of the stories visible now, in order: one
    /// query for the summaries of all id lists together, authors and tags
    /// from memory, media from memory or one query for those not there.
    async fn teasers_with<const N: usize>(
        &self,
        lists: [Source; N],
        extra: Extra,
    ) -> Result<([Vec<Teaser>; N], Lookup)> {
        let mut wanted: Vec<StoryId> =
            lists.iter().flat_map(|l| if let Source::Ids(ids) = l { ids.as_slice() } else { &[] }).copied().collect();
        wanted.sort_unstable();
        wanted.dedup();
        let fetched: HashMap<StoryId, StorySummary> =
            self.store.summaries(&wanted, Some(self.now())).await?.into_iter().map(|s| (s.id, s)).collect();
        let lists: [Vec<StorySummary>; N] = lists.map(|l| match l {
            Source::Ids(ids) => ids.iter().filter_map(|id| fetched.get(id).cloned()).collect(),
            Source::Summaries(list) => list,
        });
        let mut author_ids = extra.authors;
        let mut tag_ids = extra.tags;
        let mut media_ids = extra.media;
        for s in lists.iter().flatten() {
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
        let media = self.media(&media_ids).await?;
        let lookup = Lookup {
            authors: authors.into_iter().map(|a| (a.id, a)).collect(),
            tags: tags.into_iter().map(|t| (t.id, t)).collect(),
            media: media.into_iter().map(|m| (m.id, m)).collect(),
        };
        let lists = lists.map(|list| list.into_iter().map(|s| lookup.teaser(s)).collect());
        Ok((lists, lookup))
    }

    /// Media by id: from memory, and one query for any not there yet.
    pub async fn media(&self, ids: &[MediaId]) -> Result<Vec<Media>> {
        let (mut found, missing) = self.directory.media(ids);
        if !missing.is_empty() {
            let loaded = self.store.media_by_ids(&missing).await?;
            for m in &loaded {
                self.directory.put_media(m.clone());
            }
            found.extend(loaded);
        }
        Ok(found)
    }
}

/// Authors, tags and media a page needs besides those of its teasers.
#[derive(Default)]
struct Extra {
    authors: Vec<AuthorId>,
    tags: Vec<TagId>,
    media: Vec<MediaId>,
}
