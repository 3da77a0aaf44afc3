use std::{fmt, str::FromStr};

use crate::{
    AuthorId, MediaId, Slug, StoryId, TagId, Timestamp, UserId, ValidationError, VideoEmbed,
    markdown::{self, RenderContext},
    text,
};

/// The three shapes a story takes on the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StoryKind {
    /// A full report with a body.
    Article,
    /// A short News Feed item: a headline and a few lines.
    Brief,
    /// A video with its description.
    Video,
}

impl StoryKind {
    pub const ALL: [StoryKind; 3] = [Self::Article, Self::Brief, Self::Video];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Article => "article",
            Self::Brief => "brief",
            Self::Video => "video",
        }
    }
}

impl FromStr for StoryKind {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| ValidationError::NotOneOf {
            field: "kind",
            value: s.to_owned(),
            expected: "article, brief, video",
        })
    }
}

impl fmt::Display for StoryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a story is in its life. Readers see `published` stories, and
/// `scheduled` ones once their publication time has passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StoryStatus {
    Draft,
    Scheduled,
    Published,
}

impl StoryStatus {
    pub const ALL: [StoryStatus; 3] = [Self::Draft, Self::Scheduled, Self::Published];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Scheduled => "scheduled",
            Self::Published => "published",
        }
    }
}

impl FromStr for StoryStatus {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| ValidationError::NotOneOf {
            field: "status",
            value: s.to_owned(),
            expected: "draft, scheduled, published",
        })
    }
}

impl fmt::Display for StoryStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What search engines and social cards get, when it differs from the story.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Seo {
    pub meta_title: String,
    pub meta_description: String,
    pub canonical_url: Option<String>,
}

/// A story as stored: source and rendered body side by side, so the reader
/// path never parses Markdown.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Story {
    pub id: StoryId,
    pub slug: Slug,
    pub kind: StoryKind,
    pub status: StoryStatus,
    pub headline: String,
    pub standfirst: String,
    pub body_source: String,
    pub body_html: String,
    pub reading_minutes: u32,
    pub featured: bool,
    pub hero: Option<MediaId>,
    pub video_url: Option<String>,
    pub seo: Seo,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub published_at: Option<Timestamp>,
    /// In byline order.
    pub authors: Vec<AuthorId>,
    /// In the editor's order; the first is the primary tag.
    pub tags: Vec<TagId>,
    /// When the draft was sent to the editors' review queue, if it is there.
    pub submitted_at: Option<Timestamp>,
    /// The account that started the story.
    pub created_by: Option<UserId>,
    /// When it was put in the trash; a story in the trash is on no list
    /// and no page, and is deleted for good after [`TRASH_DAYS`].
    pub deleted_at: Option<Timestamp>,
}

impl Story {
    /// Where the story is in the newsroom's workflow: its status, or "in
    /// review" for a draft in the editors' queue.
    pub fn stage(&self) -> &'static str {
        stage(self.status, self.submitted_at, self.deleted_at)
    }

    /// Whether a reader may see the story at `now`.
    pub fn is_visible(&self, now: Timestamp) -> bool {
        self.deleted_at.is_none() && self.status != StoryStatus::Draft && self.published_at.is_some_and(|t| t <= now)
    }

    pub fn video(&self) -> Option<VideoEmbed> {
        self.video_url.as_deref().and_then(VideoEmbed::parse)
    }
}

/// What lists of stories show: everything but the body.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct StorySummary {
    pub id: StoryId,
    pub slug: Slug,
    pub kind: StoryKind,
    pub headline: String,
    pub standfirst: String,
    pub reading_minutes: u32,
    pub featured: bool,
    pub hero: Option<MediaId>,
    pub video_url: Option<String>,
    pub published_at: Timestamp,
    pub updated_at: Timestamp,
    pub authors: Vec<AuthorId>,
    pub tags: Vec<TagId>,
}

impl StorySummary {
    /// The cursor that continues a list after this story.
    pub fn cursor(&self) -> Cursor {
        Cursor { published_at_ms: self.published_at.timestamp_millis(), id: self.id }
    }

    pub fn video(&self) -> Option<VideoEmbed> {
        self.video_url.as_deref().and_then(VideoEmbed::parse)
    }
}

/// A row of the newsroom's story list: any status, no body.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct StoryListItem {
    pub id: StoryId,
    pub slug: Slug,
    pub kind: StoryKind,
    pub status: StoryStatus,
    pub headline: String,
    pub featured: bool,
    pub published_at: Option<Timestamp>,
    pub updated_at: Timestamp,
    pub authors: Vec<AuthorId>,
    pub tags: Vec<TagId>,
    pub submitted_at: Option<Timestamp>,
    pub created_by: Option<UserId>,
    pub deleted_at: Option<Timestamp>,
}

impl StoryListItem {
    /// Where the story is in the newsroom's workflow: its status, or "in
    /// review" for a draft in the editors' queue.
    pub fn stage(&self) -> &'static str {
        stage(self.status, self.submitted_at, self.deleted_at)
    }
}

/// Days a story stays in the trash before it is deleted for good.
pub const TRASH_DAYS: i64 = 30;

fn stage(status: StoryStatus, submitted_at: Option<Timestamp>, deleted_at: Option<Timestamp>) -> &'static str {
    match (status, submitted_at, deleted_at) {
        (_, _, Some(_)) => "in trash",
        (StoryStatus::Draft, Some(_), None) => "in review",
        (s, _, None) => s.as_str(),
    }
}

/// What a journalist submits for a story.
#[derive(Clone, Debug)]
pub struct StoryInput {
    pub slug: Option<String>,
    pub kind: StoryKind,
    pub status: StoryStatus,
    pub headline: String,
    pub standfirst: String,
    pub body: String,
    pub hero: Option<MediaId>,
    pub video_url: Option<String>,
    pub featured: bool,
    pub authors: Vec<AuthorId>,
    pub tags: Vec<TagId>,
    /// Required for `scheduled`; defaults to now for `published`.
    pub published_at: Option<Timestamp>,
    pub seo: Seo,
    /// The account starting the story; kept only when it is created.
    pub created_by: Option<UserId>,
    /// The account saving this version, recorded with its revision.
    pub edited_by: Option<UserId>,
    /// Saved by the editor on its own while someone types: such saves by
    /// one person in a few minutes share one revision.
    pub autosave: bool,
}

impl StoryInput {
    /// The input that would save `story` as it is: the starting point of an
    /// edit.
    pub fn from_story(story: &Story) -> StoryInput {
        StoryInput {
            slug: Some(story.slug.to_string()),
            kind: story.kind,
            status: story.status,
            headline: story.headline.clone(),
            standfirst: story.standfirst.clone(),
            body: story.body_source.clone(),
            hero: story.hero,
            video_url: story.video_url.clone(),
            featured: story.featured,
            authors: story.authors.clone(),
            tags: story.tags.clone(),
            published_at: story.published_at,
            seo: story.seo.clone(),
            created_by: story.created_by,
            edited_by: None,
            autosave: false,
        }
    }

    pub fn new(kind: StoryKind, headline: &str, authors: Vec<AuthorId>) -> Self {
        Self {
            slug: None,
            kind,
            status: StoryStatus::Draft,
            headline: headline.to_owned(),
            standfirst: String::new(),
            body: String::new(),
            hero: None,
            video_url: None,
            featured: false,
            authors,
            tags: Vec::new(),
            published_at: None,
            seo: Seo::default(),
            created_by: None,
            edited_by: None,
            autosave: false,
        }
    }

    /// Checks everything that can be checked without the database. The
    /// status is settled against `now`: a "published" story dated in the
    /// future is scheduled, a "scheduled" one dated in the past is published.
    pub fn validate(&self, now: Timestamp) -> Result<ValidStory, ValidationError> {
        let headline = text::required("headline", &self.headline, 200)?;
        let slug = match self.slug.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => Slug::parse_story(s)?,
            None => Slug::suggest(&headline).ok_or(ValidationError::Empty { field: "slug" })?,
        };
        if self.authors.is_empty() {
            return Err(ValidationError::NoAuthor);
        }
        if has_repeats(&self.authors) {
            return Err(ValidationError::Repeated("an author"));
        }
        if has_repeats(&self.tags) {
            return Err(ValidationError::Repeated("a tag"));
        }
        let (status, published_at) = match (self.status, self.published_at) {
            (StoryStatus::Draft, None) => (StoryStatus::Draft, None),
            (StoryStatus::Draft, Some(_)) => return Err(ValidationError::DraftWithPublicationTime),
            (StoryStatus::Scheduled, None) => {
                return Err(ValidationError::MissingPublicationTime { status: "scheduled" });
            }
            (StoryStatus::Published, None) => (StoryStatus::Published, Some(now)),
            (_, Some(t)) if t > now => (StoryStatus::Scheduled, Some(t)),
            (_, Some(t)) => (StoryStatus::Published, Some(t)),
        };
        let video_url = match self.video_url.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(v) => {
                VideoEmbed::parse(v).ok_or(ValidationError::MissingVideo)?;
                Some(v.to_owned())
            }
            None if self.kind == StoryKind::Video => return Err(ValidationError::MissingVideo),
            None => None,
        };
        let canonical_url = match self.seo.canonical_url.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(u) => Some(parse_http_url("canonical URL", u)?),
            None => None,
        };
        Ok(ValidStory {
            slug,
            kind: self.kind,
            status,
            headline,
            standfirst: text::limited("standfirst", &self.standfirst, 600)?,
            body_source: text::limited("body", &self.body, 200_000)?,
            hero: self.hero,
            video_url,
            featured: self.featured,
            authors: self.authors.clone(),
            tags: self.tags.clone(),
            published_at,
            seo: Seo {
                meta_title: text::limited("meta title", &self.seo.meta_title, 300)?,
                meta_description: text::limited("meta description", &self.seo.meta_description, 500)?,
                canonical_url,
            },
            created_by: self.created_by,
            edited_by: self.edited_by,
            autosave: self.autosave,
        })
    }
}

fn has_repeats<T: Ord + Copy>(items: &[T]) -> bool {
    let mut sorted = items.to_vec();
    sorted.sort_unstable();
    sorted.windows(2).any(|w| w[0] == w[1])
}

pub(crate) fn parse_http_url(field: &'static str, value: &str) -> Result<String, ValidationError> {
    match url::Url::parse(value) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => Ok(u.to_string()),
        _ => Err(ValidationError::InvalidUrl { field, value: value.to_owned() }),
    }
}

/// A story that passed validation, not yet rendered.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidStory {
    pub slug: Slug,
    pub kind: StoryKind,
    pub status: StoryStatus,
    pub headline: String,
    pub standfirst: String,
    pub body_source: String,
    pub hero: Option<MediaId>,
    pub video_url: Option<String>,
    pub featured: bool,
    pub authors: Vec<AuthorId>,
    pub tags: Vec<TagId>,
    pub published_at: Option<Timestamp>,
    pub seo: Seo,
    pub created_by: Option<UserId>,
    pub edited_by: Option<UserId>,
    pub autosave: bool,
}

/// A validated story with its body rendered: what the store writes.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderedStory {
    pub story: ValidStory,
    pub body_html: String,
    pub reading_minutes: u32,
    /// The site's images the body shows (its hero is `story.hero`), so the
    /// media library can tell where each image is used.
    pub images: Vec<MediaId>,
}

impl ValidStory {
    /// Renders the body once, at save time. Reading time counts the body and
    /// the standfirst.
    pub fn render(self, ctx: &RenderContext) -> RenderedStory {
        let body = markdown::render(&self.body_source, ctx);
        let words = body.words + self.standfirst.split_whitespace().count();
        let mut images: Vec<MediaId> = ctx.images.values().map(|m| m.id).collect();
        images.sort_unstable();
        images.dedup();
        RenderedStory { story: self, body_html: body.html, reading_minutes: text::reading_minutes(words), images }
    }
}

/// A position in a newest-first list: the publication time and id of the
/// last item shown. Pages continue strictly after it, so an item is never
/// shown twice or skipped, even when many share a second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub published_at_ms: i64,
    pub id: StoryId,
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.published_at_ms, self.id.0)
    }
}

impl FromStr for Cursor {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ValidationError::InvalidUrl { field: "page cursor", value: s.to_owned() };
        let (ms, id) = s.split_once('.').ok_or_else(bad)?;
        Ok(Cursor { published_at_ms: ms.parse().map_err(|_| bad())?, id: StoryId(id.parse().map_err(|_| bad())?) })
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone, Utc};

    use super::*;

    fn now() -> Timestamp {
        Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).single().unwrap_or_default()
    }

    fn input() -> StoryInput {
        StoryInput::new(StoryKind::Article, "Harbour reopens after storm", vec![AuthorId(1)])
    }

    #[test]
    fn settles_status_against_the_clock() {
        let mut s = input();
        assert_eq!(s.validate(now()).map(|v| (v.status, v.published_at)), Ok((StoryStatus::Draft, None)));
        s.status = StoryStatus::Published;
        assert_eq!(s.validate(now()).map(|v| v.published_at), Ok(Some(now())));
        s.published_at = Some(now() + Duration::hours(2));
        assert_eq!(s.validate(now()).map(|v| v.status), Ok(StoryStatus::Scheduled));
        s.status = StoryStatus::Scheduled;
        s.published_at = Some(now() - Duration::hours(2));
        assert_eq!(s.validate(now()).map(|v| v.status), Ok(StoryStatus::Published));
        s.published_at = None;
        assert_eq!(s.validate(now()), Err(ValidationError::MissingPublicationTime { status: "scheduled" }));
    }

    #[test]
    fn refuses_bad_input_with_readable_errors() {
        let check = |f: &dyn Fn(&mut StoryInput), want: &str| {
            let mut s = input();
            f(&mut s);
            let err = s.validate(now()).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains(want), "{err:?} should mention {want:?}");
        };
        check(&|s| s.headline = "  ".into(), "headline must not be empty");
        check(&|s| s.authors.clear(), "at least one author");
        check(&|s| s.authors = vec![AuthorId(1), AuthorId(1)], "author is listed twice");
        check(&|s| s.slug = Some("Not A Slug".into()), "is not valid");
        check(&|s| s.slug = Some("tag".into()), "already used");
        check(&|s| s.kind = StoryKind::Video, "YouTube or Vimeo");
        check(&|s| s.video_url = Some("https://example.com/v.mp4".into()), "YouTube or Vimeo");
        check(&|s| s.seo.canonical_url = Some("javascript:alert(1)".into()), "canonical URL");
        check(&|s| s.headline = "x".repeat(201), "headline is too long");
    }

    #[test]
    fn cursors_round_trip_and_refuse_garbage() {
        let c = Cursor { published_at_ms: 1_790_000_000_000, id: StoryId(42) };
        assert_eq!(c.to_string().parse::<Cursor>(), Ok(c));
        for bad in ["", "12", "a.b", "1.2.3", "1.x"] {
            assert!(bad.parse::<Cursor>().is_err(), "{bad}");
        }
    }
}
