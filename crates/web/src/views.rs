//! View structs: what templates receive. Built from the services' read
//! models, with dates already formatted in the site's time zone and URLs
//! already made, so templates stay simple and themes cannot get them wrong.

use chrono_tz::Tz;
use minijinja::Value;
use newsdesk_domain::{Author, Media, NavItem, SiteSettings, StoryKind, Tag, Timestamp};
use newsdesk_site::{Lookup, Teaser};
use serde::Serialize;

use crate::AppState;

#[derive(Serialize)]
pub struct SiteView {
    pub name: String,
    pub tagline: String,
    pub logo: Option<String>,
    pub logo_short: Option<String>,
    pub navigation: Vec<NavItem>,
    pub locale: String,
    pub base_url: String,
    pub asset_version: String,
}

#[derive(Serialize, Default)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
    /// Absolute URL of this page.
    pub canonical: String,
    /// Path of the next page of a paginated list.
    pub next: Option<String>,
    /// Marks the navigation entry of the current page.
    pub path: String,
    /// The RSS feed of this page's list (a tag's, an author's), besides
    /// the site's own, which every page names.
    pub feed: Option<String>,
    pub feed_title: String,
    /// OpenGraph and Twitter card tags; the page's own basics when empty.
    pub social: Vec<crate::social::MetaTag>,
    /// JSON-LD documents, already made safe for a `<script>` element.
    pub jsonld: Vec<String>,
}

#[derive(Serialize, Clone)]
pub struct ImageView {
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
    /// Resized copies in the file's format, for `<img srcset>`; may be empty.
    pub srcset: String,
    /// WebP copies, for `<source type="image/webp">`; may be empty.
    pub webp_srcset: String,
}

#[derive(Serialize, Clone)]
pub struct DateView {
    /// ISO 8601 with the site's UTC offset, for `<time datetime>`.
    pub iso: String,
    /// "Thursday, September 25": the news feed's day heading.
    pub day: String,
    /// "September 25, 2026".
    pub date: String,
    /// "14:05".
    pub time: String,
    /// "2026-09-25", for grouping.
    pub ymd: String,
}

#[derive(Serialize, Clone)]
pub struct AuthorLink {
    pub name: String,
    pub url: String,
    pub role_title: String,
    pub avatar: Option<ImageView>,
}

#[derive(Serialize, Clone)]
pub struct AuthorView {
    pub name: String,
    pub url: String,
    pub role_title: String,
    pub bio: String,
    pub avatar: Option<ImageView>,
    pub website: Option<String>,
    pub email: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct TagLink {
    pub name: String,
    pub url: String,
    pub kind: String,
}

#[derive(Serialize, Clone)]
pub struct TeaserView {
    pub url: String,
    pub kind: String,
    pub headline: String,
    pub standfirst: String,
    pub date: DateView,
    pub reading_minutes: u32,
    pub authors: Vec<AuthorLink>,
    pub primary_tag: Option<TagLink>,
    pub image: Option<ImageView>,
}

/// A day of the news feed.
#[derive(Serialize)]
pub struct FeedDay {
    pub heading: String,
    pub iso: String,
    pub items: Vec<TeaserView>,
}

#[derive(Serialize)]
pub struct FigureView {
    pub image: ImageView,
    pub caption: String,
    pub credit: String,
}

pub fn site_view(state: &AppState, settings: &SiteSettings) -> SiteView {
    SiteView {
        name: settings.name.clone(),
        tagline: settings.tagline.clone(),
        logo: settings.logo.clone(),
        logo_short: settings.logo_short.clone(),
        navigation: settings.navigation.clone(),
        locale: settings.locale.clone(),
        base_url: state.site.config().base_url.as_str().trim_end_matches('/').to_owned(),
        asset_version: state.theme.asset_version.clone(),
    }
}

pub fn absolute(state: &AppState, path: &str) -> String {
    format!("{}{}", state.site.config().base_url.as_str().trim_end_matches('/'), path)
}

pub fn date(t: Timestamp, tz: Tz) -> DateView {
    use chrono::{Datelike, Offset, Timelike};
    // Formatted by hand: strftime parses its pattern on every call, and a
    // list page formats a hundred dates.
    let local = t.with_timezone(&tz);
    let (y, mo, d) = (local.year(), local.month(), local.day());
    let (h, mi, s) = (local.hour(), local.minute(), local.second());
    let month = MONTHS[mo as usize - 1];
    let weekday = WEEKDAYS[local.weekday().num_days_from_monday() as usize];
    let offset = local.offset().fix().local_minus_utc();
    let sign = if offset < 0 { '-' } else { '+' };
    let offset = offset.abs();
    DateView {
        iso: format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{sign}{:02}:{:02}", offset / 3600, offset % 3600 / 60),
        day: format!("{weekday}, {month} {d}"),
        date: format!("{month} {d}, {y}"),
        time: format!("{h:02}:{mi:02}"),
        ymd: format!("{y:04}-{mo:02}-{d:02}"),
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

pub fn image(m: &Media) -> ImageView {
    ImageView {
        url: m.url(),
        width: m.width,
        height: m.height,
        alt: m.alt.clone(),
        srcset: m.srcset(),
        webp_srcset: m.webp_srcset(),
    }
}

pub fn author_link(a: &Author, lookup: &Lookup) -> AuthorLink {
    AuthorLink {
        name: a.name.clone(),
        url: format!("/author/{}/", a.slug),
        role_title: a.role_title.clone(),
        avatar: lookup.media(a.avatar).as_ref().map(image),
    }
}

pub fn author_view(a: &Author, lookup: &Lookup) -> AuthorView {
    AuthorView {
        name: a.name.clone(),
        url: format!("/author/{}/", a.slug),
        role_title: a.role_title.clone(),
        bio: a.bio.clone(),
        avatar: lookup.media(a.avatar).as_ref().map(image),
        website: a.website.clone(),
        email: a.email.clone(),
    }
}

pub fn tag_link(t: &Tag) -> TagLink {
    TagLink { name: t.name.clone(), url: format!("/tag/{}/", t.slug), kind: t.kind.as_str().to_owned() }
}

pub fn kind(k: StoryKind) -> String {
    k.as_str().to_owned()
}

pub fn teaser(t: &Teaser, lookup: &Lookup, tz: Tz) -> TeaserView {
    let s = &t.story;
    TeaserView {
        url: format!("/{}/", s.slug),
        kind: kind(s.kind),
        headline: s.headline.clone(),
        standfirst: s.standfirst.clone(),
        date: date(s.published_at, tz),
        reading_minutes: s.reading_minutes,
        authors: t.authors.iter().map(|a| author_link(a, lookup)).collect(),
        primary_tag: t.tags.first().map(tag_link),
        image: t.hero.as_ref().map(image),
    }
}

pub fn teasers(items: &[Teaser], lookup: &Lookup, tz: Tz) -> Vec<TeaserView> {
    items.iter().map(|t| teaser(t, lookup, tz)).collect()
}

/// Groups newest-first teasers under the local day they were published.
pub fn feed_days(items: Vec<TeaserView>) -> Vec<FeedDay> {
    let mut days: Vec<FeedDay> = Vec::new();
    for item in items {
        match days.last_mut() {
            Some(day) if day.iso == item.date.ymd => day.items.push(item),
            _ => days.push(FeedDay { heading: item.date.day.clone(), iso: item.date.ymd.clone(), items: vec![item] }),
        }
    }
    days
}

/// The context every page shares: the site and the page's own metadata.
pub fn base_context(state: &AppState, settings: &SiteSettings, mut page: PageMeta) -> Vec<(&'static str, Value)> {
    if page.social.is_empty() {
        let url = if page.canonical.is_empty() { absolute(state, &page.path) } else { page.canonical.clone() };
        page.social = crate::social::page_tags(settings, &page.title, &page.description, &url);
    }
    vec![("site", Value::from_serialize(site_view(state, settings))), ("page", Value::from_serialize(page))]
}

pub fn context(pairs: Vec<(&'static str, Value)>) -> Value {
    Value::from_iter(pairs)
}

pub fn error_context(state: &AppState, status: u16, message: &str) -> Value {
    let settings = state.site.settings();
    let title = if status == 404 { "Page not found".to_owned() } else { format!("Error {status}") };
    let mut ctx = base_context(
        state,
        &settings,
        PageMeta { title: title.clone(), description: message.to_owned(), ..PageMeta::default() },
    );
    ctx.push(("status", Value::from(status)));
    ctx.push(("heading", Value::from(title)));
    ctx.push(("message", Value::from(message)));
    context(ctx)
}
