//! Newsroom accounts, sessions, one-time sign-in links and failed sign-ins.
//!
//! Tokens never reach this module in the clear: callers pass their hashes,
//! so the tables alone sign nobody in.

use newsdesk_domain::{AuthorId, Role, Timestamp, User, UserId, ValidUser};
use sea_query::{Expr, ExprTrait, Order, Query};

use crate::{Result, Store, StoreError, db::db_row, error::taken, from_ms, ms};

db_row! {
    struct UserRow {
        id: i64,
        email: String,
        name: String,
        role: String,
        password_hash: Option<String>,
        author_id: Option<i64>,
        suspended_at: Option<i64>,
        created_at: i64,
    }
}

impl UserRow {
    fn into_user(self) -> Result<(User, Option<String>)> {
        let user = User {
            id: UserId(self.id),
            email: self.email,
            name: self.name,
            role: self.role.parse::<Role>().map_err(StoreError::corrupt)?,
            author: self.author_id.map(AuthorId),
            has_password: self.password_hash.is_some(),
            suspended: self.suspended_at.is_some(),
            created_at: from_ms(self.created_at)?,
        };
        Ok((user, self.password_hash))
    }
}

/// A new session, as the services create it.
#[derive(Clone, Debug)]
pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub user: UserId,
    pub csrf_token: &'a str,
    pub expires_at: Timestamp,
    pub address: &'a str,
    pub user_agent: &'a str,
}

/// A live session and its account.
#[derive(Clone, Debug)]
pub struct SessionRecord {
    pub user: User,
    pub csrf_token: String,
    pub last_seen_at: Timestamp,
    pub expires_at: Timestamp,
}

fn user_select() -> sea_query::SelectStatement {
    Query::select().columns(UserRow::COLUMNS.iter().map(|c| ("users", *c))).from("users").to_owned()
}

impl Store {
    /// Creates an account without a password; it signs in first through a
    /// one-time link. A taken e-mail address is refused.
    pub async fn create_user(&self, u: &ValidUser, author: Option<AuthorId>, now: Timestamp) -> Result<User> {
        let q = Query::insert()
            .into_table("users")
            .columns(["email", "name", "role", "author_id", "created_at", "updated_at"])
            .values([
                u.email.clone().into(),
                u.name.clone().into(),
                u.role.as_str().into(),
                author.map(|a| a.0).into(),
                ms(now).into(),
                ms(now).into(),
            ])
            .map_err(StoreError::corrupt)?
            .returning_col("id")
            .to_owned();
        let mut h = self.pool.handle().await?;
        let (id,): (i64,) =
            h.conn().one(&q).await.map_err(|e| taken(e, "email", "another account already uses this address"))?;
        Ok(User {
            id: UserId(id),
            email: u.email.clone(),
            name: u.name.clone(),
            role: u.role,
            author,
            has_password: false,
            suspended: false,
            created_at: now,
        })
    }

    pub async fn user(&self, id: UserId) -> Result<Option<User>> {
        let q = user_select().and_where(Expr::col("id").eq(id.0)).to_owned();
        let mut h = self.pool.handle().await?;
        Ok(h.conn().optional::<UserRow>(&q).await?.map(UserRow::into_user).transpose()?.map(|(u, _)| u))
    }

    /// An account by its (lowercase) e-mail address, with its password hash.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<(User, Option<String>)>> {
        let q = user_select().and_where(Expr::col("email").eq(email)).to_owned();
        let mut h = self.pool.handle().await?;
        h.conn().optional::<UserRow>(&q).await?.map(UserRow::into_user).transpose()
    }

    /// Every account, by name.
    pub async fn users(&self) -> Result<Vec<User>> {
        let q = user_select().order_by("name", Order::Asc).to_owned();
        let mut h = self.pool.handle().await?;
        h.conn().all::<UserRow>(&q).await?.into_iter().map(|r| r.into_user().map(|(u, _)| u)).collect()
    }

    /// Sets an account's password hash and signs out its other sessions.
    pub async fn set_password(&self, user: UserId, hash: &str, now: Timestamp) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let result: Result<_> = async {
            let q = Query::update()
                .table("users")
                .values([("password_hash", hash.into()), ("updated_at", ms(now).into())])
                .and_where(Expr::col("id").eq(user.0))
                .to_owned();
            if tx.conn().execute(&q).await? == 0 {
                return Err(StoreError::NotFound("account"));
            }
            let q = Query::delete().from_table("sessions").and_where(Expr::col("user_id").eq(user.0)).to_owned();
            tx.conn().execute(&q).await?;
            Ok(())
        }
        .await;
        tx.finish(result).await
    }

    /// Suspends an account (ending its sessions) or lifts the suspension.
    pub async fn set_suspended(&self, user: UserId, suspended: bool, now: Timestamp) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let result: Result<_> = async {
            let q = Query::update()
                .table("users")
                .values([("suspended_at", Some(ms(now)).filter(|_| suspended).into()), ("updated_at", ms(now).into())])
                .and_where(Expr::col("id").eq(user.0))
                .to_owned();
            if tx.conn().execute(&q).await? == 0 {
                return Err(StoreError::NotFound("account"));
            }
            if suspended {
                let q = Query::delete().from_table("sessions").and_where(Expr::col("user_id").eq(user.0)).to_owned();
                tx.conn().execute(&q).await?;
            }
            Ok(())
        }
        .await;
        tx.finish(result).await
    }

    /// Changes an account's role.
    pub async fn set_role(&self, user: UserId, role: Role, now: Timestamp) -> Result<()> {
        let q = Query::update()
            .table("users")
            .values([("role", role.as_str().into()), ("updated_at", ms(now).into())])
            .and_where(Expr::col("id").eq(user.0))
            .to_owned();
        let mut h = self.pool.handle().await?;
        match h.conn().execute(&q).await? {
            0 => Err(StoreError::NotFound("account")),
            _ => Ok(()),
        }
    }

    /// Records a one-time sign-in link (by the hash of its token).
    pub async fn create_sign_in_link(
        &self,
        token_hash: &str,
        user: UserId,
        created_by: Option<UserId>,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<()> {
        let q = Query::insert()
            .into_table("sign_in_links")
            .columns(["token_hash", "user_id", "created_by", "created_at", "expires_at"])
            .values([
                token_hash.into(),
                user.0.into(),
                created_by.map(|u| u.0).into(),
                ms(now).into(),
                ms(expires_at).into(),
            ])
            .map_err(StoreError::corrupt)?
            .to_owned();
        let mut h = self.pool.handle().await?;
        h.conn().execute(&q).await?;
        Ok(())
    }

    /// The account a sign-in link is for, if it is unused and unexpired.
    pub async fn sign_in_link(&self, token_hash: &str, now: Timestamp) -> Result<Option<User>> {
        let q = user_select()
            .inner_join("sign_in_links", Expr::col(("sign_in_links", "user_id")).equals(("users", "id")))
            .and_where(Expr::col(("sign_in_links", "token_hash")).eq(token_hash))
            .and_where(Expr::col(("sign_in_links", "used_at")).is_null())
            .and_where(Expr::col(("sign_in_links", "expires_at")).gt(ms(now)))
            .to_owned();
        let mut h = self.pool.handle().await?;
        Ok(h.conn().optional::<UserRow>(&q).await?.map(UserRow::into_user).transpose()?.map(|(u, _)| u))
    }

    /// Uses up a sign-in link and sets the password it was for, in one
    /// transaction: a link works once, even when two requests race.
    /// Returns the account, or `None` if the link is used, expired or unknown.
    pub async fn redeem_sign_in_link(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: Timestamp,
    ) -> Result<Option<UserId>> {
        let mut tx = self.pool.begin().await?;
        let result: Result<_> = async {
            let q = Query::update()
                .table("sign_in_links")
                .value("used_at", ms(now))
                .and_where(Expr::col("token_hash").eq(token_hash))
                .and_where(Expr::col("used_at").is_null())
                .and_where(Expr::col("expires_at").gt(ms(now)))
                .returning_col("user_id")
                .to_owned();
            let Some((user,)) = tx.conn().optional::<(i64,)>(&q).await? else { return Ok(None) };
            let q = Query::update()
                .table("users")
                .values([("password_hash", password_hash.into()), ("updated_at", ms(now).into())])
                .and_where(Expr::col("id").eq(user))
                .to_owned();
            tx.conn().execute(&q).await?;
            let q = Query::delete().from_table("sessions").and_where(Expr::col("user_id").eq(user)).to_owned();
            tx.conn().execute(&q).await?;
            Ok(Some(UserId(user)))
        }
        .await;
        tx.finish(result).await
    }

    pub async fn create_session(&self, s: &NewSession<'_>, now: Timestamp) -> Result<()> {
        let q = Query::insert()
            .into_table("sessions")
            .columns([
                "token_hash",
                "user_id",
                "csrf_token",
                "created_at",
                "last_seen_at",
                "expires_at",
                "address",
                "user_agent",
            ])
            .values([
                s.token_hash.into(),
                s.user.0.into(),
                s.csrf_token.into(),
                ms(now).into(),
                ms(now).into(),
                ms(s.expires_at).into(),
                s.address.into(),
                s.user_agent.into(),
            ])
            .map_err(StoreError::corrupt)?
            .to_owned();
        let mut h = self.pool.handle().await?;
        h.conn().execute(&q).await?;
        Ok(())
    }

    /// A session that has not expired, with its account.
    pub async fn session(&self, token_hash: &str, now: Timestamp) -> Result<Option<SessionRecord>> {
        let q = Query::select()
            .columns(SessionUserRow::COLUMNS.iter().copied())
            .from("sessions")
            .and_where(Expr::col("token_hash").eq(token_hash))
            .and_where(Expr::col("expires_at").gt(ms(now)))
            .to_owned();
        let mut h = self.pool.handle().await?;
        let Some(row) = h.conn().optional::<SessionUserRow>(&q).await? else { return Ok(None) };
        drop(h);
        let Some(user) = self.user(UserId(row.user_id)).await? else { return Ok(None) };
        Ok(Some(SessionRecord {
            user,
            csrf_token: row.csrf_token,
            last_seen_at: from_ms(row.last_seen_at)?,
            expires_at: from_ms(row.expires_at)?,
        }))
    }

    /// Notes that a session is in use and moves its expiry.
    pub async fn touch_session(&self, token_hash: &str, now: Timestamp, expires_at: Timestamp) -> Result<()> {
        let q = Query::update()
            .table("sessions")
            .values([("last_seen_at", ms(now).into()), ("expires_at", ms(expires_at).into())])
            .and_where(Expr::col("token_hash").eq(token_hash))
            .to_owned();
        let mut h = self.pool.handle().await?;
        h.conn().execute(&q).await?;
        Ok(())
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        let q = Query::delete().from_table("sessions").and_where(Expr::col("token_hash").eq(token_hash)).to_owned();
        let mut h = self.pool.handle().await?;
        h.conn().execute(&q).await?;
        Ok(())
    }

    /// Ends every session of an account: "sign out everywhere".
    pub async fn delete_sessions(&self, user: UserId) -> Result<u64> {
        let q = Query::delete().from_table("sessions").and_where(Expr::col("user_id").eq(user.0)).to_owned();
        let mut h = self.pool.handle().await?;
        h.conn().execute(&q).await
    }

    /// Records a failed sign-in under each key, dropping records older than
    /// `forget_before`.
    pub async fn record_login_failure(&self, keys: &[&str], now: Timestamp, forget_before: Timestamp) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let result: Result<_> = async {
            let q = Query::delete()
                .from_table("login_failures")
                .and_where(Expr::col("at").lt(ms(forget_before)))
                .to_owned();
            tx.conn().execute(&q).await?;
            let mut q = Query::insert().into_table("login_failures").columns(["key", "at"]).to_owned();
            for key in keys {
                q.values([(*key).into(), ms(now).into()]).map_err(StoreError::corrupt)?;
            }
            tx.conn().execute(&q).await?;
            Ok(())
        }
        .await;
        tx.finish(result).await
    }

    /// How many sign-ins failed under `key` since `since`.
    pub async fn login_failures(&self, key: &str, since: Timestamp) -> Result<i64> {
        let q = Query::select()
            .expr(Expr::col("key").count())
            .from("login_failures")
            .and_where(Expr::col("key").eq(key))
            .and_where(Expr::col("at").gte(ms(since)))
            .to_owned();
        let mut h = self.pool.handle().await?;
        let (n,): (i64,) = h.conn().one(&q).await?;
        Ok(n)
    }

    /// Deletes sessions that expired before `now` and failed sign-ins older
    /// than `failures_before`; returns how many of each went.
    pub async fn prune_accounts(&self, now: Timestamp, failures_before: Timestamp) -> Result<(u64, u64)> {
        let mut tx = self.pool.begin().await?;
        let result: Result<_> = async {
            let q = Query::delete().from_table("sessions").and_where(Expr::col("expires_at").lte(ms(now))).to_owned();
            let sessions = tx.conn().execute(&q).await?;
            let q = Query::delete()
                .from_table("login_failures")
                .and_where(Expr::col("at").lt(ms(failures_before)))
                .to_owned();
            let failures = tx.conn().execute(&q).await?;
            Ok((sessions, failures))
        }
        .await;
        tx.finish(result).await
    }

    /// Forgets the failed sign-ins under `key` (after a successful one).
    pub async fn clear_login_failures(&self, key: &str) -> Result<()> {
        let q = Query::delete().from_table("login_failures").and_where(Expr::col("key").eq(key)).to_owned();
        let mut h = self.pool.handle().await?;
        h.conn().execute(&q).await?;
        Ok(())
    }
}

db_row! {
    struct SessionUserRow {
        csrf_token: String,
        last_seen_at: i64,
        expires_at: i64,
        user_id: i64,
    }
}
