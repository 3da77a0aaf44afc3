//! The front page's hand-curated lists: Top Stories and Editors' Picks, in
//! the order editors give them.

use newsdesk_domain::{Action, ListKey, StoryId, StoryStatus, User, ValidationError};
use newsdesk_store::StoryKey;
use tracing::info;

use crate::{Result, Site, SiteError};

/// The most stories a curated list holds.
pub const LIST_MAX: usize = 20;

/// A change an editor makes to a curated list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListEdit {
    /// Put a story at the top.
    Add(StoryId),
    Remove(StoryId),
    /// One place up (towards the top) or down.
    Up(StoryId),
    Down(StoryId),
    /// The whole order, as dragged: stories missing from it (added by
    /// someone else meanwhile) keep their places after it.
    Order(Vec<StoryId>),
}

/// Applies an edit to a list's order. Pure, so it is tested on its own.
pub fn apply(list: &[StoryId], edit: &ListEdit) -> Vec<StoryId> {
    let mut out = list.to_vec();
    let at = |id: &StoryId| list.iter().position(|x| x == id);
    match edit {
        ListEdit::Add(id) => {
            out.retain(|x| x != id);
            out.insert(0, *id);
        }
        ListEdit::Remove(id) => out.retain(|x| x != id),
        ListEdit::Up(id) => {
            if let Some(i) = at(id).filter(|i| *i > 0) {
                out.swap(i, i - 1);
            }
        }
        ListEdit::Down(id) => {
            if let Some(i) = at(id).filter(|i| i + 1 < list.len()) {
                out.swap(i, i + 1);
            }
        }
        ListEdit::Order(order) => {
            let mut seen = Vec::with_capacity(list.len());
            for id in order {
                if list.contains(id) && !seen.contains(id) {
                    seen.push(*id);
                }
            }
            seen.extend(list.iter().filter(|x| !seen.contains(x)).copied().collect::<Vec<_>>());
            out = seen;
        }
    }
    out
}

impl Site {
    /// The stories of a curated list, in order, from memory.
    pub fn list(&self, key: ListKey) -> Vec<StoryId> {
        self.directory.list(key).to_vec()
    }

    /// Changes a curated list (editors only); the pages showing it are
    /// dropped from the render cache.
    pub async fn edit_list(&self, user: &User, key: ListKey, edit: &ListEdit) -> Result<Vec<StoryId>> {
        if !user.can(Action::Curate) {
            return Err(SiteError::Forbidden("only editors curate the front page"));
        }
        let current = self.list(key);
        if let ListEdit::Add(id) = edit {
            let story = self.store.story(StoryKey::Id(*id)).await?.ok_or(SiteError::NotFound("story"))?;
            if story.status == StoryStatus::Draft || story.deleted_at.is_some() {
                return Err(SiteError::Invalid(ValidationError::Invalid {
                    field: "story",
                    reason: "only published or scheduled stories go on the front page",
                }));
            }
            if !current.contains(id) && current.len() >= LIST_MAX {
                return Err(SiteError::Invalid(ValidationError::Invalid {
                    field: "list",
                    reason: "it is full (20 stories): remove one first",
                }));
            }
        }
        let next = apply(&current, edit);
        if next != current {
            self.set_list(key, &next).await?;
            info!(list = %key, user = %user.id, ?edit, "curated list changed");
        }
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[i64]) -> Vec<StoryId> {
        v.iter().copied().map(StoryId).collect()
    }

    #[test]
    fn edits_move_add_and_remove() {
        let l = ids(&[1, 2, 3]);
        assert_eq!(apply(&l, &ListEdit::Up(StoryId(2))), ids(&[2, 1, 3]));
        assert_eq!(apply(&l, &ListEdit::Up(StoryId(1))), l, "the top stays");
        assert_eq!(apply(&l, &ListEdit::Down(StoryId(3))), l, "the bottom stays");
        assert_eq!(apply(&l, &ListEdit::Down(StoryId(1))), ids(&[2, 1, 3]));
        assert_eq!(apply(&l, &ListEdit::Add(StoryId(4))), ids(&[4, 1, 2, 3]));
        assert_eq!(apply(&l, &ListEdit::Add(StoryId(3))), ids(&[3, 1, 2]), "added again: to the top");
        assert_eq!(apply(&l, &ListEdit::Remove(StoryId(2))), ids(&[1, 3]));
        assert_eq!(apply(&l, &ListEdit::Up(StoryId(9))), l, "unknown: nothing moves");
    }

    #[test]
    fn a_dragged_order_keeps_what_it_did_not_know_of() {
        let l = ids(&[1, 2, 3, 4]);
        assert_eq!(apply(&l, &ListEdit::Order(ids(&[3, 1, 2, 4]))), ids(&[3, 1, 2, 4]));
        assert_eq!(apply(&l, &ListEdit::Order(ids(&[2, 1]))), ids(&[2, 1, 3, 4]));
        assert_eq!(apply(&l, &ListEdit::Order(ids(&[9, 2, 2]))), ids(&[2, 1, 3, 4]), "strangers and repeats dropped");
    }
}
