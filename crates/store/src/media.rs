//! The media library: images, the words around them, and which stories
//! use them.

use newsdesk_domain::{Media, MediaId, MediaInput, MediaText, Timestamp, UserId, ValidationError};
use sea_query::{Expr, ExprTrait, Func, Order, Query};

use crate::{
    Result, Store, StoreError, db::db_row, desk::like_escape, error::slug_conflict, from_ms, ms, people::select,
};

db_row! {
    struct MediaRow {
        id: i64,
        path: String,
        mime: String,
        width: i64,
        height: i64,
        alt: String,
        caption: String,
        credit: String,
        variants: String,
        webp: bool,
        bytes: i64,
        original_name: String,
        uploaded_by: Option<i64>,
        created_at: i64,
    }
}

impl MediaRow {
    fn into_media(self) -> Result<Media> {
        let dim = |v: i64| u32::try_from(v).map_err(|_| StoreError::corrupt(format!("image size {v}")));
        let variants = self
            .variants
            .split(',')
            .filter(|w| !w.is_empty())
            .map(|w| w.parse().map_err(|_| StoreError::corrupt(format!("image variants {:?}", self.variants))))
            .collect::<Result<Vec<u32>>>()?;
        Ok(Media {
            id: MediaId(self.id),
            path: self.path,
            mime: self.mime,
            width: dim(self.width)?,
            height: dim(self.height)?,
            alt: self.alt,
            caption: self.caption,
            credit: self.credit,
            variants,
            webp: self.webp,
            bytes: u64::try_from(self.bytes).unwrap_or(0),
            original_name: self.original_name,
            uploaded_by: self.uploaded_by.map(UserId),
            created_at: from_ms(self.created_at)?,
        })
    }
}

/// Which images the library shows.
#[derive(Clone, Debug, Default)]
pub struct MediaFilter {
    /// Words the alt text, caption, credit or file name contain.
    pub search: Option<String>,
    /// Only images older than this one (the next page).
    pub before: Option<MediaId>,
}

impl Store {
    pub async fn create_media(&self, m: &MediaInput, by: Option<UserId>, now: Timestamp) -> Result<Media> {
        let m = m.validate()?;
        let variants = m.variants.iter().map(u32::to_string).collect::<Vec<_>>().join(",");
        let q = Query::insert()
            .into_table("media")
            .columns([
                "path",
                "mime",
                "width",
                "height",
                "alt",
                "caption",
                "credit",
                "variants",
                "webp",
                "bytes",
                "original_name",
                "uploaded_by",
                "created_at",
            ])
            .values([
                m.path.clone().into(),
                m.mime.clone().into(),
                i64::from(m.width).into(),
                i64::from(m.height).into(),
                m.alt.clone().into(),
                m.caption.clone().into(),
                m.credit.clone().into(),
                variants.into(),
                m.webp.into(),
                i64::try_from(m.bytes).unwrap_or(i64::MAX).into(),
                m.original_name.clone().into(),
                by.map(|u| u.0).into(),
                ms(now).into(),
            ])
            .map_err(StoreError::corrupt)?
            .returning_col("id")
            .to_owned();
        let mut h = self.pool.handle().await?;
        let (id,): (i64,) = h.conn().one(&q).await.map_err(|e| slug_conflict(e, &m.path, "media file"))?;
        Ok(Media {
            id: MediaId(id),
            path: m.path,
            mime: m.mime,
            width: m.width,
            height: m.height,
            alt: m.alt,
            caption: m.caption,
            credit: m.credit,
            variants: m.variants,
            webp: m.webp,
            bytes: m.bytes,
            original_name: m.original_name,
            uploaded_by: by,
            created_at: now,
        })
    }

    /// Changes an image's alt text, caption and credit.
    pub async fn update_media_text(&self, id: MediaId, t: &MediaText) -> Result<()> {
        let t = t.validate()?;
        let q = Query::update()
            .table("media")
            .values([
                ("alt", Expr::value(t.alt.clone())),
                ("caption", Expr::value(t.caption.clone())),
                ("credit", Expr::value(t.credit.clone())),
            ])
            .and_where(Expr::col("id").eq(id.0))
            .to_owned();
        let mut h = self.pool.handle().await?;
        match h.conn().execute(&q).await? {
            0 => Err(StoreError::NotFound("image")),
            _ => Ok(()),
        }
    }

    /// Deletes an image that nothing uses: no story (as hero or in its
    /// body) and no author's portrait. Returns what was deleted, so the
    /// caller can remove its files.
    pub async fn delete_media(&self, id: MediaId) -> Result<Media> {
        let mut tx = self.pool.begin().await?;
        let result: Result<_> = async {
            let q = select("media", MediaRow::COLUMNS).and_where(Expr::col("id").eq(id.0)).to_owned();
            let media = tx.conn().optional::<MediaRow>(&q).await?.ok_or(StoreError::NotFound("image"))?.into_media()?;
            let uses = [
                Query::select()
                    .expr(Expr::col("id").count())
                    .from("stories")
                    .and_where(Expr::col("hero_id").eq(id.0))
                    .to_owned(),
                Query::select()
                    .expr(Expr::col("story_id").count())
                    .from("story_media")
                    .and_where(Expr::col("media_id").eq(id.0))
                    .to_owned(),
                Query::select()
                    .expr(Expr::col("id").count())
                    .from("authors")
                    .and_where(Expr::col("avatar_id").eq(id.0))
                    .to_owned(),
            ];
            for q in uses {
                let (n,): (i64,) = tx.conn().one(&q).await?;
                if n > 0 {
                    return Err(StoreError::Invalid(ValidationError::Invalid {
                        field: "image",
                        reason: "it is still used by a story or an author's profile; remove it there first",
                    }));
                }
            }
            let q = Query::delete().from_table("media").and_where(Expr::col("id").eq(id.0)).to_owned();
            tx.conn().execute(&q).await?;
            Ok(media)
        }
        .await;
        tx.finish(result).await
    }

    pub async fn media(&self, id: MediaId) -> Result<Option<Media>> {
        let q = select("media", MediaRow::COLUMNS).and_where(Expr::col("id").eq(id.0)).to_owned();
        let mut h = self.pool.handle().await?;
        h.conn().optional::<MediaRow>(&q).await?.map(MediaRow::into_media).transpose()
    }

    /// A page of the library, newest first.
    pub async fn media_library(&self, f: &MediaFilter, limit: u32) -> Result<Vec<Media>> {
        let mut q = select("media", MediaRow::COLUMNS).order_by("id", Order::Desc).limit(u64::from(limit)).to_owned();
        if let Some(before) = f.before {
            q.and_where(Expr::col("id").lt(before.0));
        }
        if let Some(words) = f.search.as_deref() {
            for word in words.split_whitespace().take(8) {
                let pattern = format!("%{}%", like_escape(&word.to_lowercase()));
                let like = |col: &'static str| {
                    Expr::expr(Func::lower(Expr::col(col))).like(sea_query::LikeExpr::new(pattern.clone()).escape('\\'))
                };
                q.and_where(like("alt").or(like("caption")).or(like("credit")).or(like("original_name")));
            }
        }
        let mut h = self.pool.handle().await?;
        h.conn().all::<MediaRow>(&q).await?.into_iter().map(MediaRow::into_media).collect()
    }

    /// The newest media, newest first: the library's first page.
    pub async fn recent_media(&self, limit: u32) -> Result<Vec<Media>> {
        self.media_library(&MediaFilter::default(), limit).await
    }

    /// The media with these ids, in no particular order.
    pub async fn media_by_ids(&self, ids: &[MediaId]) -> Result<Vec<Media>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let q = select("media", MediaRow::COLUMNS).and_where(Expr::col("id").is_in(ids.iter().map(|i| i.0))).to_owned();
        let mut h = self.pool.reader().await?;
        h.conn().all::<MediaRow>(&q).await?.into_iter().map(MediaRow::into_media).collect()
    }

    /// The media stored at these paths (below `/content/images/`).
    pub async fn media_by_paths(&self, paths: &[String]) -> Result<Vec<Media>> {
        if paths.is_empty() {
            return Ok(Vec::new());
        }
        let q = select("media", MediaRow::COLUMNS).and_where(Expr::col("path").is_in(paths.iter().cloned())).to_owned();
        let mut h = self.pool.reader().await?;
        h.conn().all::<MediaRow>(&q).await?.into_iter().map(MediaRow::into_media).collect()
    }
}
