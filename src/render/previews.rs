//! The previews a page carries (issue 18): for each actor, event, article
//! or free page that the page's own text links to (its mentions and its
//! `@/` links), what `preview.js` shows when such a link is hovered,
//! focused or tapped. They travel with the page, as a JSON data block
//! (`<script type="application/json">`), so previews work from `file://`
//! with no request; a page without links to preview carries none.
//!
//! Only the items the page's text links to, never the dossier's whole
//! list: a page's previews grow with its text, not with the dossier. A
//! note needs no entry: the note a reference points to is on the same
//! page (its side note), and the script reads it there.

use super::context::Url;
use super::lookup::Lookup;
use super::share::{opening_within, script_json};
use crate::model::{ItemId, PartialDate};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};

/// Longest opening of a profile, description or page shown, in characters.
const OPENING_MAX: usize = 160;

/// What the preview of one item shows, by the kind of item (`type`). What
/// an item lacks is left out rather than `null` (the script tests each
/// field), since every page carries the previews of its links.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
/// Every word in it is in the interface's language (the script adds none
/// of its own but the note's heading).
enum Preview<'a> {
    Actor {
        /// "Actor · person", in the interface's words.
        kicker: String,
        name: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        role: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        opening: Option<String>,
        /// Mentions in article bodies, and the articles naming it, in words.
        counts: String,
    },
    Event {
        kicker: &'a str,
        title: &'a str,
        date: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        end: Option<String>,
        /// "month only" when the date is known to the month or year only.
        #[serde(skip_serializing_if = "Option::is_none")]
        precision: Option<&'a str>,
        /// "date uncertain" when it is.
        #[serde(skip_serializing_if = "Option::is_none")]
        uncertain: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        opening: Option<String>,
    },
    Article {
        kicker: &'a str,
        title: &'a str,
        publisher: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        published: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        summary: Option<String>,
    },
    Page {
        kicker: &'a str,
        title: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        opening: Option<String>,
    },
}

/// The previews of one page, by the URL of their item's page from the site
/// root (as [`Url`] spells it): a JSON object.
struct PagePreviews<'a>(Vec<(Url<'a>, Preview<'a>)>);

impl Serialize for PagePreviews<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (url, preview) in &self.0 {
            map.serialize_entry(url, preview)?;
        }
        map.end()
    }
}

/// The previews for the page of item `page`, as the text of its JSON data
/// block; `None` when there is nothing to preview there: its text links to
/// nothing that has a preview, and it has no notes (whose references the
/// script previews from the page itself).
pub(super) fn for_page(lookup: &Lookup<'_>, page: ItemId) -> Option<String> {
    let has_notes = match page {
        ItemId::Article(id) => !lookup.l.article(id).annotations.is_empty(),
        _ => false,
    };
    let mentioned = lookup.mentions_on(page).iter().map(|m| m.target);
    let linked = lookup.references_from(page).iter().copied();
    // Each item once, in a fixed order (kind, then id), the page's own
    // item left out.
    let items: BTreeSet<ItemId> = mentioned.chain(linked).filter(|&x| x != page).collect();
    if items.is_empty() && !has_notes {
        return None;
    }
    let previews = items.into_iter().map(|x| preview(lookup, x)).collect();
    Some(script_json(&PagePreviews(previews)))
}

/// A digest of every item's preview as `d` linked as `l` shows it: `serve`
/// compares them between builds, since a page carries the previews of the
/// items it links to and must be made again when one of those changes
/// (an actor's counts, when an article naming it changed).
pub fn digests(d: &crate::model::Dossier, l: &crate::link::Linked) -> HashMap<ItemId, u64> {
    use rayon::prelude::*;
    let lookup = Lookup::new(d, l);
    let items: Vec<ItemId> = (d.articles.ids().map(ItemId::from))
        .chain(d.actors.ids().map(ItemId::from))
        .chain(d.events.ids().map(ItemId::from))
        .chain(d.pages.ids().map(ItemId::from))
        .collect();
    items
        .into_par_iter()
        .map(|item| {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            let text = serde_json::to_string(&preview(&lookup, item)).unwrap_or_default();
            text.hash(&mut hasher);
            (item, hasher.finish())
        })
        .collect()
}

/// The preview of `item`, with the URL of its page.
fn preview<'a>(lookup: &Lookup<'a>, item: ItemId) -> (Url<'a>, Preview<'a>) {
    let (d, l) = (lookup.d, lookup.l);
    let t = &d.config.interface_strings;
    let opening = |plain: &str| opening_within(plain, OPENING_MAX);
    let human = |date: &PartialDate| t.date(date);
    match item {
        ItemId::Actor(id) => {
            let a = &d.actors[id];
            let preview = Preview::Actor {
                kicker: format!(
                    "{} · {}",
                    t.get("preview.actor"),
                    t.get(&format!("actor.{}", a.kind.as_str()))
                ),
                name: &a.name,
                role: a.role.as_deref(),
                opening: opening(&l.actor(id).plain),
                counts: counts(t, lookup.count(item), lookup.articles_about(item).len()),
            };
            (Url::actor(&a.slug), preview)
        }
        ItemId::Event(id) => {
            let e = &d.events[id];
            let precision = match e.date.precision() {
                "month" => "date.month_only",
                "year" => "date.year_only",
                _ => "date.day_only",
            };
            let preview = Preview::Event {
                kicker: t.get("preview.event"),
                title: &e.title,
                date: human(&e.date),
                end: e.end.as_ref().map(human),
                precision: e.date.is_partial().then(|| t.get(precision)),
                uncertain: e.date_uncertain.then(|| t.get("date.uncertain")),
                opening: opening(&l.event(id).plain),
            };
            (Url::event(&e.slug), preview)
        }
        ItemId::Article(id) => {
            let a = &d.articles[id];
            let summary = a.summary.as_deref().and_then(opening);
            let preview = Preview::Article {
                kicker: t.get("preview.article"),
                title: &a.title,
                publisher: &a.source.name,
                published: a.published.as_ref().map(human),
                summary: summary.or_else(|| opening(&l.article(id).body.plain)),
            };
            (Url::article(&a.slug), preview)
        }
        ItemId::Page(id) => {
            let p = &d.pages[id];
            let preview = Preview::Page {
                kicker: t.get("preview.page"),
                title: &p.title,
                opening: opening(&l.page(id).plain),
            };
            (Url::page(&p.slug), preview)
        }
    }
}

/// "3 mentions in 2 articles", in the interface's words.
fn counts(t: &crate::i18n::Strings, mentions: usize, articles: usize) -> String {
    let mentions = format!("{mentions} {}", t.count("count.mention", mentions as u64));
    let articles_n = articles;
    let articles = format!("{articles} {}", t.count("count.article", articles as u64));
    t.fill(
        "preview.counts",
        &[
            ("mentions", &mentions),
            ("articles", &articles),
            ("articles_n", &articles_n),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previews_are_an_object_by_url_that_no_text_can_end() {
        let previews = PagePreviews(vec![(
            Url::actor("x"),
            Preview::Page {
                kicker: "Page",
                title: "</script><!--",
                opening: None,
            },
        )]);
        let json = script_json(&previews);
        assert!(json.starts_with(r#"{"actors/x.html":{"type":"page","#));
        assert!(!json.contains('<'));
    }
}
