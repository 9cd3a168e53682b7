//! Element ids a rendered text gives: one per recorded mention and one per
//! heading, unique on the page the text is shown on.

use crate::model::{ItemId, ItemKind, ItemPath};
use std::collections::{HashMap, HashSet};

/// Counts mentions per target on one page, so that ids are unique there.
#[derive(Default)]
pub struct IdCounter {
    counts: HashMap<ItemId, u32>,
    headings: HashSet<String>,
}

/// The element id of the `n`th mention (1-based) of an item on a page, as
/// text to write (`a-<actor>-<n>`, `e-<event>-<n>`).
pub struct MentionId<'a>(pub ItemPath<'a>, pub u32);

impl std::fmt::Display for MentionId<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let prefix = match self.0.kind {
            ItemKind::Event => "e",
            ItemKind::Actor | ItemKind::Article | ItemKind::Page => "a",
        };
        write!(f, "{prefix}-{}-{}", self.0.slug, self.1)
    }
}

impl IdCounter {
    /// Counts one more mention of `target`: its number on the page.
    pub(super) fn next(&mut self, target: ItemId) -> u32 {
        let n = self.counts.entry(target).or_insert(0);
        *n += 1;
        *n
    }

    /// The id of a heading that has none (`h-<words>`, with `-2`, `-3`…
    /// after the first of the same words on the page).
    pub(super) fn heading_id(&mut self, text: &str) -> String {
        let mut base: String = text
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_lowercase().next().unwrap_or(c)
                } else {
                    '-'
                }
            })
            .collect();
        while base.contains("--") {
            base = base.replace("--", "-");
        }
        let base = base.trim_matches('-');
        let base = if base.is_empty() { "section" } else { base };
        let mut id = format!("h-{base}");
        let mut n = 1;
        while !self.headings.insert(id.clone()) {
            n += 1;
            id = format!("h-{base}-{n}");
        }
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_ids_are_words_made_unique_on_the_page() {
        let mut ids = IdCounter::default();
        assert_eq!(ids.heading_id("Who Said What?"), "h-who-said-what");
        assert_eq!(ids.heading_id("Who said -- what"), "h-who-said-what-2");
        assert_eq!(ids.heading_id("Żaneta"), "h-żaneta");
        assert_eq!(ids.heading_id("…"), "h-section");
    }

    #[test]
    fn mentions_are_numbered_per_target() {
        use crate::model::{ActorId, EventId, Id};
        let mut ids = IdCounter::default();
        let (a, e) = (
            ItemId::from(ActorId::from_index(0)),
            ItemId::from(EventId::from_index(0)),
        );
        assert_eq!((ids.next(a), ids.next(e), ids.next(a)), (1, 1, 2));
        let path = |kind| ItemPath { kind, slug: "x" };
        assert_eq!(MentionId(path(ItemKind::Actor), 2).to_string(), "a-x-2");
        assert_eq!(MentionId(path(ItemKind::Event), 1).to_string(), "e-x-1");
    }
}
