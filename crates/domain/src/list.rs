use std::{fmt, str::FromStr};

use crate::ValidationError;

/// The hand-curated lists of the front page, each kept in the editors' order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum ListKey {
    EditorsPicks,
    TopStories,
}

impl ListKey {
    pub const ALL: [ListKey; 2] = [Self::EditorsPicks, Self::TopStories];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::EditorsPicks => "editors-picks",
            Self::TopStories => "top-stories",
        }
    }

    /// The heading readers see.
    pub fn title(self) -> &'static str {
        match self {
            Self::EditorsPicks => "Editors' Picks",
            Self::TopStories => "Top Stories",
        }
    }
}

impl FromStr for ListKey {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| ValidationError::NotOneOf {
            field: "list",
            value: s.to_owned(),
            expected: "editors-picks, top-stories",
        })
    }
}

impl fmt::Display for ListKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
