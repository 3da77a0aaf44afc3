//! The demo newsroom: a fictional outlet with authors, tags, images, a
//! month of stories, curated lists and page views, so every part of the
//! site has something real to show from the first start.

mod images;
mod world;

use std::{
    collections::{HashMap, HashSet},
    path::Path,
};

use chrono::Duration;
use newsdesk_domain::{
    AuthorId, AuthorInput, ListKey, Media, MediaInput, MediaText, NavItem, RenderedStory, SiteSettings, Slug, StoryId,
    StoryInput, StoryKind, StoryStatus, TagId, TagInput, TagKind, Timestamp,
};
use newsdesk_store::ViewCount;
use rand::{Rng, SeedableRng, rngs::StdRng, seq::IndexedRandom};
use tracing::info;

use crate::{Result, Site, SiteError};
use images::Scene;
use world::{BEATS, Beat};

/// How much demo content to make.
#[derive(Clone, Debug)]
pub struct DemoOptions {
    /// Published stories, spread over `days`.
    pub stories: usize,
    pub days: i64,
    /// The same seed makes the same newsroom.
    pub seed: u64,
}

impl Default for DemoOptions {
    fn default() -> Self {
        Self::with_stories(300)
    }
}

impl DemoOptions {
    /// `stories` spread the way an outlet publishes them: about 150 a day,
    /// over at least 30 days.
    pub fn with_stories(stories: usize) -> Self {
        Self { stories, days: (stories as i64 / 150).max(30), seed: 2026 }
    }
}

/// The newest stories are written and rendered one by one, with cards to
/// earlier stories; older ones (a generated archive) share a pool of
/// rendered bodies and are inserted in bulk.
const WRITTEN: usize = 300;
/// Rendered bodies per kind in the archive's pool.
const POOL: usize = 120;

/// What the demo created.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoReport {
    pub authors: usize,
    pub tags: usize,
    pub stories: usize,
    pub images: usize,
}

/// Fills an empty database with the demo newsroom. Images are written below
/// `content_dir/images/demo/`.
pub async fn generate(site: &Site, content_dir: &Path, opts: &DemoOptions) -> Result<DemoReport> {
    let existing = site.store().story_count().await?;
    if existing > 0 {
        return Err(SiteError::Io(format!(
            "the database already holds {existing} stories; the demo newsroom is only created in an empty database"
        )));
    }
    let now = site.now();
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let image_dir = content_dir.join("images").join("demo");
    std::fs::create_dir_all(&image_dir)
        .map_err(|e| SiteError::Io(format!("cannot create {}: {e}", image_dir.display())))?;
    let write = |name: &str, bytes: &[u8]| {
        let path = image_dir.join(name);
        std::fs::write(&path, bytes).map_err(|e| SiteError::Io(format!("cannot write {}: {e}", path.display())))
    };

    // Settings and logos.
    let (logo, logo_short) = images::logos(world::OUTLET);
    write("logo.svg", logo.as_bytes())?;
    write("logo-short.svg", logo_short.as_bytes())?;
    let nav = |label: &str, url: &str| NavItem { label: label.into(), url: url.into() };
    site.save_settings(&SiteSettings {
        name: world::OUTLET.into(),
        tagline: world::TAGLINE.into(),
        logo: Some("/content/images/demo/logo.svg".into()),
        logo_short: Some("/content/images/demo/logo-short.svg".into()),
        navigation: vec![
            nav("News Feed", "/news-feed/"),
            nav("Politics", "/tag/politics/"),
            nav("Economy", "/tag/economy/"),
            nav("Energy", "/tag/energy/"),
            nav("Culture", "/tag/culture/"),
            nav("Video", "/video/"),
        ],
        timezone: world::TIMEZONE.into(),
        locale: "en".into(),
    })
    .await?;

    // Authors with avatars.
    let mut authors: Vec<AuthorId> = Vec::new();
    for spec in world::AUTHORS {
        let slug = Slug::suggest(spec.name).map(|s| s.to_string()).unwrap_or_default();
        let file = format!("avatar-{slug}.svg");
        write(&file, images::avatar_svg(spec.name, spec.colour).as_bytes())?;
        let avatar = drawing(site, &file, 240, 240, &format!("Portrait of {}", spec.name)).await?;
        let first = spec.name.split_whitespace().next().unwrap_or(spec.name).to_lowercase();
        let author = site
            .create_author(&AuthorInput {
                slug: None,
                name: spec.name.into(),
                role_title: spec.role.into(),
                bio: spec.bio.into(),
                avatar: Some(avatar.id),
                website: None,
                email: Some(format!("{first}@harbourledger.example")),
            })
            .await?;
        authors.push(author.id);
    }

    // Tags.
    let mut tags: HashMap<&str, TagId> = HashMap::new();
    for spec in world::TAGS {
        let kind: TagKind = spec.kind.parse()?;
        let tag = site
            .create_tag(&TagInput { slug: None, name: spec.name.into(), kind, description: spec.description.into() })
            .await?;
        tags.insert(spec.name, tag.id);
    }
    let places: Vec<&str> = world::TAGS.iter().filter(|t| t.kind == "place").map(|t| t.name).collect();

    // Hero images: three of each scene, in different light.
    let mut heroes: Vec<(Scene, Media)> = Vec::new();
    for (i, scene) in Scene::ALL.iter().cycle().take(Scene::ALL.len() * 3).enumerate() {
        let place = places[i % places.len()];
        let img = images::hero(*scene, &mut rng);
        let (alt, caption) = scene.words(place);
        let credit = world::PHOTOGRAPHERS[i % world::PHOTOGRAPHERS.len()];
        let text = MediaText { alt, caption, credit: credit.into() };
        let m = site.add_image(image::DynamicImage::ImageRgb8(img), &format!("demo/hero-{:02}", i + 1), text).await?;
        heroes.push((*scene, m));
    }

    // Stories, oldest first, so bodies can link to stories already saved.
    let mut times: Vec<Timestamp> =
        (0..opts.stories).map(|_| now - Duration::minutes(rng.random_range(5..opts.days.max(1) * 24 * 60))).collect();
    times.sort();
    let mut writer = Generator {
        rng,
        tags,
        authors,
        heroes,
        slugs: HashSet::new(),
        slug_counts: HashMap::new(),
        headlines: HashSet::new(),
        recent_templates: Default::default(),
        saved: Vec::new(),
        now,
        archive: false,
        extra_tags: Vec::new(),
        extra_authors: Vec::new(),
    };
    let written = opts.stories.min(WRITTEN);
    let (archive_times, written_times) = times.split_at(opts.stories - written);
    let mut ids: Vec<(StoryId, StoryKind, Timestamp)> = Vec::new();
    if !archive_times.is_empty() {
        import_archive(site, &mut writer, archive_times, &mut ids).await?;
    }
    let featured_from = written.saturating_sub(written / 12 + 1);
    for (n, chunk) in written_times.chunks(50).enumerate() {
        let offset = n * 50;
        let mut batch: Vec<RenderedStory> = Vec::new();
        for (k, at) in chunk.iter().enumerate() {
            let mut input = writer.story(*at);
            input.featured = input.kind == StoryKind::Article && offset + k >= featured_from;
            let valid = input.validate(now)?;
            batch.push(site.render(valid).await?);
        }
        let created = site.store().create_stories(&batch, now).await?;
        for (id, s) in created.into_iter().zip(&batch) {
            let at = s.story.published_at.unwrap_or(now);
            ids.push((id, s.story.kind, at));
            writer.remember(s);
        }
    }
    // One draft and one story scheduled for later, as a newsroom would have.
    for (status, headline) in [
        (StoryStatus::Draft, "Draft: budget talks, what we know so far"),
        (StoryStatus::Scheduled, "Weekend read: a year on the Vell Islands ferries"),
    ] {
        let mut input = writer.story(now);
        input.headline = headline.into();
        input.slug = None;
        input.status = status;
        input.published_at = (status == StoryStatus::Scheduled).then(|| now + Duration::hours(6));
        site.create_story(&input).await?;
    }

    // Curated lists: the newest featured articles lead; editors pick longer
    // reads from the past ten days.
    let articles: Vec<&(StoryId, StoryKind, Timestamp)> =
        ids.iter().filter(|(_, k, _)| *k == StoryKind::Article).collect();
    let top: Vec<StoryId> = articles.iter().rev().take(7).map(|(id, _, _)| *id).collect();
    let recent: Vec<StoryId> = articles
        .iter()
        .filter(|(id, _, at)| *at > now - Duration::days(10) && !top.contains(id))
        .map(|(id, _, _)| *id)
        .collect();
    let picks: Vec<StoryId> = recent.choose_multiple(&mut writer.rng, 8).copied().collect();
    site.set_list(ListKey::TopStories, &top).await?;
    site.set_list(ListKey::EditorsPicks, &picks).await?;

    // Page views: a long tail, most of them in a story's first day.
    let mut counts: Vec<ViewCount> = Vec::new();
    let now_hour = now.timestamp().div_euclid(3600);
    for (id, kind, at) in ids.iter().filter(|(_, _, at)| *at > now - Duration::days(8)) {
        let appeal: f64 = writer.rng.random_range(0.05f64..1.0).powi(3);
        let base = match kind {
            StoryKind::Article => 900.0,
            StoryKind::Video => 600.0,
            StoryKind::Brief => 250.0,
        } * appeal;
        let start = at.timestamp().div_euclid(3600).max(now_hour - 24 * 7);
        for hour in start..=now_hour {
            let age = (hour - at.timestamp().div_euclid(3600)) as f64;
            let views = (base * (-age / 20.0).exp()).round() as i64;
            if views > 0 {
                counts.push(ViewCount { story: *id, hour, views });
            }
        }
    }
    for chunk in counts.chunks(2000) {
        site.store().add_views(chunk).await?;
    }

    // Everything changed: rank Most Popular from the new views and drop any
    // page a running server may have cached.
    site.refresh_popular().await?;
    site.cache().invalidate(&crate::cache::Change::All);

    let report = DemoReport {
        authors: world::AUTHORS.len() + writer.extra_authors.len(),
        tags: world::TAGS.len() + writer.extra_tags.len(),
        stories: opts.stories + 2,
        images: writer.heroes.len() + world::AUTHORS.len() + 2,
    };
    info!(?report, "demo newsroom created");
    Ok(report)
}

/// Bulk-inserts the older part of a large archive: more authors and tags in
/// proportion, headlines and tags written per story, bodies drawn from a
/// pool rendered once.
async fn import_archive(
    site: &Site,
    writer: &mut Generator,
    times: &[Timestamp],
    ids: &mut Vec<(StoryId, StoryKind, Timestamp)>,
) -> Result<()> {
    let now = writer.now;
    let n = times.len();
    // Authors and tags grow with the archive, as a newsroom's do over years.
    for name in world::extra_people(n / 5000, 0) {
        let role = writer.pick(world::EXTRA_ROLES);
        let a = site.create_author(&AuthorInput { name, role_title: role.into(), ..Default::default() }).await?;
        writer.extra_authors.push(a.id);
    }
    for (name, kind) in world::extra_tags(n / 250) {
        let t = site.create_tag(&TagInput { slug: None, name, kind, description: String::new() }).await?;
        writer.extra_tags.push(t.id);
    }
    // A pool of bodies per kind, rendered once.
    let ctx = site.render_context("").await?;
    let mut pool: HashMap<StoryKind, Vec<(String, String, u32)>> = HashMap::new();
    while pool.values().map(Vec::len).min().unwrap_or(0) < POOL || pool.len() < StoryKind::ALL.len() {
        let input = writer.story(now);
        let kind = input.kind;
        let rendered = input.validate(now)?.render(&ctx);
        pool.entry(kind).or_default().push((rendered.story.body_source, rendered.body_html, rendered.reading_minutes));
    }
    writer.archive = true;
    writer.headlines.clear();
    let started = std::time::Instant::now();
    for (done, chunk) in times.chunks(2000).enumerate() {
        let mut batch = Vec::with_capacity(chunk.len());
        for at in chunk {
            let input = writer.story(*at);
            let mut valid = input.validate(now)?;
            // The pool holds bodies of every kind (the loop above fills it).
            let bodies = pool.get(&valid.kind).map(Vec::as_slice).unwrap_or_default();
            let (source, html, minutes) = bodies
                .choose(&mut writer.rng)
                .cloned()
                .ok_or_else(|| SiteError::Io(format!("no {} body in the pool", valid.kind)))?;
            valid.body_source = source;
            batch.push(RenderedStory { story: valid, body_html: html, reading_minutes: minutes, images: Vec::new() });
        }
        let created = site.store().import_stories(&batch, now).await?;
        for (id, s) in created.into_iter().zip(&batch) {
            let at = s.story.published_at.unwrap_or(now);
            if at > now - Duration::days(8) {
                ids.push((id, s.story.kind, at));
            }
            writer.remember(s);
        }
        if (done + 1) % 25 == 0 {
            info!(stories = (done + 1) * 2000, of = n, seconds = started.elapsed().as_secs(), "archive import");
        }
    }
    writer.archive = false;
    Ok(())
}

/// A drawing (SVG) already written below `images/demo/`.
async fn drawing(site: &Site, file: &str, width: u32, height: u32, alt: &str) -> Result<Media> {
    let input = MediaInput {
        path: format!("demo/{file}"),
        mime: "image/svg+xml".into(),
        width,
        height,
        alt: alt.into(),
        ..MediaInput::default()
    };
    Ok(site.store().create_media(&input, None, site.now()).await?)
}

/// Writes stories from the beats of the fictional world.
struct Generator {
    rng: StdRng,
    tags: HashMap<&'static str, TagId>,
    authors: Vec<AuthorId>,
    heroes: Vec<(Scene, Media)>,
    slugs: HashSet<String>,
    /// Next number to try after each slug base, so repeats stay cheap.
    slug_counts: HashMap<String, u32>,
    headlines: HashSet<String>,
    recent_templates: std::collections::VecDeque<String>,
    /// Slug and primary tag of recent stories saved so far.
    saved: Vec<(String, Option<TagId>)>,
    now: Timestamp,
    /// Writing the bulk archive: no bodies, no headline de-duplication.
    archive: bool,
    extra_tags: Vec<TagId>,
    extra_authors: Vec<AuthorId>,
}

/// The values a template's `{…}` slots are filled with.
struct Slots {
    place: &'static str,
    person: &'static str,
    org: &'static str,
    issue: &'static str,
    weekday: &'static str,
}

impl Generator {
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.rng.random_range(0..items.len())]
    }

    fn fill_one(&mut self, templates: &[&str], s: &Slots) -> String {
        let template = self.pick(templates);
        self.fill(template, s)
    }

    /// A headline not used yet, from a template not used lately, if one
    /// turns up in a few tries.
    fn fresh_headline(&mut self, templates: &[&str], s: &Slots) -> String {
        if self.archive {
            return self.fill_one(templates, s);
        }
        let mut template = self.pick(templates);
        let mut headline = self.fill(template, s);
        for _ in 0..20 {
            let stale = self.recent_templates.iter().any(|t| t == template);
            if !stale && !self.headlines.contains(&headline) {
                break;
            }
            template = self.pick(templates);
            headline = self.fill(template, s);
        }
        self.headlines.insert(headline.clone());
        self.recent_templates.push_back(template.to_owned());
        if self.recent_templates.len() > 24 {
            self.recent_templates.pop_front();
        }
        headline
    }

    fn slots(&mut self, beat: &Beat) -> Slots {
        let places: Vec<&'static str> = world::TAGS.iter().filter(|t| t.kind == "place").map(|t| t.name).collect();
        Slots {
            place: self.pick(&places),
            person: self.pick(beat.people),
            org: self.pick(beat.orgs),
            issue: self.pick(world::ISSUES),
            weekday: self.pick(world::WEEKDAYS),
        }
    }

    fn fill(&mut self, template: &str, s: &Slots) -> String {
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let Some(len) = rest[start..].find('}') else { break };
            let key = &rest[start + 1..start + len];
            let value = match key {
                "place" => s.place.to_owned(),
                "person" => s.person.to_owned(),
                "org" => s.org.to_owned(),
                "the_org" => {
                    if s.org.starts_with("Var") {
                        s.org.to_owned()
                    } else {
                        format!("the {}", s.org)
                    }
                }
                "issue" => s.issue.to_owned(),
                "weekday" => s.weekday.to_owned(),
                "n" => self.rng.random_range(3..95).to_string(),
                "pct" => format!("{:.1}", self.rng.random_range(1.2f64..14.0)),
                "money" => format!("€{} million", self.rng.random_range(4..480)),
                "time" => format!("{}:{:02}", self.rng.random_range(8..22), self.rng.random_range(0..60)),
                other => other.to_owned(),
            };
            out.push_str(&value);
            rest = &rest[start + len + 1..];
        }
        out.push_str(rest);
        out
    }

    /// Fills only the slots that do not draw random numbers, so a template
    /// can be matched to a text made from it.
    fn fill_static(&self, template: &str, s: &Slots) -> String {
        template.replace("{place}", s.place).replace("{weekday}", s.weekday)
    }

    fn unique_slug(&mut self, headline: &str) -> String {
        let base = Slug::suggest(headline).map(|s| s.to_string()).unwrap_or_else(|| "story".into());
        let mut slug = base.clone();
        while !self.slugs.insert(slug.clone()) {
            let n = self.slug_counts.entry(base.clone()).or_insert(1);
            *n += 1;
            slug = format!("{base}-{n}");
        }
        slug
    }

    /// Keeps a saved story as a candidate for related-story cards.
    fn remember(&mut self, s: &RenderedStory) {
        if self.saved.len() >= 5000 {
            self.saved.drain(..1000);
        }
        self.saved.push((s.story.slug.to_string(), s.story.tags.first().copied()));
    }

    fn tag(&self, name: &str) -> Option<TagId> {
        self.tags.get(name).copied()
    }

    fn hero_for(&mut self, beat: &Beat) -> &Media {
        let wanted = match beat.topic {
            "Energy" => Some(Scene::WindFarm),
            "Climate" => Some(Scene::Coast),
            "Transport" => Some(Scene::Railway),
            "Economy" | "Housing" => Some(Scene::Skyline),
            "Technology" => Some(Scene::SolarField),
            "Politics" | "Justice" | "Education" | "Culture" | "Health" => Some(Scene::Hall),
            "Defence" => Some(Scene::Harbour),
            _ => None,
        };
        let matching: Vec<usize> = (0..self.heroes.len())
            .filter(|&i| wanted.is_none_or(|w| std::mem::discriminant(&self.heroes[i].0) == std::mem::discriminant(&w)))
            .collect();
        let i = self.pick(&matching);
        &self.heroes[i].1
    }

    fn story(&mut self, at: Timestamp) -> StoryInput {
        let roll: f64 = self.rng.random();
        let beat = &BEATS[self.rng.random_range(0..BEATS.len())];
        let slots = self.slots(beat);
        let mut input = if roll < 0.6 {
            self.article(beat, &slots)
        } else if roll < 0.9 {
            self.brief(beat, &slots)
        } else {
            self.video(beat, &slots)
        };
        let mut tags = vec![self.tag(beat.topic), self.tag(slots.place)];
        if input.kind != StoryKind::Brief {
            tags.push(self.tag(slots.person));
            tags.push(self.tag(slots.org));
        }
        tags.push(self.tag(beat.section));
        if self.archive && !self.extra_tags.is_empty() {
            // A long tail: a few extra tags are common, most are rare.
            for _ in 0..self.rng.random_range(0..3) {
                let skew: f64 = self.rng.random::<f64>().powi(3);
                let i = ((skew * self.extra_tags.len() as f64) as usize).min(self.extra_tags.len() - 1);
                tags.push(Some(self.extra_tags[i]));
            }
            if !self.extra_authors.is_empty() && self.rng.random_bool(0.5) {
                let i = self.rng.random_range(0..self.extra_authors.len());
                input.authors = vec![self.extra_authors[i]];
            }
        }
        let mut seen = HashSet::new();
        input.tags = tags.into_iter().flatten().filter(|t| seen.insert(*t)).collect();
        input.status = StoryStatus::Published;
        input.published_at = Some(at.min(self.now));
        let slug = self.unique_slug(&input.headline);
        input.slug = Some(slug);
        input
    }

    fn article(&mut self, beat: &Beat, s: &Slots) -> StoryInput {
        let headline = self.fresh_headline(beat.headlines, s);
        let mut authors = vec![self.authors[beat.author]];
        if self.rng.random_bool(0.15) {
            let other = self.authors[self.rng.random_range(0..self.authors.len() - 1)];
            if !authors.contains(&other) {
                authors.push(other);
            }
        }
        let mut input = StoryInput::new(StoryKind::Article, &headline, authors);
        input.standfirst = self.fill_one(beat.standfirsts, s);
        let target = if self.archive { 0 } else { self.rng.random_range(420..1150) };
        let mut paragraphs: Vec<String> = Vec::new();
        let mut words = 0;
        let mut specific: Vec<&str> = beat.paragraphs.to_vec();
        let mut generic: Vec<&str> = world::GENERIC.to_vec();
        let mut i = 0;
        while words < target {
            let from_beat = i % 2 == 0 && !specific.is_empty() || generic.is_empty();
            if specific.is_empty() && generic.is_empty() {
                break;
            }
            let pool = if from_beat { &mut specific } else { &mut generic };
            let template = pool.remove(self.rng.random_range(0..pool.len()));
            let p = self.fill(template, s);
            words += p.split_whitespace().count();
            paragraphs.push(p);
            i += 1;
            match i {
                2 => {
                    let quote = self.pick(beat.quotes);
                    let who = beat.people.first().copied().unwrap_or("A spokesperson");
                    paragraphs.push(format!("> {quote}\n>\n> -- {who}"));
                    words += quote.split_whitespace().count();
                }
                4 => {
                    if let Some(related) = self.related(beat) {
                        paragraphs.push(format!("/{related}/"));
                    }
                }
                6 if self.rng.random_bool(0.5) => {
                    paragraphs.push(format!("## {}", self.pick(world::SUBHEADS)));
                }
                7 if self.rng.random_bool(0.35) => {
                    let m = self.hero_for(beat).clone();
                    paragraphs.push(format!("![{}]({} \"{} | {}\")", m.alt, m.url(), m.caption, m.credit));
                }
                _ => {}
            }
        }
        input.body = paragraphs.join("\n\n");
        input.hero = Some(self.hero_for(beat).id);
        input
    }

    /// An earlier story on the same subject, if there is one.
    fn related(&mut self, beat: &Beat) -> Option<String> {
        let topic = self.tag(beat.topic);
        let same: Vec<&String> = self.saved.iter().filter(|(_, t)| *t == topic).map(|(s, _)| s).collect();
        let pick = same.get(self.rng.random_range(0..same.len().max(1)))?;
        Some((*pick).clone())
    }

    fn brief(&mut self, beat: &Beat, s: &Slots) -> StoryInput {
        let headline = self.fresh_headline(world::BRIEFS, s);
        let editor = self.authors[8];
        let mut input = StoryInput::new(StoryKind::Brief, &headline, vec![editor]);
        let first = self.fill_one(beat.paragraphs, s);
        let second = self.fill_one(world::BRIEF_LINES, s);
        input.body = format!("{first}\n\n{second}");
        if self.rng.random_bool(0.25) {
            input.hero = Some(self.hero_for(beat).id);
        }
        input
    }

    fn video(&mut self, beat: &Beat, s: &Slots) -> StoryInput {
        let titles: Vec<&str> = world::VIDEOS.iter().map(|(t, _)| *t).collect();
        let title = self.fresh_headline(&titles, s);
        let description = world::VIDEOS
            .iter()
            .find(|(t, _)| self.fill_static(t, s) == title)
            .map(|(_, d)| self.fill_static(d, s))
            .unwrap_or_default();
        let producer = self.authors[9];
        let reporter = self.authors[beat.author];
        let mut input = StoryInput::new(StoryKind::Video, &title, vec![producer, reporter]);
        input.standfirst = description.clone();
        let context = self.fill_one(beat.paragraphs, s);
        input.body = format!("{description}\n\n{context}");
        const ID: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let id: String = (0..11).map(|_| char::from(ID[self.rng.random_range(0..ID.len())])).collect();
        input.video_url = Some(format!("https://www.youtube.com/watch?v={id}"));
        input.hero = Some(self.hero_for(beat).id);
        input
    }
}
