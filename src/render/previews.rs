//! The previews (issue 18): for each actor, event, article and free page,
//! what `preview.js` shows when a link to its page is hovered, focused or
//! tapped. They are written once for the whole site, as scripts in
//! `previews/` (`previews/<n>.js`, a few dozen items each, which item in
//! which script fixed by a hash of its page's URL, [`shard_of`]) that the
//! script loads by a tag when a link to an item is first pointed at, so
//! previews work from `file://` with no request the browser would block.
//!
//! Pages do not carry them: carried by every page that links an item, the
//! same previews were a tenth of a newsroom-size site. A page whose text
//! links to nothing previewable and has no notes (whose references the
//! script previews from the page itself) does not load the script.

use super::context::Url;
use super::lookup::Lookup;
use super::share::{opening_within, script_json};
use crate::incremental::Reuse;
use crate::model::{ItemId, PartialDate};
use crate::output::OutputFile;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;
use std::sync::Arc;

/// Longest opening of a profile, description or page shown, in characters.
const OPENING_MAX: usize = 160;

/// How many items a script of previews holds, at most on average: about
/// 20 kB, loaded when a link to one of them is first pointed at.
const ITEMS_PER_SCRIPT: usize = 64;

/// What the preview of one item shows, by the kind of item (`type`). What
/// an item lacks is left out rather than `null` (the script tests each
/// field).
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

/// The previews of one script, by the URL of their item's page from the
/// site root (as [`Url`] spells it): a JSON object.
struct Previews<K, V>(Vec<(K, V)>);

impl<K: Serialize, V: Serialize> Serialize for Previews<K, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (url, preview) in &self.0 {
            map.serialize_entry(url, preview)?;
        }
        map.end()
    }
}

/// The number of scripts of previews, when the page of item `page` loads
/// them: its text links to an item (each has a preview) or it has notes
/// (whose references the script previews from the page itself).
pub(super) fn for_page(lookup: &Lookup<'_>, page: ItemId) -> Option<usize> {
    let has_notes = match page {
        ItemId::Article(id) => !lookup.l.article(id).annotations.is_empty(),
        _ => false,
    };
    let mentions = lookup.mentions_on(page).iter().map(|m| m.target);
    let mut linked = mentions.chain(lookup.references_from(page).iter().copied());
    (has_notes || linked.any(|x| x != page)).then(|| script_count(lookup))
}

/// How many scripts the previews of every item are cut into.
fn script_count(lookup: &Lookup<'_>) -> usize {
    let d = lookup.d;
    let items = d.articles.len() + d.actors.len() + d.events.len() + d.pages.len();
    items.div_ceil(ITEMS_PER_SCRIPT).max(1)
}

/// Which of `count` scripts holds the preview of the page at `url` (from
/// the site root, unescaped): 32-bit FNV-1a of its UTF-8 bytes, modulo
/// `count`, as `preview.js` computes it.
pub fn shard_of(url: &str, count: usize) -> usize {
    let hash = url.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    hash as usize % count.max(1)
}

/// The scripts of previews of every item (`previews/<n>.js`, from 0), each
/// a call `DOSSIER_PREVIEWS.add({…})` with its items by URL.
/// `serve` keeps (`reuse`) each article's preview, made of its own texts
/// alone, while they are the same.
pub(super) fn files(lookup: &Lookup<'_>, reuse: Reuse<'_>) -> Vec<OutputFile> {
    use rayon::prelude::*;
    let d = lookup.d;
    let items: Vec<ItemId> = (d.articles.ids().map(ItemId::from))
        .chain(d.actors.ids().map(ItemId::from))
        .chain(d.events.ids().map(ItemId::from))
        .chain(d.pages.ids().map(ItemId::from))
        .collect();
    let count = script_count(lookup);
    let mut scripts: Vec<Previews<_, _>> = (0..count).map(|_| Previews(Vec::new())).collect();
    let previews: Vec<(String, Arc<Box<RawValue>>)> = (items.into_par_iter())
        .map(|item| {
            // Serialising these records cannot fail (no map has keys
            // that are not strings); `script_json` says so likewise.
            let json = |p: &Preview| serde_json::value::to_raw_value(p).unwrap_or_default();
            match item {
                ItemId::Article(id) if reuse.keeps() => {
                    let made = || json(&preview(lookup, item).1);
                    let kept = reuse.text_parts("previews", item, |_| true, made).0;
                    (Url::article(&d.articles[id].slug).to_string(), kept)
                }
                _ => {
                    let (url, preview) = preview(lookup, item);
                    (url.to_string(), Arc::new(json(&preview)))
                }
            }
        })
        .collect();
    for (url, preview) in &previews {
        scripts[shard_of(url, count)]
            .0
            .push((url.as_str(), &***preview));
    }
    (scripts.iter().enumerate())
        .map(|(n, previews)| {
            let js = format!("DOSSIER_PREVIEWS.add({});\n", script_json(previews));
            OutputFile::new(format!("previews/{n}.js"), js.into_bytes())
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
        let previews = Previews(vec![(
            Url::actor("x").to_string(),
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

    /// The values `preview.js` must find for the same URLs (FNV-1a of the
    /// UTF-8 bytes: "a" is 0xe40c292c; `é` is two bytes).
    #[test]
    fn scripts_are_chosen_by_fnv1a_of_the_url() {
        assert_eq!(shard_of("a", usize::MAX), 0xe40c_292c);
        assert_eq!(shard_of("", 7), 0x811c_9dc5 % 7);
        assert_eq!(shard_of("actors/x.html", 1), 0);
        assert_ne!(shard_of("é", usize::MAX), shard_of("e", usize::MAX));
    }
}
