//! Corrections and updates: dated notes appended to a published story, which
//! readers see at its foot.

use std::{fmt, str::FromStr};

use crate::{Timestamp, ValidationError, text};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteKind {
    /// Something the story got wrong, now put right.
    Correction,
    /// Something that happened since, added.
    Update,
}

impl NoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Correction => "correction",
            Self::Update => "update",
        }
    }

    /// How readers see it named.
    pub fn label(self) -> &'static str {
        match self {
            Self::Correction => "Correction",
            Self::Update => "Update",
        }
    }
}

impl FromStr for NoteKind {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "correction" => Ok(Self::Correction),
            "update" => Ok(Self::Update),
            other => Err(ValidationError::NotOneOf {
                field: "note kind",
                value: other.to_owned(),
                expected: "correction, update",
            }),
        }
    }
}

impl fmt::Display for NoteKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A note as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoryNote {
    pub id: i64,
    pub kind: NoteKind,
    /// Plain text.
    pub body: String,
    pub created_at: Timestamp,
}

/// Checks a note's text: required, plain, at most 2,000 characters.
pub fn note_body(raw: &str) -> Result<String, ValidationError> {
    text::required("note", raw, 2000)
}
