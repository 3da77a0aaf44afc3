//! The story editor and the workflow moves: save, send for review, publish
//! (now or at a time), unpublish. Plain forms; the services check who may.

use axum::{
    Form,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::{NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use minijinja::Value;
use newsdesk_domain::{
    Action, AuthorId, MediaId, NoteKind, Seo, Story, StoryId, StoryInput, StoryKind, StoryStatus, TagId, Timestamp,
};
use newsdesk_site::{
    SiteError,
    newsroom::{may_edit, may_publish},
};
use serde::Serialize;

use super::{
    auth::Signed,
    base,
    forms::{Fields, author_choices, field, ids, tag_choices, when},
    page,
};
use crate::{AppState, WebError};

/// How many images the hero picker offers, newest first.
const MEDIA_CHOICES: u32 = 200;

fn optional(s: &str) -> Option<String> {
    Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_owned)
}

/// The story the form describes. Status and time are not taken from it:
/// they change only through the workflow moves.
fn input_from(f: &Fields) -> Result<StoryInput, WebError> {
    let kind: StoryKind =
        field(f, "kind").parse().map_err(|e: newsdesk_domain::ValidationError| WebError::BadRequest(e.to_string()))?;
    let mut input = StoryInput::new(kind, field(f, "headline"), ids(f, "authors", AuthorId)?);
    input.slug = optional(field(f, "slug"));
    input.standfirst = field(f, "standfirst").to_owned();
    // Browsers send CRLF line ends from a textarea.
    input.body = field(f, "body").replace("\r\n", "\n");
    input.tags = ids(f, "tags", TagId)?;
    // The order the writer arranged bylines and tags in (the editor's
    // script sends it; a multiple choice list sends the list's order).
    input.authors = keep_order(&ids(f, "authors_order", AuthorId)?, &input.authors);
    input.tags = keep_order(&ids(f, "tags_order", TagId)?, &input.tags);
    input.hero = ids(f, "hero", MediaId)?.into_iter().next();
    input.video_url = optional(field(f, "video_url"));
    input.featured = !field(f, "featured").is_empty();
    input.seo = Seo {
        meta_title: field(f, "meta_title").to_owned(),
        meta_description: field(f, "meta_description").to_owned(),
        canonical_url: optional(field(f, "canonical_url")),
    };
    Ok(input)
}

#[derive(Serialize, Default)]
struct StoryForm {
    id: Option<i64>,
    headline: String,
    slug: String,
    kind: String,
    standfirst: String,
    body: String,
    video_url: String,
    featured: bool,
    meta_title: String,
    meta_description: String,
    canonical_url: String,
    status: String,
    stage: String,
    published: Option<String>,
    /// The publication time for the `datetime-local` field, in the site's zone.
    at: String,
    live_url: Option<String>,
    /// When it was put in the trash, and when it goes for good.
    trashed: Option<String>,
    purge: Option<String>,
}

#[derive(Serialize)]
struct MediaChoice {
    id: i64,
    label: String,
    thumb: String,
    selected: bool,
}

#[derive(Serialize, Default)]
struct Can {
    submit: bool,
    publish: bool,
    /// Add corrections and updates: editors, on stories readers can see.
    note: bool,
    /// Put it in the trash: whoever may edit it.
    delete: bool,
    /// Take it out of the trash: editors.
    restore: bool,
}

#[derive(Serialize)]
struct NoteView {
    label: &'static str,
    date: String,
    body: String,
}

fn form_of(input: &StoryInput) -> StoryForm {
    StoryForm {
        headline: input.headline.clone(),
        slug: input.slug.clone().unwrap_or_default(),
        kind: input.kind.as_str().to_owned(),
        standfirst: input.standfirst.clone(),
        body: input.body.clone(),
        video_url: input.video_url.clone().unwrap_or_default(),
        featured: input.featured,
        meta_title: input.seo.meta_title.clone(),
        meta_description: input.seo.meta_description.clone(),
        canonical_url: input.seo.canonical_url.clone().unwrap_or_default(),
        ..StoryForm::default()
    }
}

/// Renders the editor for `input` (of `story`, when it exists).
async fn editor(
    state: &AppState,
    signed: &Signed,
    story: Option<&Story>,
    input: &StoryInput,
    status: StatusCode,
    error: Option<String>,
    notice: Option<&str>,
) -> Result<Response, WebError> {
    let settings = state.site.settings();
    let tz = settings.tz();
    let mut form = form_of(input);
    let mut can = Can::default();
    if let Some(s) = story {
        form.id = Some(s.id.0);
        form.status = s.status.as_str().to_owned();
        form.stage = s.stage().to_owned();
        form.published = s.published_at.map(|p| when(p, tz));
        form.at = s.published_at.map(|p| p.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string()).unwrap_or_default();
        if s.is_visible(state.site.now()) {
            form.live_url = Some(format!("/{}/", s.slug));
        }
        let user = &signed.0.user;
        can.submit = s.status == StoryStatus::Draft && s.submitted_at.is_none() && may_edit(user, s);
        can.publish = may_publish(user, s);
        can.note = user.can(Action::EditAny) && s.status != StoryStatus::Draft;
        can.delete = may_edit(user, s);
        if let Some(t) = s.deleted_at {
            can = Can { restore: user.can(Action::EditAny), ..Can::default() };
            form.trashed = Some(when(t, tz));
            form.purge = Some(when(t + chrono::Duration::days(newsdesk_domain::TRASH_DAYS), tz));
            form.live_url = None;
        }
    }
    let notes: Vec<NoteView> = match story {
        Some(s) if can.note => state
            .site
            .store()
            .notes(s.id)
            .await
            .map_err(SiteError::from)?
            .into_iter()
            .map(|n| NoteView { label: n.kind.label(), date: when(n.created_at, tz), body: n.body })
            .collect(),
        _ => Vec::new(),
    };
    let authors = author_choices(state, &input.authors);
    let tags = tag_choices(state, &input.tags);
    let mut media = state.site.store().recent_media(MEDIA_CHOICES).await.map_err(SiteError::from)?;
    if let Some(h) = input.hero
        && !media.iter().any(|m| m.id == h)
    {
        media.extend(state.site.media(&[h]).await?);
    }
    let media = media
        .into_iter()
        // Vector drawings (avatars, logos) are no hero images; but one
        // already on the story stays listed, or saving would drop it.
        .filter(|m| m.mime != "image/svg+xml" || input.hero == Some(m.id))
        .map(|m| MediaChoice {
            selected: input.hero == Some(m.id),
            thumb: super::media::tile(&m).thumb,
            id: m.id.0,
            label: if m.alt.is_empty() {
                format!("{} (no alt text)", m.path)
            } else {
                format!("{} — {}", m.alt, m.path)
            },
        })
        .collect::<Vec<_>>();
    let title = if story.is_some() { "Edit story" } else { "New story" };
    // Where an upload from this page comes back to.
    let back = story.map_or("/admin/stories/new".to_owned(), |s| format!("/admin/stories/{}", s.id));
    let mut ctx = base(state, Some(&signed.0), &signed.0.csrf_token, "stories", title);
    ctx.extend([
        ("story", Value::from_serialize(&form)),
        ("action", Value::from(story.map_or("/admin/stories/new".to_owned(), |s| format!("/admin/stories/{}", s.id)))),
        ("kinds", Value::from_serialize(StoryKind::ALL.map(|k| k.as_str()))),
        ("authors", Value::from_serialize(&authors)),
        ("tags", Value::from_serialize(&tags)),
        ("hero_thumb", Value::from(media.iter().find(|m| m.selected).map(|m| m.thumb.clone()))),
        ("media", Value::from_serialize(&media)),
        ("back", Value::from(back.clone())),
        ("author_order", Value::from_serialize(input.authors.iter().map(|a| a.0).collect::<Vec<_>>())),
        ("tag_order", Value::from_serialize(input.tags.iter().map(|t| t.0).collect::<Vec<_>>())),
        ("site_base", Value::from(state.site.config().base_url.as_str().trim_end_matches('/').to_owned())),
        ("can_create_tags", Value::from(signed.0.can(Action::Curate))),
        ("serp_title", Value::from(cut([&input.seo.meta_title, &input.headline], "Headline", 60))),
        (
            "serp_text",
            Value::from(cut(
                [&input.seo.meta_description, &input.standfirst],
                "The standfirst, or a description written for search results.",
                160,
            )),
        ),
        (
            "library_url",
            Value::from(format!(
                "/admin/media?back={}",
                form_urlencoded::byte_serialize(back.as_bytes()).collect::<String>()
            )),
        ),
        ("can", Value::from_serialize(&can)),
        ("notes", Value::from_serialize(&notes)),
        ("timezone", Value::from(settings.timezone.clone())),
        ("error", Value::from(error)),
        ("notice", Value::from(notice)),
    ]);
    let mut res = page(state, "editor.html", ctx)?;
    *res.status_mut() = status;
    Ok(res)
}

/// A refused save shows the form again with what was typed and why.
fn refused(e: &SiteError) -> Option<(StatusCode, String)> {
    match e {
        SiteError::Invalid(v) => Some((StatusCode::BAD_REQUEST, v.to_string())),
        _ => None,
    }
}

const HERO_PICKED: &str = "Image uploaded and chosen as the hero image: save the story to keep it.";

pub(crate) async fn new_form(
    State(state): State<AppState>,
    signed: Signed,
    axum::extract::Query(n): axum::extract::Query<Notice>,
) -> Result<Response, WebError> {
    signed.require(Action::WriteOwn)?;
    let mut input = StoryInput::new(StoryKind::Article, "", signed.0.user.author.into_iter().collect());
    input.hero = n.hero.map(MediaId);
    let notice = n.hero.map(|_| HERO_PICKED);
    editor(&state, &signed, None, &input, StatusCode::OK, None, notice).await
}

pub(crate) async fn create(
    State(state): State<AppState>,
    signed: Signed,
    Form(f): Form<Fields>,
) -> Result<Response, WebError> {
    signed.require(Action::WriteOwn)?;
    let input = input_from(&f)?;
    match state.site.start_story(&signed.0.user, input.clone()).await {
        Ok(id) => Ok(Redirect::to(&format!("/admin/stories/{id}?saved=1")).into_response()),
        Err(e) => match refused(&e) {
            Some((status, message)) => editor(&state, &signed, None, &input, status, Some(message), None).await,
            None => Err(e.into()),
        },
    }
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct Notice {
    saved: Option<String>,
    published: Option<String>,
    /// An image just uploaded from the editor, to show as chosen.
    hero: Option<i64>,
    restored: Option<String>,
}

pub(crate) async fn edit_form(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    axum::extract::Query(n): axum::extract::Query<Notice>,
) -> Result<Response, WebError> {
    let story = state.site.story_for_editing(&signed.0.user, StoryId(id)).await?;
    let mut input = StoryInput::from_story(&story);
    if let Some(h) = n.hero {
        input.hero = Some(MediaId(h));
    }
    let notice = match (n.saved.is_some(), n.published.as_deref()) {
        _ if n.hero.is_some() => Some(HERO_PICKED),
        _ if n.restored.is_some() => Some("Restored from the trash, as it was when it was deleted."),
        (_, Some("scheduled")) => Some("Scheduled. It goes live at its publication time."),
        (_, Some(_)) => Some("Published. It is on the site now."),
        (true, None) => Some("Saved."),
        _ => None,
    };
    editor(&state, &signed, Some(&story), &input, StatusCode::OK, None, notice).await
}

/// The first of `texts` that is not empty (or `fallback`), cut to `max`
/// characters as a search engine would show it.
fn cut(texts: [&String; 2], fallback: &str, max: usize) -> String {
    let text = texts.into_iter().map(|t| t.trim()).find(|t| !t.is_empty()).unwrap_or(fallback);
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// A multiple choice list sends its picks in the list's order, not the
/// order they were picked in; so bylines and tags already on the story keep
/// their order and new ones go after them.
fn keep_order<T: PartialEq + Copy>(before: &[T], sent: &[T]) -> Vec<T> {
    let mut out: Vec<T> = before.iter().filter(|x| sent.contains(x)).copied().collect();
    out.extend(sent.iter().filter(|x| !before.contains(x)).copied());
    out
}

/// The story being edited and what its form sent. Without the order the
/// editor's script sends, bylines and tags already on the story keep theirs.
async fn edited(state: &AppState, signed: &Signed, id: StoryId, f: &Fields) -> Result<(Story, StoryInput), WebError> {
    let story = state.site.story_for_editing(&signed.0.user, id).await?;
    let mut input = input_from(f)?;
    if field(f, "authors_order").is_empty() {
        input.authors = keep_order(&story.authors, &input.authors);
    }
    if field(f, "tags_order").is_empty() {
        input.tags = keep_order(&story.tags, &input.tags);
    }
    Ok((story, input))
}

pub(crate) async fn save(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Result<Response, WebError> {
    let id = StoryId(id);
    let (story, input) = edited(&state, &signed, id, &f).await?;
    match state.site.save_story(&signed.0.user, id, input.clone()).await {
        Ok(()) => Ok(Redirect::to(&format!("/admin/stories/{id}?saved=1")).into_response()),
        Err(e) => match refused(&e) {
            Some((status, message)) => editor(&state, &signed, Some(&story), &input, status, Some(message), None).await,
            None => Err(e.into()),
        },
    }
}

/// `POST /admin/stories/{id}/autosave`: the editor's script saving a draft
/// as it is typed. Answers 204, or 422 with the reason as JSON.
pub(crate) async fn autosave(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Result<Response, WebError> {
    let id = StoryId(id);
    let (_, input) = edited(&state, &signed, id, &f).await?;
    match state.site.autosave_story(&signed.0.user, id, input).await {
        Ok(()) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(SiteError::Invalid(why)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            axum::Json(serde_json::json!({ "error": format!("Not saved automatically: {why}.") })),
        )
            .into_response()),
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    state.site.submit_for_review(&signed.0.user, StoryId(id)).await?;
    Ok(Redirect::to(&format!("/admin/stories/{id}?saved=1")).into_response())
}

/// A `datetime-local` value in the site's time zone, as an instant.
fn parse_local(value: &str, tz: Tz) -> Result<Option<Timestamp>, WebError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let bad =
        || WebError::BadRequest(format!("Publication time {value:?} is not a date and time such as 2026-11-27T14:30."));
    let naive = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| bad())?;
    // In the hour skipped when clocks go forward there is no such time; in the
    // repeated hour, the earlier one is meant.
    let local = tz.from_local_datetime(&naive).earliest().ok_or_else(bad)?;
    Ok(Some(local.with_timezone(&chrono::Utc)))
}

pub(crate) async fn publish(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Result<Response, WebError> {
    let at = parse_local(field(&f, "at"), state.site.settings().tz())?;
    let status = state.site.publish_story(&signed.0.user, StoryId(id), at).await?;
    Ok(Redirect::to(&format!("/admin/stories/{id}?published={status}")).into_response())
}

pub(crate) async fn unpublish(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    state.site.unpublish_story(&signed.0.user, StoryId(id)).await?;
    Ok(Redirect::to(&format!("/admin/stories/{id}?saved=1")).into_response())
}

/// `POST /admin/stories/preview`: the editor's form, unsaved, rendered with
/// the theme exactly as readers will see it (marked as a preview).
pub(crate) async fn preview(
    State(state): State<AppState>,
    signed: Signed,
    Form(f): Form<Fields>,
) -> Result<Response, WebError> {
    signed.require(Action::WriteOwn)?;
    let id = field(&f, "id").parse::<i64>().ok().map(StoryId);
    if let Some(id) = id {
        state.site.story_for_editing(&signed.0.user, id).await?;
    }
    let input = input_from(&f)?;
    let p = match state.site.preview_page(id, &input).await {
        Ok(p) => p,
        Err(SiteError::Invalid(why)) => {
            return Err(WebError::BadRequest(format!("Nothing to preview yet: {why}.")));
        }
        Err(e) => return Err(e.into()),
    };
    let html = crate::reader::story_html(&state, &p, true)?;
    Ok(([(axum::http::header::CACHE_CONTROL, "no-store")], axum::response::Html(html)).into_response())
}

/// `POST /admin/paste`: HTML pasted into the body (from Google Docs, Word
/// or a web page), as Markdown for the editor's script to insert.
pub(crate) async fn paste(signed: Signed, Form(f): Form<Fields>) -> Result<Response, WebError> {
    signed.require(Action::WriteOwn)?;
    let md = newsdesk_domain::paste::html_to_markdown(field(&f, "html"));
    Ok(([(axum::http::header::CONTENT_TYPE, "text/plain; charset=utf-8")], md).into_response())
}

pub(crate) async fn delete(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    state.site.trash_story(&signed.0.user, StoryId(id)).await?;
    Ok(Redirect::to("/admin/stories?deleted=1").into_response())
}

pub(crate) async fn restore(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    state.site.restore_story(&signed.0.user, StoryId(id)).await?;
    Ok(Redirect::to(&format!("/admin/stories/{id}?restored=1")).into_response())
}

pub(crate) async fn add_note(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Result<Response, WebError> {
    let kind: NoteKind =
        field(&f, "kind").parse().map_err(|e: newsdesk_domain::ValidationError| WebError::BadRequest(e.to_string()))?;
    state.site.add_note(&signed.0.user, StoryId(id), kind, field(&f, "body")).await?;
    Ok(Redirect::to(&format!("/admin/stories/{id}?saved=1")).into_response())
}
