//! The typed dossier: articles, actors, events, pages and seeds, as loaded and
//! validated, before any linking.

use crate::config::Config;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

pub mod date;
pub mod ids;
pub mod note_id;
pub use date::PartialDate;
pub use ids::{ActorId, ArticleId, EventId, HasSlug, Id, IdVec, ItemId, PageId, PerItem};
pub use note_id::{NoteAnchor, NoteId};

/// The four kinds of content item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    Article,
    Actor,
    Event,
    Page,
}

impl ItemKind {
    /// The folder under `content/` (and under the output) that holds items of this kind.
    pub fn dir(self) -> &'static str {
        match self {
            ItemKind::Article => "articles",
            ItemKind::Actor => "actors",
            ItemKind::Event => "events",
            ItemKind::Page => "pages",
        }
    }
    pub fn from_dir(dir: &str) -> Option<ItemKind> {
        [
            ItemKind::Article,
            ItemKind::Actor,
            ItemKind::Event,
            ItemKind::Page,
        ]
        .into_iter()
        .find(|k| k.dir() == dir)
    }
    /// The page the build makes itself that an item of this kind named
    /// `slug` would overwrite, if any: the list of actors
    /// (`actors/index.html`); beside the free pages, the front page, the
    /// timeline, the sources, search, the data page, the print pages and
    /// the 404 page. (Their numbered pages, `sources.2.html`, have no slug's
    /// name.)
    pub fn taken_page(self, slug: &str) -> Option<String> {
        let numbered_print = |n: &str| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
        let taken = match self {
            ItemKind::Actor => slug == "index",
            ItemKind::Page => {
                matches!(
                    slug,
                    "index" | "timeline" | "sources" | "search" | "data" | "print" | "404"
                ) || slug.strip_prefix("print-").is_some_and(numbered_print)
            }
            ItemKind::Article | ItemKind::Event => false,
        };
        taken.then(|| ItemRef::new(self, slug).url())
    }
    /// The singular noun of the kind, as messages say it.
    pub fn singular(self) -> &'static str {
        match self {
            ItemKind::Article => "article",
            ItemKind::Actor => "actor",
            ItemKind::Event => "event",
            ItemKind::Page => "page",
        }
    }
}

/// An item named by kind and slug, as a reference is written: what names
/// the items that failed to load ([`Dossier::unloaded`]), which have no
/// [`ItemId`]. A loaded item is known by its id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ItemRef {
    pub kind: ItemKind,
    pub slug: String,
}

impl ItemRef {
    pub fn new(kind: ItemKind, slug: impl Into<String>) -> Self {
        ItemRef {
            kind,
            slug: slug.into(),
        }
    }
    /// Its kind and slug, borrowed.
    pub fn path(&self) -> ItemPath<'_> {
        ItemPath {
            kind: self.kind,
            slug: &self.slug,
        }
    }
    /// Output path relative to the site root. Free pages sit at the top.
    pub fn url(&self) -> String {
        self.path().url().to_string()
    }
    /// Source path relative to the content directory.
    pub fn content_path(&self) -> String {
        format!("{}/{}.md", self.kind.dir(), self.slug)
    }
}

impl fmt::Display for ItemRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.path().fmt(f)
    }
}

/// An item's kind and slug, borrowed (from the dossier, for an
/// [`ItemId`]: [`Dossier::path`]): what its URL and element ids are made
/// of. Shown as `actors/<slug>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemPath<'a> {
    pub kind: ItemKind,
    pub slug: &'a str,
}

impl<'a> ItemPath<'a> {
    /// Output path relative to the site root, as text to write. Free
    /// pages sit at the top.
    pub fn url(self) -> impl fmt::Display + 'a {
        struct Url<'a>(ItemPath<'a>);
        impl fmt::Display for Url<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.0.kind {
                    ItemKind::Page => write!(f, "{}.html", self.0.slug),
                    k => write!(f, "{}/{}.html", k.dir(), self.0.slug),
                }
            }
        }
        Url(self)
    }
}

impl fmt::Display for ItemPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.kind.dir(), self.slug)
    }
}

/// Where a piece of Markdown came from, for mapping positions back to the file.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// Path relative to the dossier root, as shown in diagnostics.
    pub path: PathBuf,
    /// The whole file.
    pub file: std::sync::Arc<str>,
    /// Byte offset of the front matter's first line in `file`.
    pub front_matter_start: usize,
    /// Byte offset of the end of the front matter (its closing line) in `file`.
    pub front_matter_end: usize,
    /// Byte offset of the body in `file`.
    pub body_start: usize,
}

impl SourceText {
    /// The front matter text.
    pub fn front_matter(&self) -> &str {
        self.file
            .get(self.front_matter_start..self.front_matter_end)
            .unwrap_or("")
    }
    pub fn body(&self) -> &str {
        &self.file[self.body_start..]
    }
    /// 1-based line and column of the first occurrence of `needle` in the
    /// front matter at or after `from_line` (1-based, in the file), if any.
    pub fn locate_in_front_matter(&self, needle: &str, from_line: usize) -> Option<usize> {
        let fm_first_line = self.file[..self.front_matter_start].matches('\n').count() + 1;
        let mut offset = 0;
        for (i, line) in self.front_matter().split_inclusive('\n').enumerate() {
            let file_line = fm_first_line + i;
            if file_line >= from_line && line.contains(needle) {
                return Some(self.front_matter_start + offset + line.find(needle).unwrap_or(0));
            }
            offset += line.len();
        }
        None
    }
    /// Byte offset in the file of the `n`-th (0-based) line of the front matter
    /// matching `pred`.
    pub fn nth_front_matter_line(&self, n: usize, pred: impl Fn(&str) -> bool) -> Option<usize> {
        let mut offset = 0;
        let mut seen = 0;
        for line in self.front_matter().split_inclusive('\n') {
            if pred(line) {
                if seen == n {
                    let indent = line.len() - line.trim_start().len();
                    return Some(self.front_matter_start + offset + indent);
                }
                seen += 1;
            }
            offset += line.len();
        }
        None
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub name: String,
    pub url: Option<String>,
    pub via: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnnotationKind {
    Contradiction,
    Correction,
    Context,
    Claim,
    Figure,
    Source,
}

impl AnnotationKind {
    pub const ALL: [AnnotationKind; 6] = [
        AnnotationKind::Contradiction,
        AnnotationKind::Correction,
        AnnotationKind::Context,
        AnnotationKind::Claim,
        AnnotationKind::Figure,
        AnnotationKind::Source,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            AnnotationKind::Contradiction => "contradiction",
            AnnotationKind::Correction => "correction",
            AnnotationKind::Context => "context",
            AnnotationKind::Claim => "claim",
            AnnotationKind::Figure => "figure",
            AnnotationKind::Source => "source",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            AnnotationKind::Contradiction => "Contradiction",
            AnnotationKind::Correction => "Correction",
            AnnotationKind::Context => "Context",
            AnnotationKind::Claim => "Claim",
            AnnotationKind::Figure => "Figure",
            AnnotationKind::Source => "Source",
        }
    }
    pub fn description(self) -> &'static str {
        match self {
            AnnotationKind::Contradiction => "sources disagree",
            AnnotationKind::Correction => "the text is wrong on a point",
            AnnotationKind::Context => "background a reader needs",
            AnnotationKind::Claim => "an assertion the text reports but does not establish",
            AnnotationKind::Figure => "a number and where it comes from",
            AnnotationKind::Source => "who says so",
        }
    }
}

/// An annotation as written in an article's front matter.
#[derive(Debug, Clone)]
pub struct Annotation {
    /// Its identity on the article's page: its `id:`, or one derived from
    /// its quote and occurrence.
    pub id: NoteId,
    pub quote: String,
    pub occurrence: Option<usize>,
    pub kind: AnnotationKind,
    /// Markdown.
    pub note: String,
    /// The actors and events it is tagged with (resolved by validation
    /// from the slugs written).
    pub actors: Vec<ActorId>,
    pub events: Vec<EventId>,
    /// Byte offset in the article file of this annotation's entry.
    pub offset: usize,
}

#[derive(Debug, Clone)]
pub struct Article {
    pub slug: String,
    pub title: String,
    pub source: Source,
    pub published: Option<PartialDate>,
    pub date_note: Option<String>,
    pub seed: String,
    pub language: Option<String>,
    pub translated_from: Option<String>,
    pub summary: Option<String>,
    pub annotations: Vec<Annotation>,
    pub text: SourceText,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Organisation,
    State,
}

impl ActorKind {
    pub const ALL: [ActorKind; 3] = [ActorKind::Person, ActorKind::Organisation, ActorKind::State];
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organisation => "organisation",
            ActorKind::State => "state",
        }
    }
    pub fn plural_label(self) -> &'static str {
        match self {
            ActorKind::Person => "People",
            ActorKind::Organisation => "Organisations",
            ActorKind::State => "States",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Actor {
    pub slug: String,
    pub name: String,
    pub kind: ActorKind,
    pub role: Option<String>,
    pub aliases: Vec<String>,
    pub text: SourceText,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub slug: String,
    pub title: String,
    pub date: PartialDate,
    pub end: Option<PartialDate>,
    pub date_note: Option<String>,
    /// The date is not firmly established by the sources.
    pub date_uncertain: bool,
    /// Resolved by validation from the slugs written.
    pub actors: Vec<ActorId>,
    pub aliases: Vec<String>,
    pub text: SourceText,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub title: String,
    pub order: i64,
    pub text: SourceText,
}

/// A verbatim source text from the seeds directory.
#[derive(Debug, Clone)]
pub struct Seed {
    pub file: String,
    /// Where it was read from.
    pub path: PathBuf,
    /// The text (with invalid UTF-8 replaced: see `utf8`). For a saved
    /// web page (`.html`, `.htm`), the article text extracted from it.
    pub text: std::sync::Arc<str>,
    /// Whether the file is valid UTF-8 (the seed of an article must be):
    /// then `text` is its bytes exactly, and no second copy is kept; a
    /// build copies any other seed from `path`. For a saved web page:
    /// whether it decodes, `text` then being what the site publishes.
    pub utf8: bool,
}

/// The whole dossier, loaded and validated; every list sorted by slug so that
/// output is deterministic. An item's id is its position in its list.
#[derive(Debug, Clone)]
pub struct Dossier {
    pub root: PathBuf,
    pub config: Config,
    pub articles: IdVec<ArticleId, Article>,
    pub actors: IdVec<ActorId, Actor>,
    pub events: IdVec<EventId, Event>,
    pub pages: IdVec<PageId, Page>,
    /// `content/index.md`: the overview shown on the index page.
    pub intro: Option<SourceText>,
    pub seeds: BTreeMap<String, Seed>,
    /// Items whose file exists but could not be loaded (already reported).
    /// Always empty in a dossier that loaded without errors; while errors are
    /// being collected, references to these items are not reported again.
    pub unloaded: std::collections::BTreeSet<ItemRef>,
    /// Every item by its kind and slug, made once the lists are final
    /// ([`Dossier::index_slugs`]); until then items are found by binary
    /// search. Links between items are resolved hundreds of thousands of
    /// times in a large dossier, and a binary search over the slugs of
    /// 10,000 articles reads a dozen of them from all over memory.
    pub slugs: Option<SlugIndex>,
}

/// The items of a dossier by kind and slug.
#[derive(Debug, Clone, Default)]
pub struct SlugIndex([crate::util::fxhash::FxHashMap<Box<str>, ItemId>; 4]);

impl SlugIndex {
    fn get(&self, kind: ItemKind, slug: &str) -> Option<ItemId> {
        // The kinds in declaration order, 0 to 3.
        self.0[kind as usize].get(slug).copied()
    }
}

impl Dossier {
    /// Whether the item exists: loaded, or failed to load (reported).
    pub fn contains(&self, r: &ItemRef) -> bool {
        self.find(r.kind, &r.slug).is_some() || self.unloaded.contains(r)
    }
    /// The id of the loaded item `slug` of `kind`.
    pub fn find(&self, kind: ItemKind, slug: &str) -> Option<ItemId> {
        if let Some(index) = &self.slugs {
            return index.get(kind, slug);
        }
        match kind {
            ItemKind::Article => self.articles.find(slug).map(ItemId::from),
            ItemKind::Actor => self.actors.find(slug).map(ItemId::from),
            ItemKind::Event => self.events.find(slug).map(ItemId::from),
            ItemKind::Page => self.pages.find(slug).map(ItemId::from),
        }
    }
    /// The id of the loaded item `slug` of the kind of `I`.
    pub fn find_id<I: Id>(&self, slug: &str) -> Option<I> {
        self.find(I::KIND, slug).map(|id| I::from_index(id.index()))
    }
    /// Indexes every item by its kind and slug, for [`Dossier::find`]:
    /// once the lists are final (loading makes it before it validates the
    /// references between items). An item added or renamed after it would
    /// not be found, so none is.
    pub fn index_slugs(&mut self) {
        let mut index = SlugIndex::default();
        let ids = (self.articles.ids().map(ItemId::from))
            .chain(self.actors.ids().map(ItemId::from))
            .chain(self.events.ids().map(ItemId::from))
            .chain(self.pages.ids().map(ItemId::from));
        for id in ids {
            index.0[id.kind() as usize].insert(self.slug(id).into(), id);
        }
        self.slugs = Some(index);
    }
    pub fn slug(&self, id: ItemId) -> &str {
        match id {
            ItemId::Article(id) => &self.articles[id].slug,
            ItemId::Actor(id) => &self.actors[id].slug,
            ItemId::Event(id) => &self.events[id].slug,
            ItemId::Page(id) => &self.pages[id].slug,
        }
    }
    /// An item's kind and slug: its URL, its name in data files.
    pub fn path(&self, id: ItemId) -> ItemPath<'_> {
        ItemPath {
            kind: id.kind(),
            slug: self.slug(id),
        }
    }
    /// Title or name of an item, for link texts.
    pub fn title(&self, id: ItemId) -> &str {
        match id {
            ItemId::Article(id) => &self.articles[id].title,
            ItemId::Actor(id) => &self.actors[id].name,
            ItemId::Event(id) => &self.events[id].title,
            ItemId::Page(id) => &self.pages[id].title,
        }
    }
}

macro_rules! has_slug {
    ($($t:ty),*) => {$(
        impl HasSlug for $t {
            fn slug(&self) -> &str {
                &self.slug
            }
        }
    )*};
}

has_slug!(Article, Actor, Event, Page);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_of_the_builds_own_pages_are_taken() {
        assert_eq!(
            ItemKind::Actor.taken_page("index").as_deref(),
            Some("actors/index.html")
        );
        assert_eq!(
            ItemKind::Page.taken_page("print-12").as_deref(),
            Some("print-12.html")
        );
        assert_eq!(
            ItemKind::Page.taken_page("404").as_deref(),
            Some("404.html")
        );
        for (kind, free) in [
            (ItemKind::Page, "print-"),
            (ItemKind::Page, "print-2a"),
            (ItemKind::Page, "about"),
            (ItemKind::Event, "index"),
            (ItemKind::Article, "timeline"),
            (ItemKind::Actor, "search"),
        ] {
            assert_eq!(kind.taken_page(free), None, "{kind:?} {free}");
        }
    }

    /// The index finds what the binary search finds, loaded items and
    /// missing ones alike, in every kind.
    #[test]
    fn the_slug_index_finds_what_the_sorted_lists_find() {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/river-spill");
        let indexed = crate::load::load(&root).expect("the fixture loads");
        assert!(indexed.slugs.is_some());
        let mut searched = indexed.clone();
        searched.slugs = None;
        let kinds = [
            ItemKind::Article,
            ItemKind::Actor,
            ItemKind::Event,
            ItemKind::Page,
        ];
        let mut found = 0;
        for kind in kinds {
            let slugs = (indexed.articles.iter().map(|a| a.slug.as_str()))
                .chain(indexed.actors.iter().map(|a| a.slug.as_str()))
                .chain(indexed.events.iter().map(|e| e.slug.as_str()))
                .chain(indexed.pages.iter().map(|p| p.slug.as_str()))
                .chain(["", "no-such-item", "Z"]);
            for slug in slugs {
                let id = indexed.find(kind, slug);
                assert_eq!(id, searched.find(kind, slug), "{kind:?} {slug}");
                found += usize::from(id.is_some());
            }
        }
        let items = indexed.articles.len() + indexed.actors.len() + indexed.events.len();
        assert!(found >= items, "{found} of {items}");
    }
    use serde::de::{self, Deserializer, Visitor};

    /// The names of an enum's variants in declaration order, as its derived
    /// `Deserialize` declares them: a variant added to the enum is listed
    /// here without anyone listing it.
    fn variants<T: de::DeserializeOwned>() -> &'static [&'static str] {
        struct Recorder<'a>(&'a mut &'static [&'static str]);
        impl<'de> Deserializer<'de> for Recorder<'_> {
            type Error = de::value::Error;
            fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
                Err(de::Error::custom("not an enum"))
            }
            fn deserialize_enum<V: Visitor<'de>>(
                self,
                _: &'static str,
                variants: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, Self::Error> {
                *self.0 = variants;
                Err(de::Error::custom("recorded"))
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
                bytes byte_buf option unit unit_struct newtype_struct seq tuple
                tuple_struct map struct identifier ignored_any
            }
        }
        let mut names: &'static [&'static str] = &[];
        let _ = T::deserialize(Recorder(&mut names));
        names
    }

    #[test]
    fn all_lists_every_annotation_kind_in_order() {
        // Exhaustive: a new kind does not compile until it has a label
        // here, and `variants` then asks for it in `ALL`.
        let label = |k: AnnotationKind| match k {
            AnnotationKind::Contradiction
            | AnnotationKind::Correction
            | AnnotationKind::Context
            | AnnotationKind::Claim
            | AnnotationKind::Figure
            | AnnotationKind::Source => k.as_str(),
        };
        let all: Vec<&str> = AnnotationKind::ALL.iter().map(|k| label(*k)).collect();
        assert_eq!(all, variants::<AnnotationKind>());
        // A kind's place in `ALL` is its number (tables index by it).
        assert!((AnnotationKind::ALL.iter().enumerate()).all(|(i, &k)| k as usize == i));
    }

    #[test]
    fn all_lists_every_actor_kind_in_order() {
        let name = |k: ActorKind| match k {
            ActorKind::Person | ActorKind::Organisation | ActorKind::State => k.as_str(),
        };
        let all: Vec<&str> = ActorKind::ALL.iter().map(|k| name(*k)).collect();
        assert_eq!(all, variants::<ActorKind>());
    }
}
