//! `annotations.jsonld`: every note as a W3C Web Annotation
//! (<https://www.w3.org/TR/annotation-model/>) in one `AnnotationCollection`.
//!
//! Each annotation is identified by its side note on the article page,
//! motivated by its kind ([`motivation`]), created by the book's authors,
//! has the note as a Markdown `TextualBody` in the book's language, and
//! targets
//! - the seed as the site publishes it (`seeds/<file>`), with a
//!   TextQuoteSelector and a TextPositionSelector counting code points,
//!   and the seed's SHA-256, size and original URL;
//! - the original page, when the article has a URL, with a
//!   TextQuoteSelector alone (whitespace as a browser shows it), so that
//!   a tool such as Hypothesis anchors the note on the live page.
//!
//! A quote that cannot be found in the seed (it always can when the
//! provenance check passed) targets the article page instead, as quoted
//! in the body. Up to [`PAGE_SIZE`] annotations are embedded in the
//! collection's first page; more are split into `annotations/page-N.jsonld`.

use super::provenance::Hex;
use super::seedquote::{self, SeedQuote};
use super::{note_anchor, note_markdown, Exports, Record};
use crate::link::markdown::SeedText;
use crate::link::quotes::Haystack;
use crate::link::LinkedAnnotation;
use crate::model::{AnnotationKind, Article, ArticleId};
use crate::render::Sink;
use rayon::prelude::*;
use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::value::{to_raw_value, RawValue};
use std::borrow::Cow;
use std::io::Write;
use std::sync::Arc;

/// Annotations a page holds: at about 3 KB each, a page stays near 3 MB,
/// far under the 25 MB limit of a file.
pub(super) const PAGE_SIZE: usize = 1000;

/// The Web Annotation motivation of a note kind:
/// - contradiction → `assessing`: the note weighs the text against other
///   sources;
/// - correction → `editing`: the note says what the text should say;
/// - context → `commenting`: background the note adds;
/// - claim → `questioning`: an assertion the text reports but does not
///   establish, put in question;
/// - figure → `describing`: the note says what a number is and where it
///   comes from;
/// - source → `identifying`: the note says who is speaking.
pub(crate) fn motivation(kind: AnnotationKind) -> &'static str {
    match kind {
        AnnotationKind::Contradiction => "assessing",
        AnnotationKind::Correction => "editing",
        AnnotationKind::Context => "commenting",
        AnnotationKind::Claim => "questioning",
        AnnotationKind::Figure => "describing",
        AnnotationKind::Source => "identifying",
    }
}

/// The W3C context, then the terms the seed's provenance adds: schema.org's
/// `sha256`, DCAT's `byteSize` and Dublin Core's `source` (the original
/// the seed is a copy of).
type Context = (&'static str, Terms);

#[derive(Serialize)]
struct Terms {
    sha256: &'static str,
    #[serde(rename = "byteSize")]
    byte_size: Term,
    #[serde(rename = "derivedFrom")]
    derived_from: Term,
}

#[derive(Serialize)]
struct Term {
    #[serde(rename = "@id")]
    id: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
}

fn context() -> Context {
    let terms = Terms {
        sha256: "schema:sha256",
        byte_size: Term {
            id: "http://www.w3.org/ns/dcat#byteSize",
            kind: "xsd:nonNegativeInteger",
        },
        derived_from: Term {
            id: "dcterms:source",
            kind: "@id",
        },
    };
    ("http://www.w3.org/ns/anno.jsonld", terms)
}

/// One annotation to write, with its quote in the seed when found.
struct Entry<'a> {
    article: &'a Article,
    note: &'a LinkedAnnotation,
    quote: Option<SeedQuote<'a>>,
}

/// One annotation to write: made as it is written, or kept as JSON (the
/// pieces of an article, when pieces are kept: [`Reuse`]).
///
/// [`Reuse`]: crate::incremental::Reuse
enum Item<'a> {
    Made(Entry<'a>),
    Kept(Arc<Kept>, usize),
}

/// An article's annotations as JSON, for pages at one depth.
type Kept = Result<Vec<Box<RawValue>>, String>;

/// An article's entries, each located in its seed (folded once).
fn article_entries<'a>(x: &Exports<'a>, id: ArticleId) -> Vec<Entry<'a>> {
    let (article, la) = (&x.d.articles[id], x.l.article(id));
    let seed = x.d.seeds.get(&article.seed).filter(|s| s.utf8);
    let seed = seed.filter(|_| !la.annotations.is_empty());
    let hay = seed.map(|s| {
        let text = SeedText::of(s);
        let hay = Haystack::new(text.text());
        (text, hay)
    });
    la.annotations
        .iter()
        .map(|note| Entry {
            article,
            note,
            quote: hay
                .as_ref()
                .and_then(|(text, hay)| seedquote::locate(text, hay, note)),
        })
        .collect()
}

/// An article's annotations at `from_root`: kept as JSON when pieces are
/// kept (an article that did not change keeps them), else made as written.
fn article_items<'a>(x: &Exports<'a>, from_root: &'static str, id: ArticleId) -> Vec<Item<'a>> {
    if !x.reuse.keeps() {
        return article_entries(x, id).into_iter().map(Item::Made).collect();
    }
    let file = match from_root {
        "" => "annotations.jsonld",
        _ => "annotations/page-N.jsonld",
    };
    let kept = x.reuse.parts(file, id.into(), || {
        let json = |e: &Entry| to_raw_value(&annotation(x, from_root, e));
        let made: Result<Vec<_>, _> = article_entries(x, id).iter().map(json).collect();
        made.map_err(|e| e.to_string())
    });
    let n = (*kept).as_ref().map_or(0, Vec::len);
    (0..n).map(|i| Item::Kept(kept.clone(), i)).collect()
}

/// Every annotation in article and reading order (the articles in
/// parallel), for pages at `from_root`.
fn items<'a>(x: &Exports<'a>, from_root: &'static str) -> Vec<Item<'a>> {
    let per_article: Vec<Vec<Item<'a>>> = (x.d.articles.par_with_ids())
        .map(|(id, _)| article_items(x, from_root, id))
        .collect();
    per_article.into_iter().flatten().collect()
}

#[derive(Serialize)]
struct Annotation<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    #[serde(skip_serializing_if = "Creators::is_empty")]
    creator: Creators<'a>,
    generator: Agent<'static>,
    body: Vec<Body<'a>>,
    target: Vec<Target<'a>>,
}

/// An agent by name. The authors in `book.toml` are names only, so no
/// type (person or organisation) is claimed for them.
#[derive(Serialize)]
struct Agent<'a> {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    name: &'a str,
}

/// The book's authors, as agents.
struct Creators<'a>(&'a [String]);

impl Creators<'_> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Creators<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for name in self.0 {
            seq.serialize_element(&Agent { kind: None, name })?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Body<'a> {
    TextualBody {
        purpose: &'static str,
        value: Cow<'a, str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        format: Option<&'static str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        language: Option<&'a str>,
    },
    SpecificResource {
        purpose: &'static str,
        source: String,
    },
}

#[derive(Serialize)]
struct Target<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    source: Source<'a>,
    selector: Vec<Selector<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Source<'a> {
    Iri(Cow<'a, str>),
    Seed(SeedSource<'a>),
}

/// The seed as published, with its provenance.
#[derive(Serialize)]
struct SeedSource<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    format: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sha256: Option<Hex<32>>,
    #[serde(rename = "byteSize", skip_serializing_if = "Option::is_none")]
    byte_size: Option<u64>,
    #[serde(rename = "derivedFrom", skip_serializing_if = "Option::is_none")]
    derived_from: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Selector<'a> {
    TextQuoteSelector {
        exact: Cow<'a, str>,
        prefix: Cow<'a, str>,
        suffix: Cow<'a, str>,
    },
    TextPositionSelector {
        start: usize,
        end: usize,
    },
}

/// The media type of a seed, by its extension.
fn seed_format(file: &str) -> &'static str {
    match file
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
    {
        Some(ext) if ext == "html" || ext == "htm" => "text/html",
        Some(ext) if ext == "md" => "text/markdown",
        _ => "text/plain",
    }
}

fn quote_selector<'a>(exact: &'a str, prefix: &'a str, suffix: &'a str) -> Selector<'a> {
    Selector::TextQuoteSelector {
        exact: exact.into(),
        prefix: prefix.into(),
        suffix: suffix.into(),
    }
}

/// The targets of one annotation (see the module's header).
fn targets<'a>(x: &Exports<'a>, from_root: &str, e: &Entry<'a>) -> Vec<Target<'a>> {
    let (a, note) = (e.article, e.note);
    let url = a.source.url.as_deref();
    let mut targets = Vec::with_capacity(2);
    let shown = match &e.quote {
        Some(q) => {
            let digest = x.digests.get(&a.seed);
            // A saved web page is published as its text (`<file>.txt`).
            let published = crate::import::naming::published_seed_name(&a.seed);
            let seed = SeedSource {
                id: x.links.iri(from_root, format_args!("seeds/{published}")),
                kind: "Text",
                format: seed_format(&published),
                language: a.language.as_deref(),
                sha256: digest.map(|d| Hex(d.sha256)),
                byte_size: digest.map(|d| d.size),
                derived_from: url,
            };
            let selector = vec![
                quote_selector(q.exact, q.prefix, q.suffix),
                Selector::TextPositionSelector {
                    start: q.start,
                    end: q.end,
                },
            ];
            targets.push(Target {
                kind: "SpecificResource",
                source: Source::Seed(seed),
                selector,
            });
            let [exact, prefix, suffix] = q.shown.clone();
            Selector::TextQuoteSelector {
                exact: exact.into(),
                prefix: prefix.into(),
                suffix: suffix.into(),
            }
        }
        None => {
            let page = x
                .links
                .iri(from_root, format_args!("articles/{}.html", a.slug));
            let selector = vec![quote_selector(&note.exact, &note.prefix, &note.suffix)];
            targets.push(Target {
                kind: "SpecificResource",
                source: Source::Iri(page.into()),
                selector,
            });
            quote_selector(&note.exact, &note.prefix, &note.suffix)
        }
    };
    if let Some(url) = url {
        let source = Source::Iri(url.into());
        targets.push(Target {
            kind: "SpecificResource",
            source,
            selector: vec![shown],
        });
    }
    targets
}

fn annotation<'a>(x: &Exports<'a>, from_root: &str, e: &Entry<'a>) -> Annotation<'a> {
    let (a, note) = (e.article, e.note);
    let book = &x.d.config.book;
    let mut body = vec![
        Body::TextualBody {
            purpose: motivation(note.kind),
            value: note_markdown(x, from_root, &note.note_markdown),
            format: Some("text/markdown"),
            language: Some(&book.language),
        },
        Body::TextualBody {
            purpose: "classifying",
            value: note.kind.as_str().into(),
            format: None,
            language: None,
        },
    ];
    let tags = note
        .actors
        .iter()
        .map(|&s| format!("actors/{}.html", x.d.actors[s].slug));
    let tags = tags.chain(
        note.events
            .iter()
            .map(|&s| format!("events/{}.html", x.d.events[s].slug)),
    );
    body.extend(tags.map(|path| Body::SpecificResource {
        purpose: "tagging",
        source: x.links.iri(from_root, path),
    }));
    let anchor = note_anchor(a, note);
    Annotation {
        id: x
            .links
            .iri(from_root, format_args!("articles/{}.html#{anchor}", a.slug)),
        kind: "Annotation",
        motivation: motivation(note.kind),
        creator: Creators(&book.authors),
        generator: Agent {
            kind: Some("Software"),
            name: "dossier",
        },
        body,
        target: targets(x, from_root, e),
    }
}

/// A page's annotations, made as they are written.
struct Items<'a, 'x> {
    x: &'x Exports<'a>,
    from_root: &'static str,
    entries: &'x [Item<'a>],
}

impl Serialize for Items<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.entries.len()))?;
        for e in self.entries {
            match e {
                Item::Made(e) => seq.serialize_element(&annotation(self.x, self.from_root, e))?,
                Item::Kept(kept, i) => match &**kept {
                    Ok(json) => seq.serialize_element(&json[*i])?,
                    Err(e) => return Err(serde::ser::Error::custom(e)),
                },
            }
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct Collection<'a, 'x> {
    #[serde(rename = "@context")]
    context: Context,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    total: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    first: Option<First<'a, 'x>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last: Option<String>,
}

/// The first page: embedded (one of a kind, so its size does not matter)
/// or named.
#[derive(Serialize)]
#[serde(untagged)]
#[allow(clippy::large_enum_variant)]
enum First<'a, 'x> {
    Embedded(Page<'a, 'x>),
    Iri(String),
}

#[derive(Serialize)]
struct Page<'a, 'x> {
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    context: Option<Context>,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "partOf", skip_serializing_if = "Option::is_none")]
    part_of: Option<String>,
    #[serde(rename = "startIndex")]
    start_index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    prev: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
    items: Items<'a, 'x>,
}

/// Path of the `n`th (1-based) page of a paged collection.
fn page_path(n: usize) -> String {
    format!("annotations/page-{n}.jsonld")
}

/// The files that hold the `total` annotations, in order: the collection,
/// which embeds them, or its pages; none without annotations.
pub(super) fn item_files(total: usize) -> Vec<String> {
    match total.div_ceil(PAGE_SIZE) {
        0 => Vec::new(),
        1 => vec!["annotations.jsonld".into()],
        pages => (1..=pages).map(page_path).collect(),
    }
}

/// Writes `value` as one line of JSON to `path` (only hashed first in a
/// partial build: most pages are the same).
fn stream_json(x: &Exports, sink: &dyn Sink, record: &Record, path: &str, value: &impl Serialize) {
    let res = crate::output::stream_unless_held(sink, path, x.reuse.partial(), &mut |w| {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
        serde_json::to_writer(&mut w, value)?;
        w.write_all(b"\n")?;
        w.flush()
    });
    record(path, res);
}

/// Writes the collection (and its pages), returning the paths written.
pub(super) fn write(x: &Exports, sink: &dyn Sink, record: &Record) -> Vec<String> {
    let total: usize = x.l.articles().map(|(_, la)| la.annotations.len()).sum();
    let pages = total.div_ceil(PAGE_SIZE);
    let entries = items(x, if pages <= 1 { "" } else { "../" });
    let mut collection = Collection {
        context: context(),
        id: x.links.iri("", "annotations.jsonld"),
        kind: "AnnotationCollection",
        label: format!("{}: notes", x.d.config.book.title),
        total: entries.len(),
        first: None,
        last: None,
    };
    if pages <= 1 {
        collection.first = (!entries.is_empty()).then(|| {
            First::Embedded(Page {
                context: None,
                id: x.links.iri("", "annotations.jsonld#page-1"),
                kind: "AnnotationPage",
                part_of: None,
                start_index: 0,
                prev: None,
                next: None,
                items: Items {
                    x,
                    from_root: "",
                    entries: &entries,
                },
            })
        });
        stream_json(x, sink, record, "annotations.jsonld", &collection);
        return vec!["annotations.jsonld".into()];
    }
    collection.first = Some(First::Iri(x.links.iri("", page_path(1))));
    collection.last = Some(x.links.iri("", page_path(pages)));
    stream_json(x, sink, record, "annotations.jsonld", &collection);
    let chunks: Vec<&[Item]> = entries.chunks(PAGE_SIZE).collect();
    chunks.par_iter().enumerate().for_each(|(i, chunk)| {
        let n = i + 1;
        let page = Page {
            context: Some(context()),
            id: x.links.iri("../", page_path(n)),
            kind: "AnnotationPage",
            part_of: Some(x.links.iri("../", "annotations.jsonld")),
            start_index: i * PAGE_SIZE,
            prev: (n > 1).then(|| x.links.iri("../", page_path(n - 1))),
            next: (n < pages).then(|| x.links.iri("../", page_path(n + 1))),
            items: Items {
                x,
                from_root: "../",
                entries: chunk,
            },
        };
        stream_json(x, sink, record, &page_path(n), &page);
    });
    std::iter::once("annotations.jsonld".to_string())
        .chain(item_files(total))
        .collect()
}
