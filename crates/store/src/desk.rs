//! The newsroom's view of stories: every status, filtered, searched and
//! sorted, a page at a time.

use newsdesk_domain::{AuthorId, MediaId, StoryId, StoryKind, StoryListItem, StoryStatus, TagId, UserId};
use sea_query::{Expr, ExprTrait, Func, Order, Query, SelectStatement};

use crate::{Result, Store, StoreError, db::db_row, from_ms, stories::parse_ids};

/// How the newsroom's story list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DeskSort {
    /// Last edited first.
    #[default]
    Updated,
    /// Newest publication time first; drafts last.
    Published,
    /// By headline, A to Z.
    Headline,
}

/// Which stories the newsroom's list shows.
#[derive(Clone, Debug, Default)]
pub struct DeskFilter {
    pub status: Option<StoryStatus>,
    pub kind: Option<StoryKind>,
    pub author: Option<AuthorId>,
    pub tag: Option<TagId>,
    /// Words the headline contains, case-insensitively.
    pub search: Option<String>,
    /// Only stories this account started or is a byline of.
    pub own: Option<(UserId, Option<AuthorId>)>,
    /// Only drafts sent for review: the editors' queue.
    pub in_review: bool,
    /// Only stories that show this image, as hero or in the body.
    pub uses_media: Option<MediaId>,
    /// The trash instead of the stories outside it.
    pub trash: bool,
    pub sort: DeskSort,
}

db_row! {
    struct DeskRow {
        id: i64,
        slug: String,
        kind: String,
        status: String,
        headline: String,
        featured: bool,
        published_at: Option<i64>,
        updated_at: i64,
        author_ids: String,
        tag_ids: String,
        submitted_at: Option<i64>,
        created_by: Option<i64>,
        deleted_at: Option<i64>,
    }
}

/// `LIKE` pattern text with its wildcards taken literally.
pub(crate) fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

fn filtered(f: &DeskFilter) -> SelectStatement {
    let mut q = Query::select().from("stories").to_owned();
    q.and_where(if f.trash {
        Expr::col(("stories", "deleted_at")).is_not_null()
    } else {
        Expr::col(("stories", "deleted_at")).is_null()
    });
    if let Some(s) = f.status {
        q.and_where(Expr::col(("stories", "status")).eq(s.as_str()));
    }
    if let Some(k) = f.kind {
        q.and_where(Expr::col(("stories", "kind")).eq(k.as_str()));
    }
    if let Some(a) = f.author {
        q.and_where(
            Expr::col(("stories", "id")).in_subquery(
                Query::select()
                    .column("story_id")
                    .from("story_authors")
                    .and_where(Expr::col("author_id").eq(a.0))
                    .to_owned(),
            ),
        );
    }
    if let Some(t) = f.tag {
        q.and_where(Expr::col(("stories", "id")).in_subquery(
            Query::select().column("story_id").from("story_tags").and_where(Expr::col("tag_id").eq(t.0)).to_owned(),
        ));
    }
    if f.in_review {
        q.and_where(Expr::col(("stories", "submitted_at")).is_not_null());
        q.and_where(Expr::col(("stories", "status")).eq(StoryStatus::Draft.as_str()));
    }
    if let Some(m) = f.uses_media {
        q.and_where(Expr::col(("stories", "hero_id")).eq(m.0).or(Expr::col(("stories", "id")).in_subquery(
            Query::select().column("story_id").from("story_media").and_where(Expr::col("media_id").eq(m.0)).to_owned(),
        )));
    }
    if let Some(words) = f.search.as_deref() {
        for word in words.split_whitespace().take(8) {
            let pattern = format!("%{}%", like_escape(&word.to_lowercase()));
            q.and_where(
                Expr::expr(Func::lower(Expr::col(("stories", "headline"))))
                    .like(sea_query::LikeExpr::new(pattern).escape('\\')),
            );
        }
    }
    if let Some((user, author)) = f.own {
        let mine = Expr::col(("stories", "created_by")).eq(user.0);
        match author {
            Some(a) => q.and_where(
                mine.or(Expr::col(("stories", "id")).in_subquery(
                    Query::select()
                        .column("story_id")
                        .from("story_authors")
                        .and_where(Expr::col("author_id").eq(a.0))
                        .to_owned(),
                )),
            ),
            None => q.and_where(mine),
        };
    }
    q
}

impl Store {
    /// One page of the newsroom's story list, and how many stories match.
    pub async fn desk_stories(&self, f: &DeskFilter, page: u32, per_page: u32) -> Result<(Vec<StoryListItem>, i64)> {
        let mut count = filtered(f);
        count.expr(Expr::col(("stories", "id")).count());
        let mut q = filtered(f);
        q.columns(DeskRow::COLUMNS.iter().map(|c| ("stories", *c)));
        match f.sort {
            DeskSort::Updated => q.order_by(("stories", "updated_at"), Order::Desc),
            DeskSort::Published => {
                q.order_by_with_nulls(("stories", "published_at"), Order::Desc, sea_query::NullOrdering::Last)
            }
            DeskSort::Headline => q.order_by(("stories", "headline"), Order::Asc),
        };
        q.order_by(("stories", "id"), Order::Desc)
            .limit(u64::from(per_page))
            .offset(u64::from(page.saturating_sub(1)) * u64::from(per_page));
        let mut h = self.pool.handle().await?;
        let (total,): (i64,) = h.conn().one(&count).await?;
        let rows: Vec<DeskRow> = h.conn().all(&q).await?;
        let items = rows
            .into_iter()
            .map(|r| {
                Ok(StoryListItem {
                    id: StoryId(r.id),
                    slug: newsdesk_domain::Slug::parse(&r.slug).map_err(StoreError::corrupt)?,
                    kind: r.kind.parse().map_err(StoreError::corrupt)?,
                    status: r.status.parse().map_err(StoreError::corrupt)?,
                    headline: r.headline,
                    featured: r.featured,
                    published_at: r.published_at.map(from_ms).transpose()?,
                    updated_at: from_ms(r.updated_at)?,
                    authors: parse_ids(&r.author_ids, AuthorId)?,
                    tags: parse_ids(&r.tag_ids, TagId)?,
                    submitted_at: r.submitted_at.map(from_ms).transpose()?,
                    created_by: r.created_by.map(UserId),
                    deleted_at: r.deleted_at.map(from_ms).transpose()?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok((items, total))
    }
}
