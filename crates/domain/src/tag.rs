use std::{fmt, str::FromStr};

use crate::{Slug, TagId, ValidationError, text};

/// What a tag names; themes may group or style tags by kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TagKind {
    Topic,
    Place,
    Person,
    Organisation,
    Section,
}

impl TagKind {
    pub const ALL: [TagKind; 5] = [Self::Topic, Self::Place, Self::Person, Self::Organisation, Self::Section];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Topic => "topic",
            Self::Place => "place",
            Self::Person => "person",
            Self::Organisation => "organisation",
            Self::Section => "section",
        }
    }
}

impl FromStr for TagKind {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| ValidationError::NotOneOf {
            field: "tag kind",
            value: s.to_owned(),
            expected: "topic, place, person, organisation, section",
        })
    }
}

impl fmt::Display for TagKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Tag {
    pub id: TagId,
    pub slug: Slug,
    pub name: String,
    pub kind: TagKind,
    /// Shown as the intro of the tag's page.
    pub description: String,
}

#[derive(Clone, Debug)]
pub struct TagInput {
    pub slug: Option<String>,
    pub name: String,
    pub kind: TagKind,
    pub description: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ValidTag {
    pub slug: Slug,
    pub name: String,
    pub kind: TagKind,
    pub description: String,
}

impl TagInput {
    pub fn validate(&self) -> Result<ValidTag, ValidationError> {
        let name = text::required("tag name", &self.name, 100)?;
        let slug = match self.slug.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => Slug::parse(s)?,
            None => Slug::suggest(&name).ok_or(ValidationError::Empty { field: "tag slug" })?,
        };
        Ok(ValidTag {
            slug,
            name,
            kind: self.kind,
            description: text::limited("tag description", &self.description, 2000)?,
        })
    }
}
