use crate::{MediaId, Timestamp, UserId, ValidationError, text};

/// Widths of the resized copies made of each uploaded image (only those
/// narrower than the image itself).
pub const VARIANT_WIDTHS: [u32; 4] = [300, 600, 1000, 2000];

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
    /// Widths of the resized copies beside the file, in the file's own
    /// format (`name-600w.jpg`), narrowest first.
    pub variants: Vec<u32>,
    /// Whether WebP copies exist too, full size and at each variant width
    /// (`name.webp`, `name-600w.webp`).
    pub webp: bool,
    /// Size of the file in bytes (0 when not known).
    pub bytes: u64,
    /// The file's name on the uploader's computer.
    pub original_name: String,
    pub uploaded_by: Option<UserId>,
    pub created_at: Timestamp,
}

impl Media {
    /// The URL path readers fetch the file from.
    pub fn url(&self) -> String {
        format!("/content/images/{}", self.path)
    }

    /// The URL of a copy of this image: `width` none for full size, `ext`
    /// none for the file's own format.
    pub fn copy_url(&self, width: Option<u32>, ext: Option<&str>) -> String {
        let (stem, own_ext) = self.path.rsplit_once('.').unwrap_or((self.path.as_str(), ""));
        let ext = ext.unwrap_or(own_ext);
        match width {
            Some(w) => format!("/content/images/{stem}-{w}w.{ext}"),
            None => format!("/content/images/{stem}.{ext}"),
        }
    }

    /// `srcset` for the file's own format: each resized copy, then the
    /// file itself. Empty when there are no copies.
    pub fn srcset(&self) -> String {
        self.srcset_in(None)
    }

    /// `srcset` of the WebP copies; empty when there are none.
    pub fn webp_srcset(&self) -> String {
        if self.webp { self.srcset_in(Some("webp")) } else { String::new() }
    }

    fn srcset_in(&self, ext: Option<&str>) -> String {
        if self.variants.is_empty() && ext.is_none() {
            return String::new();
        }
        let mut out: Vec<String> =
            self.variants.iter().map(|w| format!("{} {w}w", self.copy_url(Some(*w), ext))).collect();
        out.push(format!("{} {}w", self.copy_url(None, ext), self.width));
        out.join(", ")
    }

    /// Paths (below the images folder) of every file of this image: the
    /// file itself and its copies.
    pub fn files(&self) -> Vec<String> {
        let mut urls = vec![self.url()];
        urls.extend(self.variants.iter().map(|w| self.copy_url(Some(*w), None)));
        if self.webp {
            urls.push(self.copy_url(None, Some("webp")));
            urls.extend(self.variants.iter().map(|w| self.copy_url(Some(*w), Some("webp"))));
        }
        urls.into_iter().filter_map(|u| u.strip_prefix("/content/images/").map(str::to_owned)).collect()
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
    pub variants: Vec<u32>,
    pub webp: bool,
    pub bytes: u64,
    pub original_name: String,
}

/// The words around an image that the newsroom edits after upload.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct MediaText {
    #[serde(default)]
    pub alt: String,
    #[serde(default)]
    pub caption: String,
    #[serde(default)]
    pub credit: String,
}

impl MediaText {
    pub fn validate(&self) -> Result<MediaText, ValidationError> {
        Ok(MediaText {
            alt: text::limited("alt text", &self.alt, 500)?,
            caption: text::limited("caption", &self.caption, 1000)?,
            credit: text::limited("credit", &self.credit, 300)?,
        })
    }
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
        if self.variants.iter().any(|w| *w == 0 || *w >= self.width) || !self.variants.is_sorted() {
            return Err(ValidationError::Invalid {
                field: "variants",
                reason: "widths must be narrower than the image, narrowest first",
            });
        }
        let words = MediaText { alt: self.alt.clone(), caption: self.caption.clone(), credit: self.credit.clone() }
            .validate()?;
        Ok(MediaInput {
            path,
            mime: self.mime.clone(),
            width: self.width,
            height: self.height,
            alt: words.alt,
            caption: words.caption,
            credit: words.credit,
            variants: self.variants.clone(),
            webp: self.webp,
            bytes: self.bytes,
            original_name: text::limited("file name", &self.original_name, 255)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(variants: Vec<u32>, webp: bool) -> Media {
        Media {
            id: MediaId(1),
            path: "2026/11/quay-ab12.jpg".into(),
            mime: "image/jpeg".into(),
            width: 1600,
            height: 900,
            alt: String::new(),
            caption: String::new(),
            credit: String::new(),
            variants,
            webp,
            bytes: 0,
            original_name: String::new(),
            uploaded_by: None,
            created_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn srcset_lists_copies_then_the_file() {
        let m = photo(vec![300, 600, 1000], true);
        assert_eq!(
            m.srcset(),
            "/content/images/2026/11/quay-ab12-300w.jpg 300w, /content/images/2026/11/quay-ab12-600w.jpg 600w, \
             /content/images/2026/11/quay-ab12-1000w.jpg 1000w, /content/images/2026/11/quay-ab12.jpg 1600w"
        );
        assert!(m.webp_srcset().ends_with("/content/images/2026/11/quay-ab12.webp 1600w"));
        assert_eq!(m.files().len(), 8);
    }

    #[test]
    fn an_image_without_copies_has_no_srcset() {
        let m = photo(vec![], false);
        assert_eq!(m.srcset(), "");
        assert_eq!(m.webp_srcset(), "");
        assert_eq!(m.files(), vec!["2026/11/quay-ab12.jpg".to_owned()]);
    }

    #[test]
    fn variants_must_be_narrower_and_ordered() {
        let input = |variants| MediaInput {
            path: "a/b.jpg".into(),
            mime: "image/jpeg".into(),
            width: 800,
            height: 600,
            variants,
            ..MediaInput::default()
        };
        assert!(input(vec![300, 600]).validate().is_ok());
        assert!(input(vec![600, 300]).validate().is_err());
        assert!(input(vec![300, 1000]).validate().is_err());
    }
}
