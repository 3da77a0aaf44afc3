use url::Url;

/// The video hosts whose links become a click-to-load player.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VideoProvider {
    YouTube,
    Vimeo,
}

/// A recognised video link, reduced to what a player needs.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct VideoEmbed {
    pub provider: VideoProvider,
    /// The host's own identifier; checked to contain only safe characters.
    pub id: String,
}

impl VideoEmbed {
    /// Recognises YouTube (`watch?v=`, `youtu.be/`, `shorts/`, `embed/`) and
    /// Vimeo (`vimeo.com/NUMBER`) links; anything else is not a video.
    pub fn parse(link: &str) -> Option<Self> {
        let url = Url::parse(link.trim()).ok()?;
        if !matches!(url.scheme(), "http" | "https") {
            return None;
        }
        let host = url.host_str()?.trim_start_matches("www.").trim_start_matches("m.");
        let mut segments = url.path_segments()?.filter(|s| !s.is_empty());
        let (provider, id) = match host {
            "youtube.com" | "youtube-nocookie.com" => {
                let first = segments.next();
                let id = match first {
                    Some("watch") => url.query_pairs().find(|(k, _)| k == "v").map(|(_, v)| v.into_owned()),
                    Some("shorts" | "embed" | "live") => segments.next().map(str::to_owned),
                    _ => None,
                }?;
                (VideoProvider::YouTube, id)
            }
            "youtu.be" => (VideoProvider::YouTube, segments.next()?.to_owned()),
            "vimeo.com" | "player.vimeo.com" => {
                let id = segments.find(|s| s.bytes().all(|b| b.is_ascii_digit()))?;
                (VideoProvider::Vimeo, id.to_owned())
            }
            _ => return None,
        };
        let valid = match provider {
            VideoProvider::YouTube => {
                id.len() == 11 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            }
            VideoProvider::Vimeo => (1..=12).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit()),
        };
        valid.then_some(Self { provider, id })
    }

    /// The page on the host where the video can be watched (the no-script link).
    pub fn watch_url(&self) -> String {
        match self.provider {
            VideoProvider::YouTube => format!("https://www.youtube.com/watch?v={}", self.id),
            VideoProvider::Vimeo => format!("https://vimeo.com/{}", self.id),
        }
    }

    pub fn provider_name(&self) -> &'static str {
        match self.provider {
            VideoProvider::YouTube => "YouTube",
            VideoProvider::Vimeo => "Vimeo",
        }
    }

    pub fn provider_key(&self) -> &'static str {
        match self.provider {
            VideoProvider::YouTube => "youtube",
            VideoProvider::Vimeo => "vimeo",
        }
    }

    /// The click-to-load facade: a link to the video that the theme's script
    /// swaps for the host's player only when the reader asks for it, so a
    /// page load makes no request to the host.
    pub fn facade_html(&self, title: &str) -> String {
        let title = crate::text::escape_html(title);
        format!(
            "<div class=\"video-facade\" data-provider=\"{p}\" data-video-id=\"{id}\">\
             <a class=\"video-facade__link\" href=\"{url}\">\
             <span class=\"video-facade__play\" aria-hidden=\"true\"></span>\
             <span class=\"video-facade__label\">Play video: {title} <span class=\"video-facade__host\">({host})</span></span>\
             </a></div>",
            p = self.provider_key(),
            id = self.id,
            url = self.watch_url(),
            host = self.provider_name(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_video_links() {
        let yt = |id: &str| Some(VideoEmbed { provider: VideoProvider::YouTube, id: id.into() });
        assert_eq!(VideoEmbed::parse("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3"), yt("dQw4w9WgXcQ"));
        assert_eq!(VideoEmbed::parse("https://youtu.be/dQw4w9WgXcQ"), yt("dQw4w9WgXcQ"));
        assert_eq!(VideoEmbed::parse("https://m.youtube.com/shorts/dQw4w9WgXcQ"), yt("dQw4w9WgXcQ"));
        assert_eq!(
            VideoEmbed::parse("https://vimeo.com/76979871"),
            Some(VideoEmbed { provider: VideoProvider::Vimeo, id: "76979871".into() })
        );
        for no in [
            "https://www.youtube.com/watch?v=short",
            "https://youtu.be/dQw4w9WgXc\"><script>",
            "javascript:alert(1)",
            "https://example.com/watch?v=dQw4w9WgXcQ",
            "https://vimeo.com/channels/staff",
        ] {
            assert_eq!(VideoEmbed::parse(no), None, "{no}");
        }
    }
}
