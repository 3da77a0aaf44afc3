//! Content API keys: read-only credentials that apps and partner sites send
//! as `?key=`, in Ghost's format (26 lowercase hexadecimal characters).

use crate::{Timestamp, ValidationError, text};

/// Characters in a key, as in Ghost's Content API keys.
pub const API_KEY_LEN: usize = 26;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ApiKey {
    pub id: i64,
    /// Unique; how administrators and the command line name it.
    pub name: String,
    /// The first characters of the key, to tell keys apart.
    pub prefix: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    pub revoked_at: Option<Timestamp>,
}

/// A key's name: what it is for ("Mobile app", "Partner: Coastline").
pub fn api_key_name(name: &str) -> Result<String, ValidationError> {
    text::required("key name", name, 100)
}

/// Whether `key` has the shape of a key (so junk never reaches the store).
pub fn looks_like_api_key(key: &str) -> bool {
    key.len() == API_KEY_LEN && key.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_have_ghosts_shape() {
        assert!(looks_like_api_key("0123456789abcdef0123456789"));
        assert!(!looks_like_api_key("0123456789ABCDEF0123456789"));
        assert!(!looks_like_api_key("0123456789abcdef"));
        assert!(!looks_like_api_key("0123456789abcdef012345678g"));
        assert!(api_key_name("  ").is_err());
    }
}
