//! What the templates receive, typed. Each page's context is a
//! `#[derive(Serialize)]` struct that borrows from the dossier (as Zola's
//! `SerializingPage<'a>` does, and as `data.rs` does for `dossier.json`),
//! made of the shared records here: the chrome around every page, dates,
//! links to articles, actors and events, annotations. Each has one
//! constructor. [`Url`] is the one place the render stage spells the URL of
//! a page.
//!
//! The templates are the interface: the field names are the keys they read
//! (a theme override may read any of them), so they stay as they are.

use super::share::Shared;
use crate::config::HtmlConfig;
use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::link::LinkedAnnotation;
use crate::model::{
    Actor, AnnotationKind, Dossier, Event, ItemKind, ItemPath, NoteAnchor, NoteId, PartialDate,
};
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::path::Path;

/// A value serialised as the text it displays, written straight into the
/// output: hundreds of thousands of records make no string each.
pub(super) struct Shown<T>(pub(super) T);

impl<T: fmt::Display> Serialize for Shown<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// Where a page is, from the site root: the one place the render stage
/// spells URLs. Written as text when displayed or serialised; the
/// templates put `root` (the way back from the page they make) in front.
#[derive(Debug, Clone, Copy)]
pub(super) enum Url<'a> {
    /// An item's page, as [`ItemPath::url`]:
    /// `articles/x.html`, `actors/x.html`, `events/x.html`, free pages
    /// at the top (`x.html`).
    Item(ItemKind, &'a str),
    /// An annotation's highlight on its article's page: (article slug,
    /// note id).
    Annotation(&'a str, &'a NoteId),
    /// An annotation's side note on its article's page: (article slug,
    /// note id).
    Note(&'a str, &'a NoteId),
    /// A seed's page, its text as numbered lines.
    SeedPage(&'a str),
    /// A seed's text, verbatim; a saved web page's extracted text, as
    /// `<file>.txt`, never the page itself.
    SeedText(&'a str),
}

impl<'a> Url<'a> {
    pub(super) fn of(item: ItemPath<'a>) -> Self {
        Url::Item(item.kind, item.slug)
    }
    pub(super) fn article(slug: &'a str) -> Self {
        Url::Item(ItemKind::Article, slug)
    }
    pub(super) fn actor(slug: &'a str) -> Self {
        Url::Item(ItemKind::Actor, slug)
    }
    pub(super) fn event(slug: &'a str) -> Self {
        Url::Item(ItemKind::Event, slug)
    }
    pub(super) fn page(slug: &'a str) -> Self {
        Url::Item(ItemKind::Page, slug)
    }
}

impl fmt::Display for Url<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Url::Item(ItemKind::Page, slug) => write!(f, "{slug}.html"),
            Url::Item(kind, slug) => write!(f, "{}/{slug}.html", kind.dir()),
            Url::Annotation(article, id) => {
                write!(f, "articles/{article}.html#{}", id.highlight())
            }
            Url::Note(article, id) => write!(f, "articles/{article}.html#{}", id.note()),
            Url::SeedPage(file) => write!(f, "seeds/{}", seed_page_name(file)),
            Url::SeedText(file) => write!(
                f,
                "seeds/{}",
                crate::import::naming::published_seed_name(file)
            ),
        }
    }
}

impl Serialize for Url<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The file name of a seed's page in `seeds/` (the templates of pages in
/// other folders put the way to `seeds/` in front).
pub(super) fn seed_page_name(file: &str) -> String {
    format!("{file}.html")
}

/// The way from the page at `path` (from the site root) back to the root:
/// `../` per folder.
pub(super) fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// What every page shows around its content, the same on every page:
/// made once per build.
pub(super) struct Chrome<'a> {
    site: SiteInfo<'a>,
    nav_pages: Vec<NavLink<'a>>,
    annotation_kinds: Vec<KindLabel<'a>>,
    html: &'a HtmlConfig,
    /// `site-url`, a full URL or a path.
    site_url: Option<String>,
    /// `site-url` when it is a full URL.
    absolute_url: Option<String>,
    strings: &'a Strings,
}

/// The dossier's title and description, from `book.toml`.
#[derive(Serialize)]
pub(super) struct SiteInfo<'a> {
    pub(super) title: &'a str,
    pub(super) description: &'a Option<String>,
    pub(super) authors: &'a [String],
    pub(super) language: &'a str,
    /// Whether the site's language runs right to left.
    pub(super) rtl: bool,
}

/// A free page in the navigation.
#[derive(Serialize)]
pub(super) struct NavLink<'a> {
    pub(super) title: &'a str,
    pub(super) url: Url<'a>,
}

/// An annotation kind, for the legends.
#[derive(Serialize)]
pub(super) struct KindLabel<'a> {
    pub(super) kind: &'static str,
    pub(super) label: &'a str,
    pub(super) description: &'a str,
}

/// The chrome of one page: the keys `base.html` reads.
#[derive(Serialize)]
pub(super) struct Base<'a> {
    pub(super) site: &'a SiteInfo<'a>,
    /// The way back to the site root, which the templates put in front of
    /// every [`Url`].
    pub(super) root: String,
    pub(super) page_title: Cow<'a, str>,
    /// Which navigation entry is current: a section name, or a free page's
    /// URL (which `base.html` compares with the navigation's).
    pub(super) section: &'a str,
    pub(super) nav_pages: &'a [NavLink<'a>],
    pub(super) annotation_kinds: &'a [KindLabel<'a>],
    /// The page's absolute URL, when the site's is known.
    pub(super) canonical: Option<String>,
    pub(super) feed_url: Option<String>,
    pub(super) repo_url: &'a Option<String>,
    pub(super) edit_url: Option<String>,
    /// The page's own description (see [`share`](super::share)), else the
    /// dossier's.
    pub(super) description: Option<Cow<'a, str>>,
    pub(super) og_type: &'static str,
    /// The page's JSON-LD, escaped for a `<script>` element.
    pub(super) json_ld: Option<String>,
    /// How many scripts of previews there are, when the page loads them
    /// (see [`previews`](super::previews)).
    pub(super) previews: Option<usize>,
}

impl<'a> Base<'a> {
    /// The chrome of a page that says what it is where it is shared.
    pub(super) fn shared(self, shared: Shared<'a>) -> Self {
        Base {
            description: shared.description.or(self.description),
            og_type: shared.og_type,
            json_ld: Some(shared.json_ld),
            ..self
        }
    }

    /// The chrome of a page whose text links to items with previews.
    pub(super) fn with_previews(self, previews: Option<usize>) -> Self {
        Base { previews, ..self }
    }
}

/// A page's context: its chrome and what its own template reads, side by
/// side in one object.
#[derive(Serialize)]
pub(super) struct Page<'a, T> {
    #[serde(flatten)]
    pub(super) base: Base<'a>,
    #[serde(flatten)]
    pub(super) data: T,
}

impl<'a> Chrome<'a> {
    pub(super) fn new(d: &'a Dossier) -> Self {
        let book = &d.config.book;
        let mut pages: Vec<_> = d.pages.iter().collect();
        pages.sort_by(|x, y| x.order.cmp(&y.order).then(x.slug.cmp(&y.slug)));
        let strings = &d.config.interface_strings;
        let annotation_kinds = AnnotationKind::ALL.iter().map(|k| KindLabel {
            kind: k.as_str(),
            label: strings.annotation_kind(*k).0,
            description: strings.annotation_kind(*k).1,
        });
        Chrome {
            site: SiteInfo {
                title: &book.title,
                description: &book.description,
                authors: &book.authors,
                language: &book.language,
                rtl: crate::i18n::is_rtl(&book.language),
            },
            nav_pages: pages
                .iter()
                .map(|p| NavLink {
                    title: &p.title,
                    url: Url::page(&p.slug),
                })
                .collect(),
            annotation_kinds: annotation_kinds.collect(),
            html: &d.config.output.html,
            site_url: d.config.output.html.site_url(),
            absolute_url: d.config.output.html.absolute_site_url(),
            strings,
        }
    }

    /// The interface strings.
    pub(super) fn strings(&self) -> &'a Strings {
        self.strings
    }

    /// Where the site is published (`site-url`), a full URL or a path.
    pub(super) fn site_url(&self) -> Option<&str> {
        self.site_url.as_deref()
    }

    /// The site's absolute URL, when `site-url` is a full URL.
    pub(super) fn absolute_url(&self) -> Option<&str> {
        self.absolute_url.as_deref()
    }

    /// The chrome of the page at `path`, made from the content file
    /// `source` (relative to the dossier root) if any.
    pub(super) fn base<'p>(
        &'p self,
        path: &str,
        title: impl Into<Cow<'p, str>>,
        section: &'p str,
        source: Option<&Path>,
    ) -> Base<'p> {
        let root = root_of(path);
        let source = source.map(|p| p.to_string_lossy().replace('\\', "/"));
        let edit_url = match (&self.html.edit_url_template, source) {
            (Some(t), Some(p)) => Some(t.replace("{path}", &p)),
            _ => None,
        };
        Base {
            site: &self.site,
            // The canonical link, `og:url` and the feed need the site's
            // absolute URL: written only when it is known.
            canonical: self.absolute_url.as_ref().map(|u| format!("{u}{path}")),
            feed_url: self
                .absolute_url
                .as_ref()
                .map(|_| format!("{root}feed.xml")),
            root,
            page_title: title.into(),
            section,
            nav_pages: &self.nav_pages,
            annotation_kinds: &self.annotation_kinds,
            repo_url: &self.html.git_repository_url,
            edit_url,
            description: self.site.description.as_deref().map(Cow::Borrowed),
            og_type: "website",
            json_ld: None,
            previews: None,
        }
    }
}

/// Tera contexts holding the interface strings (`t`) already, each lent
/// to one page at a time: the strings are the same on every page, and
/// turning their hundreds of entries into the values Tera reads was a
/// large part of making each page's context.
pub(super) struct Contexts {
    filled: tera::Context,
    free: std::sync::Mutex<Vec<tera::Context>>,
}

impl Contexts {
    pub(super) fn new(t: &Strings) -> Self {
        let mut filled = tera::Context::new();
        filled.insert("t", t);
        Contexts {
            filled,
            free: std::sync::Mutex::new(Vec::new()),
        }
    }

    fn free(&self) -> std::sync::MutexGuard<'_, Vec<tera::Context>> {
        self.free.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `render` given a context with `t` and the values of `page`, the
    /// context of `template` for the page at `path`.
    pub(super) fn with<R>(
        &self,
        template: &str,
        path: &str,
        page: &impl Serialize,
        render: impl FnOnce(&tera::Context) -> R,
    ) -> Result<R, Diagnostic> {
        let value = serde_json::to_value(page).map_err(tera::Error::json);
        let keys: Vec<String> = (value.as_ref().ok().and_then(|v| v.as_object()))
            .map_or_else(Vec::new, |map| map.keys().cloned().collect());
        let own = value
            .and_then(tera::Context::from_value)
            .map_err(|e| unserialisable(template, path, &e))?;
        let lent = self.free().pop();
        let mut ctx = lent.unwrap_or_else(|| self.filled.clone());
        ctx.extend(own);
        let made = render(&ctx);
        // A page value named `t` took the strings' place: that context is
        // not lent again.
        if !keys.iter().any(|k| k == "t") {
            keys.iter().for_each(|k| drop(ctx.remove(k)));
            self.free().push(ctx);
        }
        Ok(made)
    }
}

/// `value` as the context of `template` for the page at `path`. Typed
/// contexts always serialise to an object; should one not, it is said.
pub(super) fn tera_context(
    template: &str,
    path: &str,
    value: &impl Serialize,
) -> Result<tera::Context, Diagnostic> {
    tera::Context::from_serialize(value).map_err(|e| unserialisable(template, path, &e))
}

fn unserialisable(template: &str, path: &str, e: &tera::Error) -> Diagnostic {
    Diagnostic::new(
        path,
        format!(
            "cannot hand `{path}` to template `{template}`: {}",
            super::theme::error_chain(e)
        ),
    )
}

/// A date, with what the `date` macro shows of it.
#[derive(Serialize, Hash)]
pub(super) struct DateView {
    pub(super) iso: String,
    pub(super) human: String,
    pub(super) partial: bool,
    pub(super) precision: &'static str,
}

impl DateView {
    pub(super) fn new(d: &PartialDate, t: &Strings) -> Self {
        DateView {
            iso: d.to_string(),
            human: t.date(d),
            partial: d.is_partial(),
            precision: d.precision(),
        }
    }
    /// A date that may be missing (`null` for the templates).
    pub(super) fn of(d: &Option<PartialDate>, t: &Strings) -> Option<Self> {
        d.as_ref().map(|d| DateView::new(d, t))
    }
}

/// An annotation as the article and event pages list it: `highlight_id`
/// is the element id of its highlight (`ann-<id>`) on its article's page.
#[derive(Serialize)]
pub(super) struct AnnotationView<'a> {
    pub(super) id: &'a NoteId,
    pub(super) highlight_id: NoteAnchor<'a>,
    pub(super) number: usize,
    pub(super) kind: &'static str,
    pub(super) label: &'a str,
    pub(super) exact: &'a str,
    pub(super) note_html: &'a str,
}

impl<'a> AnnotationView<'a> {
    pub(super) fn new(x: &'a LinkedAnnotation, t: &'a Strings) -> Self {
        AnnotationView {
            id: &x.id,
            highlight_id: x.id.highlight(),
            number: x.number,
            kind: x.kind.as_str(),
            label: kind_label(t, x.kind),
            exact: &x.exact,
            note_html: &x.note.html,
        }
    }
}

/// An annotation kind's name in the interface's language.
pub(super) fn kind_label(t: &Strings, kind: AnnotationKind) -> &str {
    t.annotation_kind(kind).0
}

/// A link to an article.
#[derive(Serialize)]
pub(super) struct ArticleLink<'a> {
    pub(super) title: &'a str,
    pub(super) url: Url<'a>,
}

impl<'a> ArticleLink<'a> {
    pub(super) fn new(a: &'a crate::model::Article) -> Self {
        ArticleLink {
            title: &a.title,
            url: Url::article(&a.slug),
        }
    }
}

/// A link to an actor.
#[derive(Serialize)]
pub(super) struct ActorLink<'a> {
    pub(super) name: &'a str,
    pub(super) url: Url<'a>,
}

impl<'a> ActorLink<'a> {
    pub(super) fn new(a: &'a Actor) -> Self {
        ActorLink {
            name: &a.name,
            url: Url::actor(&a.slug),
        }
    }
}

/// A link to an actor with a count (of mentions, or of paragraphs shared).
#[derive(Serialize)]
pub(super) struct CountedActor<'a> {
    #[serde(flatten)]
    pub(super) actor: ActorLink<'a>,
    pub(super) count: usize,
}

impl<'a> CountedActor<'a> {
    pub(super) fn new(a: &'a Actor, count: usize) -> Self {
        CountedActor {
            actor: ActorLink::new(a),
            count,
        }
    }
}

/// A link to an event, with its date.
#[derive(Serialize)]
pub(super) struct EventLink<'a> {
    pub(super) title: &'a str,
    pub(super) url: Url<'a>,
    pub(super) date: DateView,
}

impl<'a> EventLink<'a> {
    pub(super) fn new(e: &'a Event, t: &Strings) -> Self {
        EventLink {
            title: &e.title,
            url: Url::event(&e.slug),
            date: DateView::new(&e.date, t),
        }
    }
}

/// An event in a list of events (the `event_item` macro): its link, when
/// it ended, and whether its dates are uncertain, shown wherever its date
/// is.
#[derive(Serialize)]
pub(super) struct EventSummary<'a> {
    #[serde(flatten)]
    pub(super) event: EventLink<'a>,
    pub(super) end: Option<DateView>,
    pub(super) uncertain: bool,
}

impl<'a> EventSummary<'a> {
    pub(super) fn new(e: &'a Event, t: &Strings) -> Self {
        EventSummary {
            event: EventLink::new(e, t),
            end: DateView::of(&e.end, t),
            uncertain: e.date_uncertain,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_those_of_item_paths() {
        for kind in [
            ItemKind::Article,
            ItemKind::Actor,
            ItemKind::Event,
            ItemKind::Page,
        ] {
            let item = ItemPath { kind, slug: "a-b" };
            assert_eq!(Url::of(item).to_string(), item.url().to_string());
        }
        let id = crate::model::NoteId::parse("said-so").unwrap();
        assert_eq!(
            Url::Annotation("x", &id).to_string(),
            "articles/x.html#ann-said-so"
        );
        assert_eq!(
            Url::Note("x", &id).to_string(),
            "articles/x.html#note-said-so"
        );
        assert_eq!(Url::SeedPage("s.txt").to_string(), "seeds/s.txt.html");
        assert_eq!(Url::SeedText("s.txt").to_string(), "seeds/s.txt");
        assert_eq!(Url::SeedText("p.html").to_string(), "seeds/p.html.txt");
    }

    #[test]
    fn the_root_is_one_step_back_per_folder() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("actors/x.html"), "../");
    }

    #[test]
    fn a_lent_context_holds_the_strings_and_one_page_s_values_only() {
        #[derive(Serialize)]
        struct Page {
            #[serde(skip_serializing_if = "Option::is_none")]
            x: Option<u32>,
            #[serde(skip_serializing_if = "Option::is_none")]
            y: Option<u32>,
            #[serde(skip_serializing_if = "Option::is_none")]
            t: Option<u32>,
        }
        let page = |x, y, t| Page { x, y, t };
        let contexts = Contexts::new(&Strings::default());
        let seen = |p: &Page| {
            let read = |ctx: &tera::Context| {
                let get = |k: &str| ctx.get(k).cloned().unwrap_or_default();
                (get("x"), get("y"), get("t").is_object())
            };
            contexts.with("t.html", "p.html", p, read).unwrap()
        };
        let n = |v: u32| serde_json::Value::from(v);
        let null = serde_json::Value::Null;
        assert_eq!(seen(&page(Some(1), None, None)), (n(1), null.clone(), true));
        // The next page sees its own values, not the last one's.
        assert_eq!(seen(&page(None, Some(2), None)), (null.clone(), n(2), true));
        // A page value named `t` hides the strings on its own page only.
        assert!(!seen(&page(None, None, Some(3))).2);
        assert_eq!(seen(&page(None, None, None)), (null.clone(), null, true));
    }
}
