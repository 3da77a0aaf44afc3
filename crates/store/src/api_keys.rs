//! Content API keys. Only hashes of keys are stored.

use newsdesk_domain::{ApiKey, Timestamp, UserId};
use sea_query::{Expr, ExprTrait, Order, Query};

use crate::{Result, Store, StoreError, db::db_row, error::taken, from_ms, ms};

db_row! {
    struct ApiKeyRow {
        id: i64,
        name: String,
        key_prefix: String,
        created_at: i64,
        last_used_at: Option<i64>,
        revoked_at: Option<i64>,
    }
}

impl ApiKeyRow {
    fn into_key(self) -> Result<ApiKey> {
        Ok(ApiKey {
            id: self.id,
            name: self.name,
            prefix: self.key_prefix,
            created_at: from_ms(self.created_at)?,
            last_used_at: self.last_used_at.map(from_ms).transpose()?,
            revoked_at: self.revoked_at.map(from_ms).transpose()?,
        })
    }
}

impl Store {
    /// Keeps a new key (its hash); a name already used is refused.
    pub async fn create_api_key(
        &self,
        name: &str,
        key_hash: &str,
        prefix: &str,
        by: Option<UserId>,
        now: Timestamp,
    ) -> Result<ApiKey> {
        let q = Query::insert()
            .into_table("api_keys")
            .columns(["name", "key_hash", "key_prefix", "created_at", "created_by"])
            .values([name.into(), key_hash.into(), prefix.into(), ms(now).into(), by.map(|u| u.0).into()])
            .map_err(StoreError::corrupt)?
            .returning_col("id")
            .to_owned();
        let mut h = self.pool.handle().await?;
        let (id,): (i64,) =
            h.conn().one(&q).await.map_err(|e| taken(e, "key name", "another key has that name; choose another"))?;
        Ok(ApiKey {
            id,
            name: name.to_owned(),
            prefix: prefix.to_owned(),
            created_at: now,
            last_used_at: None,
            revoked_at: None,
        })
    }

    /// Every key, newest first, revoked ones too.
    pub async fn api_keys(&self) -> Result<Vec<ApiKey>> {
        let q = Query::select()
            .columns(ApiKeyRow::COLUMNS.iter().copied())
            .from("api_keys")
            .order_by("id", Order::Desc)
            .to_owned();
        let mut h = self.pool.handle().await?;
        h.conn().all::<ApiKeyRow>(&q).await?.into_iter().map(ApiKeyRow::into_key).collect()
    }

    /// Revokes the key with this name; false when there is no such key in
    /// use.
    pub async fn revoke_api_key(&self, name: &str, now: Timestamp) -> Result<bool> {
        let q = Query::update()
            .table("api_keys")
            .value("revoked_at", Expr::value(ms(now)))
            .and_where(Expr::col("name").eq(name))
            .and_where(Expr::col("revoked_at").is_null())
            .to_owned();
        let mut h = self.pool.handle().await?;
        Ok(h.conn().execute(&q).await? > 0)
    }

    /// Whether a key with this hash is in use.
    pub async fn api_key_valid(&self, key_hash: &str) -> Result<bool> {
        let q = Query::select()
            .column("id")
            .from("api_keys")
            .and_where(Expr::col("key_hash").eq(key_hash))
            .and_where(Expr::col("revoked_at").is_null())
            .to_owned();
        let mut h = self.pool.reader().await?;
        let row: Option<(i64,)> = h.conn().optional(&q).await?;
        Ok(row.is_some())
    }
}
