//! Small text helpers shared by validation and rendering.

use crate::ValidationError;

/// Trims `value` and refuses it when empty or longer than `max` characters.
pub fn required(field: &'static str, value: &str, max: usize) -> Result<String, ValidationError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(ValidationError::Empty { field });
    }
    limited(field, value, max)
}

/// Trims `value` and refuses it when longer than `max` characters.
pub fn limited(field: &'static str, value: &str, max: usize) -> Result<String, ValidationError> {
    let value = value.trim();
    let len = value.chars().count();
    if len > max {
        return Err(ValidationError::TooLong { field, len, max });
    }
    Ok(value.to_owned())
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Words per minute used for the "N min read" line.
pub const READING_WPM: usize = 230;

/// Minutes a reader needs for `words` words, at least one.
/// A file's size as people read it: "512 bytes", "48 KB", "3.2 MB".
pub fn file_size(bytes: u64) -> String {
    match bytes {
        0..1024 => format!("{bytes} bytes"),
        1024..1_048_576 => format!("{} KB", bytes / 1024),
        _ => format!("{:.1} MB", bytes as f64 / 1_048_576.0),
    }
}

pub fn reading_minutes(words: usize) -> u32 {
    u32::try_from(words.div_ceil(READING_WPM).max(1)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_time_rounds_up_and_never_says_zero() {
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(230), 1);
        assert_eq!(reading_minutes(231), 2);
        assert_eq!(reading_minutes(1200), 6);
    }

    #[test]
    fn required_trims_and_measures_characters() {
        assert_eq!(required("headline", "  Hi ", 5), Ok("Hi".into()));
        assert_eq!(required("headline", "   ", 5), Err(ValidationError::Empty { field: "headline" }));
        assert!(required("headline", "ééééé", 5).is_ok());
        assert!(limited("bio", "abcdef", 5).is_err());
    }
}
