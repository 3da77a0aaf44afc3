use newsdesk_domain::ValidationError;

/// What can go wrong in the store. Validation failures found by the database
/// (a taken slug, an unknown author) come back as [`StoreError::Invalid`] so
/// callers show them like any other input error.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("unsupported database URL {0:?}: use sqlite://PATH or postgres://USER@HOST/NAME")]
    BadUrl(String),
    #[error("cannot open database {url}: {reason}")]
    Connect { url: String, reason: String },
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl StoreError {
    pub(crate) fn corrupt(what: impl std::fmt::Display) -> Self {
        Self::Corrupt(what.to_string())
    }
}

/// Turns a unique-constraint violation on `slug` into the domain's
/// duplicate-slug error; anything else stays a database error.
pub(crate) fn slug_conflict(err: StoreError, slug: &str, what: &'static str) -> StoreError {
    if err.is_unique_violation() {
        StoreError::Invalid(ValidationError::DuplicateSlug(slug.to_owned(), what))
    } else {
        err
    }
}

/// Turns a unique-key violation into a validation error on `field`
/// (another account has that e-mail, another key that name…).
pub(crate) fn taken(err: StoreError, field: &'static str, reason: &'static str) -> StoreError {
    if err.is_unique_violation() { StoreError::Invalid(ValidationError::Invalid { field, reason }) } else { err }
}

impl StoreError {
    pub(crate) fn is_unique_violation(&self) -> bool {
        matches!(self, StoreError::Database(sqlx::Error::Database(db)) if db.is_unique_violation())
    }
}
