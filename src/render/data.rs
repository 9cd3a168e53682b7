//! `dossier.json`: the dossier as data, each article with its seed's
//! SHA-256 and size (provenance).
//!
//! Split so that no file outgrows what Git and GitHub Pages take well: the
//! manifest `dossier.json` holds the title, articles, actors and events
//! and names the parts that hold the mentions (`data/mentions-1.json`, …),
//! each a JSON array of records in order, cut before it would pass
//! [`PART_BYTES`]. A record of the mentions is a page with the mentions
//! on it, by what they name; their element ids follow from their order
//! ([`ByTarget`]), and words said again are written as where they stand
//! first. The notes are not repeated here: the manifest names the files of
//! `annotations.jsonld` that hold them as W3C Web Annotations
//! (<https://www.w3.org/TR/annotation-model/>), each identified by its side
//! note on the article page (`#note-<id>`; its highlight is `#ann-<id>`).
//!
//! Typed records that borrow from the dossier, serialised straight into the
//! output buffer: at newsroom scale (hundreds of thousands of mentions) an
//! intermediate `serde_json::Value` tree costs seconds and gigabytes.

use super::context::{Shown, Url};
use crate::export::provenance::{article_seed_sha256, Hex};
use crate::incremental::Reuse;
use crate::link::{Linked, Mention};
use crate::model::{
    ActorId, ActorKind, Article, Dossier, Event, ItemId, ItemPath, NoteId, PartialDate, Source,
};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Serialize)]
struct Doc<'a> {
    title: &'a str,
    description: &'a Option<String>,
    articles: Articles<'a>,
    actors: Items<'a, crate::model::Actor, ActorRecord<'a>>,
    events: Items<'a, Event, EventRecord<'a>>,
    /// The files that hold the mentions, in order.
    mentions: &'a [String],
    /// The files of the Web Annotation collection (`annotations.jsonld`)
    /// that hold the notes, in order: the collection, or its pages.
    annotations: &'a [String],
}

/// The most bytes a part file holds (unless one record is larger): well
/// under the 25 MB a file may have in the site.
pub(super) const PART_BYTES: usize = 16 << 20;

/// A slice serialised as a sequence of records made on the fly (with the
/// dossier, which names the items that ids stand for).
struct Items<'a, T, R>(&'a Dossier, &'a [T], fn(&'a Dossier, &'a T) -> R);

impl<'a, T, R: Serialize> Serialize for Items<'a, T, R> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.1.len()))?;
        for x in self.1 {
            seq.serialize_element(&(self.2)(self.0, x))?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct ArticleRecord<'a> {
    slug: &'a str,
    title: &'a str,
    url: Url<'a>,
    source: &'a Source,
    published: &'a Option<PartialDate>,
    date_note: &'a Option<String>,
    seed: &'a str,
    seed_url: Url<'a>,
    /// The seed's SHA-256 and size in bytes, as published.
    seed_sha256: Option<Hex<32>>,
    seed_size: Option<u64>,
    language: &'a Option<String>,
    translated_from: &'a Option<String>,
    summary: &'a Option<String>,
}

/// The articles of `dossier.json`. `serve` keeps each one's record, as
/// it stands in the file, while the article's texts (its file, its seed)
/// are the same: the record holds the seed's SHA-256.
struct Articles<'a>(&'a Dossier, Reuse<'a>);

impl Serialize for Articles<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Articles(d, reuse) = *self;
        if !reuse.keeps() {
            return Items(d, &d.articles, article).serialize(s);
        }
        let mut seq = s.serialize_seq(Some(d.articles.len()))?;
        for (id, a) in d.articles.with_ids() {
            let made = || indented(&article(d, a));
            let (raw, _) = reuse.text_parts("dossier.json article", id.into(), |_| true, made);
            let raw = raw.as_ref().as_ref().map_err(serde::ser::Error::custom)?;
            seq.serialize_element(raw)?;
        }
        seq.end()
    }
}

/// `record` as `dossier.json` holds it, pretty-printed, in a list of the
/// top object: each of its lines after the first indented two levels.
fn indented(record: &impl Serialize) -> Result<Box<RawValue>, String> {
    let pretty = serde_json::to_string_pretty(record).map_err(|e| e.to_string())?;
    RawValue::from_string(pretty.replace('\n', "\n    ")).map_err(|e| e.to_string())
}

fn article<'a>(d: &Dossier, a: &'a Article) -> ArticleRecord<'a> {
    let seed = article_seed_sha256(d, a);
    ArticleRecord {
        slug: &a.slug,
        title: &a.title,
        url: Url::article(&a.slug),
        source: &a.source,
        published: &a.published,
        date_note: &a.date_note,
        seed: &a.seed,
        seed_url: Url::SeedText(&a.seed),
        seed_sha256: seed.map(|(sha256, _)| sha256),
        seed_size: seed.map(|(_, size)| size),
        language: &a.language,
        translated_from: &a.translated_from,
        summary: &a.summary,
    }
}

#[derive(Serialize)]
struct ActorRecord<'a> {
    slug: &'a str,
    name: &'a str,
    kind: ActorKind,
    role: &'a Option<String>,
    aliases: &'a [String],
    url: Url<'a>,
}

fn actor<'a>(_: &Dossier, a: &'a crate::model::Actor) -> ActorRecord<'a> {
    ActorRecord {
        slug: &a.slug,
        name: &a.name,
        kind: a.kind,
        role: &a.role,
        aliases: &a.aliases,
        url: Url::actor(&a.slug),
    }
}

#[derive(Serialize)]
struct EventRecord<'a> {
    slug: &'a str,
    title: &'a str,
    date: &'a PartialDate,
    end: &'a Option<PartialDate>,
    date_note: &'a Option<String>,
    date_uncertain: bool,
    actors: Slugs<'a>,
    aliases: &'a [String],
    url: Url<'a>,
}

/// Actors, serialised as their slugs.
struct Slugs<'a>(&'a Dossier, &'a [ActorId]);

impl Serialize for Slugs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.1.iter().map(|&x| &self.0.actors[x].slug))
    }
}

fn event<'a>(d: &'a Dossier, e: &'a Event) -> EventRecord<'a> {
    EventRecord {
        slug: &e.slug,
        title: &e.title,
        date: &e.date,
        end: &e.end,
        date_note: &e.date_note,
        date_uncertain: e.date_uncertain,
        actors: Slugs(d, &e.actors),
        aliases: &e.aliases,
        url: Url::event(&e.slug),
    }
}

/// The mentions on one page: the page once (its URL is `<source>.html`),
/// then the mentions in its text and in each of its side notes, by what
/// they name ([`ByTarget`]). A mention's element id is not written: it
/// follows from its place ([`ByTarget`]).
#[derive(Serialize)]
struct PageMentions<'a> {
    source: Shown<ItemPath<'a>>,
    mentions: ByTarget<'a>,
    /// By the element id of the side note (`note-<id>`), in reading order.
    #[serde(skip_serializing_if = "Notes::is_empty")]
    notes: Notes<'a>,
}

/// The mentions of one text (a page's own, or one side note's), by what
/// they name, in the order each is first named: for each target the
/// words of its mentions in their order, the `n`th (from 1) the mention
/// whose element id is `a-<slug>-<n>` (`e-` for an event; in the side
/// note `note-x`, `note-x--a-<slug>-<n>`). Words already in the list are
/// written as the number of their first place in it (from 0): a name
/// said twenty times on a page is written once.
struct ByTarget<'a> {
    d: &'a Dossier,
    targets: Vec<(ItemId, Vec<Words<'a>>)>,
}

/// The words of one mention, or where in its list the same words stand
/// first.
#[derive(Serialize)]
#[serde(untagged)]
enum Words<'a> {
    Text(&'a str),
    Again(usize),
}

impl Serialize for ByTarget<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.targets.len()))?;
        for (target, words) in &self.targets {
            map.serialize_entry(&Shown(self.d.path(*target)), words)?;
        }
        map.end()
    }
}

impl<'a> ByTarget<'a> {
    /// `mentions`, all in one text, grouped by target; each target's in
    /// the order of their numbers.
    fn of(d: &'a Dossier, mentions: &[&'a Mention]) -> Self {
        let mut targets: Vec<(ItemId, Vec<&'a Mention>)> = Vec::new();
        let mut place: HashMap<ItemId, usize> = HashMap::new();
        for &m in mentions {
            let i = *place.entry(m.target).or_insert_with(|| {
                targets.push((m.target, Vec::new()));
                targets.len() - 1
            });
            targets[i].1.push(m);
        }
        let targets = (targets.into_iter())
            .map(|(target, mut ms)| {
                ms.sort_by_key(|m| m.number());
                debug_assert!(
                    ms.iter().zip(1..).all(|(m, n)| m.number() == n),
                    "the mentions of a target are numbered 1, 2, … in a text"
                );
                (target, words(ms.iter().map(|m| m.text())))
            })
            .collect();
        ByTarget { d, targets }
    }
}

/// The words of a list of mentions, each as written the first time, then
/// as the place where they first stand.
fn words<'a>(texts: impl ExactSizeIterator<Item = &'a str>) -> Vec<Words<'a>> {
    let mut firsts: Vec<(&str, usize)> = Vec::new();
    let mut out = Vec::with_capacity(texts.len());
    for text in texts {
        match firsts.iter().find(|(w, _)| *w == text) {
            Some(&(_, at)) => out.push(Words::Again(at)),
            None => {
                firsts.push((text, out.len()));
                out.push(Words::Text(text));
            }
        }
    }
    out
}

/// The mentions in a page's side notes: for each note that has any, its
/// element id and its mentions.
struct Notes<'a>(Vec<(&'a NoteId, ByTarget<'a>)>);

impl Notes<'_> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Notes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (note, mentions) in &self.0 {
            map.serialize_entry(&Shown(note.note()), mentions)?;
        }
        map.end()
    }
}

/// `mentions`, all on one page (a run of the linked mentions, which are
/// in order of their pages), as its record.
fn page_mentions<'a>(d: &'a Dossier, mentions: &'a [Mention]) -> Option<PageMentions<'a>> {
    let source = d.path(mentions.first()?.source);
    let mut text = Vec::new();
    let mut notes: Vec<(&NoteId, Vec<&Mention>)> = Vec::new();
    for m in mentions {
        match &m.in_note {
            None => text.push(m),
            Some(n) => match notes.iter_mut().find(|(id, _)| **id == n.id) {
                Some((_, ms)) => ms.push(m),
                None => notes.push((&n.id, vec![m])),
            },
        }
    }
    let notes = (notes.into_iter())
        .map(|(id, ms)| (id, ByTarget::of(d, &ms)))
        .collect();
    Some(PageMentions {
        source: Shown(source),
        mentions: ByTarget::of(d, &text),
        notes: Notes(notes),
    })
}

/// Takes each data file as it is made: its path and bytes.
pub(super) type Out<'o> = dyn Fn(&str, &[u8]) + Sync + 'o;

/// Writes `dossier.json`, pretty-printed (it is meant to be read and
/// diffed too), and its parts, one record a line (still diffed line by
/// line, and a quarter smaller than indented), each handed to `out` as it
/// is made.
/// `serve` keeps (`reuse`) the records of the pages and articles whose
/// texts did not change.
pub(super) fn write_files(
    d: &Dossier,
    l: &Linked,
    reuse: Reuse<'_>,
    out: &Out<'_>,
) -> Result<(), serde_json::Error> {
    let pages = l.mentions.chunk_by(|a, b| a.source == b.source);
    // A page's record is made only when its text changed.
    let records = pages.map(|run| {
        let json = || {
            page_mentions(d, run)
                .map(|r| serde_json::to_string(&r))
                .transpose()
        };
        let json = || json().map_err(|e| e.to_string());
        reuse
            .text_parts("data/mentions", run[0].source, |_| true, json)
            .0
    });
    let mentions = write_parts("mentions", records, out)?;
    let annotations = crate::export::annotation_files(l);
    let doc = Doc {
        title: &d.config.book.title,
        description: &d.config.book.description,
        articles: Articles(d, reuse),
        actors: Items(d, &d.actors, actor),
        events: Items(d, &d.events, event),
        mentions: &mentions,
        annotations: &annotations,
    };
    let mut bytes = serde_json::to_vec_pretty(&doc)?;
    bytes.push(b'\n');
    out("dossier.json", &bytes);
    Ok(())
}

/// `records` as JSON arrays in files `data/<name>-<n>.json` of at most
/// [`PART_BYTES`] each (none when there are no records): their paths.
fn write_parts(
    name: &str,
    records: impl Iterator<Item = Arc<Result<Option<String>, String>>>,
    out: &Out<'_>,
) -> Result<Vec<String>, serde_json::Error> {
    let mut paths = Vec::new();
    let mut part: Vec<u8> = Vec::new();
    let flush = |part: &mut Vec<u8>, paths: &mut Vec<String>| {
        part.extend_from_slice(b"\n]\n");
        let path = format!("data/{name}-{}.json", paths.len() + 1);
        out(&path, part);
        paths.push(path);
        part.clear();
    };
    for record in records {
        let Some(record) = record
            .as_ref()
            .as_ref()
            .map_err(serde::ser::Error::custom)?
        else {
            continue;
        };
        if !part.is_empty() && part.len() + record.len() + 8 > PART_BYTES {
            flush(&mut part, &mut paths);
        }
        part.extend_from_slice(if part.is_empty() { b"[\n" } else { b",\n" });
        part.extend_from_slice(record.as_bytes());
    }
    if !part.is_empty() {
        flush(&mut part, &mut paths);
    }
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_said_again_are_where_they_stand_first() {
        let texts = [
            "Tuar",
            "Koren Tuar",
            "Tuar",
            "K. Tuar",
            "Koren Tuar",
            "Tuar",
        ];
        let json = serde_json::to_string(&words(texts.into_iter())).unwrap();
        assert_eq!(json, r#"["Tuar","Koren Tuar",0,"K. Tuar",1,0]"#);
    }
}
