//! Ghost filters (NQL) on stories, built with the query builder: every value
//! is bound, fields are looked up in a fixed table, and relations
//! (`tag:`, `author:`, `primary_tag:`…) become subqueries on the link tables.

use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use newsdesk_domain::{
    ValidationError,
    nql::{Filter, Op, Value},
};
use sea_query::{Expr, ExprTrait, LikeExpr, Query};

use crate::{StoreError, desk::like_escape};

fn bad(message: String) -> StoreError {
    StoreError::Invalid(ValidationError::BadFilter(message))
}

/// What a post field is in the stories table.
enum Field {
    Text(&'static str),
    Number(&'static str),
    Bool(&'static str),
    Time(&'static str),
    /// Through a link table: (link table, its column, related table).
    Related {
        link: &'static str,
        col: &'static str,
        table: &'static str,
        primary: bool,
    },
}

fn field(name: &str) -> Result<Field, StoreError> {
    Ok(match name {
        "id" => Field::Number("id"),
        "slug" => Field::Text("slug"),
        "title" => Field::Text("headline"),
        "custom_excerpt" => Field::Text("standfirst"),
        "canonical_url" => Field::Text("canonical_url"),
        "featured" => Field::Bool("featured"),
        "reading_time" => Field::Number("reading_minutes"),
        "published_at" => Field::Time("published_at"),
        "updated_at" => Field::Time("updated_at"),
        "created_at" => Field::Time("created_at"),
        "tag" | "tags" | "tags.slug" => {
            Field::Related { link: "story_tags", col: "tag_id", table: "tags", primary: false }
        }
        "primary_tag" | "primary_tag.slug" => {
            Field::Related { link: "story_tags", col: "tag_id", table: "tags", primary: true }
        }
        "author" | "authors" | "authors.slug" => {
            Field::Related { link: "story_authors", col: "author_id", table: "authors", primary: false }
        }
        "primary_author" | "primary_author.slug" => {
            Field::Related { link: "story_authors", col: "author_id", table: "authors", primary: true }
        }
        other => {
            return Err(bad(format!(
                "cannot filter posts by {other:?}; use id, slug, title, custom_excerpt, featured, reading_time, \
                 published_at, updated_at, created_at, canonical_url, tag, author, primary_tag or primary_author"
            )));
        }
    })
}

fn time_ms(v: &Value, name: &str) -> Result<i64, StoreError> {
    let Value::Text(t) = v else { return Err(bad(format!("{name} takes a date, such as '2026-09-25 10:00:00'"))) };
    let t = t.trim();
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(t) {
        return Ok(d.timestamp_millis());
    }
    for f in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(t, f) {
            return Ok(Utc.from_utc_datetime(&d).timestamp_millis());
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default()).timestamp_millis());
    }
    Err(bad(format!("{name}: {t:?} is not a date; use '2026-09-25' or '2026-09-25 10:00:00'")))
}

fn compare(col: Expr, op: Op, v: sea_query::Value) -> Expr {
    match op {
        Op::Gt => col.gt(v),
        Op::Gte => col.gte(v),
        Op::Lt => col.lt(v),
        Op::Lte => col.lte(v),
        _ => col.eq(v),
    }
}

fn text_of(v: &Value) -> String {
    match v {
        Value::Text(t) => t.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
    }
}

/// One comparison of a field with a value.
fn condition(name: &str, op: Op, value: &Value) -> Result<Expr, StoreError> {
    let f = field(name)?;
    if *value == Value::Null {
        if op != Op::Eq {
            return Err(bad(format!("{name}: null can only be matched, not compared")));
        }
        return match f {
            Field::Text(c) | Field::Number(c) | Field::Bool(c) | Field::Time(c) => {
                Ok(Expr::col(("stories", c)).is_null())
            }
            Field::Related { .. } => Err(bad(format!("{name} cannot be null"))),
        };
    }
    Ok(match f {
        Field::Text(c) => {
            let col = Expr::col(("stories", c));
            let t = text_of(value);
            match op {
                Op::Eq => col.eq(t),
                Op::Contains => col.like(LikeExpr::new(format!("%{}%", like_escape(&t))).escape('\\')),
                Op::StartsWith => col.like(LikeExpr::new(format!("{}%", like_escape(&t))).escape('\\')),
                Op::EndsWith => col.like(LikeExpr::new(format!("%{}", like_escape(&t))).escape('\\')),
                other => compare(col, other, t.into()),
            }
        }
        Field::Number(c) => {
            let Value::Number(n) = value else { return Err(bad(format!("{name} takes a number"))) };
            if n.fract() != 0.0 || !n.is_finite() {
                return Err(bad(format!("{name} takes a whole number")));
            }
            if matches!(op, Op::Contains | Op::StartsWith | Op::EndsWith) {
                return Err(bad(format!("{name} is a number: use :, :>, :>=, :< or :<=")));
            }
            compare(Expr::col(("stories", c)), op, (*n as i64).into())
        }
        Field::Bool(c) => {
            let Value::Bool(b) = value else { return Err(bad(format!("{name} takes true or false"))) };
            if op != Op::Eq {
                return Err(bad(format!("{name} is true or false: use {name}:true or {name}:false")));
            }
            Expr::col(("stories", c)).eq(*b)
        }
        Field::Time(c) => {
            if matches!(op, Op::Contains | Op::StartsWith | Op::EndsWith) {
                return Err(bad(format!("{name} is a date: use :, :>, :>=, :< or :<=")));
            }
            compare(Expr::col(("stories", c)), op, time_ms(value, name)?.into())
        }
        Field::Related { link, col, table, primary } => {
            if op != Op::Eq {
                return Err(bad(format!("{name} matches a slug: use {name}:slug or {name}:[a,b]")));
            }
            related(link, col, table, primary, vec![text_of(value)])
        }
    })
}

/// `stories.id IN (the stories linked to a tag or author with these slugs)`.
fn related(link: &'static str, col: &'static str, table: &'static str, primary: bool, slugs: Vec<String>) -> Expr {
    let mut sub = Query::select()
        .column((link, "story_id"))
        .from(link)
        .inner_join(table, Expr::col((table, "id")).equals((link, col)))
        .and_where(Expr::col((table, "slug")).is_in(slugs))
        .to_owned();
    if primary {
        sub.and_where(Expr::col((link, "position")).eq(0));
    }
    Expr::col(("stories", "id")).in_subquery(sub)
}

/// The condition on `stories` that a filter stands for.
pub(crate) fn post_condition(f: &Filter) -> Result<Expr, StoreError> {
    Ok(match f {
        Filter::Compare { field: name, op, not, value } => {
            let c = condition(name, *op, value)?;
            if *not { c.not() } else { c }
        }
        Filter::In { field: name, not, values } => {
            let c = match field(name)? {
                Field::Related { link, col, table, primary } => {
                    related(link, col, table, primary, values.iter().map(text_of).collect())
                }
                _ => {
                    let mut parts = values.iter().map(|v| condition(name, Op::Eq, v));
                    let first = parts.next().ok_or_else(|| bad(format!("{name}:[] names nothing")))??;
                    parts.try_fold(first, |acc, c| c.map(|c| acc.or(c)))?
                }
            };
            if *not { c.not() } else { c }
        }
        Filter::And(parts) => {
            let mut it = parts.iter().map(post_condition);
            let first = it.next().ok_or_else(|| bad("an empty filter".into()))??;
            it.try_fold(first, |acc, c| c.map(|c| acc.and(c)))?
        }
        Filter::Or(parts) => {
            let mut it = parts.iter().map(post_condition);
            let first = it.next().ok_or_else(|| bad("an empty filter".into()))??;
            it.try_fold(first, |acc, c| c.map(|c| acc.or(c)))?
        }
    })
}
