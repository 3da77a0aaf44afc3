//! Authors, tags and curated lists kept in memory: every page shows some of
//! them, and they are few and change rarely, so pages look them up here
//! instead of querying for them. Every change goes through `Site`, which
//! updates this copy as it writes the store.

use std::{
    collections::HashMap,
    sync::{Arc, RwLock},
};

use newsdesk_domain::{Author, AuthorId, ListKey, Media, MediaId, StoryId, Tag, TagId};
use newsdesk_store::Store;

use crate::Result;

#[derive(Default)]
struct Entries {
    authors: HashMap<AuthorId, Author>,
    author_slugs: HashMap<String, AuthorId>,
    tags: HashMap<TagId, Tag>,
    tag_slugs: HashMap<String, TagId>,
    lists: HashMap<ListKey, Arc<Vec<StoryId>>>,
}

pub(crate) struct Directory {
    entries: RwLock<Entries>,
    /// Media metadata by id; bounded, as the library only grows.
    media: moka::sync::Cache<MediaId, Media>,
}

impl Directory {
    pub async fn load(store: &Store) -> Result<Directory> {
        let mut e = Entries::default();
        for a in store.authors().await? {
            e.author_slugs.insert(a.slug.to_string(), a.id);
            e.authors.insert(a.id, a);
        }
        for t in store.tags().await? {
            e.tag_slugs.insert(t.slug.to_string(), t.id);
            e.tags.insert(t.id, t);
        }
        for key in ListKey::ALL {
            e.lists.insert(key, Arc::new(store.list(key).await?));
        }
        Ok(Directory { entries: RwLock::new(e), media: moka::sync::Cache::new(100_000) })
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Entries> {
        self.entries.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Entries> {
        self.entries.write().unwrap_or_else(|p| p.into_inner())
    }

    pub fn authors(&self, ids: &[AuthorId]) -> Vec<Author> {
        let e = self.read();
        ids.iter().filter_map(|id| e.authors.get(id)).cloned().collect()
    }

    pub fn tags(&self, ids: &[TagId]) -> Vec<Tag> {
        let e = self.read();
        ids.iter().filter_map(|id| e.tags.get(id)).cloned().collect()
    }

    /// Every author, by name.
    pub fn all_authors(&self) -> Vec<Author> {
        let mut all: Vec<Author> = self.read().authors.values().cloned().collect();
        all.sort_by(|a, b| a.name.cmp(&b.name));
        all
    }

    /// Every tag, by name.
    pub fn all_tags(&self) -> Vec<Tag> {
        let mut all: Vec<Tag> = self.read().tags.values().cloned().collect();
        all.sort_by(|a, b| a.name.cmp(&b.name));
        all
    }

    pub fn author_by_slug(&self, slug: &str) -> Option<Author> {
        let e = self.read();
        e.author_slugs.get(slug).and_then(|id| e.authors.get(id)).cloned()
    }

    pub fn tag_by_slug(&self, slug: &str) -> Option<Tag> {
        let e = self.read();
        e.tag_slugs.get(slug).and_then(|id| e.tags.get(id)).cloned()
    }

    pub fn list(&self, key: ListKey) -> Arc<Vec<StoryId>> {
        self.read().lists.get(&key).cloned().unwrap_or_default()
    }

    pub fn put_author(&self, a: Author) {
        let mut e = self.write();
        e.author_slugs.retain(|_, id| *id != a.id);
        e.author_slugs.insert(a.slug.to_string(), a.id);
        e.authors.insert(a.id, a);
    }

    pub fn put_tag(&self, t: Tag) {
        let mut e = self.write();
        e.tag_slugs.retain(|_, id| *id != t.id);
        e.tag_slugs.insert(t.slug.to_string(), t.id);
        e.tags.insert(t.id, t);
    }

    /// The media known here, and the ids that are not.
    pub fn media(&self, ids: &[MediaId]) -> (Vec<Media>, Vec<MediaId>) {
        let mut found = Vec::with_capacity(ids.len());
        let mut missing = Vec::new();
        for id in ids {
            match self.media.get(id) {
                Some(m) => found.push(m),
                None => missing.push(*id),
            }
        }
        (found, missing)
    }

    pub fn put_media(&self, m: Media) {
        self.media.insert(m.id, m);
    }

    pub fn forget_media(&self, id: MediaId) {
        self.media.invalidate(&id);
    }

    pub fn put_list(&self, key: ListKey, stories: Vec<StoryId>) {
        self.write().lists.insert(key, Arc::new(stories));
    }
}
