use std::fmt;

use crate::ValidationError;

/// A URL-safe name: lowercase ASCII letters and digits separated by single
/// hyphens, 1 to 120 characters. Parsed, never assumed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Slug(String);

/// Paths the reader site owns; no story may take one of them as its slug.
const RESERVED: &[&str] = &[
    "admin",
    "api",
    "author",
    "content",
    "ghost",
    "news-feed",
    "rss",
    "tag",
    "theme",
    "video",
    "sitemap",
    "search",
    "assets",
    "robots-txt",
];

impl Slug {
    pub const MAX_LEN: usize = 120;

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        let ok = !s.is_empty()
            && s.len() <= Self::MAX_LEN
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--")
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if ok { Ok(Self(s.to_owned())) } else { Err(ValidationError::InvalidSlug(s.to_owned())) }
    }

    /// Parses a slug for a story, which shares the site's top-level paths.
    pub fn parse_story(s: &str) -> Result<Self, ValidationError> {
        let slug = Self::parse(s)?;
        if RESERVED.contains(&s) {
            return Err(ValidationError::DuplicateSlug(s.to_owned(), "part of the site"));
        }
        Ok(slug)
    }

    /// Suggests a slug from a headline: accents folded where it is easy,
    /// anything else becomes a hyphen, cut at a word boundary.
    pub fn suggest(title: &str) -> Option<Self> {
        let mut out = String::with_capacity(title.len());
        for c in title.chars().flat_map(fold) {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if c == '\'' || c == '\u{2019}' {
                // "Editor's" reads better as "editors" than "editor-s".
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        while out.len() > 80 {
            match out[..80].rfind('-') {
                Some(cut) if cut > 20 => out.truncate(cut),
                _ => out.truncate(80),
            }
        }
        let trimmed = out.trim_matches('-');
        Self::parse(trimmed).ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn fold(c: char) -> impl Iterator<Item = char> {
    let s: &str = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' | 'č' | 'Č' | 'ć' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' | 'ń' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ß' => "ss",
        'š' | 'Š' | 'ś' => "s",
        'ž' | 'Ž' | 'ź' | 'ż' => "z",
        'ł' | 'Ł' => "l",
        '&' => " and ",
        _ => "",
    };
    let single = if s.is_empty() { Some(c) } else { None };
    s.chars().chain(single)
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Slug {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_clean_slugs() {
        for ok in ["a", "budget-2027", "x-1-y"] {
            assert!(Slug::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", "-a", "a-", "a--b", "A", "a b", "é", &"a".repeat(121)] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
        assert!(Slug::parse_story("news-feed").is_err());
    }

    #[test]
    fn suggests_from_headlines() {
        let check =
            |title: &str, want: &str| assert_eq!(Slug::suggest(title).map(|s| s.0).as_deref(), Some(want), "{title}");
        check("Port authority's new rules: what changes?", "port-authoritys-new-rules-what-changes");
        check("  Café & bar owners   protest ", "cafe-and-bar-owners-protest");
        check("Łódź in 2027", "lodz-in-2027");
        assert_eq!(Slug::suggest("!!!"), None);
        let long = Slug::suggest(&"word ".repeat(40)).map(|s| s.0).unwrap_or_default();
        assert!(long.len() <= 80 && !long.ends_with('-'));
    }
}
