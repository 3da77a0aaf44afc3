//! What the newsroom's forms share: reading posted fields (repeated names
//! kept in order), the choices of bylines and tags, and how times read.

use chrono_tz::Tz;
use newsdesk_domain::{AuthorId, TagId, Timestamp};
use serde::Serialize;

use crate::{AppState, WebError, views};

/// A form's fields as sent: repeated names (bylines, tags) keep their order.
pub(crate) type Fields = Vec<(String, String)>;

/// A field's value, or "" when it was not sent.
pub(crate) fn field<'a>(f: &'a Fields, name: &str) -> &'a str {
    f.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

/// Every non-empty value of a repeated field, as ids.
pub(crate) fn ids<T>(f: &Fields, name: &str, make: impl Fn(i64) -> T) -> Result<Vec<T>, WebError> {
    f.iter()
        .filter(|(k, v)| k == name && !v.is_empty())
        .map(|(_, v)| {
            v.parse::<i64>().map(&make).map_err(|_| WebError::BadRequest(format!("{name}: {v:?} is not an id")))
        })
        .collect()
}

/// An option of a byline or tag list.
#[derive(Serialize)]
pub(crate) struct Choice {
    pub id: i64,
    pub name: String,
    pub selected: bool,
}

/// Every author, by name, those in `selected` marked.
pub(crate) fn author_choices(state: &AppState, selected: &[AuthorId]) -> Vec<Choice> {
    let all = state.site.all_authors();
    all.into_iter().map(|a| Choice { selected: selected.contains(&a.id), id: a.id.0, name: a.name }).collect()
}

/// Every tag, by name, those in `selected` marked.
pub(crate) fn tag_choices(state: &AppState, selected: &[TagId]) -> Vec<Choice> {
    let all = state.site.all_tags();
    all.into_iter().map(|t| Choice { selected: selected.contains(&t.id), id: t.id.0, name: t.name }).collect()
}

/// "November 27, 2026 14:05" in the site's zone.
pub(crate) fn when(t: Timestamp, tz: Tz) -> String {
    let d = views::date(t, tz);
    format!("{} {}", d.date, d.time)
}
