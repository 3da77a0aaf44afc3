//! Revisions: a snapshot of a story's editable fields at each save, and a
//! readable difference between any two.

use similar::{ChangeTag, TextDiff};

use crate::{AuthorId, MediaId, Seo, Story, StoryInput, StoryKind, TagId, Timestamp, UserId, ValidStory};

/// What the editor saves, as it was saved. Ids of bylines, tags and the hero
/// image are kept as ids: a diff names them through a lookup.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StorySnapshot {
    pub headline: String,
    pub slug: String,
    pub kind: String,
    pub standfirst: String,
    pub body: String,
    pub hero: Option<i64>,
    pub video_url: Option<String>,
    pub featured: bool,
    pub authors: Vec<i64>,
    pub tags: Vec<i64>,
    pub meta_title: String,
    pub meta_description: String,
    pub canonical_url: Option<String>,
}

/// A snapshot of anything with a story's editable fields (a saved `Story`,
/// or a `ValidStory` about to be saved); both name them alike.
macro_rules! snapshot_of {
    ($s:expr) => {
        StorySnapshot {
            headline: $s.headline.clone(),
            slug: $s.slug.to_string(),
            kind: $s.kind.as_str().to_owned(),
            standfirst: $s.standfirst.clone(),
            body: $s.body_source.clone(),
            hero: $s.hero.map(|m| m.0),
            video_url: $s.video_url.clone(),
            featured: $s.featured,
            authors: $s.authors.iter().map(|a| a.0).collect(),
            tags: $s.tags.iter().map(|t| t.0).collect(),
            meta_title: $s.seo.meta_title.clone(),
            meta_description: $s.seo.meta_description.clone(),
            canonical_url: $s.seo.canonical_url.clone(),
        }
    };
}

impl StorySnapshot {
    /// What is about to be saved.
    pub fn of(s: &ValidStory) -> StorySnapshot {
        snapshot_of!(s)
    }

    /// What a saved story's editable fields are now.
    pub fn of_story(s: &Story) -> StorySnapshot {
        snapshot_of!(s)
    }

    /// The editor's fields of this snapshot over `current` (whose status,
    /// time and creator stay): what restoring it saves.
    pub fn restore_onto(&self, mut current: StoryInput) -> StoryInput {
        current.headline = self.headline.clone();
        current.slug = Some(self.slug.clone());
        current.kind = self.kind.parse().unwrap_or(StoryKind::Article);
        current.standfirst = self.standfirst.clone();
        current.body = self.body.clone();
        current.hero = self.hero.map(MediaId);
        current.video_url = self.video_url.clone();
        current.featured = self.featured;
        current.authors = self.authors.iter().copied().map(AuthorId).collect();
        current.tags = self.tags.iter().copied().map(TagId).collect();
        current.seo = Seo {
            meta_title: self.meta_title.clone(),
            meta_description: self.meta_description.clone(),
            canonical_url: self.canonical_url.clone(),
        };
        current
    }
}

/// A saved revision of a story.
#[derive(Clone, Debug, PartialEq)]
pub struct Revision {
    pub id: i64,
    pub created_at: Timestamp,
    pub created_by: Option<UserId>,
    pub snapshot: StorySnapshot,
}

/// One line of a difference: kept, removed or added.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DiffLine {
    /// `" "`, `"-"` or `"+"`.
    pub sign: &'static str,
    pub text: String,
}

/// How one field differs between two revisions.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct FieldDiff {
    pub field: &'static str,
    pub lines: Vec<DiffLine>,
}

fn lines_diff(field: &'static str, old: &str, new: &str) -> Option<FieldDiff> {
    if old == new {
        return None;
    }
    let diff = TextDiff::from_lines(old, new);
    let mut lines = Vec::new();
    for group in diff.grouped_ops(2) {
        for op in group {
            for change in diff.iter_changes(&op) {
                let sign = match change.tag() {
                    ChangeTag::Equal => " ",
                    ChangeTag::Delete => "-",
                    ChangeTag::Insert => "+",
                };
                lines.push(DiffLine { sign, text: change.value().trim_end_matches('\n').to_owned() });
            }
        }
    }
    Some(FieldDiff { field, lines })
}

/// The fields that differ from `old` to `new`, each as lines removed and
/// added (with two lines of context in long texts). `name` turns a byline,
/// tag or image id into something readable.
pub fn diff(old: &StorySnapshot, new: &StorySnapshot, name: impl Fn(&str, i64) -> String) -> Vec<FieldDiff> {
    let names = |kind: &str, ids: &[i64]| ids.iter().map(|id| name(kind, *id)).collect::<Vec<_>>().join("\n");
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let hero = |v: Option<i64>| v.map(|id| name("image", id)).unwrap_or_default();
    [
        lines_diff("headline", &old.headline, &new.headline),
        lines_diff("slug", &old.slug, &new.slug),
        lines_diff("kind", &old.kind, &new.kind),
        lines_diff("standfirst", &old.standfirst, &new.standfirst),
        lines_diff("body", &old.body, &new.body),
        lines_diff("bylines", &names("author", &old.authors), &names("author", &new.authors)),
        lines_diff("tags", &names("tag", &old.tags), &names("tag", &new.tags)),
        lines_diff("hero image", &hero(old.hero), &hero(new.hero)),
        lines_diff("video link", &opt(&old.video_url), &opt(&new.video_url)),
        lines_diff("featured", &old.featured.to_string(), &new.featured.to_string()),
        lines_diff("title for search results", &old.meta_title, &new.meta_title),
        lines_diff("description for search results", &old.meta_description, &new.meta_description),
        lines_diff("canonical URL", &opt(&old.canonical_url), &opt(&new.canonical_url)),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(body: &str, tags: Vec<i64>) -> StorySnapshot {
        StorySnapshot {
            headline: "Quay reopens".into(),
            slug: "quay-reopens".into(),
            kind: "article".into(),
            standfirst: String::new(),
            body: body.into(),
            hero: None,
            video_url: None,
            featured: false,
            authors: vec![1],
            tags,
            meta_title: String::new(),
            meta_description: String::new(),
            canonical_url: None,
        }
    }

    #[test]
    fn a_diff_names_changed_fields_and_lines() {
        let old = snap("One.\n\nTwo.\n\nThree.\n", vec![1, 2]);
        let new = snap("One.\n\nTwo, revised.\n\nThree.\n", vec![2]);
        let d = diff(&old, &new, |kind, id| format!("{kind} {id}"));
        let fields: Vec<_> = d.iter().map(|f| f.field).collect();
        assert_eq!(fields, ["body", "tags"]);
        let body: Vec<_> = d[0].lines.iter().map(|l| format!("{}{}", l.sign, l.text)).collect();
        assert!(body.contains(&"-Two.".to_owned()) && body.contains(&"+Two, revised.".to_owned()), "{body:?}");
        assert!(body.contains(&" One.".to_owned()), "context is kept: {body:?}");
        let tags: Vec<_> = d[1].lines.iter().map(|l| format!("{}{}", l.sign, l.text)).collect();
        assert_eq!(tags, ["-tag 1", " tag 2"]);
        assert!(diff(&old, &old, |_, _| String::new()).is_empty());
    }

    #[test]
    fn snapshots_round_trip_as_json() {
        let s = snap("Body.", vec![3]);
        let json = serde_json::to_string(&s).expect("json");
        assert_eq!(serde_json::from_str::<StorySnapshot>(&json).expect("parse"), s);
    }
}
