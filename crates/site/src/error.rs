use newsdesk_domain::ValidationError;
use newsdesk_store::StoreError;

/// What a service call can fail with. The web layer maps these to HTTP once.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// The input was refused; the message is for the person who sent it.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The account may not do this; the message says what is missing.
    #[error("not allowed: {0}")]
    Forbidden(&'static str),
    /// Anything else: logged in full, shown to readers as a plain apology.
    #[error(transparent)]
    Store(StoreError),
    #[error("{0}")]
    Io(String),
}

impl From<StoreError> for SiteError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Invalid(v) => SiteError::Invalid(v),
            StoreError::NotFound(what) => SiteError::NotFound(what),
            other => SiteError::Store(other),
        }
    }
}
