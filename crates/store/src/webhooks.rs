//! Webhooks and their deliveries: an outbox in the database, so a save
//! only writes a row and any app node may deliver it, once.

use newsdesk_domain::{Timestamp, UserId, Webhook, WebhookEvent};
use sea_query::{Expr, ExprTrait, Order, Query};

use crate::{Result, Store, StoreError, db::db_row, from_ms, ms};

db_row! {
    struct WebhookRow {
        id: i64,
        url: String,
        events: String,
        secret: String,
        created_at: i64,
    }
}

impl WebhookRow {
    fn into_webhook(self) -> Result<Webhook> {
        let events = self
            .events
            .split(',')
            .filter(|e| !e.is_empty())
            .map(|e| e.parse().map_err(StoreError::corrupt))
            .collect::<Result<Vec<WebhookEvent>>>()?;
        Ok(Webhook { id: self.id, url: self.url, events, secret: self.secret, created_at: from_ms(self.created_at)? })
    }
}

db_row! {
    struct DueRow {
        id: i64,
        event: String,
        payload: String,
        attempts: i64,
        created_at: i64,
        next_attempt_at: Option<i64>,
        url: String,
        secret: String,
    }
}

/// A delivery whose time has come.
#[derive(Clone, Debug)]
pub struct DueDelivery {
    pub id: i64,
    pub event: String,
    pub payload: String,
    pub attempts: u32,
    pub created_at: Timestamp,
    pub url: String,
    pub secret: String,
    next_attempt_ms: i64,
}

/// A delivery as the newsroom lists it.
#[derive(Clone, Debug)]
pub struct DeliveryRecord {
    pub id: i64,
    pub event: String,
    pub attempts: i64,
    pub created_at: Timestamp,
    pub delivered_at: Option<Timestamp>,
    pub failed_at: Option<Timestamp>,
    pub last_status: Option<i64>,
    pub last_error: String,
}

db_row! {
    struct RecordRow {
        id: i64,
        event: String,
        attempts: i64,
        created_at: i64,
        delivered_at: Option<i64>,
        failed_at: Option<i64>,
        last_status: Option<i64>,
        last_error: String,
    }
}

/// How an attempt went.
pub enum Attempt {
    Delivered {
        status: u16,
    },
    /// Failed; try again at this time, or give up (`None`).
    Failed {
        status: Option<u16>,
        error: String,
        retry_at: Option<Timestamp>,
    },
}

impl Store {
    pub async fn create_webhook(
        &self,
        url: &str,
        events: &[WebhookEvent],
        secret: &str,
        by: Option<UserId>,
        now: Timestamp,
    ) -> Result<Webhook> {
        let list = events.iter().map(|e| e.as_str()).collect::<Vec<_>>().join(",");
        let q = Query::insert()
            .into_table("webhooks")
            .columns(["url", "events", "secret", "created_at", "created_by"])
            .values([url.into(), list.into(), secret.into(), ms(now).into(), by.map(|u| u.0).into()])
            .map_err(StoreError::corrupt)?
            .returning_col("id")
            .to_owned();
        let mut h = self.pool.handle().await?;
        let (id,): (i64,) = h.conn().one(&q).await?;
        Ok(Webhook { id, url: url.to_owned(), events: events.to_vec(), secret: secret.to_owned(), created_at: now })
    }

    pub async fn webhooks(&self) -> Result<Vec<Webhook>> {
        let q = Query::select()
            .columns(WebhookRow::COLUMNS.iter().copied())
            .from("webhooks")
            .order_by("id", Order::Asc)
            .to_owned();
        let mut h = self.pool.handle().await?;
        h.conn().all::<WebhookRow>(&q).await?.into_iter().map(WebhookRow::into_webhook).collect()
    }

    /// Removes a webhook with its deliveries.
    pub async fn delete_webhook(&self, id: i64) -> Result<()> {
        let q = Query::delete().from_table("webhooks").and_where(Expr::col("id").eq(id)).to_owned();
        let mut h = self.pool.handle().await?;
        match h.conn().execute(&q).await? {
            0 => Err(StoreError::NotFound("webhook")),
            _ => Ok(()),
        }
    }

    /// Queues a delivery of `payload` to every webhook that hears of
    /// `event`, due at once. Returns how many.
    pub async fn enqueue_webhooks(&self, event: WebhookEvent, payload: &str, now: Timestamp) -> Result<usize> {
        let hooks: Vec<i64> =
            self.webhooks().await?.into_iter().filter(|w| w.events.contains(&event)).map(|w| w.id).collect();
        if hooks.is_empty() {
            return Ok(0);
        }
        let mut q = Query::insert()
            .into_table("webhook_deliveries")
            .columns(["webhook_id", "event", "payload", "created_at", "next_attempt_at"])
            .to_owned();
        for id in &hooks {
            q.values([(*id).into(), event.as_str().into(), payload.into(), ms(now).into(), ms(now).into()])
                .map_err(StoreError::corrupt)?;
        }
        let mut h = self.pool.handle().await?;
        h.conn().execute(&q).await?;
        Ok(hooks.len())
    }

    /// Deliveries due at `now`, oldest first.
    pub async fn due_deliveries(&self, now: Timestamp, limit: u32) -> Result<Vec<DueDelivery>> {
        // The delivery's columns, then its webhook's address and secret.
        let (own, hook) = DueRow::COLUMNS.split_at(6);
        let mut cols: Vec<(&str, &str)> = own.iter().map(|c| ("webhook_deliveries", *c)).collect();
        cols.extend(hook.iter().map(|c| ("webhooks", *c)));
        let q = Query::select()
            .columns(cols)
            .from("webhook_deliveries")
            .inner_join("webhooks", Expr::col(("webhooks", "id")).equals(("webhook_deliveries", "webhook_id")))
            .and_where(Expr::col(("webhook_deliveries", "next_attempt_at")).lte(ms(now)))
            .order_by(("webhook_deliveries", "next_attempt_at"), Order::Asc)
            .limit(u64::from(limit))
            .to_owned();
        let mut h = self.pool.handle().await?;
        let rows: Vec<DueRow> = h.conn().all(&q).await?;
        rows.into_iter()
            .map(|r| {
                Ok(DueDelivery {
                    id: r.id,
                    event: r.event,
                    payload: r.payload,
                    attempts: u32::try_from(r.attempts).unwrap_or(0),
                    created_at: from_ms(r.created_at)?,
                    url: r.url,
                    secret: r.secret,
                    next_attempt_ms: r.next_attempt_at.unwrap_or(0),
                })
            })
            .collect()
    }

    /// Takes a due delivery for this node until `until`: false when another
    /// node took it first.
    pub async fn claim_delivery(&self, d: &DueDelivery, until: Timestamp) -> Result<bool> {
        let q = Query::update()
            .table("webhook_deliveries")
            .value("next_attempt_at", Expr::value(ms(until)))
            .and_where(Expr::col("id").eq(d.id))
            .and_where(Expr::col("next_attempt_at").eq(d.next_attempt_ms))
            .to_owned();
        let mut h = self.pool.handle().await?;
        Ok(h.conn().execute(&q).await? == 1)
    }

    /// Records how an attempt went.
    pub async fn record_attempt(&self, id: i64, attempt: &Attempt, now: Timestamp) -> Result<()> {
        let mut q = Query::update().table("webhook_deliveries").to_owned();
        q.value("attempts", Expr::col("attempts").add(1)).and_where(Expr::col("id").eq(id));
        match attempt {
            Attempt::Delivered { status } => {
                q.value("delivered_at", Expr::value(ms(now)))
                    .value("next_attempt_at", Expr::value(Option::<i64>::None))
                    .value("last_status", Expr::value(i64::from(*status)))
                    .value("last_error", Expr::value(""));
            }
            Attempt::Failed { status, error, retry_at } => {
                q.value("last_status", Expr::value(status.map(i64::from)))
                    .value("last_error", Expr::value(error.chars().take(500).collect::<String>()))
                    .value("next_attempt_at", Expr::value(retry_at.map(ms)));
                if retry_at.is_none() {
                    q.value("failed_at", Expr::value(ms(now)));
                }
            }
        }
        let mut h = self.pool.handle().await?;
        h.conn().execute(&q).await?;
        Ok(())
    }

    /// A webhook's latest deliveries, newest first.
    pub async fn deliveries(&self, webhook: i64, limit: u32) -> Result<Vec<DeliveryRecord>> {
        let q = Query::select()
            .columns(RecordRow::COLUMNS.iter().copied())
            .from("webhook_deliveries")
            .and_where(Expr::col("webhook_id").eq(webhook))
            .order_by("id", Order::Desc)
            .limit(u64::from(limit))
            .to_owned();
        let mut h = self.pool.handle().await?;
        let rows: Vec<RecordRow> = h.conn().all(&q).await?;
        rows.into_iter()
            .map(|r| {
                Ok(DeliveryRecord {
                    id: r.id,
                    event: r.event,
                    attempts: r.attempts,
                    created_at: from_ms(r.created_at)?,
                    delivered_at: r.delivered_at.map(from_ms).transpose()?,
                    failed_at: r.failed_at.map(from_ms).transpose()?,
                    last_status: r.last_status,
                    last_error: r.last_error,
                })
            })
            .collect()
    }
}
