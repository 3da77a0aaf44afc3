//! The media library: upload, search, the words around each image, where
//! it is used, and deleting what nothing uses.

use axum::{
    Form,
    extract::{Multipart, Path, Query, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use minijinja::Value;
use newsdesk_domain::{Action, Media, MediaId, MediaText};
use newsdesk_site::{SiteError, Upload};
use newsdesk_store::{DeskFilter, MediaFilter};
use serde::{Deserialize, Serialize};

use super::{auth::Signed, base, forms::when, page, upper_first};
use crate::{AppState, WebError};

const PER_PAGE: u32 = 48;

/// An image as the library's pages show it.
#[derive(Serialize)]
pub(crate) struct Tile {
    pub id: i64,
    pub url: String,
    /// The smallest copy, for thumbnails.
    pub thumb: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    pub name: String,
    pub size: String,
}

pub(crate) fn tile(m: &Media) -> Tile {
    Tile {
        id: m.id.0,
        url: m.url(),
        thumb: m.variants.first().map_or_else(|| m.url(), |w| m.copy_url(Some(*w), None)),
        width: m.width,
        height: m.height,
        alt: m.alt.clone(),
        caption: m.caption.clone(),
        credit: m.credit.clone(),
        name: if m.original_name.is_empty() {
            m.path.rsplit('/').next().unwrap_or("").to_owned()
        } else {
            m.original_name.clone()
        },
        size: if m.bytes == 0 { String::new() } else { newsdesk_domain::text::file_size(m.bytes) },
    }
}

#[derive(Deserialize, Default)]
pub(crate) struct LibraryQuery {
    #[serde(default)]
    q: String,
    before: Option<i64>,
    /// The editor to go back to after an upload (`/admin/stories/…`).
    #[serde(default)]
    back: String,
}

/// Only the newsroom's own pages are places to go back to.
fn safe_back(back: &str) -> Option<&str> {
    (back.starts_with("/admin/stories/") && !back.contains("//") && !back.contains('\\')).then_some(back)
}

async fn library_page(
    state: &AppState,
    signed: &Signed,
    q: &LibraryQuery,
    error: Option<String>,
) -> Result<Response, WebError> {
    let search = Some(q.q.trim()).filter(|s| !s.is_empty()).map(str::to_owned);
    let filter = MediaFilter { search, before: q.before.map(MediaId) };
    let media = state.site.store().media_library(&filter, PER_PAGE + 1).await.map_err(SiteError::from)?;
    let more = media.len() > PER_PAGE as usize;
    let tiles: Vec<Tile> = media.iter().take(PER_PAGE as usize).map(tile).collect();
    let next = more.then(|| {
        let last = tiles.last().map_or(0, |t| t.id);
        let query: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("q", &q.q)
            .append_pair("before", &last.to_string())
            .append_pair("back", safe_back(&q.back).unwrap_or(""))
            .finish();
        format!("/admin/media?{query}")
    });
    let limits = state.site.config().media_limits;
    let mut ctx = base(state, Some(&signed.0), &signed.0.csrf_token, "media", "Media library");
    ctx.extend([
        ("media", Value::from_serialize(&tiles)),
        ("q", Value::from(q.q.clone())),
        ("next", Value::from(next)),
        ("back", Value::from(safe_back(&q.back))),
        ("max_mb", Value::from(limits.max_bytes / (1024 * 1024))),
        ("max_megapixels", Value::from(limits.max_pixels / 1_000_000)),
        ("error", Value::from(error)),
    ]);
    page(state, "media.html", ctx)
}

pub(crate) async fn library(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<LibraryQuery>,
) -> Result<Response, WebError> {
    signed.require(Action::WriteOwn)?;
    library_page(&state, &signed, &q, None).await
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("application/json"))
}

/// `POST /admin/media`: a `multipart/form-data` upload with the file and
/// its alt text, caption and credit. Answers the editor's script with JSON,
/// a browser without it with a redirect (or the library and the reason an
/// upload was refused).
pub(crate) async fn upload(
    State(state): State<AppState>,
    signed: Signed,
    headers: HeaderMap,
    mut form: Multipart,
) -> Result<Response, WebError> {
    signed.require(Action::WriteOwn)?;
    let json = wants_json(&headers);
    let bad_form = |e: axum::extract::multipart::MultipartError| {
        WebError::BadRequest(format!("The upload could not be read ({}). Try again.", e.body_text()))
    };
    let mut up = Upload::default();
    let mut back = String::new();
    let mut has_file = false;
    while let Some(field) = form.next_field().await.map_err(bad_form)? {
        match field.name().unwrap_or("") {
            "file" => {
                up.file_name = field.file_name().unwrap_or("upload").to_owned();
                up.bytes = field.bytes().await.map_err(bad_form)?.to_vec();
                has_file = !up.file_name.is_empty() || !up.bytes.is_empty();
            }
            "alt" => up.text.alt = field.text().await.map_err(bad_form)?,
            "caption" => up.text.caption = field.text().await.map_err(bad_form)?,
            "credit" => up.text.credit = field.text().await.map_err(bad_form)?,
            "back" => back = field.text().await.map_err(bad_form)?,
            _ => {}
        }
    }
    let result = if has_file {
        state.site.upload_media(up, &signed.0.user).await
    } else {
        Err(SiteError::Invalid(newsdesk_domain::ValidationError::Empty { field: "file" }))
    };
    match result {
        Ok(m) if json => Ok((StatusCode::CREATED, axum::Json(tile(&m))).into_response()),
        Ok(m) => Ok(match safe_back(&back) {
            Some(b) => Redirect::to(&format!("{b}?hero={}", m.id)),
            None => Redirect::to(&format!("/admin/media/{}?uploaded=1", m.id)),
        }
        .into_response()),
        Err(SiteError::Invalid(why)) if json => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            axum::Json(serde_json::json!({ "error": upper_first(&why.to_string()) })),
        )
            .into_response()),
        Err(SiteError::Invalid(why)) => {
            let q = LibraryQuery { back, ..LibraryQuery::default() };
            let mut resp = library_page(&state, &signed, &q, Some(upper_first(&why.to_string()))).await?;
            *resp.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(resp)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub(crate) struct ItemQuery {
    uploaded: Option<u8>,
    saved: Option<u8>,
}

/// Whether this account may change an image's words: editors any image,
/// others those they uploaded.
fn may_edit(signed: &Signed, m: &Media) -> bool {
    signed.0.can(Action::EditAny) || m.uploaded_by == Some(signed.0.user.id)
}

async fn item_page(
    state: &AppState,
    signed: &Signed,
    m: &Media,
    notice: Option<&str>,
    error: Option<String>,
) -> Result<Response, WebError> {
    let filter = DeskFilter { uses_media: Some(m.id), ..DeskFilter::default() };
    let (uses, total) = state.site.store().desk_stories(&filter, 1, 50).await.map_err(SiteError::from)?;
    let tz = state.site.settings().tz();
    #[derive(Serialize)]
    struct Use {
        url: String,
        headline: String,
        stage: &'static str,
    }
    let uses: Vec<Use> = uses
        .into_iter()
        .map(|s| Use { url: format!("/admin/stories/{}", s.id), stage: s.stage(), headline: s.headline })
        .collect();
    let mut files: Vec<String> = m.files().into_iter().map(|f| format!("/content/images/{f}")).collect();
    files.sort();
    let mut ctx = base(state, Some(&signed.0), &signed.0.csrf_token, "media", "Image");
    ctx.extend([
        ("m", Value::from_serialize(tile(m))),
        ("srcset", Value::from(m.srcset())),
        ("files", Value::from_serialize(&files)),
        ("uses", Value::from_serialize(&uses)),
        ("uses_total", Value::from(total)),
        ("uploaded", Value::from(when(m.created_at, tz))),
        ("can_edit", Value::from(may_edit(signed, m))),
        ("can_delete", Value::from(signed.0.can(Action::EditAny) && total == 0)),
        ("notice", Value::from(notice)),
        ("error", Value::from(error.clone())),
    ]);
    let mut resp = page(state, "media_item.html", ctx)?;
    if error.is_some() {
        *resp.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(resp)
}

async fn find(state: &AppState, id: i64) -> Result<Media, WebError> {
    state.site.store().media(MediaId(id)).await.map_err(SiteError::from)?.ok_or(WebError::NotFound)
}

pub(crate) async fn item(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Query(q): Query<ItemQuery>,
) -> Result<Response, WebError> {
    signed.require(Action::WriteOwn)?;
    let m = find(&state, id).await?;
    let notice = match (q.uploaded, q.saved) {
        (Some(_), _) => Some("Uploaded. Check the alt text: it is what screen readers say instead of the image."),
        (_, Some(_)) => Some("Saved. Pages that show this image now show the new words."),
        _ => None,
    };
    item_page(&state, &signed, &m, notice, None).await
}

pub(crate) async fn save(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Form(text): Form<MediaText>,
) -> Result<Response, WebError> {
    signed.require(Action::WriteOwn)?;
    let m = find(&state, id).await?;
    if !may_edit(&signed, &m) {
        return Err(WebError::Forbidden("Only editors may change the words of an image someone else uploaded.".into()));
    }
    match state.site.edit_media(m.id, &text).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/media/{id}?saved=1")).into_response()),
        Err(SiteError::Invalid(why)) => {
            let shown = Media { alt: text.alt, caption: text.caption, credit: text.credit, ..m };
            item_page(&state, &signed, &shown, None, Some(upper_first(&why.to_string()))).await
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn delete(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    signed.require(Action::EditAny)?;
    let m = find(&state, id).await?;
    match state.site.delete_media(m.id).await {
        Ok(_) => Ok(Redirect::to("/admin/media").into_response()),
        Err(SiteError::Invalid(why)) => item_page(&state, &signed, &m, None, Some(upper_first(&why.to_string()))).await,
        Err(e) => Err(e.into()),
    }
}
