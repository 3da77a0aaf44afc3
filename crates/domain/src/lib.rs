//! Newsdesk's content model.
//!
//! Stories, authors, tags, media, curated lists and site settings, with the
//! rules that make them valid, and the Markdown body format rendered to safe
//! HTML. This crate does no I/O and knows nothing of HTTP or SQL: the store
//! persists these types, the services orchestrate them, the web layer shows
//! them.

mod account;
mod api_key;
mod author;
mod error;
mod ids;
mod list;
pub mod markdown;
mod media;
mod note;
pub mod nql;
pub mod paste;
mod revision;
mod settings;
mod slug;
mod story;
mod tag;
pub mod text;
mod video;
mod webhook;

pub use account::{
    Action, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, Role, User, UserInput, ValidUser, check_password, parse_email,
};
pub use api_key::{API_KEY_LEN, ApiKey, api_key_name, looks_like_api_key};
pub use author::{Author, AuthorInput, ValidAuthor};
pub use error::ValidationError;
pub use ids::{AuthorId, MediaId, StoryId, TagId, UserId};
pub use list::ListKey;
pub use media::{Media, MediaInput, MediaText, VARIANT_WIDTHS};
pub use note::{NoteKind, StoryNote, note_body};
pub use revision::{DiffLine, FieldDiff, Revision, StorySnapshot, diff};
pub use settings::{NavItem, SiteSettings, parse_navigation, parse_tz};
pub use slug::Slug;
pub use story::{
    Cursor, RenderedStory, Seo, Story, StoryInput, StoryKind, StoryListItem, StoryStatus, StorySummary, TRASH_DAYS,
    ValidStory,
};
pub use tag::{Tag, TagInput, TagKind, ValidTag};
pub use video::{VideoEmbed, VideoProvider};
pub use webhook::{WEBHOOK_RETRY_FOR, Webhook, WebhookEvent, retry_delay, webhook_url};

/// Instants are UTC; the site's time zone applies only when showing them.
pub type Timestamp = chrono::DateTime<chrono::Utc>;
