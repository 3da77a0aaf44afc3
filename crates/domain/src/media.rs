use crate::{MediaId, ValidationError, text};

/// An image the outlet publishes, with what readers and screen readers need
/// to know about it. The credit is kept apart from the caption so themes can
/// set it differently and feeds can carry it separately.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Media {
    pub id: MediaId,
    /// Path below `/content/images/`, e.g. `2026/11/harbour-cranes.jpg`.
    pub path: String,
    pub mime: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

impl Media {
    /// The URL path readers fetch the file from.
    pub fn url(&self) -> String {
        format!("/content/images/{}", self.path)
    }
}

#[derive(Clone, Debug, Default)]
pub struct MediaInput {
    pub path: String,
    pub mime: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

impl MediaInput {
    pub fn validate(&self) -> Result<MediaInput, ValidationError> {
        let path = text::required("media path", &self.path, 300)?;
        let safe = path.split('/').all(|seg| {
            !seg.is_empty()
                && seg != "."
                && seg != ".."
                && seg.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        });
        if !safe {
            return Err(ValidationError::InvalidUrl { field: "media path", value: path });
        }
        if !["image/jpeg", "image/png", "image/webp", "image/gif", "image/svg+xml"].contains(&self.mime.as_str()) {
            return Err(ValidationError::NotOneOf {
                field: "media type",
                value: self.mime.clone(),
                expected: "image/jpeg, image/png, image/webp, image/gif, image/svg+xml",
            });
        }
        for (field, v) in [("width", self.width), ("height", self.height)] {
            if v == 0 || v > 20_000 {
                return Err(ValidationError::OutOfRange { field, min: 1, max: 20_000 });
            }
        }
        Ok(MediaInput {
            path,
            mime: self.mime.clone(),
            width: self.width,
            height: self.height,
            alt: text::limited("alt text", &self.alt, 500)?,
            caption: text::limited("caption", &self.caption, 1000)?,
            credit: text::limited("credit", &self.credit, 300)?,
        })
    }
}
