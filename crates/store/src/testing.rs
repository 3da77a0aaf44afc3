//! Throwaway databases for tests, on either backend.
//!
//! SQLite databases live in a temporary directory. PostgreSQL ones are
//! created on the server named by `NEWSDESK_TEST_POSTGRES` (a URL such as
//! `postgres://postgres@127.0.0.1:5432/postgres`) and dropped afterwards.
//! When that variable is unset the PostgreSQL half of a test is skipped with
//! a message on stderr, unless `NEWSDESK_REQUIRE_POSTGRES=1`, which CI sets so
//! that a skip fails instead.

use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::{Connection, PgConnection};

use crate::{Backend, Store, StoreError};

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A database that exists for the life of this value.
pub struct TestDb {
    pub url: String,
    pub backend: Backend,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

impl TestDb {
    /// A fresh, migrated-on-open database, or `None` when the backend is not
    /// available here (PostgreSQL without `NEWSDESK_TEST_POSTGRES`).
    pub async fn new(backend: Backend) -> Result<Option<TestDb>, StoreError> {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir()
                    .map_err(|e| StoreError::Connect { url: "tempdir".into(), reason: e.to_string() })?;
                let url = format!("sqlite://{}", dir.path().join("test.db").display());
                Ok(Some(TestDb { url, backend, _dir: Some(dir), pg: None }))
            }
            Backend::Postgres => {
                let Some(server) = postgres_server() else { return Ok(None) };
                let name = format!(
                    "newsdesk_test_{}_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::Relaxed),
                    chrono::Utc::now().timestamp_micros() % 1_000_000
                );
                let mut conn = PgConnection::connect(&server).await?;
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&mut conn).await?;
                conn.close().await?;
                let mut url = url::Url::parse(&server).map_err(|_| StoreError::BadUrl(server.clone()))?;
                url.set_path(&name);
                Ok(Some(TestDb { url: url.to_string(), backend, _dir: None, pg: Some((server, name)) }))
            }
        }
    }

    pub async fn store(&self) -> Result<Store, StoreError> {
        Store::open(&self.url).await
    }

    /// Drops a PostgreSQL test database. Call after the store is closed.
    pub async fn drop_db(self) {
        if let Some((server, name)) = &self.pg
            && let Ok(mut conn) = PgConnection::connect(server).await
        {
            let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut conn).await;
        }
    }
}

/// The PostgreSQL server tests may use, if any. Panics (in tests only) when
/// PostgreSQL is required but not configured, so CI cannot skip silently.
pub fn postgres_server() -> Option<String> {
    match std::env::var("NEWSDESK_TEST_POSTGRES") {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            if std::env::var("NEWSDESK_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
                panic!("NEWSDESK_REQUIRE_POSTGRES=1 but NEWSDESK_TEST_POSTGRES is not set");
            }
            eprintln!("SKIPPED: PostgreSQL half of this test (set NEWSDESK_TEST_POSTGRES to run it)");
            None
        }
    }
}

/// The backends a test should run on, in order.
pub const BACKENDS: [Backend; 2] = [Backend::Sqlite, Backend::Postgres];
