//! Webhooks: what a registered address hears of, and when a failed delivery
//! is tried again.

use std::{fmt, str::FromStr, time::Duration};

use crate::{Timestamp, ValidationError};

/// A change to a story that webhooks hear of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum WebhookEvent {
    StoryPublished,
    StoryUpdated,
    StoryUnpublished,
    StoryDeleted,
}

impl WebhookEvent {
    pub const ALL: [WebhookEvent; 4] =
        [Self::StoryPublished, Self::StoryUpdated, Self::StoryUnpublished, Self::StoryDeleted];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::StoryPublished => "story.published",
            Self::StoryUpdated => "story.updated",
            Self::StoryUnpublished => "story.unpublished",
            Self::StoryDeleted => "story.deleted",
        }
    }
}

impl FromStr for WebhookEvent {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|e| e.as_str() == s).ok_or_else(|| ValidationError::NotOneOf {
            field: "webhook event",
            value: s.to_owned(),
            expected: "story.published, story.updated, story.unpublished, story.deleted",
        })
    }
}

impl fmt::Display for WebhookEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A registered webhook.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Webhook {
    pub id: i64,
    pub url: String,
    pub events: Vec<WebhookEvent>,
    pub secret: String,
    pub created_at: Timestamp,
}

/// How long deliveries are retried after the first attempt.
pub const WEBHOOK_RETRY_FOR: Duration = Duration::from_secs(24 * 3600);

/// The wait before attempt `attempts + 1`, after `attempts` failed ones:
/// a minute, then longer, up to six hours.
pub fn retry_delay(attempts: u32) -> Duration {
    const STEPS: [u64; 6] = [60, 5 * 60, 30 * 60, 2 * 3600, 4 * 3600, 6 * 3600];
    Duration::from_secs(STEPS[(attempts.max(1) as usize - 1).min(STEPS.len() - 1)])
}

/// A webhook's address: absolute http(s).
pub fn webhook_url(url: &str) -> Result<String, ValidationError> {
    let url = url.trim();
    match url::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(url.to_owned()),
        _ => Err(ValidationError::InvalidUrl { field: "webhook address", value: url.to_owned() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time() {
        assert_eq!(retry_delay(1), Duration::from_secs(60));
        assert!(retry_delay(2) > retry_delay(1));
        assert_eq!(retry_delay(50), Duration::from_secs(6 * 3600));
        assert!(webhook_url("https://hooks.example.org/in").is_ok());
        assert!(webhook_url("ftp://x").is_err() && webhook_url("/relative").is_err());
        assert_eq!("story.deleted".parse::<WebhookEvent>(), Ok(WebhookEvent::StoryDeleted));
    }
}
