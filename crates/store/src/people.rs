//! Authors, tags and media: the things stories point to.

use newsdesk_domain::{Author, AuthorId, MediaId, Slug, Tag, TagId, TagKind, Timestamp, ValidAuthor, ValidTag};
use sea_query::{Expr, ExprTrait, Order, Query, SelectStatement};

use crate::{Result, Store, StoreError, db::db_row, error::slug_conflict, ms};

db_row! {
    struct AuthorRow {
        id: i64,
        slug: String,
        name: String,
        role_title: String,
        bio: String,
        avatar_id: Option<i64>,
        website: Option<String>,
        email: Option<String>,
    }
}

impl AuthorRow {
    fn into_author(self) -> Result<Author> {
        Ok(Author {
            id: AuthorId(self.id),
            slug: Slug::parse(&self.slug).map_err(StoreError::corrupt)?,
            name: self.name,
            role_title: self.role_title,
            bio: self.bio,
            avatar: self.avatar_id.map(MediaId),
            website: self.website,
            email: self.email,
        })
    }
}

db_row! {
    struct TagRow {
        id: i64,
        slug: String,
        name: String,
        kind: String,
        description: String,
    }
}

impl TagRow {
    fn into_tag(self) -> Result<Tag> {
        Ok(Tag {
            id: TagId(self.id),
            slug: Slug::parse(&self.slug).map_err(StoreError::corrupt)?,
            name: self.name,
            kind: self.kind.parse::<TagKind>().map_err(StoreError::corrupt)?,
            description: self.description,
        })
    }
}

pub(crate) fn select(table: &'static str, columns: &[&'static str]) -> SelectStatement {
    Query::select().columns(columns.iter().copied()).from(table).to_owned()
}

impl Store {
    pub async fn create_author(&self, a: &ValidAuthor, now: Timestamp) -> Result<Author> {
        let q = Query::insert()
            .into_table("authors")
            .columns(["slug", "name", "role_title", "bio", "avatar_id", "website", "email", "created_at"])
            .values([
                a.slug.as_str().into(),
                a.name.clone().into(),
                a.role_title.clone().into(),
                a.bio.clone().into(),
                a.avatar.map(|m| m.0).into(),
                a.website.clone().into(),
                a.email.clone().into(),
                ms(now).into(),
            ])
            .map_err(StoreError::corrupt)?
            .returning_col("id")
            .to_owned();
        let mut h = self.pool.handle().await?;
        let (id,): (i64,) = h.conn().one(&q).await.map_err(|e| slug_conflict(e, a.slug.as_str(), "author"))?;
        Ok(a.clone().into_author(AuthorId(id)))
    }

    pub async fn author_by_slug(&self, slug: &str) -> Result<Option<Author>> {
        let q = select("authors", AuthorRow::COLUMNS).and_where(Expr::col("slug").eq(slug)).to_owned();
        let mut h = self.pool.handle().await?;
        h.conn().optional::<AuthorRow>(&q).await?.map(AuthorRow::into_author).transpose()
    }

    /// Every author, by name.
    pub async fn authors(&self) -> Result<Vec<Author>> {
        let q = select("authors", AuthorRow::COLUMNS).order_by("name", Order::Asc).to_owned();
        let mut h = self.pool.handle().await?;
        h.conn().all::<AuthorRow>(&q).await?.into_iter().map(AuthorRow::into_author).collect()
    }

    pub async fn create_tag(&self, t: &ValidTag, now: Timestamp) -> Result<Tag> {
        let q = Query::insert()
            .into_table("tags")
            .columns(["slug", "name", "kind", "description", "created_at"])
            .values([
                t.slug.as_str().into(),
                t.name.clone().into(),
                t.kind.as_str().into(),
                t.description.clone().into(),
                ms(now).into(),
            ])
            .map_err(StoreError::corrupt)?
            .returning_col("id")
            .to_owned();
        let mut h = self.pool.handle().await?;
        let (id,): (i64,) = h.conn().one(&q).await.map_err(|e| slug_conflict(e, t.slug.as_str(), "tag"))?;
        Ok(Tag {
            id: TagId(id),
            slug: t.slug.clone(),
            name: t.name.clone(),
            kind: t.kind,
            description: t.description.clone(),
        })
    }

    pub async fn tag_by_slug(&self, slug: &str) -> Result<Option<Tag>> {
        let q = select("tags", TagRow::COLUMNS).and_where(Expr::col("slug").eq(slug)).to_owned();
        let mut h = self.pool.handle().await?;
        h.conn().optional::<TagRow>(&q).await?.map(TagRow::into_tag).transpose()
    }

    /// The tags with these ids, in no particular order.
    pub async fn tags_by_ids(&self, ids: &[TagId]) -> Result<Vec<Tag>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let q = select("tags", TagRow::COLUMNS).and_where(Expr::col("id").is_in(ids.iter().map(|i| i.0))).to_owned();
        let mut h = self.pool.handle().await?;
        h.conn().all::<TagRow>(&q).await?.into_iter().map(TagRow::into_tag).collect()
    }

    /// Every tag, by name.
    pub async fn tags(&self) -> Result<Vec<Tag>> {
        let q = select("tags", TagRow::COLUMNS).order_by("name", Order::Asc).to_owned();
        let mut h = self.pool.handle().await?;
        h.conn().all::<TagRow>(&q).await?.into_iter().map(TagRow::into_tag).collect()
    }

    /// Changes an author's profile; a taken slug is refused.
    pub async fn update_author(&self, id: AuthorId, a: &ValidAuthor) -> Result<Author> {
        let q = Query::update()
            .table("authors")
            .values([
                ("slug", Expr::value(a.slug.as_str())),
                ("name", Expr::value(a.name.clone())),
                ("role_title", Expr::value(a.role_title.clone())),
                ("bio", Expr::value(a.bio.clone())),
                ("avatar_id", Expr::value(a.avatar.map(|m| m.0))),
                ("website", Expr::value(a.website.clone())),
                ("email", Expr::value(a.email.clone())),
            ])
            .and_where(Expr::col("id").eq(id.0))
            .to_owned();
        let mut h = self.pool.handle().await?;
        match h.conn().execute(&q).await.map_err(|e| slug_conflict(e, a.slug.as_str(), "author"))? {
            0 => Err(StoreError::NotFound("author")),
            _ => Ok(a.clone().into_author(id)),
        }
    }

    /// Changes a tag; a taken slug is refused.
    pub async fn update_tag(&self, id: TagId, t: &ValidTag) -> Result<Tag> {
        let q = Query::update()
            .table("tags")
            .values([
                ("slug", Expr::value(t.slug.as_str())),
                ("name", Expr::value(t.name.clone())),
                ("kind", Expr::value(t.kind.as_str())),
                ("description", Expr::value(t.description.clone())),
            ])
            .and_where(Expr::col("id").eq(id.0))
            .to_owned();
        let mut h = self.pool.handle().await?;
        match h.conn().execute(&q).await.map_err(|e| slug_conflict(e, t.slug.as_str(), "tag"))? {
            0 => Err(StoreError::NotFound("tag")),
            _ => Ok(Tag {
                id,
                slug: t.slug.clone(),
                name: t.name.clone(),
                kind: t.kind,
                description: t.description.clone(),
            }),
        }
    }
}
