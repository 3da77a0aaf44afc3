//! The one place that knows there are two SQL backends.
//!
//! Every query in this crate is built once with sea-query and run here on
//! whichever backend the store was opened on; rows decode into plain structs
//! declared with [`db_row!`], which decode on every path. Nothing outside
//! this module matches on the backend.
//!
//! On a SQLite file, the reads that pages are made of ([`Pool::reader`]) run
//! in place on a plain `rusqlite` connection: they are index seeks in a local
//! file, cheaper than the two thread hand-offs per query of sqlx's SQLite
//! driver. Writes, migrations and slow background reads stay on sqlx.

use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex, PoisonError},
    time::Duration,
};

use rusqlite::{OpenFlags, types::FromSql};
use sea_query::{PostgresQueryBuilder, QueryStatementWriter, SqliteQueryBuilder};
use sea_query_sqlx::SqlxBinder;
use sqlx::{
    AssertSqlSafe, FromRow, PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction,
    pool::PoolConnection, postgres::PgRow, sqlite::SqliteRow,
};

use crate::{Result, StoreError};

/// A row type every path can decode.
pub(crate) trait Row:
    for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + SyncRow + Send + Unpin
{
}
impl<T> Row for T where T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + SyncRow + Send + Unpin {}

/// Decoding from a `rusqlite` row, for the in-place SQLite read path.
pub(crate) trait SyncRow: Sized {
    fn from_sync(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self>;
}

impl<A: FromSql> SyncRow for (A,) {
    fn from_sync(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        Ok((row.get(0)?,))
    }
}

impl<A: FromSql, B: FromSql> SyncRow for (A, B) {
    fn from_sync(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        Ok((row.get(0)?, row.get(1)?))
    }
}

/// Declares a row struct that decodes on every path, with `COLUMNS`, the
/// column list to select it by: sqlx decodes by name, the in-place reader
/// by position, so the two must agree, and do by construction.
macro_rules! db_row {
    ($(#[$meta:meta])* struct $name:ident { $($field:ident: $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(sqlx::FromRow)]
        struct $name {
            $($field: $ty),*
        }

        impl $name {
            const COLUMNS: &[&str] = &[$(stringify!($field)),*];
        }

        impl $crate::db::SyncRow for $name {
            #[allow(unused_assignments)]
            fn from_sync(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
                let mut i = 0;
                Ok(Self {
                    $($field: {
                        let v = row.get(i)?;
                        i += 1;
                        v
                    }),*
                })
            }
        }
    };
}
pub(crate) use db_row;

/// Idle read connections to one SQLite file, opened on demand. At most one
/// per thread that reads at once is ever in use, since reads never wait.
pub(crate) struct Readers {
    path: PathBuf,
    idle: Mutex<Vec<rusqlite::Connection>>,
}

/// More idle readers than this are closed when returned.
const MAX_IDLE_READERS: usize = 16;

impl std::fmt::Debug for Readers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Readers").field("path", &self.path).finish_non_exhaustive()
    }
}

impl Readers {
    pub fn new(path: &Path) -> Arc<Readers> {
        Arc::new(Readers { path: path.to_owned(), idle: Mutex::new(Vec::new()) })
    }

    fn take(self: &Arc<Self>) -> Result<Reader> {
        let idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner).pop();
        let conn = match idle {
            Some(c) => c,
            None => self.open()?,
        };
        Ok(Reader { conn: Some(conn), home: Arc::clone(self) })
    }

    fn open(&self) -> Result<rusqlite::Connection> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = rusqlite::Connection::open_with_flags(&self.path, flags)?;
        // Readers of a WAL database do not wait for writers; this only
        // covers a checkpoint's brief exclusive moments.
        conn.busy_timeout(Duration::from_secs(2))?;
        conn.pragma_update(None, "cache_size", -8000)?;
        conn.set_prepared_statement_cache_capacity(64);
        // One plan per statement, whatever values are bound: without this,
        // SQLite prepares a cached statement again whenever a bound value
        // might change the plan (most reads here, at every run).
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        Ok(conn)
    }
}

/// A read connection, back to its pool when dropped.
pub(crate) struct Reader {
    conn: Option<rusqlite::Connection>,
    home: Arc<Readers>,
}

impl Drop for Reader {
    fn drop(&mut self) {
        if let Some(c) = self.conn.take() {
            let mut idle = self.home.idle.lock().unwrap_or_else(PoisonError::into_inner);
            if idle.len() < MAX_IDLE_READERS {
                idle.push(c);
            }
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) enum Pool {
    /// sqlx's pool, and in-place readers unless the database is in memory.
    Sqlite(SqlitePool, Option<Arc<Readers>>),
    Postgres(PgPool),
}

/// A pooled connection, outside a transaction.
pub(crate) enum Handle {
    Sqlite(PoolConnection<Sqlite>),
    Reader(Reader),
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
    // `&mut`, not `&`: a connection is `Send` but not `Sync`.
    Reader(&'c mut Reader),
    Postgres(&'c mut PgConnection),
}

impl Pool {
    /// A connection for writes outside a transaction and for slow reads.
    pub async fn handle(&self) -> Result<Handle> {
        Ok(match self {
            Pool::Sqlite(p, _) => Handle::Sqlite(p.acquire().await?),
            Pool::Postgres(p) => Handle::Postgres(p.acquire().await?),
        })
    }

    /// A connection for the quick, read-only queries pages are made of: an
    /// in-place reader on a SQLite file. Never write through it.
    pub async fn reader(&self) -> Result<Handle> {
        match self {
            Pool::Sqlite(_, Some(readers)) => Ok(Handle::Reader(readers.take()?)),
            _ => self.handle().await,
        }
    }

    /// Starts a write transaction. On SQLite it takes the write lock at
    /// once (`BEGIN IMMEDIATE`), so it waits its turn behind other writers
    /// instead of failing when a read turns into a write.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(match self {
            Pool::Sqlite(p, _) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    pub async fn close(&self) {
        match self {
            Pool::Sqlite(p, readers) => {
                p.close().await;
                if let Some(r) = readers {
                    r.idle.lock().unwrap_or_else(PoisonError::into_inner).clear();
                }
            }
            Pool::Postgres(p) => p.close().await,
        }
    }
}

impl Handle {
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            Handle::Sqlite(c) => Conn::Sqlite(c),
            Handle::Reader(r) => Conn::Reader(r),
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
    pub async fn finish<T>(self, result: Result<T>) -> Result<T> {
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

/// A statement every path can run.
pub(crate) trait Statement: SqlxBinder + QueryStatementWriter {}
impl<T: SqlxBinder + QueryStatementWriter> Statement for T {}

impl Conn<'_> {
    pub async fn all<T: Row>(&mut self, q: &impl Statement) -> Result<Vec<T>> {
        Ok(match self {
            Conn::Sqlite(c) => {
                let (sql, values) = q.build_sqlx(SqliteQueryBuilder);
                sqlx::query_as_with(AssertSqlSafe(sql), values).fetch_all(&mut **c).await?
            }
            Conn::Reader(c) => read_all(c, q)?,
            Conn::Postgres(c) => {
                let (sql, values) = q.build_sqlx(PostgresQueryBuilder);
                sqlx::query_as_with(AssertSqlSafe(sql), values).fetch_all(&mut **c).await?
            }
        })
    }

    pub async fn optional<T: Row>(&mut self, q: &impl Statement) -> Result<Option<T>> {
        Ok(match self {
            Conn::Sqlite(c) => {
                let (sql, values) = q.build_sqlx(SqliteQueryBuilder);
                sqlx::query_as_with(AssertSqlSafe(sql), values).fetch_optional(&mut **c).await?
            }
            Conn::Reader(c) => read_all(c, q)?.into_iter().next(),
            Conn::Postgres(c) => {
                let (sql, values) = q.build_sqlx(PostgresQueryBuilder);
                sqlx::query_as_with(AssertSqlSafe(sql), values).fetch_optional(&mut **c).await?
            }
        })
    }

    pub async fn one<T: Row>(&mut self, q: &impl Statement) -> Result<T> {
        self.optional(q).await?.ok_or(StoreError::Database(sqlx::Error::RowNotFound))
    }

    /// Runs a statement; returns the number of rows it touched.
    pub async fn execute(&mut self, q: &impl Statement) -> Result<u64> {
        Ok(match self {
            Conn::Sqlite(c) => {
                let (sql, values) = q.build_sqlx(SqliteQueryBuilder);
                sqlx::query_with(AssertSqlSafe(sql), values).execute(&mut **c).await?.rows_affected()
            }
            Conn::Reader(_) => return Err(StoreError::corrupt("a write was sent to a read-only connection")),
            Conn::Postgres(c) => {
                let (sql, values) = q.build_sqlx(PostgresQueryBuilder);
                sqlx::query_with(AssertSqlSafe(sql), values).execute(&mut **c).await?.rows_affected()
            }
        })
    }
}

/// Runs a query on an in-place reader, with its statement cached.
fn read_all<T: SyncRow>(r: &Reader, q: &impl Statement) -> Result<Vec<T>> {
    // Only `Drop` takes the connection out.
    let c = r.conn.as_ref().ok_or_else(|| StoreError::corrupt("read connection already returned"))?;
    let (sql, values) = q.build(SqliteQueryBuilder);
    let params = values.into_iter().map(sync_value).collect::<Result<Vec<_>>>()?;
    let mut stmt = c.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params), T::from_sync)?;
    Ok(rows.collect::<rusqlite::Result<Vec<T>>>()?)
}

/// A sea-query value as `rusqlite` binds it.
fn sync_value(v: sea_query::Value) -> Result<rusqlite::types::Value> {
    use rusqlite::types::Value as S;
    use sea_query::Value as Q;
    fn int<I: Into<i64>>(v: Option<I>) -> S {
        v.map_or(S::Null, |i| S::Integer(i.into()))
    }
    Ok(match v {
        Q::Bool(v) => int(v),
        Q::TinyInt(v) => int(v),
        Q::SmallInt(v) => int(v),
        Q::Int(v) => int(v),
        Q::BigInt(v) => int(v),
        Q::TinyUnsigned(v) => int(v),
        Q::SmallUnsigned(v) => int(v),
        Q::Unsigned(v) => int(v),
        Q::BigUnsigned(Some(u)) => S::Integer(i64::try_from(u).map_err(StoreError::corrupt)?),
        Q::BigUnsigned(None) => S::Null,
        Q::Float(v) => v.map_or(S::Null, |f| S::Real(f.into())),
        Q::Double(v) => v.map_or(S::Null, S::Real),
        Q::String(v) => v.map_or(S::Null, S::Text),
        Q::Char(v) => v.map_or(S::Null, |c| S::Text(c.to_string())),
        Q::Bytes(v) => v.map_or(S::Null, S::Blob),
        other => return Err(StoreError::corrupt(format!("no SQLite binding for {other:?}"))),
    })
}
