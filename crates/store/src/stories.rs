//! Stories: writing them (with their authors and tags, in one transaction)
//! and reading them back as whole stories or as summaries for lists.

use std::collections::HashMap;

use newsdesk_domain::{
    AuthorId, Cursor, MediaId, NoteKind, RenderedStory, Revision, Seo, Slug, Story, StoryId, StoryKind, StoryNote,
    StorySnapshot, StoryStatus, StorySummary, TagId, Timestamp, UserId, ValidationError,
};
use sea_query::{Expr, ExprTrait, Order, Query, SelectStatement};

use crate::{
    Result, Store, StoreError,
    db::{Conn, Tx, db_row},
    error::slug_conflict,
    from_ms, ms,
};

/// How to find one story.
#[derive(Clone, Copy, Debug)]
pub enum StoryKey<'a> {
    Id(StoryId),
    Slug(&'a str),
}

/// How the Content API orders posts; `true` is ascending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostOrder {
    Published(bool),
    Updated(bool),
    Title(bool),
}

impl Default for PostOrder {
    /// Newest first.
    fn default() -> Self {
        PostOrder::Published(false)
    }
}

/// A newest-first list of visible stories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Listing {
    All,
    Kind(StoryKind),
    Tag(TagId),
    Author(AuthorId),
}

db_row! {
    struct SummaryRow {
        author_ids: String,
        tag_ids: String,
        id: i64,
        slug: String,
        kind: String,
        headline: String,
        standfirst: String,
        reading_minutes: i64,
        featured: bool,
        hero_id: Option<i64>,
        video_url: Option<String>,
        published_at: Option<i64>,
        updated_at: i64,
    }
}

db_row! {
    struct StoryRow {
        author_ids: String,
        tag_ids: String,
        id: i64,
        slug: String,
        kind: String,
        status: String,
        headline: String,
        standfirst: String,
        body_source: String,
        body_html: String,
        reading_minutes: i64,
        featured: bool,
        hero_id: Option<i64>,
        video_url: Option<String>,
        meta_title: String,
        meta_description: String,
        canonical_url: Option<String>,
        created_at: i64,
        updated_at: i64,
        published_at: Option<i64>,
        submitted_at: Option<i64>,
        created_by: Option<i64>,
        deleted_at: Option<i64>,
    }
}

/// Parses a comma-separated id list as stored in `author_ids`/`tag_ids`.
pub(crate) fn parse_ids<T>(list: &str, make: impl Fn(i64) -> T) -> Result<Vec<T>> {
    list.split(',')
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<i64>().map(&make).map_err(|_| StoreError::corrupt(format!("id list {list:?}"))))
        .collect()
}

fn join_ids(ids: impl Iterator<Item = i64>) -> String {
    ids.map(|i| i.to_string()).collect::<Vec<_>>().join(",")
}

fn minutes(v: i64) -> u32 {
    u32::try_from(Ord::max(v, 1)).unwrap_or(u32::MAX)
}

fn parse_slug(s: &str) -> Result<Slug> {
    Slug::parse(s).map_err(StoreError::corrupt)
}

/// What `listed_at` holds: the publication time, unless the story is a draft.
/// The listing time of a published or scheduled story in the trash: later
/// than any `now`, so no listing shows it, and not NULL, which the schema
/// keeps for drafts.
const TRASHED: i64 = i64::MAX;

fn listed_at(s: &RenderedStory) -> Option<i64> {
    match s.story.status {
        StoryStatus::Draft => None,
        _ => s.story.published_at.map(ms),
    }
}

fn visible(now: Timestamp) -> Expr {
    Expr::col("listed_at").lte(ms(now))
}

fn story_values(s: &RenderedStory) -> Vec<(&'static str, sea_query::Value)> {
    let v = &s.story;
    vec![
        ("slug", v.slug.as_str().into()),
        ("kind", v.kind.as_str().into()),
        ("status", v.status.as_str().into()),
        ("headline", v.headline.clone().into()),
        ("standfirst", v.standfirst.clone().into()),
        ("body_source", v.body_source.clone().into()),
        ("body_html", s.body_html.clone().into()),
        ("reading_minutes", i64::from(s.reading_minutes).into()),
        ("featured", v.featured.into()),
        ("hero_id", v.hero.map(|m| m.0).into()),
        ("video_url", v.video_url.clone().into()),
        ("meta_title", v.seo.meta_title.clone().into()),
        ("meta_description", v.seo.meta_description.clone().into()),
        ("canonical_url", v.seo.canonical_url.clone().into()),
        ("published_at", v.published_at.map(ms).into()),
        ("listed_at", listed_at(s).into()),
        ("author_ids", join_ids(v.authors.iter().map(|a| a.0)).into()),
        ("tag_ids", join_ids(v.tags.iter().map(|t| t.0)).into()),
    ]
}

impl Store {
    /// Saves a new story with its authors and tags. Unknown authors, tags or
    /// hero image and a taken slug are refused with a validation error, and
    /// nothing is written.
    pub async fn create_story(&self, s: &RenderedStory, now: Timestamp) -> Result<StoryId> {
        let mut tx = self.pool.begin().await?;
        let result: Result<_> = async {
            let id = insert_story(&mut tx, s, now).await?;
            Ok(id)
        }
        .await;
        tx.finish(result).await
    }

    /// Saves many stories in one transaction: all or none. For imports and
    /// generated archives: a story published before `now` is recorded as
    /// created and last updated at its publication time.
    pub async fn create_stories(&self, batch: &[RenderedStory], now: Timestamp) -> Result<Vec<StoryId>> {
        let mut tx = self.pool.begin().await?;
        let result: Result<_> = async {
            let mut ids = Vec::with_capacity(batch.len());
            for s in batch {
                let created = s.story.published_at.filter(|p| *p < now).unwrap_or(now);
                ids.push(insert_story(&mut tx, s, created).await?);
            }
            Ok(ids)
        }
        .await;
        tx.finish(result).await
    }

    /// Saves a large batch of stories fast, for imports and generated
    /// archives: multi-row inserts in one transaction, all or none. Unlike
    /// [`Store::create_stories`] it does not look up authors, tags and hero
    /// images first; the database's foreign keys still refuse unknown ones
    /// (and then nothing of the batch is written). Stories published before
    /// `now` are recorded as created and updated at their publication time.
    pub async fn import_stories(&self, batch: &[RenderedStory], now: Timestamp) -> Result<Vec<StoryId>> {
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        let mut tx = self.pool.begin().await?;
        let result: Result<_> = async {
            let mut ids: HashMap<String, i64> = HashMap::with_capacity(batch.len());
            // 18 columns a row: 500 rows stay well under both backends' limits
            // on bound parameters.
            for chunk in batch.chunks(500) {
                let mut q = Query::insert().into_table("stories").to_owned();
                let mut columns_set = false;
                for s in chunk {
                    let created = ms(s.story.published_at.filter(|p| *p < now).unwrap_or(now));
                    let mut values = story_values(s);
                    values.push(("created_at", created.into()));
                    values.push(("updated_at", created.into()));
                    let (cols, vals): (Vec<_>, Vec<_>) = values.into_iter().map(|(c, v)| (c, Expr::value(v))).unzip();
                    if !columns_set {
                        q.columns(cols);
                        columns_set = true;
                    }
                    q.values(vals).map_err(StoreError::corrupt)?;
                }
                q.returning(Query::returning().columns(["id", "slug"]));
                let rows: Vec<(i64, String)> =
                    tx.conn().all(&q).await.map_err(|e| slug_conflict(e, "(in this batch)", "story"))?;
                ids.extend(rows.into_iter().map(|(id, slug)| (slug, id)));
            }
            let mut out = Vec::with_capacity(batch.len());
            // (story, author or tag, position, listed_at) rows for the link tables.
            type LinkRow = (i64, i64, i64, Option<i64>);
            let mut links: [Vec<LinkRow>; 2] = [Vec::new(), Vec::new()];
            for s in batch {
                let id = *ids.get(s.story.slug.as_str()).ok_or_else(|| StoreError::corrupt("imported story lost"))?;
                out.push(StoryId(id));
                let listed = listed_at(s);
                for (pos, a) in s.story.authors.iter().enumerate() {
                    links[0].push((id, a.0, pos as i64, listed));
                }
                for (pos, t) in s.story.tags.iter().enumerate() {
                    links[1].push((id, t.0, pos as i64, listed));
                }
            }
            for ((table, col), rows) in
                [("story_authors", "author_id"), ("story_tags", "tag_id")].into_iter().zip(links)
            {
                for chunk in rows.chunks(4000) {
                    let mut q = Query::insert()
                        .into_table(table)
                        .columns(["story_id", col, "position", "listed_at"])
                        .to_owned();
                    for (story, other, pos, listed) in chunk {
                        q.values([(*story).into(), (*other).into(), (*pos).into(), (*listed).into()])
                            .map_err(StoreError::corrupt)?;
                    }
                    tx.conn().execute(&q).await?;
                }
            }
            let shown: Vec<(i64, i64)> =
                batch.iter().zip(&out).flat_map(|(s, id)| s.images.iter().map(move |m| (id.0, m.0))).collect();
            for chunk in shown.chunks(4000) {
                let mut q = Query::insert().into_table("story_media").columns(["story_id", "media_id"]).to_owned();
                for (story, media) in chunk {
                    q.values([(*story).into(), (*media).into()]).map_err(StoreError::corrupt)?;
                }
                tx.conn().execute(&q).await?;
            }
            Ok(out)
        }
        .await;
        tx.finish(result).await
    }

    /// Replaces a story's fields, authors and tags.
    pub async fn update_story(&self, id: StoryId, s: &RenderedStory, now: Timestamp) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let result: Result<_> = async {
            check_references(&mut tx.conn(), s).await?;
            keep_baseline(&mut tx, id).await?;
            let mut values = story_values(s);
            values.push(("updated_at", ms(now).into()));
            let q = Query::update()
                .table("stories")
                .values(values.into_iter().map(|(c, v)| (c, Expr::value(v))))
                .and_where(Expr::col("id").eq(id.0))
                // A story in the trash is restored before it is changed.
                .and_where(Expr::col("deleted_at").is_null())
                .to_owned();
            let n = tx.conn().execute(&q).await.map_err(|e| slug_conflict(e, s.story.slug.as_str(), "story"))?;
            if n == 0 {
                return Err(StoreError::NotFound("story"));
            }
            for table in ["story_authors", "story_tags", "story_media"] {
                let q = Query::delete().from_table(table).and_where(Expr::col("story_id").eq(id.0)).to_owned();
                tx.conn().execute(&q).await?;
            }
            insert_links(&mut tx, id, s).await?;
            insert_revision(&mut tx, id, s, now).await?;
            Ok(())
        }
        .await;
        tx.finish(result).await
    }

    /// Puts a story in the trash: off every list and page at once (its
    /// listing times are cleared), everything else kept for a restore.
    /// Returns the story as it was.
    pub async fn trash_story(&self, id: StoryId, by: Option<UserId>, now: Timestamp) -> Result<Story> {
        let mut tx = self.pool.begin().await?;
        let result: Result<_> = async {
            let story = story_in(&mut tx.conn(), StoryKey::Id(id)).await?.ok_or(StoreError::NotFound("story"))?;
            if story.deleted_at.is_some() {
                return Err(StoreError::Invalid(ValidationError::Invalid {
                    field: "story",
                    reason: "it is already in the trash",
                }));
            }
            // Drafts are listed nowhere already (NULL); anything else is
            // listed past the end of time, where no listing reaches.
            let listed = (story.status != StoryStatus::Draft).then_some(TRASHED);
            let q = Query::update()
                .table("stories")
                .values([
                    ("deleted_at", Expr::value(ms(now))),
                    ("deleted_by", Expr::value(by.map(|u| u.0))),
                    ("listed_at", Expr::value(listed)),
                ])
                .and_where(Expr::col("id").eq(id.0))
                .to_owned();
            tx.conn().execute(&q).await?;
            set_link_listing(&mut tx, id, listed).await?;
            Ok(story)
        }
        .await;
        tx.finish(result).await
    }

    /// Takes a story out of the trash as it was: a published story is
    /// listed again, a scheduled one waits for its time.
    pub async fn restore_story(&self, id: StoryId) -> Result<Story> {
        let mut tx = self.pool.begin().await?;
        let result: Result<_> = async {
            let mut story = story_in(&mut tx.conn(), StoryKey::Id(id)).await?.ok_or(StoreError::NotFound("story"))?;
            if story.deleted_at.is_none() {
                return Err(StoreError::Invalid(ValidationError::Invalid {
                    field: "story",
                    reason: "it is not in the trash",
                }));
            }
            let listed = match story.status {
                StoryStatus::Draft => None,
                _ => story.published_at.map(ms),
            };
            let q = Query::update()
                .table("stories")
                .values([
                    ("deleted_at", Expr::value(Option::<i64>::None)),
                    ("deleted_by", Expr::value(Option::<i64>::None)),
                    ("listed_at", Expr::value(listed)),
                ])
                .and_where(Expr::col("id").eq(id.0))
                .to_owned();
            tx.conn().execute(&q).await?;
            set_link_listing(&mut tx, id, listed).await?;
            story.deleted_at = None;
            Ok(story)
        }
        .await;
        tx.finish(result).await
    }

    /// Deletes for good the stories put in the trash before `before`, with
    /// their revisions and notes. Returns how many.
    pub async fn purge_trash(&self, before: Timestamp) -> Result<u64> {
        let q = Query::delete().from_table("stories").and_where(Expr::col("deleted_at").lt(ms(before))).to_owned();
        let mut h = self.pool.handle().await?;
        h.conn().execute(&q).await
    }

    /// Appends a correction or update to a story and moves its updated
    /// time, in one transaction.
    pub async fn add_note(
        &self,
        id: StoryId,
        kind: NoteKind,
        body: &str,
        by: Option<UserId>,
        now: Timestamp,
    ) -> Result<StoryNote> {
        let mut tx = self.pool.begin().await?;
        let result: Result<_> = async {
            let q = Query::update()
                .table("stories")
                .value("updated_at", ms(now))
                .and_where(Expr::col("id").eq(id.0))
                .to_owned();
            if tx.conn().execute(&q).await? == 0 {
                return Err(StoreError::NotFound("story"));
            }
            let q = Query::insert()
                .into_table("story_notes")
                .columns(["story_id", "kind", "body", "created_at", "created_by"])
                .values([id.0.into(), kind.as_str().into(), body.into(), ms(now).into(), by.map(|u| u.0).into()])
                .map_err(StoreError::corrupt)?
                .returning_col("id")
                .to_owned();
            let (note,): (i64,) = tx.conn().one(&q).await?;
            Ok(StoryNote { id: note, kind, body: body.to_owned(), created_at: now })
        }
        .await;
        tx.finish(result).await
    }

    /// A story's corrections and updates, oldest first.
    pub async fn notes(&self, id: StoryId) -> Result<Vec<StoryNote>> {
        let q = Query::select()
            .columns(NoteRow::COLUMNS.iter().copied())
            .from("story_notes")
            .and_where(Expr::col("story_id").eq(id.0))
            .order_by("id", Order::Asc)
            .to_owned();
        let mut h = self.pool.reader().await?;
        h.conn()
            .all::<NoteRow>(&q)
            .await?
            .into_iter()
            .map(|r| {
                Ok(StoryNote {
                    id: r.id,
                    kind: r.kind.parse().map_err(StoreError::corrupt)?,
                    body: r.body,
                    created_at: from_ms(r.created_at)?,
                })
            })
            .collect()
    }

    /// The story's revisions, newest first.
    pub async fn revisions(&self, id: StoryId) -> Result<Vec<Revision>> {
        let q = Query::select()
            .columns(RevisionRow::COLUMNS.iter().copied())
            .from("story_revisions")
            .and_where(Expr::col("story_id").eq(id.0))
            .order_by("id", Order::Desc)
            .to_owned();
        let mut h = self.pool.handle().await?;
        h.conn().all::<RevisionRow>(&q).await?.into_iter().map(RevisionRow::into_revision).collect()
    }

    /// The stories with these ids, in the order asked for (unknown ids are
    /// left out): one query for a page of the Content API.
    pub async fn stories(&self, ids: &[StoryId]) -> Result<Vec<Story>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let q = Query::select()
            .columns(StoryRow::COLUMNS.iter().copied())
            .from("stories")
            .and_where(Expr::col("id").is_in(ids.iter().map(|i| i.0)))
            .to_owned();
        let mut h = self.pool.reader().await?;
        let rows: Vec<StoryRow> = h.conn().all(&q).await?;
        let mut by_id: HashMap<StoryId, Story> =
            rows.into_iter().map(|r| r.into_story().map(|s| (s.id, s))).collect::<Result<_>>()?;
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }

    /// One story, whatever its status; callers decide who may see it.
    pub async fn story(&self, key: StoryKey<'_>) -> Result<Option<Story>> {
        let mut h = self.pool.reader().await?;
        story_in(&mut h.conn(), key).await
    }

    /// A page of a newest-first list of stories visible at `now`, continuing
    /// strictly after `after`. Keyset pagination: the cost of a page does not
    /// grow with its depth.
    pub async fn listing(
        &self,
        listing: Listing,
        now: Timestamp,
        after: Option<Cursor>,
        limit: u32,
    ) -> Result<Vec<Cursor>> {
        let (table, id_col, filter): (&str, &str, Option<Expr>) = match listing {
            Listing::All => ("stories", "id", None),
            Listing::Kind(k) => ("stories", "id", Some(Expr::col("kind").eq(k.as_str()))),
            Listing::Tag(t) => ("story_tags", "story_id", Some(Expr::col("tag_id").eq(t.0))),
            Listing::Author(a) => ("story_authors", "story_id", Some(Expr::col("author_id").eq(a.0))),
        };
        // The upper bound is the cursor's time when there is one: SQLite
        // seeks an index with a plain `<=` but would only filter with the
        // row-value comparison, scanning every newer row first.
        let upper = after.map_or(ms(now), |c| Ord::min(c.published_at_ms, ms(now)));
        let mut q = Query::select()
            .column("listed_at")
            .column(id_col)
            .from(table)
            .and_where(Expr::col("listed_at").lte(upper))
            .order_by("listed_at", Order::Desc)
            .order_by(id_col, Order::Desc)
            .limit(u64::from(limit))
            .to_owned();
        if let Some(f) = filter {
            q.and_where(f);
        }
        if let Some(c) = after {
            q.and_where(
                Expr::tuple([Expr::col("listed_at"), Expr::col(id_col)])
                    .lt(Expr::tuple([Expr::value(c.published_at_ms), Expr::value(c.id.0)])),
            );
        }
        let mut h = self.pool.reader().await?;
        let rows: Vec<(i64, i64)> = h.conn().all(&q).await?;
        Ok(rows.into_iter().map(|(ms, id)| Cursor { published_at_ms: ms, id: StoryId(id) }).collect())
    }

    /// A page of a newest-first list as summaries, in one query: the index
    /// range of the listing joined to the stories it names.
    pub async fn listing_summaries(
        &self,
        listing: Listing,
        now: Timestamp,
        after: Option<Cursor>,
        limit: u32,
    ) -> Result<Vec<StorySummary>> {
        let (table, id_col, filter): (&'static str, &'static str, Option<Expr>) = match listing {
            Listing::All => ("stories", "id", None),
            Listing::Kind(k) => ("stories", "id", Some(Expr::col(("stories", "kind")).eq(k.as_str()))),
            Listing::Tag(t) => ("story_tags", "story_id", Some(Expr::col(("story_tags", "tag_id")).eq(t.0))),
            Listing::Author(a) => {
                ("story_authors", "story_id", Some(Expr::col(("story_authors", "author_id")).eq(a.0)))
            }
        };
        let upper = after.map_or(ms(now), |c| Ord::min(c.published_at_ms, ms(now)));
        let mut q = Query::select()
            .columns(SummaryRow::COLUMNS.iter().map(|c| ("stories", *c)))
            .from(table)
            .and_where(Expr::col((table, "listed_at")).lte(upper))
            .order_by((table, "listed_at"), Order::Desc)
            .order_by((table, id_col), Order::Desc)
            .limit(u64::from(limit))
            .to_owned();
        if table != "stories" {
            q.inner_join("stories", Expr::col(("stories", "id")).equals((table, id_col)));
        }
        if let Some(f) = filter {
            q.and_where(f);
        }
        if let Some(c) = after {
            q.and_where(
                Expr::tuple([Expr::col((table, "listed_at")), Expr::col((table, id_col))])
                    .lt(Expr::tuple([Expr::value(c.published_at_ms), Expr::value(c.id.0)])),
            );
        }
        let mut h = self.pool.reader().await?;
        summaries_from(&mut h.conn(), &q).await
    }

    /// Summaries of these stories in the order given, leaving out any that
    /// do not exist or, when `visible_at` is given, are not visible then.
    pub async fn summaries(&self, ids: &[StoryId], visible_at: Option<Timestamp>) -> Result<Vec<StorySummary>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut q = summary_select();
        q.and_where(Expr::col("id").is_in(ids.iter().map(|i| i.0)));
        if let Some(now) = visible_at {
            q.and_where(visible(now));
        }
        let mut h = self.pool.reader().await?;
        let found = summaries_from(&mut h.conn(), &q).await?;
        let mut by_id: HashMap<StoryId, StorySummary> = found.into_iter().map(|s| (s.id, s)).collect();
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }

    /// A page of the visible stories matching a Ghost filter (if any),
    /// newest first, by offset (the Content API pages by number, as Ghost
    /// does), and how many match in all.
    pub async fn visible_page(
        &self,
        now: Timestamp,
        filter: Option<&newsdesk_domain::nql::Filter>,
        order: PostOrder,
        offset: u64,
        limit: u32,
    ) -> Result<(Vec<StoryId>, u64)> {
        let mut base =
            Query::select().from("stories").and_where(Expr::col(("stories", "listed_at")).lte(ms(now))).to_owned();
        if let Some(f) = filter {
            base.and_where(crate::nql::post_condition(f)?);
        }
        let mut count = base.clone();
        count.expr(Expr::col(("stories", "id")).count());
        let mut q = base;
        let (col, dir) = match order {
            PostOrder::Published(true) => ("listed_at", Order::Asc),
            PostOrder::Published(false) => ("listed_at", Order::Desc),
            PostOrder::Updated(true) => ("updated_at", Order::Asc),
            PostOrder::Updated(false) => ("updated_at", Order::Desc),
            PostOrder::Title(true) => ("headline", Order::Asc),
            PostOrder::Title(false) => ("headline", Order::Desc),
        };
        q.column(("stories", "id"))
            .order_by(("stories", col), dir.clone())
            .order_by(("stories", "id"), dir)
            .limit(u64::from(limit))
            .offset(offset);
        let mut h = self.pool.reader().await?;
        let (total,): (i64,) = h.conn().one(&count).await?;
        let rows: Vec<(i64,)> = h.conn().all(&q).await?;
        Ok((rows.into_iter().map(|(id,)| StoryId(id)).collect(), u64::try_from(total).unwrap_or(0)))
    }

    /// How many visible stories each tag (or author) has, for `count.posts`.
    pub async fn post_counts(&self, authors: bool, now: Timestamp) -> Result<HashMap<i64, u64>> {
        let (table, col) = if authors { ("story_authors", "author_id") } else { ("story_tags", "tag_id") };
        let q = Query::select()
            .column(col)
            .expr(Expr::col("story_id").count())
            .from(table)
            .and_where(Expr::col("listed_at").lte(ms(now)))
            .group_by_col(col)
            .to_owned();
        let mut h = self.pool.handle().await?;
        let rows: Vec<(i64, i64)> = h.conn().all(&q).await?;
        Ok(rows.into_iter().map(|(id, n)| (id, u64::try_from(n).unwrap_or(0))).collect())
    }

    /// How many stories readers can see at `now`.
    pub async fn visible_count(&self, now: Timestamp) -> Result<u64> {
        let q = Query::select()
            .expr(Expr::col("id").count())
            .from("stories")
            .and_where(Expr::col("listed_at").lte(ms(now)))
            .to_owned();
        let mut h = self.pool.reader().await?;
        let (n,): (i64,) = h.conn().one(&q).await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// The position of the `offset`-th visible story, newest first (from 1):
    /// where a later stretch of the whole list starts, for sitemaps split
    /// into files. Walks the listing index, not the stories.
    pub async fn listing_at(&self, now: Timestamp, offset: u64) -> Result<Option<Cursor>> {
        if offset == 0 {
            return Ok(None);
        }
        let q = Query::select()
            .columns(["listed_at", "id"])
            .from("stories")
            .and_where(Expr::col("listed_at").lte(ms(now)))
            .order_by("listed_at", Order::Desc)
            .order_by("id", Order::Desc)
            .limit(1)
            .offset(offset - 1)
            .to_owned();
        let mut h = self.pool.reader().await?;
        let row: Option<(i64, i64)> = h.conn().optional(&q).await?;
        Ok(row.map(|(ms, id)| Cursor { published_at_ms: ms, id: StoryId(id) }))
    }

    /// When each tag (or author) last had a story published, up to `now`:
    /// the `lastmod` of their pages in the sitemap. One statement, one index
    /// seek per tag (grouping would read every link row).
    pub async fn last_listed(&self, authors: bool, now: Timestamp) -> Result<HashMap<i64, Timestamp>> {
        let (owner, table, col) =
            if authors { ("authors", "story_authors", "author_id") } else { ("tags", "story_tags", "tag_id") };
        let newest = Query::select()
            .column((table, "listed_at"))
            .from(table)
            .and_where(Expr::col((table, col)).equals((owner, "id")))
            .and_where(Expr::col((table, "listed_at")).lte(ms(now)))
            .order_by((table, "listed_at"), Order::Desc)
            .limit(1)
            .to_owned();
        let q = Query::select()
            .column((owner, "id"))
            .expr(sea_query::Expr::SubQuery(None, Box::new(newest.into())))
            .from(owner)
            .to_owned();
        let mut h = self.pool.reader().await?;
        let rows: Vec<(i64, Option<i64>)> = h.conn().all(&q).await?;
        rows.into_iter().filter_map(|(id, at)| at.map(|at| from_ms(at).map(|t| (id, t)))).collect()
    }

    /// The rendered bodies of these stories, for feeds that carry full text.
    pub async fn bodies(&self, ids: &[StoryId]) -> Result<HashMap<StoryId, String>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let q = Query::select()
            .columns(["id", "body_html"])
            .from("stories")
            .and_where(Expr::col("id").is_in(ids.iter().map(|i| i.0)))
            .to_owned();
        let mut h = self.pool.reader().await?;
        let rows: Vec<(i64, String)> = h.conn().all(&q).await?;
        Ok(rows.into_iter().map(|(id, body)| (StoryId(id), body)).collect())
    }

    /// Summaries of the visible stories with these slugs, in no particular order.
    pub async fn summaries_by_slugs(&self, slugs: &[Slug], now: Timestamp) -> Result<Vec<StorySummary>> {
        if slugs.is_empty() {
            return Ok(Vec::new());
        }
        let mut q = summary_select();
        q.and_where(Expr::col("slug").is_in(slugs.iter().map(|s| s.as_str().to_owned())));
        q.and_where(visible(now));
        let mut h = self.pool.reader().await?;
        summaries_from(&mut h.conn(), &q).await
    }

    /// Scheduled stories whose publication time is in `(after_ms, until_ms]`:
    /// the ones that went live in that interval.
    pub async fn scheduled_between(&self, after_ms: i64, until_ms: i64) -> Result<Vec<Story>> {
        let q = Query::select()
            .column("id")
            .from("stories")
            .and_where(Expr::col("listed_at").gt(after_ms))
            .and_where(Expr::col("listed_at").lte(until_ms))
            .and_where(Expr::col("status").eq(StoryStatus::Scheduled.as_str()))
            .to_owned();
        let ids: Vec<(i64,)> = {
            let mut h = self.pool.handle().await?;
            h.conn().all(&q).await?
        };
        let mut out = Vec::with_capacity(ids.len());
        for (id,) in ids {
            if let Some(s) = self.story(StoryKey::Id(StoryId(id))).await? {
                out.push(s);
            }
        }
        Ok(out)
    }

    /// Puts a draft in the editors' review queue (`Some`) or takes it out.
    pub async fn set_submitted(&self, id: StoryId, at: Option<Timestamp>) -> Result<()> {
        let q = Query::update()
            .table("stories")
            .value("submitted_at", at.map(ms))
            .and_where(Expr::col("id").eq(id.0))
            .to_owned();
        let mut h = self.pool.handle().await?;
        match h.conn().execute(&q).await? {
            0 => Err(StoreError::NotFound("story")),
            _ => Ok(()),
        }
    }

    /// How many stories exist, in any status.
    pub async fn story_count(&self) -> Result<i64> {
        let q = Query::select().expr(Expr::col("id").count()).from("stories").to_owned();
        let mut h = self.pool.handle().await?;
        let (n,): (i64,) = h.conn().one(&q).await?;
        Ok(n)
    }
}

fn summary_select() -> SelectStatement {
    Query::select().columns(SummaryRow::COLUMNS.iter().copied()).from("stories").to_owned()
}

async fn summaries_from(c: &mut Conn<'_>, q: &SelectStatement) -> Result<Vec<StorySummary>> {
    let rows: Vec<SummaryRow> = c.all(q).await?;
    rows.into_iter()
        .map(|r| {
            Ok(StorySummary {
                id: StoryId(r.id),
                slug: parse_slug(&r.slug)?,
                kind: r.kind.parse().map_err(StoreError::corrupt)?,
                headline: r.headline,
                standfirst: r.standfirst,
                reading_minutes: minutes(r.reading_minutes),
                featured: r.featured,
                hero: r.hero_id.map(MediaId),
                video_url: r.video_url,
                published_at: from_ms(r.published_at.unwrap_or(r.updated_at))?,
                updated_at: from_ms(r.updated_at)?,
                authors: parse_ids(&r.author_ids, AuthorId)?,
                tags: parse_ids(&r.tag_ids, TagId)?,
            })
        })
        .collect()
}

async fn insert_story(tx: &mut Tx, s: &RenderedStory, now: Timestamp) -> Result<StoryId> {
    check_references(&mut tx.conn(), s).await?;
    let mut values = story_values(s);
    values.push(("created_at", ms(now).into()));
    values.push(("updated_at", ms(now).into()));
    values.push(("created_by", s.story.created_by.map(|u| u.0).into()));
    let (cols, vals): (Vec<_>, Vec<_>) = values.into_iter().map(|(c, v)| (c, Expr::value(v))).unzip();
    let q = Query::insert()
        .into_table("stories")
        .columns(cols)
        .values(vals)
        .map_err(StoreError::corrupt)?
        .returning_col("id")
        .to_owned();
    let (id,): (i64,) = tx.conn().one(&q).await.map_err(|e| slug_conflict(e, s.story.slug.as_str(), "story"))?;
    insert_links(tx, StoryId(id), s).await?;
    insert_revision(tx, StoryId(id), s, now).await?;
    Ok(StoryId(id))
}

/// One story, read on `c` (a transaction's connection, say).
async fn story_in(c: &mut Conn<'_>, key: StoryKey<'_>) -> Result<Option<Story>> {
    let mut q = Query::select().columns(StoryRow::COLUMNS.iter().copied()).from("stories").to_owned();
    match key {
        StoryKey::Id(id) => q.and_where(Expr::col("id").eq(id.0)),
        StoryKey::Slug(slug) => q.and_where(Expr::col("slug").eq(slug)),
    };
    let Some(row) = c.optional::<StoryRow>(&q).await? else { return Ok(None) };
    row.into_story().map(Some)
}

impl StoryRow {
    fn into_story(self) -> Result<Story> {
        let row = self;
        Ok(Story {
            id: StoryId(row.id),
            slug: parse_slug(&row.slug)?,
            kind: row.kind.parse().map_err(StoreError::corrupt)?,
            status: row.status.parse().map_err(StoreError::corrupt)?,
            headline: row.headline,
            standfirst: row.standfirst,
            body_source: row.body_source,
            body_html: row.body_html,
            reading_minutes: minutes(row.reading_minutes),
            featured: row.featured,
            hero: row.hero_id.map(MediaId),
            video_url: row.video_url,
            seo: Seo {
                meta_title: row.meta_title,
                meta_description: row.meta_description,
                canonical_url: row.canonical_url,
            },
            created_at: from_ms(row.created_at)?,
            updated_at: from_ms(row.updated_at)?,
            published_at: row.published_at.map(from_ms).transpose()?,
            authors: parse_ids(&row.author_ids, AuthorId)?,
            tags: parse_ids(&row.tag_ids, TagId)?,
            submitted_at: row.submitted_at.map(from_ms).transpose()?,
            created_by: row.created_by.map(UserId),
            deleted_at: row.deleted_at.map(from_ms).transpose()?,
        })
    }
}

/// Before the first revision of a story saved without one (imported, or
/// older than revisions), keeps what it was as a revision too, so the
/// first change can be compared and undone.
async fn keep_baseline(tx: &mut Tx, id: StoryId) -> Result<()> {
    let q = Query::select()
        .expr(Expr::col("id").count())
        .from("story_revisions")
        .and_where(Expr::col("story_id").eq(id.0))
        .to_owned();
    let (n,): (i64,) = tx.conn().one(&q).await?;
    if n > 0 {
        return Ok(());
    }
    let Some(before) = story_in(&mut tx.conn(), StoryKey::Id(id)).await? else { return Ok(()) };
    let snapshot = serde_json::to_string(&StorySnapshot::of_story(&before)).map_err(StoreError::corrupt)?;
    let q = Query::insert()
        .into_table("story_revisions")
        .columns(["story_id", "created_at", "created_by", "snapshot"])
        .values([id.0.into(), ms(before.updated_at).into(), Option::<i64>::None.into(), snapshot.into()])
        .map_err(StoreError::corrupt)?
        .to_owned();
    tx.conn().execute(&q).await?;
    Ok(())
}

db_row! {
    struct NoteRow {
        id: i64,
        kind: String,
        body: String,
        created_at: i64,
    }
}

db_row! {
    struct RevisionRow {
        id: i64,
        created_at: i64,
        created_by: Option<i64>,
        snapshot: String,
    }
}

impl RevisionRow {
    fn into_revision(self) -> Result<Revision> {
        Ok(Revision {
            id: self.id,
            created_at: from_ms(self.created_at)?,
            created_by: self.created_by.map(UserId),
            snapshot: serde_json::from_str(&self.snapshot).map_err(StoreError::corrupt)?,
        })
    }
}

db_row! {
    struct LastRevisionRow {
        id: i64,
        created_at: i64,
        created_by: Option<i64>,
        autosave: bool,
    }
}

/// How long one person's autosaves keep writing over the same revision.
const AUTOSAVE_WINDOW_MS: i64 = 10 * 60 * 1000;

/// Keeps what was saved as a revision, by whoever saved it. An autosave
/// writes over the story's latest revision when that was an autosave by the
/// same person less than ten minutes before, so typing leaves one revision
/// per stretch of work rather than one every few seconds.
async fn insert_revision(tx: &mut Tx, id: StoryId, s: &RenderedStory, now: Timestamp) -> Result<()> {
    let snapshot = serde_json::to_string(&StorySnapshot::of(&s.story)).map_err(StoreError::corrupt)?;
    let by = s.story.edited_by.or(s.story.created_by);
    if s.story.autosave {
        let q = Query::select()
            .columns(LastRevisionRow::COLUMNS.iter().copied())
            .from("story_revisions")
            .and_where(Expr::col("story_id").eq(id.0))
            .order_by("id", Order::Desc)
            .limit(1)
            .to_owned();
        let last: Option<LastRevisionRow> = tx.conn().optional(&q).await?;
        if let Some(LastRevisionRow { id: rev, created_at: at, created_by: last_by, autosave: true }) = last
            && last_by == by.map(|u| u.0)
            && ms(now) - at < AUTOSAVE_WINDOW_MS
        {
            let q = Query::update()
                .table("story_revisions")
                .values([("snapshot", Expr::value(snapshot)), ("created_at", Expr::value(ms(now)))])
                .and_where(Expr::col("id").eq(rev))
                .to_owned();
            tx.conn().execute(&q).await?;
            return Ok(());
        }
    }
    let q = Query::insert()
        .into_table("story_revisions")
        .columns(["story_id", "created_at", "created_by", "snapshot", "autosave"])
        .values([id.0.into(), ms(now).into(), by.map(|u| u.0).into(), snapshot.into(), s.story.autosave.into()])
        .map_err(StoreError::corrupt)?
        .to_owned();
    tx.conn().execute(&q).await?;
    Ok(())
}

/// Sets the listing time a story's author and tag links carry.
async fn set_link_listing(tx: &mut Tx, id: StoryId, listed: Option<i64>) -> Result<()> {
    for table in ["story_authors", "story_tags"] {
        let q = Query::update()
            .table(table)
            .value("listed_at", Expr::value(listed))
            .and_where(Expr::col("story_id").eq(id.0))
            .to_owned();
        tx.conn().execute(&q).await?;
    }
    Ok(())
}

async fn insert_links(tx: &mut Tx, id: StoryId, s: &RenderedStory) -> Result<()> {
    let listed = listed_at(s);
    let sets: [(&str, &str, Vec<i64>); 2] = [
        ("story_authors", "author_id", s.story.authors.iter().map(|a| a.0).collect()),
        ("story_tags", "tag_id", s.story.tags.iter().map(|t| t.0).collect()),
    ];
    for (table, col, others) in sets {
        if others.is_empty() {
            continue;
        }
        let mut q = Query::insert().into_table(table).columns(["story_id", col, "position", "listed_at"]).to_owned();
        for (pos, other) in others.into_iter().enumerate() {
            q.values([id.0.into(), other.into(), (pos as i64).into(), listed.into()]).map_err(StoreError::corrupt)?;
        }
        tx.conn().execute(&q).await?;
    }
    if !s.images.is_empty() {
        let mut q = Query::insert().into_table("story_media").columns(["story_id", "media_id"]).to_owned();
        for m in &s.images {
            q.values([id.0.into(), m.0.into()]).map_err(StoreError::corrupt)?;
        }
        tx.conn().execute(&q).await?;
    }
    Ok(())
}

/// Refuses a story that points to authors, tags or a hero image that do not
/// exist, naming the first one missing.
async fn check_references(c: &mut Conn<'_>, s: &RenderedStory) -> Result<()> {
    let v = &s.story;
    let checks: [(&str, &str, Vec<i64>); 3] = [
        ("authors", "author", v.authors.iter().map(|a| a.0).collect()),
        ("tags", "tag", v.tags.iter().map(|t| t.0).collect()),
        ("media", "hero image", v.hero.iter().map(|m| m.0).collect()),
    ];
    for (table, kind, ids) in checks {
        if ids.is_empty() {
            continue;
        }
        let q =
            Query::select().column("id").from(table).and_where(Expr::col("id").is_in(ids.iter().copied())).to_owned();
        let found: Vec<(i64,)> = c.all(&q).await?;
        if let Some(missing) = ids.iter().find(|id| !found.iter().any(|(f,)| f == *id)) {
            return Err(StoreError::Invalid(ValidationError::Unknown { kind, value: missing.to_string() }));
        }
    }
    Ok(())
}
