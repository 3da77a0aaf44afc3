//! Webhooks: administrators register addresses; a change to a public story
//! queues a delivery (a row written after the save, so the save never waits
//! on a receiver); the server delivers due ones every few seconds, signed
//! with HMAC-SHA256, and tries failed ones again with growing waits for a
//! day. Any node may deliver: each delivery is claimed before it is sent.

use hmac::{Hmac, KeyInit, Mac};
use newsdesk_domain::{
    Action, Story, User, ValidationError, WEBHOOK_RETRY_FOR, Webhook, WebhookEvent, retry_delay, webhook_url,
};
use newsdesk_store::{Attempt, DeliveryRecord};
use sha2::Sha256;
use tracing::{info, warn};

use crate::{Result, Site, SiteError, accounts::new_token};

/// The header carrying a delivery's signature: `sha256=` and the hex HMAC
/// of the body with the webhook's secret.
pub const SIGNATURE_HEADER: &str = "x-newsdesk-signature";

/// The signature of `body` with `secret`.
pub fn signature(secret: &str, body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).unwrap_or_else(|_| {
        // HMAC takes keys of any length; this cannot happen.
        <Hmac<Sha256> as KeyInit>::new_from_slice(b"newsdesk").expect("a fixed key")
    });
    mac.update(body);
    let bytes = mac.finalize().into_bytes();
    format!("sha256={}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

pub(crate) fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .user_agent("Newsdesk-Webhooks/1")
        .build()
        .unwrap_or_default()
}

fn administrator(user: &User) -> Result<()> {
    if user.can(Action::Administer) { Ok(()) } else { Err(SiteError::Forbidden("only administrators manage webhooks")) }
}

impl Site {
    /// Registers an address for `events`, with a new signing secret.
    pub async fn create_webhook(&self, user: &User, url: &str, events: &[WebhookEvent]) -> Result<Webhook> {
        administrator(user)?;
        let url = webhook_url(url)?;
        if events.is_empty() {
            return Err(SiteError::Invalid(ValidationError::Empty { field: "webhook events" }));
        }
        let secret = new_token()?;
        let hook = self.store.create_webhook(&url, events, &secret, Some(user.id), self.now()).await?;
        info!(webhook = hook.id, url = %url, "webhook registered");
        Ok(hook)
    }

    pub async fn webhooks(&self, user: &User) -> Result<Vec<(Webhook, Vec<DeliveryRecord>)>> {
        administrator(user)?;
        let mut out = Vec::new();
        for hook in self.store.webhooks().await? {
            let recent = self.store.deliveries(hook.id, 10).await?;
            out.push((hook, recent));
        }
        Ok(out)
    }

    pub async fn delete_webhook(&self, user: &User, id: i64) -> Result<()> {
        administrator(user)?;
        Ok(self.store.delete_webhook(id).await?)
    }

    /// Queues `event` for the webhooks that hear of it. A failure is logged,
    /// never the save's failure.
    pub(crate) async fn emit(&self, event: WebhookEvent, story: &Story) {
        let payload = serde_json::json!({
            "event": event.as_str(),
            "occurred_at": self.now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "story": {
                "id": story.id.0,
                "slug": story.slug.as_str(),
                "url": self.config.base_url.join(&format!("{}/", story.slug)).map(|u| u.to_string()).unwrap_or_default(),
                "headline": story.headline,
                "kind": story.kind.as_str(),
                "status": story.status.as_str(),
                "published_at": story.published_at.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
                "updated_at": story.updated_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            },
        });
        if let Err(e) = self.store.enqueue_webhooks(event, &payload.to_string(), self.now()).await {
            warn!(error = %e, %event, story.id = %story.id, "webhook delivery not queued");
        }
    }

    /// The event a change from `before` (none: new) to `after` is, if any:
    /// only what readers could see or now see counts.
    pub(crate) async fn emit_change(&self, before: Option<&Story>, after: &Story) {
        let now = self.now();
        let was = before.is_some_and(|b| b.is_visible(now));
        let is = after.is_visible(now);
        let event = match (was, is) {
            (false, true) => WebhookEvent::StoryPublished,
            (true, true) => WebhookEvent::StoryUpdated,
            (true, false) if after.deleted_at.is_some() => WebhookEvent::StoryDeleted,
            (true, false) => WebhookEvent::StoryUnpublished,
            (false, false) => return,
        };
        self.emit(event, after).await;
    }

    /// Sends the deliveries that are due; returns how many were sent
    /// (successfully or not). Run every few seconds by the server.
    pub async fn deliver_webhooks(&self) -> Result<usize> {
        let now = self.now();
        let due = self.store.due_deliveries(now, 20).await?;
        let mut sent = 0;
        for d in due {
            // A lease: another node seeing it due leaves it alone meanwhile.
            if !self.store.claim_delivery(&d, now + chrono::Duration::minutes(1)).await? {
                continue;
            }
            let result = self
                .http
                .post(&d.url)
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .header("x-newsdesk-event", &d.event)
                .header("x-newsdesk-delivery", d.id.to_string())
                .header(SIGNATURE_HEADER, signature(&d.secret, d.payload.as_bytes()))
                .body(d.payload.clone())
                .send()
                .await;
            let attempts = d.attempts + 1;
            let now = self.now();
            let retry_at = || {
                let next = now + chrono::Duration::from_std(retry_delay(attempts)).unwrap_or_default();
                let give_up = d.created_at + chrono::Duration::from_std(WEBHOOK_RETRY_FOR).unwrap_or_default();
                (next <= give_up).then_some(next)
            };
            let attempt = match result {
                Ok(r) if r.status().is_success() => Attempt::Delivered { status: r.status().as_u16() },
                Ok(r) => Attempt::Failed {
                    status: Some(r.status().as_u16()),
                    error: format!("the receiver answered {}", r.status()),
                    retry_at: retry_at(),
                },
                Err(e) => Attempt::Failed { status: None, error: e.to_string(), retry_at: retry_at() },
            };
            if let Attempt::Failed { error, retry_at: None, .. } = &attempt {
                warn!(delivery = d.id, url = %d.url, %error, "webhook delivery given up after a day");
            }
            self.store.record_attempt(d.id, &attempt, now).await?;
            sent += 1;
        }
        Ok(sent)
    }
}
