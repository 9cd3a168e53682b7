//! `dossier.json`: the dossier as data, annotations as W3C Web Annotations
//! (<https://www.w3.org/TR/annotation-model/>) with TextQuoteSelectors;
//! each article with its seed's SHA-256 and size (provenance).
//!
//! Typed records that borrow from the dossier, serialised straight into the
//! output buffer: at newsroom scale (hundreds of thousands of mentions) an
//! intermediate `serde_json::Value` tree costs seconds and gigabytes.

use super::context::{Shown, Url};
use crate::export::provenance::{article_seed_sha256, Hex};
use crate::link::{Linked, LinkedAnnotation, Mention};
use crate::model::{ActorId, ActorKind, Article, Dossier, Event, ItemPath, PartialDate, Source};
use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct Doc<'a> {
    title: &'a str,
    description: &'a Option<String>,
    articles: Items<'a, Article, ArticleRecord<'a>>,
    actors: Items<'a, crate::model::Actor, ActorRecord<'a>>,
    events: Items<'a, Event, EventRecord<'a>>,
    mentions: Items<'a, Mention, MentionRecord<'a>>,
    annotations: Annotations<'a>,
}

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

#[derive(Serialize)]
struct MentionRecord<'a> {
    target: Shown<ItemPath<'a>>,
    source: Shown<ItemPath<'a>>,
    url: Shown<MentionUrl<'a>>,
    text: &'a str,
    in_note: Option<usize>,
}

/// Where a mention stands: its page and element id.
struct MentionUrl<'a>(&'a Dossier, &'a Mention);

impl std::fmt::Display for MentionUrl<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (d, m) = (self.0, self.1);
        write!(f, "{}#{}", Url::of(d.path(m.source)), m.id_shown(d))
    }
}

fn mention<'a>(d: &'a Dossier, m: &'a Mention) -> MentionRecord<'a> {
    MentionRecord {
        target: Shown(d.path(m.target)),
        source: Shown(d.path(m.source)),
        url: Shown(MentionUrl(d, m)),
        text: m.text(),
        in_note: m.note_number(),
    }
}

/// Every article's annotations, in article order.
struct Annotations<'a>(&'a Dossier, &'a Linked);

impl Serialize for Annotations<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        let d = self.0;
        for (id, la) in self.1.articles() {
            for x in &la.annotations {
                seq.serialize_element(&web_annotation(d, &d.articles[id].slug, x))?;
            }
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct WebAnnotation<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: Url<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    body: Vec<Body<'a>>,
    target: Target<'a>,
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Body<'a> {
    TextualBody {
        purpose: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        format: Option<&'static str>,
        value: &'a str,
    },
    SpecificResource {
        purpose: &'static str,
        source: Url<'a>,
    },
}

#[derive(Serialize)]
struct Target<'a> {
    source: Url<'a>,
    selector: Selector<'a>,
}

#[derive(Serialize)]
struct Selector<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: &'a str,
    prefix: &'a str,
    suffix: &'a str,
}

fn web_annotation<'a>(d: &'a Dossier, slug: &'a str, x: &'a LinkedAnnotation) -> WebAnnotation<'a> {
    let mut body = vec![
        Body::TextualBody {
            purpose: "commenting",
            format: Some("text/markdown"),
            value: &x.note_markdown,
        },
        Body::TextualBody {
            purpose: "classifying",
            format: None,
            value: x.kind.as_str(),
        },
    ];
    let tags = x.actors.iter().map(|&a| Url::actor(&d.actors[a].slug));
    let tags = tags.chain(x.events.iter().map(|&e| Url::event(&d.events[e].slug)));
    body.extend(tags.map(|source| Body::SpecificResource {
        purpose: "tagging",
        source,
    }));
    WebAnnotation {
        context: "http://www.w3.org/ns/anno.jsonld",
        id: Url::Annotation(slug, &x.id),
        kind: "Annotation",
        motivation: "commenting",
        body,
        target: Target {
            source: Url::article(slug),
            selector: Selector {
                kind: "TextQuoteSelector",
                exact: &x.exact,
                prefix: &x.prefix,
                suffix: &x.suffix,
            },
        },
    }
}

/// Writes `dossier.json`, pretty-printed (it is meant to be read and
/// diffed too), straight to `out`.
pub(super) fn write_dossier_json(
    d: &Dossier,
    l: &Linked,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let doc = Doc {
        title: &d.config.book.title,
        description: &d.config.book.description,
        articles: Items(d, &d.articles, article),
        actors: Items(d, &d.actors, actor),
        events: Items(d, &d.events, event),
        mentions: Items(d, &l.mentions, mention),
        annotations: Annotations(d, l),
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut out, &doc)?;
    out.write_all(b"\n")?;
    out.flush()
}
