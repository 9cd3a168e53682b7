//! `entities.ftm.json`: the dossier as FollowTheMoney entities
//! (<https://followthemoney.tech>), one JSON object a line, the format
//! `ftm` and Aleph load.
//!
//! - actors: `Person`, `Organization`, and for a state `PublicBody`
//!   (FtM has no schema for a state; it acts in a story through its
//!   government, which is what `PublicBody` describes), with names,
//!   aliases and role;
//! - events: `Event`, with dates (partial dates as FtM's prefix dates)
//!   and the actors `involved`;
//! - articles: `Article`, with title, publisher, publication date, source
//!   URL, body text, language, and the seed file's name, size and SHA-1
//!   (`contentHash`, which FtM defines as a SHA-1);
//! - notes: `Note`, named by their kind, with the quote as summary, on
//!   the article and the actors and events it tags;
//! - who is mentioned where: `Documentation` (an article documents an
//!   actor or event: mentioned in its text or notes, or linked to);
//! - actors named in the same paragraph: `UnknownLink`.
//!
//! Nothing is said twice: an entity carries no property that another one
//! it links to already has (an article's date, a note's tags), and none
//! carries the dossier's title (it is the collection the file is loaded
//! into; with an absolute site URL, `sourceUrl` points into the site).
//!
//! Ids are the kind and slug (`actor-tokayev`), or for links and notes
//! the start of a SHA-1 of the slugs they join ([`joined_id`]): stable
//! across builds. Past [`parts::PART_BYTES`] the lines continue in
//! `entities-2.ftm.json`, …

use super::parts::{self, PART_BYTES};
use super::provenance::{sha1_hex, Hex};
use super::{note_anchor, note_markdown, Exports, Record};
use crate::import::naming::published_seed_name;
use crate::link::{LinkedAnnotation, LinkedArticle, LinkedText, Mention};
use crate::model::{Actor, ActorKind, Article, ArticleId, Event, Id, ItemId, ItemKind};
use crate::render::Sink;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

/// The longest id FtM accepts (`followthemoney.util.ENTITY_ID_LEN`).
const ID_MAX: usize = 200;

/// Whether FtM takes `id` as an entity id: letters, digits, `.` and `-`,
/// starting and ending with a letter or digit.
fn is_ftm_id(id: &str) -> bool {
    let b = id.as_bytes();
    let inner = |c: &u8| c.is_ascii_alphanumeric() || *c == b'.' || *c == b'-';
    id.len() <= ID_MAX
        && b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.last().is_some_and(u8::is_ascii_alphanumeric)
        && b.iter().all(inner)
}

/// The id of an item: `<kind>-<slug>`, or `<kind>-<SHA-1 of the slug>`
/// for a slug FtM would not take (one ending in `-`, or too long).
pub(super) fn item_id(kind: ItemKind, slug: &str) -> String {
    let id = format!("{}-{slug}", kind.singular());
    if is_ftm_id(&id) {
        id
    } else {
        format!("{}-{}", kind.singular(), sha1_hex(slug))
    }
}

/// Hex digits of the SHA-1 a joined id keeps: 64 bits, against which
/// even ten million links of one kind collide with a chance of one in
/// about 370,000; the other 24 digits said nothing.
const JOINED_HEX: usize = 16;

/// The id of an entity made of several parts (a link, a note): `<what>-`
/// and the start of a SHA-1 of the parts, which no slug can make
/// ambiguous.
fn joined_id(what: &str, parts: &[&str]) -> String {
    let mut id = sha1_hex(&parts.join("\0"));
    id.truncate(JOINED_HEX);
    format!("{what}-{id}")
}

/// ISO 639-1 codes (and the old `in`, `iw`, `mo`) and the ISO 639-3 codes
/// FtM's `language` type takes them for: every two-letter code that
/// followthemoney 4.11's `registry.language.clean` keeps. Others are left
/// out: FtM would drop them.
const LANGUAGES: [(&str, &str); 74] = [
    ("af", "afr"),
    ("am", "amh"),
    ("ar", "ara"),
    ("az", "aze"),
    ("be", "bel"),
    ("bg", "bul"),
    ("bn", "ben"),
    ("bs", "bos"),
    ("ca", "cat"),
    ("cs", "ces"),
    ("da", "dan"),
    ("de", "deu"),
    ("el", "ell"),
    ("en", "eng"),
    ("es", "spa"),
    ("et", "est"),
    ("fa", "fas"),
    ("fi", "fin"),
    ("fr", "fra"),
    ("ga", "gle"),
    ("he", "heb"),
    ("hi", "hin"),
    ("hr", "hrv"),
    ("hu", "hun"),
    ("hy", "hye"),
    ("id", "ind"),
    ("in", "ind"),
    ("is", "isl"),
    ("it", "ita"),
    ("iw", "heb"),
    ("ja", "jpn"),
    ("ka", "kat"),
    ("kk", "kaz"),
    ("km", "khm"),
    ("kn", "kan"),
    ("ko", "kor"),
    ("ky", "kir"),
    ("lb", "ltz"),
    ("lo", "lao"),
    ("lt", "lit"),
    ("lv", "lav"),
    ("mk", "mkd"),
    ("mn", "mon"),
    ("mo", "ron"),
    ("ms", "msa"),
    ("mt", "mlt"),
    ("my", "mya"),
    ("ne", "nep"),
    ("nl", "nld"),
    ("no", "nor"),
    ("pl", "pol"),
    ("ps", "pus"),
    ("pt", "por"),
    ("ro", "ron"),
    ("ru", "rus"),
    ("si", "sin"),
    ("sk", "slk"),
    ("sl", "slv"),
    ("sq", "sqi"),
    ("sr", "srp"),
    ("sv", "swe"),
    ("sw", "swa"),
    ("ta", "tam"),
    ("te", "tel"),
    ("tg", "tgk"),
    ("th", "tha"),
    ("tk", "tuk"),
    ("tl", "tgl"),
    ("tr", "tur"),
    ("uk", "ukr"),
    ("ur", "urd"),
    ("uz", "uzb"),
    ("vi", "vie"),
    ("zh", "zho"),
];

/// The FtM language of a language tag (`en`, `en-GB`, `eng`).
fn ftm_language(tag: &str) -> Option<&'static str> {
    let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
    LANGUAGES
        .iter()
        .find(|(two, three)| *two == primary || *three == primary)
        .map(|(_, three)| *three)
}

type Values<'a> = Vec<Cow<'a, str>>;

/// The properties of any entity written here, each a list of values as
/// FtM has them; empty lists are left out.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct Props<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    name: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    alias: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    title: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    position: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    summary: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    description: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    role: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    date: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    start_date: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    end_date: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    published_at: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    involved: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    entity: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    document: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    subject: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    object: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    file_name: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    file_size: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    content_hash: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    mime_type: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    language: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    publisher: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    source_url: Values<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    body_text: Values<'a>,
}

#[derive(Serialize)]
struct Entity<'a> {
    id: String,
    schema: &'static str,
    properties: Props<'a>,
}

/// One value, or none.
fn one<'a>(v: Option<impl Into<Cow<'a, str>>>) -> Values<'a> {
    v.into_iter().map(Into::into).collect()
}

fn all<'a>(v: &'a [String]) -> Values<'a> {
    v.iter().map(|s| Cow::Borrowed(s.as_str())).collect()
}

/// How an article documents an actor or event.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Documented {
    /// Mentions in the article's text, and in its notes.
    in_text: usize,
    in_notes: usize,
    /// Referred to by an `@/` link.
    linked: bool,
}

/// (kind, slug) of an actor or event an article documents.
type DocKey<'a> = (ItemKind, &'a str);

/// What each article names (by article): the mentions and the `@/` links
/// to actors and events. Gathered in one pass, read by [`documented`].
struct Naming<'a> {
    mentions: Vec<Vec<&'a Mention>>,
    references: Vec<Vec<ItemId>>,
}

impl<'a> Naming<'a> {
    fn of(x: &Exports<'a>) -> Self {
        let is_item = |k: ItemKind| matches!(k, ItemKind::Actor | ItemKind::Event);
        let n = x.d.articles.len();
        let mut naming = Naming {
            mentions: vec![Vec::new(); n],
            references: vec![Vec::new(); n],
        };
        for m in &x.l.mentions {
            if let (ItemId::Article(a), true) = (m.source, is_item(m.target.kind())) {
                naming.mentions[a.index()].push(m);
            }
        }
        for &(from, to) in &x.l.references {
            if let (ItemId::Article(a), true) = (from, is_item(to.kind())) {
                naming.references[a.index()].push(to);
            }
        }
        naming
    }
}

/// Every actor or event article `id` documents, and how: mentioned or
/// linked. What its notes tag (`actors:`, `events:`) is their entities'
/// `entity`, not said again here: an item its notes tag and it does not
/// mention has no documentation line.
fn documented<'a>(
    x: &Exports<'a>,
    naming: &Naming<'a>,
    id: ArticleId,
) -> BTreeMap<DocKey<'a>, Documented> {
    let mut map: BTreeMap<DocKey<'a>, Documented> = BTreeMap::new();
    let d = x.d;
    for m in &naming.mentions[id.index()] {
        let doc = map.entry((m.target.kind(), d.slug(m.target))).or_default();
        match m.in_note {
            Some(_) => doc.in_notes += 1,
            None => doc.in_text += 1,
        }
    }
    // The references are the `@/` links and the tags together.
    let notes = &x.l.article(id).annotations;
    let tags = (notes.iter()).flat_map(|n| {
        let actors = n.actors.iter().map(|&a| ItemId::from(a));
        actors.chain(n.events.iter().map(|&e| ItemId::from(e)))
    });
    let tags: HashSet<ItemId> = tags.collect();
    for &to in &naming.references[id.index()] {
        if !tags.contains(&to) {
            map.entry((to.kind(), d.slug(to))).or_default().linked = true;
        }
    }
    map
}

/// The documentation lines of article `id` (a piece, like its notes).
fn documentation_lines<'a>(
    x: &Exports<'a>,
    naming: &std::sync::OnceLock<Naming<'a>>,
    id: ArticleId,
) -> Kept {
    let make = || {
        let article = &x.d.articles[id];
        let naming = naming.get_or_init(|| Naming::of(x));
        (documented(x, naming, id).iter())
            .map(|(key, doc)| serde_json::to_vec(&documentation(x, article, key, doc)))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())
    };
    match x.reuse.keeps() {
        true => {
            let file = "entities.ftm.json documentation";
            let (kept, build) = x.reuse.text_parts(file, id.into(), |_| true, make);
            (kept, identity(file, id.into(), build))
        }
        false => (Arc::new(make()), 0),
    }
}

/// The lines of the actors named together, made once for `serve` and
/// kept while the counts are the same (an edit seldom changes them, and
/// each line's id is a SHA-1).
fn co_mention_lines(x: &Exports) -> Kept {
    let make = || {
        let lines = (x.l.co_mentions.iter()).map(|(&(a, b), n)| {
            let (a, b) = (&x.d.actors[a].slug, &x.d.actors[b].slug);
            serde_json::to_vec(&co_mention(a, b, *n)).map_err(|e| e.to_string())
        });
        lines.collect()
    };
    let signature = crate::util::digest(&x.l.co_mentions);
    let name = "entities.ftm.json co-mentions";
    let kept = x.reuse.whole_made(name, signature, make);
    (kept, crate::util::digest((name, signature)))
}

/// One line of the file.
enum Line<'a> {
    Actor(&'a Actor, &'a LinkedText),
    Event(&'a Event, &'a LinkedText),
    /// An article's line: made (or kept) as a piece of its own.
    Article(ArticleId),
    /// The `n`th note of an article: a piece of the article's notes.
    Note(ArticleId, usize),
    /// The `n`th of some lines made before: an article's documentation
    /// lines, or the co-mentions kept by `serve`.
    Documentation(Kept, usize),
    CoMention(&'a Actor, &'a Actor, usize),
}

fn actor<'a>(x: &Exports<'a>, a: &'a Actor, text: &'a LinkedText) -> Entity<'a> {
    let schema = match a.kind {
        ActorKind::Person => "Person",
        ActorKind::Organisation => "Organization",
        ActorKind::State => "PublicBody",
    };
    let role = one(a.role.as_deref());
    let (position, summary) = match a.kind {
        ActorKind::Person => (role, Vec::new()),
        _ => (Vec::new(), role),
    };
    Entity {
        id: item_id(ItemKind::Actor, &a.slug),
        schema,
        properties: Props {
            name: one(Some(a.name.as_str())),
            alias: all(&a.aliases),
            position,
            summary,
            description: one(Some(text.plain.trim()).filter(|t| !t.is_empty())),
            source_url: one(x.links.absolute(format_args!("actors/{}.html", a.slug))),
            ..Props::default()
        },
    }
}

fn event<'a>(x: &Exports<'a>, e: &'a Event, text: &'a LinkedText) -> Entity<'a> {
    let (date, start, end) = match &e.end {
        Some(end) => (None, Some(e.date.to_string()), Some(end.to_string())),
        None => (Some(e.date.to_string()), None, None),
    };
    let uncertain = e.date_uncertain.then_some("The date is uncertain.");
    Entity {
        id: item_id(ItemKind::Event, &e.slug),
        schema: "Event",
        properties: Props {
            name: one(Some(e.title.as_str())),
            alias: all(&e.aliases),
            date: one(date),
            start_date: one(start),
            end_date: one(end),
            involved: e
                .actors
                .iter()
                .map(|&s| item_id(ItemKind::Actor, &x.d.actors[s].slug).into())
                .collect(),
            description: one(Some(text.plain.trim()).filter(|t| !t.is_empty())),
            notes: one(uncertain)
                .into_iter()
                .chain(one(e.date_note.as_deref()))
                .collect(),
            source_url: one(x.links.absolute(format_args!("events/{}.html", e.slug))),
            ..Props::default()
        },
    }
}

/// The media type of a seed file, by its extension.
fn mime_type(file: &str) -> &'static str {
    let ext = file.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("html" | "htm") => "text/html",
        Some("md") => "text/markdown",
        _ => "text/plain",
    }
}

fn article<'a>(x: &Exports<'a>, a: &'a Article, la: &'a LinkedArticle) -> Entity<'a> {
    let digest = x.digests.get(&a.seed);
    // `publishedAt` alone: FtM dates a document by it, as by `date`.
    let published = a.published.map(|p| p.to_string());
    let seed_file = published_seed_name(&a.seed);
    Entity {
        id: item_id(ItemKind::Article, &a.slug),
        schema: "Article",
        properties: Props {
            name: one(Some(a.title.as_str())),
            title: one(Some(a.title.as_str())),
            // Name, size, hash and type of the seed as published: for a
            // saved web page, its extracted text (`<file>.txt`).
            file_size: one(digest.map(|d| d.size.to_string())),
            content_hash: one(digest.map(|d| Hex(d.sha1).to_string())),
            mime_type: one(Some(mime_type(&seed_file))),
            file_name: one(Some(seed_file)),
            language: one(a.language.as_deref().and_then(ftm_language)),
            publisher: one(Some(a.source.name.as_str())),
            source_url: one(a.source.url.as_deref()),
            published_at: one(published),
            summary: one(a.summary.as_deref()),
            notes: one(a.date_note.as_deref()),
            body_text: one(Some(la.body.plain.as_ref())),
            ..Props::default()
        },
    }
}

fn note<'a>(x: &Exports<'a>, a: &'a Article, n: &'a LinkedAnnotation) -> Entity<'a> {
    let anchor = note_anchor(a, n);
    let on = std::iter::once(item_id(ItemKind::Article, &a.slug));
    let on = on.chain(
        n.actors
            .iter()
            .map(|&s| item_id(ItemKind::Actor, &x.d.actors[s].slug)),
    );
    let on = on.chain(
        n.events
            .iter()
            .map(|&s| item_id(ItemKind::Event, &x.d.events[s].slug)),
    );
    let iri = x
        .links
        .absolute(format_args!("articles/{}.html#{anchor}", a.slug));
    Entity {
        id: joined_id("note", &[&a.slug, &anchor]),
        schema: "Note",
        properties: Props {
            // Its kind: the quote is its summary, the note (the caption)
            // its description.
            name: one(Some(n.kind.label())),
            entity: on.map(Cow::Owned).collect(),
            summary: one(Some(n.exact.as_str())),
            description: vec![note_markdown(x, "", &n.note_markdown)],
            source_url: one(iri),
            ..Props::default()
        },
    }
}

fn documentation<'a>(
    x: &Exports<'a>,
    article: &'a Article,
    key: &DocKey<'a>,
    doc: &Documented,
) -> Entity<'a> {
    let (kind, slug) = *key;
    let article = article.slug.as_str();
    // The role names how (the caption of the link), the description how
    // often.
    let mut role = Vec::new();
    let mut said = Vec::new();
    if doc.in_text > 0 {
        role.push("mentioned".into());
        said.push(format!("{} in the text", doc.in_text));
    }
    if doc.in_notes > 0 {
        role.push("mentioned in a note".into());
        said.push(format!("{} in notes", doc.in_notes));
    }
    if role.is_empty() {
        role.push("linked".into());
    }
    Entity {
        id: joined_id("documentation", &[article, kind.singular(), slug]),
        schema: "Documentation",
        properties: Props {
            document: vec![item_id(ItemKind::Article, article).into()],
            entity: vec![item_id(kind, slug).into()],
            role,
            description: one((!said.is_empty()).then(|| said.join("; "))),
            source_url: one(x.links.absolute(format_args!("articles/{article}.html"))),
            ..Props::default()
        },
    }
}

/// Two actors named in the same paragraphs: the role (the caption of the
/// link) says how often, there being no other kind of such link.
fn co_mention<'a>(a: &'a str, b: &'a str, paragraphs: usize) -> Entity<'a> {
    let role = match paragraphs {
        1 => "named together in 1 paragraph".to_string(),
        n => format!("named together in {n} paragraphs"),
    };
    Entity {
        id: joined_id("comention", &[a, b]),
        schema: "UnknownLink",
        properties: Props {
            subject: vec![item_id(ItemKind::Actor, a).into()],
            object: vec![item_id(ItemKind::Actor, b).into()],
            role: vec![role.into()],
            ..Props::default()
        },
    }
}

/// The entity of a line that is not an article's (those are [`pieces`]).
fn entity<'a>(x: &Exports<'a>, line: &Line<'a>) -> Option<Entity<'a>> {
    Some(match *line {
        Line::Actor(a, t) => actor(x, a, t),
        Line::Event(e, t) => event(x, e, t),
        Line::CoMention(a, b, n) => co_mention(&a.slug, &b.slug, n),
        Line::Article(..) | Line::Note(..) | Line::Documentation(..) => return None,
    })
}

/// The lines of one article: its own, or its notes' (one a note). They
/// are made of nothing but the article's own texts, its seed and the
/// slugs of the items its notes tag, so an article whose texts did not
/// change keeps them ([`Reuse`]), however many others changed.
///
/// [`Reuse`]: crate::incremental::Reuse
type Pieces = Result<Vec<Vec<u8>>, String>;

/// Pieces, and what stands for them in a partial build: the same number,
/// the same pieces (see [`Reuse::made`]); 0 when nothing is kept.
///
/// [`Reuse::made`]: crate::incremental::Reuse::made
type Kept = (Arc<Pieces>, u64);

/// What stands for the parts `item` gives `file` made in build `build`.
fn identity(file: &str, item: ItemId, build: u64) -> u64 {
    crate::util::digest((file, item, build))
}

/// Line `n` of `pieces`, into `out`.
fn write_piece(pieces: &Pieces, n: usize, out: &mut Vec<u8>) -> std::io::Result<()> {
    let line = piece_line(pieces, n).map_err(|e| std::io::Error::other(e.clone()))?;
    out.extend_from_slice(line);
    Ok(())
}

/// Line `n` of `pieces` (none past their end), or why they were not made.
fn piece_line(pieces: &Pieces, n: usize) -> Result<&[u8], &String> {
    Ok(pieces.as_ref()?.get(n).map_or(&[][..], Vec::as_slice))
}

fn pieces(x: &Exports, id: ArticleId, notes: bool) -> Kept {
    let (a, la) = (&x.d.articles[id], x.l.article(id));
    let json = |e: Entity| serde_json::to_vec(&e).map_err(|e| e.to_string());
    let (file, (kept, build)) = if notes {
        let notes = || la.annotations.iter().map(|n| json(note(x, a, n))).collect();
        let file = "entities.ftm.json notes";
        (file, x.reuse.text_parts(file, id.into(), |_| true, notes))
    } else {
        let line = || json(article(x, a, la)).map(|line| vec![line]);
        let file = "entities.ftm.json article";
        (file, x.reuse.text_parts(file, id.into(), |_| true, line))
    };
    (kept, identity(file, id.into(), build))
}

/// Writes `line` into `out`, without its newline.
fn write_line(x: &Exports, line: &Line, out: &mut Vec<u8>) -> std::io::Result<()> {
    let (id, notes, n) = match line {
        Line::Documentation((pieces, _), n) => return write_piece(pieces, *n, out),
        &Line::Article(id) => (id, false, 0),
        // Without pieces kept, a note is made alone (not its article's all).
        &Line::Note(id, n) if !x.reuse.keeps() => {
            let la = x.l.article(id);
            let n = note(x, &x.d.articles[id], &la.annotations[n]);
            return serde_json::to_writer(out, &n).map_err(std::io::Error::from);
        }
        &Line::Note(id, n) => (id, true, n),
        _ => return serde_json::to_writer(out, &entity(x, line)).map_err(std::io::Error::from),
    };
    write_piece(&pieces(x, id, notes).0, n, out)
}

/// Path of the `n`th (1-based) part.
fn part_path(n: usize) -> String {
    match n {
        1 => "entities.ftm.json".into(),
        n => format!("entities-{n}.ftm.json"),
    }
}

/// Writes the entities, returning the paths of the parts written.
pub(super) fn write(x: &Exports, sink: &dyn Sink, record: &Record) -> Vec<String> {
    let (d, l) = (x.d, x.l);
    // Made only when an article's documentation lines are (not for those
    // `serve` keeps).
    let naming = std::sync::OnceLock::new();
    // In the order of the article slugs, then of the items' kinds and slugs.
    let mut by_slug: Vec<ArticleId> = d.articles.ids().collect();
    by_slug.sort_unstable_by_key(|&id| d.articles[id].slug.as_str());
    let actors = d
        .actors
        .with_ids()
        .map(|(id, a)| Line::Actor(a, l.actor(id)));
    let events = d
        .events
        .with_ids()
        .map(|(id, e)| Line::Event(e, l.event(id)));
    let articles = l.articles().map(|(id, _)| Line::Article(id));
    let notes = (l.articles())
        .flat_map(|(id, la)| (0..la.annotations.len()).map(move |n| Line::Note(id, n)));
    let docs_lines = by_slug.into_iter().flat_map(|id| {
        let lines = documentation_lines(x, &naming, id);
        let n = (*lines.0).as_ref().map_or(0, Vec::len);
        (0..n).map(move |i| Line::Documentation(lines.clone(), i))
    });
    let co: Box<dyn Iterator<Item = Line>> = match x.reuse.keeps() {
        true => {
            let lines = co_mention_lines(x);
            let n = (*lines.0).as_ref().map_or(0, Vec::len);
            Box::new((0..n).map(move |i| Line::Documentation(lines.clone(), i)))
        }
        false => Box::new(
            (l.co_mentions.iter())
                .map(|(&(a, b), n)| Line::CoMention(&d.actors[a], &d.actors[b], *n)),
        ),
    };
    let lines = actors
        .chain(events)
        .chain(articles)
        .chain(notes)
        .chain(docs_lines)
        .chain(co);
    if x.reuse.partial() {
        return hand_over_gathered(x, sink, record, lines);
    }
    parts::write_lines(sink, record, &part_path, PART_BYTES, lines, &|line, out| {
        write_line(x, line, out)
    })
}

/// The entities that could not be made: the reason, on the first part.
fn failed(record: &Record, why: String) -> Vec<String> {
    let path = part_path(1);
    let e = crate::diagnostics::Diagnostic::new(&path, format!("cannot make `{path}`: {why}"));
    record(&path, Err(e));
    vec![path]
}

/// A line's bytes, without its newline: a piece kept (not copied), with
/// what stands for it, or made.
enum Gathered {
    Piece(Kept, usize),
    Made(Vec<u8>),
}

impl Gathered {
    fn bytes(&self) -> Result<&[u8], &String> {
        match self {
            Gathered::Piece((pieces, _), n) => piece_line(pieces, *n),
            Gathered::Made(bytes) => Ok(bytes),
        }
    }

    /// What stands for the line (the same values, the same bytes): what
    /// stands for its pieces and its place among them, or its bytes.
    fn identity(&self) -> [u64; 2] {
        match self {
            Gathered::Piece((_, made), n) => [*made, *n as u64],
            Gathered::Made(bytes) => [crate::util::digest(bytes), u64::MAX],
        }
    }
}

/// The parts of a partial build (`serve`, after a change): the lines are
/// gathered, most of them pieces kept from the last build, and a part
/// whose lines are those the last build handed over is not even put
/// together ([`Reuse::hand_over`]).
///
/// [`Reuse::hand_over`]: crate::incremental::Reuse::hand_over
fn hand_over_gathered<'a>(
    x: &Exports<'a>,
    sink: &dyn Sink,
    record: &Record,
    lines: impl Iterator<Item = Line<'a>>,
) -> Vec<String> {
    // The notes of an article come one after the other: one lookup of its
    // pieces serves them all.
    let mut notes_of: Option<(ArticleId, Kept)> = None;
    let mut gathered: Vec<Gathered> = Vec::new();
    for line in lines {
        let made = match line {
            Line::Documentation(kept, n) => Gathered::Piece(kept, n),
            Line::Article(id) => Gathered::Piece(pieces(x, id, false), 0),
            Line::Note(id, n) => match &notes_of {
                Some((of, kept)) if *of == id => Gathered::Piece(kept.clone(), n),
                _ => {
                    let kept = pieces(x, id, true);
                    notes_of = Some((id, kept.clone()));
                    Gathered::Piece(kept, n)
                }
            },
            line => match serde_json::to_vec(&entity(x, &line)) {
                Ok(bytes) => Gathered::Made(bytes),
                Err(e) => return failed(record, e.to_string()),
            },
        };
        gathered.push(made);
    }
    let mut lines: Vec<(&[u8], [u64; 2])> = Vec::with_capacity(gathered.len());
    for g in &gathered {
        match g.bytes() {
            Ok(bytes) => lines.push((bytes, g.identity())),
            Err(e) => return failed(record, e.clone()),
        }
    }
    parts::hand_over_lines(x.reuse, sink, record, &part_path, PART_BYTES, &lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_what_ftm_takes() {
        assert_eq!(item_id(ItemKind::Actor, "tokayev"), "actor-tokayev");
        assert_eq!(item_id(ItemKind::Event, "2022-unrest"), "event-2022-unrest");
        let odd = item_id(ItemKind::Actor, "trailing-");
        assert!(odd.starts_with("actor-") && odd.len() == 46 && is_ftm_id(&odd));
        let long = item_id(ItemKind::Article, &"a".repeat(300));
        assert!(is_ftm_id(&long));
        assert!(!is_ftm_id("-x") && !is_ftm_id("x_y") && !is_ftm_id(""));
        // Parts never run together: ("a", "b-c") and ("a-b", "c") differ.
        assert_ne!(joined_id("n", &["a", "b-c"]), joined_id("n", &["a-b", "c"]));
        // 64 bits of the SHA-1 of the parts.
        assert_eq!(joined_id("note", &["a", "b"]), "note-4a3dec2d1f824528");
    }

    #[test]
    fn languages_map_to_ftm_codes() {
        assert_eq!(ftm_language("en"), Some("eng"));
        assert_eq!(ftm_language("ru-RU"), Some("rus"));
        assert_eq!(ftm_language("kaz"), Some("kaz"));
        for (tag, code) in [
            ("vi", "vie"),
            ("th", "tha"),
            ("ps", "pus"),
            ("ga", "gle"),
            ("iw", "heb"),
        ] {
            assert_eq!(ftm_language(tag), Some(code), "{tag}");
        }
        assert_eq!(ftm_language("xx"), None);
    }
}
