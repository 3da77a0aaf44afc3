//! The media library: uploads checked from their bytes, resized copies made
//! once, and the words around each image.
//!
//! An upload is refused unless its bytes are a JPEG, PNG, WebP or GIF image
//! whose name (if it has an extension) says the same, within the size and
//! pixel limits, and decodes completely. Every image but a GIF (which may be
//! animated) is re-encoded: the files readers get carry no camera metadata
//! (a phone photo's EXIF can hold where it was taken) and are turned the
//! right way up. Copies are made at [`VARIANT_WIDTHS`] narrower than the
//! image, in its own format and as WebP.

use std::{
    io::Cursor,
    path::{Path, PathBuf},
};

use chrono::Datelike;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, imageops::FilterType};
use newsdesk_domain::{Media, MediaId, MediaInput, MediaText, Slug, User, VARIANT_WIDTHS, ValidationError, text};
use tracing::{info, warn};

use crate::{Result, Site, SiteError, accounts::new_token, cache::Change, cache::Dep};

/// How large an upload may be.
#[derive(Clone, Copy, Debug)]
pub struct MediaLimits {
    /// Largest file accepted, in bytes.
    pub max_bytes: usize,
    /// Largest image accepted, in pixels (width × height): a small file can
    /// claim a huge image and would take gigabytes to decode.
    pub max_pixels: u64,
}

impl Default for MediaLimits {
    fn default() -> Self {
        MediaLimits { max_bytes: 25 * 1024 * 1024, max_pixels: 50_000_000 }
    }
}

/// A file sent to the library, with the words to keep beside it.
#[derive(Clone, Debug, Default)]
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub text: MediaText,
}

/// The files of a checked upload, ready to be written: paths below the
/// images folder, and the record to store.
struct Prepared {
    files: Vec<(String, Vec<u8>)>,
    input: MediaInput,
}

const JPEG_QUALITY: u8 = 85;
const WEBP_QUALITY: f32 = 80.0;

fn refuse(msg: String) -> ValidationError {
    ValidationError::BadImage(msg)
}

/// Checks an upload and makes its files. `stem` is the path below the images
/// folder without extension, e.g. `2026/11/harbour-3f9a1c`. Pure: no I/O.
fn prepare(upload: &Upload, limits: &MediaLimits, stem: &str) -> Result<Prepared, ValidationError> {
    let name = upload.file_name.as_str();
    let bytes = upload.bytes.as_slice();
    if bytes.is_empty() {
        return Err(refuse(format!("{name} is empty: choose an image file to upload")));
    }
    if bytes.len() > limits.max_bytes {
        return Err(refuse(format!(
            "{name} is {}; the largest file accepted is {}",
            text::file_size(bytes.len() as u64),
            text::file_size(limits.max_bytes as u64)
        )));
    }
    let format = match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP | ImageFormat::Gif)) => f,
        _ => return Err(refuse(format!("{name} is not a JPEG, PNG, WebP or GIF image"))),
    };
    let kind = format_name(format);
    if let Some((_, ext)) = name.rsplit_once('.') {
        let ext = ext.to_ascii_lowercase();
        if !format.extensions_str().contains(&ext.as_str()) {
            return Err(refuse(format!(
                "{name} is named .{ext} but is a {kind} image: rename it to .{} or upload the file you meant",
                format.extensions_str()[0]
            )));
        }
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut decode_limits = image::Limits::default();
    decode_limits.max_image_width = Some(20_000);
    decode_limits.max_image_height = Some(20_000);
    decode_limits.max_alloc = Some(limits.max_pixels.saturating_mul(4).saturating_add(64 << 20));
    reader.limits(decode_limits);
    let damaged = |e: image::ImageError| {
        refuse(match e {
            image::ImageError::Limits(_) => format!("{name} is too large an image to process"),
            _ => format!("{name} could not be read as a {kind} image: the file is damaged or incomplete"),
        })
    };
    let mut decoder = reader.into_decoder().map_err(damaged)?;
    let (w, h) = decoder.dimensions();
    let pixels = u64::from(w) * u64::from(h);
    if pixels > limits.max_pixels || w > 20_000 || h > 20_000 {
        return Err(refuse(format!(
            "{name} is {w} × {h} pixels ({:.0} megapixels); the largest image accepted is {:.0} megapixels, \
             and at most 20,000 pixels a side",
            pixels as f64 / 1e6,
            limits.max_pixels as f64 / 1e6
        )));
    }
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(damaged)?;
    if format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(damaged(image::ImageError::IoError(std::io::ErrorKind::UnexpectedEof.into())));
    }
    img.apply_orientation(orientation);
    let (width, height) = (img.width(), img.height());

    let own_ext = format.extensions_str()[0];
    let mut files = Vec::new();
    let variants: Vec<u32> = if format == ImageFormat::Gif {
        // Kept as sent: resizing would drop an animation's frames.
        files.push((format!("{stem}.{own_ext}"), bytes.to_vec()));
        Vec::new()
    } else {
        VARIANT_WIDTHS.iter().copied().filter(|v| *v < width).collect()
    };
    let webp = format != ImageFormat::Gif && format != ImageFormat::WebP;
    if format != ImageFormat::Gif {
        files.push((format!("{stem}.{own_ext}"), encode(&img, format)?));
        for v in &variants {
            let copy = resize(&img, *v);
            files.push((format!("{stem}-{v}w.{own_ext}"), encode(&copy, format)?));
            if webp {
                files.push((format!("{stem}-{v}w.webp"), encode(&copy, ImageFormat::WebP)?));
            }
        }
        if webp {
            files.push((format!("{stem}.webp"), encode(&img, ImageFormat::WebP)?));
        }
    }
    let path = format!("{stem}.{own_ext}");
    let size = files.first().map_or(0, |(_, b)| b.len() as u64);
    let input = MediaInput {
        path,
        mime: format.to_mime_type().to_owned(),
        width,
        height,
        alt: upload.text.alt.clone(),
        caption: upload.text.caption.clone(),
        credit: upload.text.credit.clone(),
        variants,
        webp,
        bytes: size,
        original_name: name.chars().take(255).collect(),
    };
    Ok(Prepared { files, input: input.validate()? })
}

fn format_name(f: ImageFormat) -> &'static str {
    match f {
        ImageFormat::Jpeg => "JPEG",
        ImageFormat::Png => "PNG",
        ImageFormat::WebP => "WebP",
        ImageFormat::Gif => "GIF",
        _ => "other",
    }
}

/// Whether a JPEG ends with its end-of-image marker (perhaps followed by
/// padding or a trailer some cameras append). The decoder fills a cut-off
/// file with grey rather than failing.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(64 * 1024)..];
    tail.windows(2).any(|w| w == [0xFF, 0xD9])
}

fn resize(img: &DynamicImage, width: u32) -> DynamicImage {
    let height = ((u64::from(img.height()) * u64::from(width) + u64::from(img.width()) / 2) / u64::from(img.width()))
        .max(1) as u32;
    img.resize_exact(width, height, FilterType::CatmullRom)
}

fn encode(img: &DynamicImage, format: ImageFormat) -> Result<Vec<u8>, ValidationError> {
    let failed = |e: String| refuse(format!("the image could not be converted: {e}"));
    match format {
        ImageFormat::WebP => {
            let memory = if img.color().has_alpha() {
                let rgba = img.to_rgba8();
                webp::Encoder::from_rgba(rgba.as_raw(), img.width(), img.height()).encode(WEBP_QUALITY).to_vec()
            } else {
                let rgb = img.to_rgb8();
                webp::Encoder::from_rgb(rgb.as_raw(), img.width(), img.height()).encode(WEBP_QUALITY).to_vec()
            };
            Ok(memory)
        }
        ImageFormat::Jpeg => {
            let mut out = Vec::new();
            let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
            img.to_rgb8().write_with_encoder(enc).map_err(|e| failed(e.to_string()))?;
            Ok(out)
        }
        _ => {
            let mut out = Cursor::new(Vec::new());
            img.write_to(&mut out, format).map_err(|e| failed(e.to_string()))?;
            Ok(out.into_inner())
        }
    }
}

/// Writes every file, or none: on failure, those written are removed.
fn write_all(dir: &Path, files: &[(String, Vec<u8>)]) -> std::io::Result<()> {
    let mut written: Vec<PathBuf> = Vec::new();
    for (rel, bytes) in files {
        let path = dir.join(rel);
        let result = path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(&path, bytes));
        if let Err(e) = result {
            remove_all(&written);
            return Err(e);
        }
        written.push(path);
    }
    Ok(())
}

fn remove_all(paths: &[PathBuf]) {
    for p in paths {
        if let Err(e) = std::fs::remove_file(p) {
            warn!(path = %p.display(), error = %e, "cannot remove image file");
        }
    }
}

impl Site {
    /// Checks an upload, makes its copies and adds it to the library. A
    /// refused upload leaves nothing behind: no file, no record.
    pub async fn upload_media(&self, upload: Upload, by: &User) -> Result<Media> {
        let text = upload.text.validate()?;
        let now = self.now();
        let base = upload.file_name.rsplit_once('.').map_or(upload.file_name.as_str(), |(b, _)| b);
        let slug = Slug::suggest(base).map(|s| s.as_str().chars().take(60).collect::<String>());
        let slug = slug.as_deref().map(|s| s.trim_end_matches('-')).filter(|s| !s.is_empty()).unwrap_or("image");
        // Random, so two uploads of `photo.jpg` never share a name and names
        // cannot be guessed before publication.
        let stem =
            format!("{:04}/{:02}/{slug}-{}", now.year(), now.month(), new_token()?.chars().take(8).collect::<String>());
        let limits = self.config.media_limits;
        let dir = self.config.media_dir.clone();
        // One image at a time: a large photo takes hundreds of megabytes
        // while its copies are made.
        let _permit = self.image_jobs.acquire().await.map_err(|e| SiteError::Io(e.to_string()))?;
        let (input, paths) = tokio::task::spawn_blocking(move || -> Result<_> {
            let prepared = prepare(&upload, &limits, &stem)?;
            write_all(&dir, &prepared.files).map_err(|e| SiteError::Io(format!("cannot save the image: {e}")))?;
            let paths: Vec<PathBuf> = prepared.files.iter().map(|(rel, _)| dir.join(rel)).collect();
            Ok((MediaInput { alt: text.alt, caption: text.caption, credit: text.credit, ..prepared.input }, paths))
        })
        .await
        .map_err(|e| SiteError::Io(format!("image processing stopped: {e}")))??;
        match self.store.create_media(&input, Some(by.id), now).await {
            Ok(media) => {
                info!(media.id = %media.id, path = %media.path, files = paths.len(), "image uploaded");
                Ok(media)
            }
            Err(e) => {
                remove_all(&paths);
                Err(e.into())
            }
        }
    }

    /// Adds an image already drawn in memory (the demo newsroom's), with
    /// the same copies an upload gets.
    pub async fn add_image(&self, img: DynamicImage, stem: &str, text: MediaText) -> Result<Media> {
        let mut bytes = Vec::new();
        let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 92);
        img.to_rgb8().write_with_encoder(enc).map_err(|e| SiteError::Io(e.to_string()))?;
        let upload = Upload { file_name: format!("{stem}.jpg"), bytes, text };
        let (limits, dir, stem) = (self.config.media_limits, self.config.media_dir.clone(), stem.to_owned());
        let input = tokio::task::spawn_blocking(move || -> Result<_> {
            let prepared = prepare(&upload, &limits, &stem)?;
            write_all(&dir, &prepared.files).map_err(|e| SiteError::Io(format!("cannot save the image: {e}")))?;
            Ok(prepared.input)
        })
        .await
        .map_err(|e| SiteError::Io(format!("image processing stopped: {e}")))??;
        Ok(self.store.create_media(&input, None, self.now()).await?)
    }

    /// Changes an image's alt text, caption and credit; pages showing it
    /// are dropped from the render cache.
    pub async fn edit_media(&self, id: MediaId, text: &MediaText) -> Result<Media> {
        self.store.update_media_text(id, text).await?;
        let media = self.store.media(id).await?.ok_or(SiteError::NotFound("image"))?;
        self.directory.put_media(media.clone());
        self.cache.invalidate(&Change::Exact(Dep::Media(id)));
        Ok(media)
    }

    /// Deletes an image nothing uses, with its files.
    pub async fn delete_media(&self, id: MediaId) -> Result<Media> {
        let media = self.store.delete_media(id).await?;
        self.directory.forget_media(id);
        let dir = &self.config.media_dir;
        remove_all(&media.files().iter().map(|f| dir.join(f)).collect::<Vec<_>>());
        info!(media.id = %id, path = %media.path, "image deleted");
        Ok(media)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

    fn photo(w: u32, h: u32, format: ImageFormat) -> Vec<u8> {
        let img = DynamicImage::ImageRgb8(RgbImage::from_fn(w, h, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 90])));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, format).expect("encode");
        out.into_inner()
    }

    fn upload(name: &str, bytes: Vec<u8>) -> Upload {
        Upload { file_name: name.into(), bytes, text: MediaText::default() }
    }

    fn check(name: &str, bytes: Vec<u8>) -> Result<Prepared, ValidationError> {
        prepare(&upload(name, bytes), &MediaLimits::default(), "2026/11/x-00")
    }

    #[test]
    fn a_jpeg_gets_copies_in_jpeg_and_webp() {
        let p = check("Quay.JPG", photo(1200, 800, ImageFormat::Jpeg)).expect("accepted");
        assert_eq!(p.input.variants, vec![300, 600, 1000]);
        assert!(p.input.webp);
        let names: Vec<&str> = p.files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names[0], "2026/11/x-00.jpg");
        assert!(names.contains(&"2026/11/x-00-600w.webp") && names.contains(&"2026/11/x-00.webp"));
        assert_eq!(p.files.len(), 8);
        for (name, bytes) in &p.files {
            let img = image::load_from_memory(bytes).expect(name);
            if let Some(w) =
                name.rsplit_once('-').and_then(|(_, t)| t.split_once('w')).and_then(|(w, _)| w.parse::<u32>().ok())
            {
                assert_eq!(img.width(), w, "{name}");
                assert_eq!(img.height(), (800 * w + 600) / 1200, "{name}");
            }
        }
    }

    #[test]
    fn the_type_comes_from_the_bytes_not_the_name() {
        let err = check("photo.png", photo(64, 64, ImageFormat::Jpeg)).err().expect("refused").to_string();
        assert!(err.contains("named .png but is a JPEG image"), "{err}");
        let err = check("notes.jpg", b"just some text, not a picture".to_vec()).err().expect("refused").to_string();
        assert!(err.contains("not a JPEG, PNG, WebP or GIF image"), "{err}");
        assert!(check("no-extension", photo(64, 64, ImageFormat::Png)).is_ok());
    }

    #[test]
    fn truncated_images_are_refused() {
        for format in [ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::Gif, ImageFormat::WebP] {
            let mut bytes = photo(400, 300, format);
            bytes.truncate(bytes.len() * 2 / 3);
            let name = format!("cut.{}", format.extensions_str()[0]);
            let err = check(&name, bytes).err().unwrap_or_else(|| panic!("{name} accepted")).to_string();
            assert!(err.contains("damaged or incomplete"), "{name}: {err}");
        }
    }

    #[test]
    fn images_over_the_limits_are_refused_before_decoding() {
        let limits = MediaLimits { max_bytes: 1024 * 1024, max_pixels: 100_000 };
        let err = prepare(&upload("big.png", photo(400, 300, ImageFormat::Png)), &limits, "x").err().expect("refused");
        assert!(err.to_string().contains("400 × 300 pixels"), "{err}");
        let limits = MediaLimits { max_bytes: 100, max_pixels: 100_000 };
        let err = prepare(&upload("big.png", photo(40, 30, ImageFormat::Png)), &limits, "x").err().expect("refused");
        assert!(err.to_string().contains("largest file accepted is 100 bytes"), "{err}");
    }

    #[test]
    fn a_gif_is_kept_as_sent() {
        let bytes = photo(700, 400, ImageFormat::Gif);
        let p = check("anim.gif", bytes.clone()).expect("accepted");
        assert_eq!(p.files, vec![("2026/11/x-00.gif".to_owned(), bytes)]);
        assert!(p.input.variants.is_empty() && !p.input.webp);
    }
}
