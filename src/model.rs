//! The typed dossier: articles, actors, events, pages and seeds, as loaded and
//! validated, before any linking.

use crate::config::Config;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

pub mod date;
pub mod note_id;
pub use date::PartialDate;
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
    pub fn singular(self) -> &'static str {
        match self {
            ItemKind::Article => "article",
            ItemKind::Actor => "actor",
            ItemKind::Event => "event",
            ItemKind::Page => "page",
        }
    }
}

/// A reference to one item: kind and slug.
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
    /// Output path relative to the site root. Free pages sit at the top.
    pub fn url(&self) -> String {
        self.url_shown().to_string()
    }
    /// [`ItemRef::url`] as text to write, without making a string.
    pub fn url_shown(&self) -> impl fmt::Display + '_ {
        struct Url<'a>(&'a ItemRef);
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
    /// Source path relative to the content directory.
    pub fn content_path(&self) -> String {
        format!("{}/{}.md", self.kind.dir(), self.slug)
    }
}

impl fmt::Display for ItemRef {
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
    pub file: String,
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
    pub actors: Vec<String>,
    pub events: Vec<String>,
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
    pub actors: Vec<String>,
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
    /// The text (with invalid UTF-8 replaced: see `utf8`).
    pub text: String,
    /// Whether the file is valid UTF-8 (the seed of an article must be):
    /// then `text` is its bytes exactly, and no second copy is kept; a
    /// build copies any other seed from `path`.
    pub utf8: bool,
}

/// The whole dossier, loaded and validated; every list sorted by slug so that
/// output is deterministic.
#[derive(Debug, Clone)]
pub struct Dossier {
    pub root: PathBuf,
    pub config: Config,
    pub articles: Vec<Article>,
    pub actors: Vec<Actor>,
    pub events: Vec<Event>,
    pub pages: Vec<Page>,
    /// `content/index.md`: the overview shown on the index page.
    pub intro: Option<SourceText>,
    pub seeds: BTreeMap<String, Seed>,
    /// Items whose file exists but could not be loaded (already reported).
    /// Always empty in a dossier that loaded without errors; while errors are
    /// being collected, references to these items are not reported again.
    pub unloaded: std::collections::BTreeSet<ItemRef>,
}

impl Dossier {
    pub fn contains(&self, r: &ItemRef) -> bool {
        let slug = r.slug.as_str();
        if self.unloaded.contains(r) {
            return true;
        }
        match r.kind {
            ItemKind::Article => self.article(slug).is_some(),
            ItemKind::Actor => self.actor(slug).is_some(),
            ItemKind::Event => self.event(slug).is_some(),
            ItemKind::Page => self.pages.iter().any(|p| p.slug == slug),
        }
    }
    pub fn article(&self, slug: &str) -> Option<&Article> {
        self.article_index(slug).map(|i| &self.articles[i])
    }
    /// Position of an article in `articles` (which are in slug order).
    pub fn article_index(&self, slug: &str) -> Option<usize> {
        self.articles
            .binary_search_by(|a| a.slug.as_str().cmp(slug))
            .ok()
    }
    pub fn actor(&self, slug: &str) -> Option<&Actor> {
        self.actors
            .binary_search_by(|a| a.slug.as_str().cmp(slug))
            .ok()
            .map(|i| &self.actors[i])
    }
    pub fn event(&self, slug: &str) -> Option<&Event> {
        self.events
            .binary_search_by(|a| a.slug.as_str().cmp(slug))
            .ok()
            .map(|i| &self.events[i])
    }
    /// Title or name of an item, for link texts.
    pub fn title_of(&self, r: &ItemRef) -> Option<&str> {
        match r.kind {
            ItemKind::Article => self.article(&r.slug).map(|a| a.title.as_str()),
            ItemKind::Actor => self.actor(&r.slug).map(|a| a.name.as_str()),
            ItemKind::Event => self.event(&r.slug).map(|e| e.title.as_str()),
            ItemKind::Page => self
                .pages
                .iter()
                .find(|p| p.slug == r.slug)
                .map(|p| p.title.as_str()),
        }
    }
}
