/// Why an input was refused. Every message is written for the person who
/// typed the input: it names the field and says what would be accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    #[error("{field} must not be empty")]
    Empty { field: &'static str },
    #[error("{field} is too long: {len} characters, at most {max} allowed")]
    TooLong { field: &'static str, len: usize, max: usize },
    #[error("slug {0:?} is not valid: use lowercase letters, digits and single hyphens, at most 120 characters")]
    InvalidSlug(String),
    #[error("the slug {0:?} is already used by another {1}")]
    DuplicateSlug(String, &'static str),
    #[error("unknown {kind} {value:?}")]
    Unknown { kind: &'static str, value: String },
    #[error("{field} has an unknown value {value:?}; expected one of: {expected}")]
    NotOneOf { field: &'static str, value: String, expected: &'static str },
    #[error("a story needs at least one author")]
    NoAuthor,
    #[error("{0} is listed twice")]
    Repeated(&'static str),
    #[error("a {status} story needs a publication time")]
    MissingPublicationTime { status: &'static str },
    #[error("a draft has no publication time")]
    DraftWithPublicationTime,
    #[error("a video story needs a YouTube or Vimeo link in video URL")]
    MissingVideo,
    #[error("{field} is not a valid URL: {value:?}")]
    InvalidUrl { field: &'static str, value: String },
    #[error("{field} must be a whole number between {min} and {max}")]
    OutOfRange { field: &'static str, min: i64, max: i64 },
    #[error("unknown time zone {0:?}; use an IANA name such as Europe/London")]
    InvalidTimeZone(String),
    #[error("{field} is not valid: {reason}")]
    Invalid { field: &'static str, reason: &'static str },
    /// A Content API filter that cannot be used; the reason says why.
    #[error("{0}")]
    BadFilter(String),
    #[error("navigation line {line}: write each link as Label | /address/")]
    BadNavigation { line: usize },
    /// An uploaded file that is not an image we accept; the reason names
    /// the file and what was wrong with it.
    #[error("{0}")]
    BadImage(String),
}
