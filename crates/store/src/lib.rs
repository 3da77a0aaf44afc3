//! Newsdesk's storage: one interface, [`Store`], over SQLite (the default,
//! embedded) and PostgreSQL (for several app nodes).
//!
//! Queries are built with sea-query, so each is written once and rendered in
//! the dialect of the backend in use (see `db.rs`). Each backend has its own
//! migrations, applied by [`Store::migrate`]. Times are stored as Unix
//! milliseconds in UTC.
//!
//! Architecture invariant: the store knows nothing of HTTP or templates, and
//! returns domain types; its own row structs never leave this crate.

mod accounts;
mod api_keys;
mod curation;
mod db;
mod desk;
mod error;
mod media;
mod nql;
mod people;
mod stories;
pub mod testing;
mod webhooks;

use std::{str::FromStr, time::Duration};

use chrono::{DateTime, Utc};
use newsdesk_domain::Timestamp;
use sqlx::{
    postgres::{PgConnectOptions, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

pub use accounts::{NewSession, SessionRecord};
pub use curation::ViewCount;
pub use desk::{DeskFilter, DeskSort};
pub use error::StoreError;
pub use media::MediaFilter;
pub use stories::{Listing, PostOrder, StoryKey};
pub use webhooks::{Attempt, DeliveryRecord, DueDelivery};

use db::Pool;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Which database a store runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The storage interface. Cheap to clone: clones share one connection pool.
#[derive(Clone, Debug)]
pub struct Store {
    pool: Pool,
}

impl Store {
    /// Opens `url`: `sqlite://PATH` (created if missing, WAL mode),
    /// `sqlite::memory:`, or `postgres://…`. Does not migrate.
    pub async fn connect(url: &str) -> Result<Store> {
        let connect_err = |e: sqlx::Error| StoreError::Connect { url: redact(url), reason: one_line(&e) };
        let pool = if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)
                .map_err(|_| StoreError::BadUrl(redact(url)))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // 8 MB of page cache per connection; the OS caches the file too.
                .pragma("cache_size", "-8000");
            let in_memory = url.contains(":memory:") || opts.get_filename() == std::path::Path::new(":memory:");
            let readers = (!in_memory).then(|| db::Readers::new(opts.get_filename()));
            let pool = SqlitePoolOptions::new()
                // One connection keeps an in-memory database alive and whole.
                // Otherwise two per core: each is a thread of its own, and
                // more of them only add hand-offs on a small machine.
                .max_connections(if in_memory { 1 } else { sqlite_connections() })
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
                .connect_with(opts)
                .await
                .map_err(connect_err)?;
            Pool::Sqlite(pool, readers)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let opts = PgConnectOptions::from_str(url).map_err(|_| StoreError::BadUrl(redact(url)))?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await
                .map_err(connect_err)?;
            Pool::Postgres(pool)
        } else {
            return Err(StoreError::BadUrl(redact(url)));
        };
        Ok(Store { pool })
    }

    /// Opens `url` and applies any migrations not yet applied.
    pub async fn open(url: &str) -> Result<Store> {
        let store = Self::connect(url).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Applies the backend's migrations that have not run yet.
    pub async fn migrate(&self) -> Result<()> {
        match &self.pool {
            Pool::Sqlite(p, _) => sqlx::migrate!("./migrations/sqlite").run(p).await?,
            Pool::Postgres(p) => sqlx::migrate!("./migrations/postgres").run(p).await?,
        }
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(..) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// Waits for connections in use to be returned, then closes the pool.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn sqlite_connections() -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    u32::try_from(cores * 2).unwrap_or(8).clamp(4, 16)
}

/// A URL fit for logs and error messages: any password is hidden.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_owned(),
    }
}

fn one_line(e: &sqlx::Error) -> String {
    let text = match e {
        sqlx::Error::Database(db) => db.message().to_owned(),
        other => other.to_string(),
    };
    text.lines().map(str::trim).collect::<Vec<_>>().join(" ")
}

pub(crate) fn ms(t: Timestamp) -> i64 {
    t.timestamp_millis()
}

pub(crate) fn from_ms(ms: i64) -> Result<Timestamp> {
    DateTime::<Utc>::from_timestamp_millis(ms).ok_or_else(|| StoreError::corrupt(format!("timestamp {ms}")))
}
