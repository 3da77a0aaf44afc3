//! Curated lists, page views and site settings.

use newsdesk_domain::{ListKey, SiteSettings, StoryId, Timestamp};
use sea_query::{Expr, ExprTrait, OnConflict, Order, Query};

use crate::{Result, Store, StoreError, ms};

/// Page views of one story in one hour, to be added to what is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ViewCount {
    pub story: StoryId,
    /// Unix time divided by 3600.
    pub hour: i64,
    pub views: i64,
}

impl Store {
    /// Replaces a curated list with these stories, in this order.
    pub async fn set_list(&self, key: ListKey, stories: &[StoryId]) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let result: Result<_> = async {
            let del =
                Query::delete().from_table("list_items").and_where(Expr::col("list_key").eq(key.as_str())).to_owned();
            tx.conn().execute(&del).await?;
            if !stories.is_empty() {
                let mut q =
                    Query::insert().into_table("list_items").columns(["list_key", "story_id", "position"]).to_owned();
                for (pos, id) in stories.iter().enumerate() {
                    q.values([key.as_str().into(), id.0.into(), (pos as i64).into()]).map_err(StoreError::corrupt)?;
                }
                tx.conn().execute(&q).await.map_err(|e| match &e {
                    e if e.is_unique_violation() => {
                        StoreError::Invalid(newsdesk_domain::ValidationError::Repeated("a story"))
                    }
                    StoreError::Database(sqlx::Error::Database(db)) if db.is_foreign_key_violation() => {
                        StoreError::NotFound("story")
                    }
                    _ => e,
                })?;
            }
            Ok(())
        }
        .await;
        tx.finish(result).await
    }

    /// The stories of a curated list in the editors' order (any status; the
    /// caller filters what readers may see).
    pub async fn list(&self, key: ListKey) -> Result<Vec<StoryId>> {
        let q = Query::select()
            .column("story_id")
            .from("list_items")
            .and_where(Expr::col("list_key").eq(key.as_str()))
            .order_by("position", Order::Asc)
            .to_owned();
        let mut h = self.pool.handle().await?;
        let rows: Vec<(i64,)> = h.conn().all(&q).await?;
        Ok(rows.into_iter().map(|(id,)| StoryId(id)).collect())
    }

    /// Adds counted views in one transaction. Views of stories deleted
    /// meanwhile are dropped.
    pub async fn add_views(&self, counts: &[ViewCount]) -> Result<()> {
        if counts.is_empty() {
            return Ok(());
        }
        let mut tx = self.pool.begin().await?;
        let result: Result<_> = async {
            // Only stories that still exist; a deleted story's views are moot.
            let ids: Vec<i64> = counts.iter().map(|c| c.story.0).collect();
            let q = Query::select().column("id").from("stories").and_where(Expr::col("id").is_in(ids)).to_owned();
            let existing: std::collections::HashSet<i64> =
                tx.conn().all::<(i64,)>(&q).await?.into_iter().map(|(id,)| id).collect();
            for chunk in counts.chunks(300) {
                let mut q = Query::insert()
                    .into_table("story_views")
                    .columns(["story_id", "hour", "views"])
                    .on_conflict(
                        OnConflict::columns(["story_id", "hour"])
                            .value("views", Expr::col(("story_views", "views")).add(Expr::cust("excluded.views")))
                            .to_owned(),
                    )
                    .to_owned();
                let mut any = false;
                for c in chunk.iter().filter(|c| existing.contains(&c.story.0)) {
                    q.values([c.story.0.into(), c.hour.into(), c.views.into()]).map_err(StoreError::corrupt)?;
                    any = true;
                }
                if any {
                    tx.conn().execute(&q).await?;
                }
            }
            Ok(())
        }
        .await;
        tx.finish(result).await
    }

    /// The most viewed stories visible at `now`, counting views from
    /// `since_hour` on, with their view counts, most viewed first.
    pub async fn most_viewed(&self, since_hour: i64, now: Timestamp, limit: u32) -> Result<Vec<(StoryId, i64)>> {
        let total = Expr::cust("CAST(SUM(story_views.views) AS BIGINT)");
        let q = Query::select()
            .column(("story_views", "story_id"))
            .expr_as(total.clone(), "total")
            .from("story_views")
            .inner_join("stories", Expr::col(("stories", "id")).equals(("story_views", "story_id")))
            .and_where(Expr::col(("story_views", "hour")).gte(since_hour))
            .and_where(Expr::col(("stories", "listed_at")).lte(ms(now)))
            .group_by_col(("story_views", "story_id"))
            .order_by_expr(total, Order::Desc)
            .order_by(("story_views", "story_id"), Order::Desc)
            .limit(u64::from(limit))
            .to_owned();
        let mut h = self.pool.handle().await?;
        let rows: Vec<(i64, i64)> = h.conn().all(&q).await?;
        Ok(rows.into_iter().map(|(id, n)| (StoryId(id), n)).collect())
    }

    /// The site's settings, or the defaults if none were saved.
    pub async fn settings(&self) -> Result<SiteSettings> {
        let q = Query::select().column("value").from("settings").and_where(Expr::col("key").eq("site")).to_owned();
        let mut h = self.pool.handle().await?;
        match h.conn().optional::<(String,)>(&q).await? {
            Some((json,)) => serde_json::from_str(&json).map_err(StoreError::corrupt),
            None => Ok(SiteSettings::default()),
        }
    }

    pub async fn save_settings(&self, s: &SiteSettings) -> Result<SiteSettings> {
        let s = s.validate()?;
        let json = serde_json::to_string(&s).map_err(StoreError::corrupt)?;
        let q = Query::insert()
            .into_table("settings")
            .columns(["key", "value"])
            .values(["site".into(), json.into()])
            .map_err(StoreError::corrupt)?
            .on_conflict(OnConflict::column("key").update_column("value").to_owned())
            .to_owned();
        let mut h = self.pool.handle().await?;
        h.conn().execute(&q).await?;
        Ok(s)
    }
}
