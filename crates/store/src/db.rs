//! The one place that knows there are two SQL backends.
//!
//! Every query in this crate is built once with sea-query and run here on
//! whichever backend the store was opened on; rows decode into plain structs
//! that implement `FromRow` for both. Nothing outside this module matches on
//! the backend.

use sea_query::{PostgresQueryBuilder, SqliteQueryBuilder};
use sea_query_sqlx::SqlxBinder;
use sqlx::{
    AssertSqlSafe, FromRow, PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction,
    pool::PoolConnection, postgres::PgRow, sqlite::SqliteRow,
};

/// A row type both backends can decode.
pub(crate) trait Row: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}
impl<T> Row for T where T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}

#[derive(Clone, Debug)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A pooled connection, for reads.
pub(crate) enum Handle {
    Sqlite(PoolConnection<Sqlite>),
    Postgres(PoolConnection<Postgres>),
}

/// A transaction, for writes: all or nothing.
pub(crate) enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// A borrowed connection of either kind, on which queries run.
pub(crate) enum Conn<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

impl Pool {
    pub async fn handle(&self) -> Result<Handle, sqlx::Error> {
        Ok(match self {
            Pool::Sqlite(p) => Handle::Sqlite(p.acquire().await?),
            Pool::Postgres(p) => Handle::Postgres(p.acquire().await?),
        })
    }

    /// Starts a write transaction. On SQLite it takes the write lock at
    /// once (`BEGIN IMMEDIATE`), so it waits its turn behind other writers
    /// instead of failing when a read turns into a write.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Pool::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    pub async fn close(&self) {
        match self {
            Pool::Sqlite(p) => p.close().await,
            Pool::Postgres(p) => p.close().await,
        }
    }
}

impl Handle {
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            Handle::Sqlite(c) => Conn::Sqlite(c),
            Handle::Postgres(c) => Conn::Postgres(c),
        }
    }
}

impl Tx {
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            Tx::Sqlite(t) => Conn::Sqlite(t),
            Tx::Postgres(t) => Conn::Postgres(t),
        }
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
    }

    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.rollback().await,
            Tx::Postgres(t) => t.rollback().await,
        }
    }

    /// Commits if the work succeeded, rolls back at once if it failed (rather
    /// than leaving the rollback to whenever the connection is next used,
    /// holding SQLite's write lock meanwhile).
    pub async fn finish<T, E: From<sqlx::Error>>(self, result: Result<T, E>) -> Result<T, E> {
        match result {
            Ok(v) => {
                self.commit().await?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.rollback().await;
                Err(e)
            }
        }
    }
}

impl Conn<'_> {
    pub async fn all<T: Row>(&mut self, q: &impl SqlxBinder) -> Result<Vec<T>, sqlx::Error> {
        match self {
            Conn::Sqlite(c) => {
                let (sql, values) = q.build_sqlx(SqliteQueryBuilder);
                sqlx::query_as_with(AssertSqlSafe(sql), values).fetch_all(&mut **c).await
            }
            Conn::Postgres(c) => {
                let (sql, values) = q.build_sqlx(PostgresQueryBuilder);
                sqlx::query_as_with(AssertSqlSafe(sql), values).fetch_all(&mut **c).await
            }
        }
    }

    pub async fn optional<T: Row>(&mut self, q: &impl SqlxBinder) -> Result<Option<T>, sqlx::Error> {
        match self {
            Conn::Sqlite(c) => {
                let (sql, values) = q.build_sqlx(SqliteQueryBuilder);
                sqlx::query_as_with(AssertSqlSafe(sql), values).fetch_optional(&mut **c).await
            }
            Conn::Postgres(c) => {
                let (sql, values) = q.build_sqlx(PostgresQueryBuilder);
                sqlx::query_as_with(AssertSqlSafe(sql), values).fetch_optional(&mut **c).await
            }
        }
    }

    pub async fn one<T: Row>(&mut self, q: &impl SqlxBinder) -> Result<T, sqlx::Error> {
        self.optional(q).await?.ok_or(sqlx::Error::RowNotFound)
    }

    /// Runs a statement; returns the number of rows it touched.
    pub async fn execute(&mut self, q: &impl SqlxBinder) -> Result<u64, sqlx::Error> {
        match self {
            Conn::Sqlite(c) => {
                let (sql, values) = q.build_sqlx(SqliteQueryBuilder);
                Ok(sqlx::query_with(AssertSqlSafe(sql), values).execute(&mut **c).await?.rows_affected())
            }
            Conn::Postgres(c) => {
                let (sql, values) = q.build_sqlx(PostgresQueryBuilder);
                Ok(sqlx::query_with(AssertSqlSafe(sql), values).execute(&mut **c).await?.rows_affected())
            }
        }
    }
}
