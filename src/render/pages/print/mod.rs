//! The print page (`print.html`, template `print.html`; issue 18): the
//! whole dossier on one page, to print or save as PDF, as mdBook's print
//! page: the overview, each article with its notes as numbered endnotes,
//! the actors, the events and a timeline list.
//!
//! A dossier too big for one page under [`PAGE_BUDGET`] continues on
//! numbered pages (`print-2.html`, …) linked in order, each item on exactly
//! one of them. The texts are those of the items' own pages, made to stand
//! at the site root among the others: links one folder up rebased, element
//! ids prefixed with the item's place in print order so that no two are
//! the same, mentions as plain text, and the side notes left out of
//! article bodies (they are the endnotes).

mod html;

use super::{Emit, Renderer};
use crate::diagnostics::Diagnostic;
use crate::model::{Actor, ActorId, Article, ArticleId, Event, EventId};
use crate::output::OutputFile;
use crate::render::context::{DateView, Url};
use crate::render::native::{self, base::Blocks};
use crate::util::html::{without_ids, Needle};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

/// The most bytes a print page may have: under the 1 MB every HTML page
/// of the site keeps to, with room for what the size estimate misses.
pub const PAGE_BUDGET: usize = 900_000;

/// Bytes an item's markup adds to its texts (headings, wrappers,
/// attributes), at most: the estimate errs on the large side.
const ITEM_MARKUP: usize = 600;
/// Bytes an endnote's markup adds to its texts, at most.
const NOTE_MARKUP: usize = 400;

/// How far the headings of the overview's text go down: it stands under
/// the page's `<h2>`, and a text's own headings begin at `<h2>`.
const OVERVIEW_DEPTH: usize = 1;
/// How far the headings of an article's, actor's or event's text go down:
/// they stand under the item's `<h3>`.
const ITEM_DEPTH: usize = 2;

/// One print page: which of how many, the links to its neighbours, and
/// its sections.
#[derive(Serialize)]
struct PrintPage<'a> {
    number: usize,
    pages: usize,
    prev: Option<String>,
    next: Option<String>,
    sections: Vec<Section<'a>>,
}

/// A run of items of one kind on a page; `continued` when the run began
/// on an earlier page.
#[derive(Serialize)]
struct Section<'a> {
    kind: &'static str,
    continued: bool,
    items: Vec<Item<'a>>,
}

/// A printed text, shared with the pieces `serve` keeps, not copied for
/// each build's pages.
#[derive(Clone)]
struct Shared(std::sync::Arc<String>);

impl Shared {
    fn new(html: String) -> Self {
        Shared(std::sync::Arc::new(html))
    }
}

impl Serialize for Shared {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// One item of the dossier as the print page shows it.
#[derive(Serialize)]
#[serde(untagged)]
enum Item<'a> {
    Overview {
        html: String,
    },
    /// `made`: the build that made the item's texts (see [`signature`]).
    Article {
        #[serde(skip)]
        made: u64,
        anchor: String,
        title: &'a str,
        url: Url<'a>,
        publisher: &'a str,
        published: Option<DateView>,
        date_note: Option<&'a str>,
        via: Option<&'a str>,
        translated_from: Option<&'a str>,
        /// `translated_from` by the language's name (`German`), or as
        /// written when the interface names no such language.
        translated_from_name: Option<String>,
        /// The article's language and direction when not the site's: on
        /// its title, its text and its quotes, as on its own page.
        text_lang: Option<&'a str>,
        text_dir: Option<&'static str>,
        /// The site's direction, set when `text_dir` is: on the lines
        /// around the text (its facts, its notes).
        interface_dir: Option<&'static str>,
        body_html: Shared,
        notes: Endnotes,
    },
    Actor {
        #[serde(skip)]
        made: u64,
        anchor: String,
        name: &'a str,
        url: Url<'a>,
        kind: &'static str,
        role: Option<&'a str>,
        html: Shared,
    },
    Event {
        #[serde(skip)]
        made: u64,
        anchor: String,
        title: &'a str,
        url: Url<'a>,
        date: DateView,
        end: Option<DateView>,
        uncertain: bool,
        date_note: Option<&'a str>,
        html: Shared,
    },
    /// A line of the timeline list: `href` is the event's place among the
    /// print pages.
    Moment {
        slug: &'a str,
        title: &'a str,
        date: DateView,
        end: Option<DateView>,
        uncertain: bool,
        href: String,
    },
}

/// An article's note, after its text.
#[derive(Serialize)]
struct Endnote {
    number: usize,
    /// Its element id; the body's note reference links here.
    anchor: String,
    /// The highlight's element id in the body, linked back to.
    highlight: String,
    kind: &'static str,
    label: String,
    exact: String,
    note_html: String,
}

/// An article's texts as printed at one place: its body and its endnotes,
/// made once and kept by `serve` while the texts and the place are the
/// same (tens of thousands of notes: none is made again for a page that
/// is not).
struct ArticleTexts {
    body: Shared,
    notes: Vec<Endnote>,
    /// The estimated size of the body and the endnotes.
    size: usize,
}

/// The endnotes of an article's kept texts, as the template lists them.
struct Endnotes(std::sync::Arc<ArticleTexts>);

impl Serialize for Endnotes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.notes.serialize(s)
    }
}

pub(super) fn pages(r: &Renderer<'_>, emit: &Emit<'_>) {
    pages_within(r, PAGE_BUDGET, emit)
}

/// Every print page, each at most `budget` bytes (estimated; a single item
/// larger than that has a page to itself).
pub(crate) fn pages_within(r: &Renderer<'_>, budget: usize, emit: &Emit<'_>) {
    let items = items(r);
    let chrome = match render(r, 1, PrintPage::empty()) {
        Ok(page) => page.bytes.len(),
        Err(e) => return emit(Err(e)),
    };
    let room = budget.saturating_sub(chrome);
    let mut pages = paginate(items, room);
    link_moments(&mut pages);
    let total = pages.len();
    pages.into_par_iter().enumerate().for_each(|(i, sections)| {
        let number = i + 1;
        let page = PrintPage {
            number,
            pages: total,
            prev: (number > 1).then(|| page_name(number - 1)),
            next: (number < total).then(|| page_name(number + 1)),
            sections,
        };
        // `serve` keeps a page whose items and places did not change.
        let path = page_name(number);
        let signature = r.reuse.keeps().then(|| signature(&page));
        r.hand_over(&path, signature, || {
            render(r, number, page).map(|f| f.bytes)
        });
    });
}

/// A digest of what print page `page` is made from, but for the texts of
/// its articles, actors and events, which stand for themselves by the
/// build that made them (the same build, the same texts, kept).
fn signature(page: &PrintPage<'_>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (page.number, page.pages).hash(&mut h);
    for section in &page.sections {
        (section.kind, section.continued).hash(&mut h);
        for item in &section.items {
            match item {
                Item::Overview { html } => html.hash(&mut h),
                Item::Article { made, anchor, .. }
                | Item::Actor { made, anchor, .. }
                | Item::Event { made, anchor, .. } => (made, anchor).hash(&mut h),
                Item::Moment {
                    slug,
                    title,
                    date,
                    end,
                    uncertain,
                    href,
                } => (slug, title, date, end, uncertain, href).hash(&mut h),
            }
        }
    }
    h.finish()
}

impl PrintPage<'_> {
    /// A page with no items: the chrome every page has.
    fn empty() -> Self {
        PrintPage {
            number: 1,
            pages: 1,
            prev: None,
            next: None,
            sections: Vec::new(),
        }
    }
}

/// The file name of print page `number` (from 1).
pub fn page_name(number: usize) -> String {
    match number {
        1 => "print.html".to_string(),
        n => format!("print-{n}.html"),
    }
}

fn render(r: &Renderer<'_>, number: usize, page: PrintPage<'_>) -> Result<OutputFile, Diagnostic> {
    let path = page_name(number);
    let title = &r.d().config.book.title;
    let base = r.chrome.base(&path, title.as_str(), "print", None);
    if !r.native.print {
        return r.page(TEMPLATE, &path, base, page);
    }
    let t = r.t();
    let own_title = html::title(&page, t);
    let blocks = Blocks {
        title: Some(&own_title),
        body_class: "print-book",
        head: &|h| html::head(h, &page),
        content: &|h| html::content(h, &page, title, t),
    };
    let size = PAGE_BUDGET + PAGE_BUDGET / 8;
    Ok(OutputFile::new(
        &path,
        native::base::page(&base, t, blocks, size),
    ))
}

/// The pages' template.
pub(super) const TEMPLATE: &str = "print.html";

/// Every item of the dossier, in print order, each with its section kind
/// and its estimated size in bytes.
fn items<'a>(r: &Renderer<'a>) -> Vec<(&'static str, Item<'a>, usize)> {
    let d = r.d();
    let l = r.lookup.l;
    let mut out = Vec::new();
    if let Some(intro) = &l.intro {
        let html = for_print(&intro.html, "overview--", OVERVIEW_DEPTH);
        let size = html.len() + ITEM_MARKUP;
        out.push(("overview", Item::Overview { html }, size));
    }
    let mut articles: Vec<_> = d.articles.with_ids().collect();
    articles.sort_by(|x, y| (x.1.published.cmp(&y.1.published)).then(x.1.slug.cmp(&y.1.slug)));
    // Each item's ids are scoped by its place in the print order (unique
    // on every page, and a few bytes where the item's anchor was seventy);
    // each text made ready on every core, in print order.
    let base = out.len();
    out.par_extend(articles.into_par_iter().enumerate().map(|(i, (id, a))| {
        let item = article(r, id, a, &scope(base + i));
        ("articles", item.0, item.1)
    }));
    let base = out.len();
    let actors: Vec<_> = d.actors.with_ids().collect();
    out.par_extend(
        (actors.into_par_iter().enumerate()).map(|(i, (id, a))| actor(r, id, a, &scope(base + i))),
    );
    let mut events: Vec<_> = d.events.with_ids().collect();
    events.sort_by(|x, y| (x.1.date.cmp(&y.1.date)).then(x.1.slug.cmp(&y.1.slug)));
    let base = out.len();
    out.par_extend(
        (events.par_iter().enumerate()).map(|(i, &(id, e))| event(r, id, e, &scope(base + i))),
    );
    for (_, e) in events {
        let item = Item::Moment {
            slug: &e.slug,
            title: &e.title,
            date: DateView::new(&e.date, r.t()),
            end: DateView::of(&e.end, r.t()),
            uncertain: e.date_uncertain,
            href: String::new(),
        };
        // The link is set once the events have their pages.
        let size = text_size(&[&e.title, &e.slug]) + "print-0000.html#event-".len();
        out.push(("timeline", item, size));
    }
    out
}

/// The prefix of the element ids of the item at `place` in print order.
/// No item's own anchor (`article-…`, `actor-…`, `event-…`) begins so.
fn scope(place: usize) -> String {
    format!("i{place}-")
}

/// An actor as printed, with its section and estimated size.
fn actor<'a>(
    r: &Renderer<'a>,
    id: ActorId,
    a: &'a Actor,
    scope: &str,
) -> (&'static str, Item<'a>, usize) {
    let anchor = format!("actor-{}", a.slug);
    let (html, made) = printed_text(r, id.into(), &r.lookup.l.actor(id).html, scope);
    let size = html.len() + text_size(&[&a.name, a.role.as_deref().unwrap_or("")]);
    let item = Item::Actor {
        made,
        anchor,
        name: &a.name,
        url: Url::actor(&a.slug),
        kind: a.kind.as_str(),
        role: a.role.as_deref(),
        html: Shared(html),
    };
    ("actors", item, size)
}

/// An event as printed, with its section and estimated size.
fn event<'a>(
    r: &Renderer<'a>,
    id: EventId,
    e: &'a Event,
    scope: &str,
) -> (&'static str, Item<'a>, usize) {
    let anchor = format!("event-{}", e.slug);
    let (html, made) = printed_text(r, id.into(), &r.lookup.l.event(id).html, scope);
    let note = e.date_note.as_deref().unwrap_or("");
    let size = html.len() + text_size(&[&e.title, note]);
    let item = Item::Event {
        made,
        anchor,
        title: &e.title,
        url: Url::event(&e.slug),
        date: DateView::new(&e.date, r.t()),
        end: DateView::of(&e.end, r.t()),
        uncertain: e.date_uncertain,
        date_note: e.date_note.as_deref(),
        html: Shared(html),
    };
    ("events", item, size)
}

/// An article as printed, and its estimated size.
fn article<'a>(r: &Renderer<'a>, id: ArticleId, a: &'a Article, scope: &str) -> (Item<'a>, usize) {
    let site_language = &r.d().config.book.language;
    let text_dir = crate::i18n::other_direction(a.language.as_deref(), site_language);
    let (texts, made) = printed(r, id.into(), scope, || article_texts(r, id, scope));
    let facts = [&a.date_note, &a.source.via, &a.translated_from].map(|f| f.as_deref());
    let [note, via, from] = facts.map(|f| f.unwrap_or(""));
    let size = texts.size + text_size(&[&a.title, &a.source.name, note, via, from]);
    let item = Item::Article {
        made,
        anchor: format!("article-{}", a.slug),
        title: &a.title,
        url: Url::article(&a.slug),
        publisher: &a.source.name,
        published: DateView::of(&a.published, r.t()),
        date_note: a.date_note.as_deref(),
        via: a.source.via.as_deref(),
        translated_from: a.translated_from.as_deref(),
        translated_from_name: native::given(&a.translated_from).map(|l| r.t().language_name(l)),
        text_lang: crate::i18n::other_language(a.language.as_deref(), site_language),
        text_dir,
        interface_dir: text_dir.map(|dir| if dir == "rtl" { "ltr" } else { "rtl" }),
        body_html: texts.body.clone(),
        notes: Endnotes(texts),
    };
    (item, size)
}

/// The body and endnotes of article `id` as printed at `scope`.
fn article_texts(r: &Renderer<'_>, id: ArticleId, scope: &str) -> ArticleTexts {
    let la = r.lookup.l.article(id);
    let body = for_print(&without_side_notes(&la.body.html), scope, ITEM_DEPTH);
    let notes: Vec<Endnote> = (la.annotations.iter())
        .map(|x| Endnote {
            number: x.number,
            anchor: format!("{scope}{}", x.id.note()),
            highlight: format!("{scope}{}", x.id.highlight()),
            kind: x.kind.as_str(),
            label: r.t().annotation_kind(x.kind).0.to_string(),
            exact: x.exact.to_string(),
            // The note's own ids (of its mentions) are its article page's.
            note_html: rebased(&without_ids(&printed_mentions(&x.note.html))),
        })
        .collect();
    let notes_size: usize = (notes.iter())
        .map(|n| n.note_html.len() + text_size(&[&n.exact]) + 2 * n.anchor.len() + NOTE_MARKUP)
        .sum();
    ArticleTexts {
        size: body.len() + notes_size,
        body: Shared::new(body),
        notes,
    }
}

/// The text `html` of actor or event `item` as printed at `scope` (see
/// [`printed`]).
fn printed_text(
    r: &Renderer<'_>,
    item: crate::model::ItemId,
    html: &str,
    scope: &str,
) -> (std::sync::Arc<String>, u64) {
    printed(r, item, scope, || for_print(html, scope, ITEM_DEPTH))
}

/// The printed texts of `item` at the place `scope` names, as `serve`'s
/// previous build made them when the item's texts and its place are the
/// same (else made by `make`), and the build that made them.
fn printed<T: Send + Sync + 'static>(
    r: &Renderer<'_>,
    item: crate::model::ItemId,
    scope: &str,
    make: impl FnOnce() -> T,
) -> (std::sync::Arc<T>, u64) {
    let (kept, made) = r.reuse.text_parts(
        "print.html",
        item,
        |(place, _): &(String, std::sync::Arc<T>)| place == scope,
        || (scope.to_string(), std::sync::Arc::new(make())),
    );
    (kept.1.clone(), made)
}

/// The estimated size of plain texts once escaped, with an item's markup.
fn text_size(texts: &[&str]) -> usize {
    let raw: usize = texts.iter().map(|t| t.len()).sum();
    raw + raw / 8 + ITEM_MARKUP
}

/// The items in pages of at most `room` bytes (estimated), in order,
/// grouped into sections; a page holds at least one item.
fn paginate<'a>(items: Vec<(&'static str, Item<'a>, usize)>, room: usize) -> Vec<Vec<Section<'a>>> {
    let mut pages: Vec<Vec<Section<'a>>> = Vec::new();
    let mut page: Vec<Section<'a>> = Vec::new();
    let mut used = 0;
    for (kind, item, size) in items {
        if used > 0 && used + size > room {
            pages.push(std::mem::take(&mut page));
            used = 0;
        }
        used += size;
        match page.last_mut() {
            Some(s) if s.kind == kind => s.items.push(item),
            _ => {
                // A run of this kind begun on an earlier page goes on.
                let continued = pages
                    .last()
                    .and_then(|p| p.last())
                    .is_some_and(|s| s.kind == kind);
                page.push(Section {
                    kind,
                    continued,
                    items: vec![item],
                });
            }
        }
    }
    if !page.is_empty() || pages.is_empty() {
        pages.push(page);
    }
    pages
}

/// Points each timeline line at its event, on whichever print page that is.
fn link_moments(pages: &mut [Vec<Section<'_>>]) {
    let mut event_page: HashMap<String, usize> = HashMap::new();
    for (i, page) in pages.iter().enumerate() {
        for item in page.iter().flat_map(|s| &s.items) {
            if let Item::Event { anchor, .. } = item {
                event_page.insert(anchor.clone(), i);
            }
        }
    }
    for (i, page) in pages.iter_mut().enumerate() {
        for item in page.iter_mut().flat_map(|s| &mut s.items) {
            if let Item::Moment { slug, href, .. } = item {
                let anchor = format!("event-{slug}");
                *href = match event_page.get(&anchor) {
                    Some(&p) if p == i => format!("#{anchor}"),
                    Some(&p) => format!("{}#{anchor}", page_name(p + 1)),
                    None => String::new(),
                };
            }
        }
    }
}

/// A text rendered for a page one folder down, made to stand on a print
/// page at the root: links rebased, its headings `depth` levels down, and
/// its element ids (and the links to them within it) prefixed with
/// `scope`, so that texts side by side never share one.
///
/// One pass over the text (the print pages hold every text of the dossier,
/// so this is done for all of it): each place one of [`PRINT_EDITS`] finds
/// is rewritten once, as the separate passes of the tests' `reference`
/// would.
fn for_print(html: &str, scope: &str, depth: usize) -> String {
    use std::sync::LazyLock;
    static FINDER: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(PRINT_EDITS)
            .expect("fixed patterns")
    });
    let html = printed_mentions(html);
    let html = html.as_str();
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut last = 0;
    for m in FINDER.find_iter(html) {
        out.push_str(&html[last..m.start()]);
        last = m.end();
        let found = PRINT_EDITS[m.pattern().as_usize()];
        match found {
            " id=\"" | " href=\"#" => {
                out.push_str(found);
                out.push_str(scope);
            }
            // A link one folder up to an anchor of its own page becomes an
            // anchor of the text, scoped like the others.
            " href=\"../" if html[last..].starts_with('#') => {
                out.push_str(" href=\"#");
                out.push_str(scope);
                last += 1;
            }
            " href=\"../" => out.push_str(" href=\""),
            " src=\"../" => out.push_str(" src=\""),
            heading => {
                // `<hN` or `</hN>`: its level is its one digit.
                let digit = heading.bytes().find(u8::is_ascii_digit).unwrap_or(b'1');
                let to = (usize::from(digit - b'0') + depth).min(6);
                let (open, close) =
                    heading.split_at(heading.len() - 1 - usize::from(heading.ends_with('>')));
                out.push_str(open);
                out.push_str(&to.to_string());
                out.push_str(&close[1..]);
            }
        }
    }
    out.push_str(&html[last..]);
    out
}

/// `html` with its mentions as plain text: on paper a link is not
/// followed, the print styles drew mentions as text already, and the print
/// page holds the actors and events themselves. Their markup (link, kind
/// class, the id an item's list of mentions links to) was a third of a
/// print page's bytes. What a mention holds (an annotation's `<mark>`)
/// stays; a mention holds no other link, so its end is the next `</a>`.
fn printed_mentions(html: &str) -> String {
    const OPEN: &str = "<a class=\"mention ";
    const CLOSE: &str = "</a>";
    static FIND_OPEN: Needle = Needle::new(OPEN);
    static FIND_CLOSE: Needle = Needle::new(CLOSE);
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = FIND_OPEN.find(rest) {
        let Some(tag_end) = rest[start..].find('>').map(|e| start + e + 1) else {
            break;
        };
        let Some(close) = FIND_CLOSE.find(&rest[tag_end..]).map(|e| tag_end + e) else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(&rest[tag_end..close]);
        rest = &rest[close + CLOSE.len()..];
    }
    out.push_str(rest);
    out
}

/// What [`for_print`] rewrites.
const PRINT_EDITS: &[&str] = &[
    " id=\"",
    " href=\"#",
    " href=\"../",
    " src=\"../",
    "<h1",
    "<h2",
    "<h3",
    "<h4",
    "<h5",
    "<h6",
    "</h1>",
    "</h2>",
    "</h3>",
    "</h4>",
    "</h5>",
    "</h6>",
];

/// `html` with its links one folder up (`../`) made links from the root.
/// Our own HTML: attributes are double-quoted, and a `"` in text is
/// always escaped, so the attribute spelling only stands in attributes.
fn rebased(html: &str) -> String {
    html.replace(" href=\"../", " href=\"")
        .replace(" src=\"../", " src=\"")
}

/// An article body without its side notes (`<span class="sidenote …">`
/// and everything to its closing tag, spans inside counted).
fn without_side_notes(html: &str) -> std::borrow::Cow<'_, str> {
    static FIND_OPEN: Needle = Needle::new("<span class=\"sidenote");
    if FIND_OPEN.find(html).is_none() {
        return html.into();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = FIND_OPEN.find(rest) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        rest = &rest[span_end(rest)..];
    }
    out.push_str(rest);
    out.into()
}

/// Where the `<span …>` element `html` begins with ends: after its
/// matching `</span>` (or at the end of `html`).
fn span_end(html: &str) -> usize {
    let mut depth = 0usize;
    let mut i = 0;
    // Only a `<` may begin a tag: the text between is skipped whole.
    while let Some(lt) = memchr::memchr(b'<', &html.as_bytes()[i..]) {
        i += lt;
        let rest = &html[i..];
        if rest.starts_with("<span") {
            depth += 1;
            i += 5;
        } else if rest.starts_with("</span>") {
            depth -= 1;
            i += 7;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    html.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`for_print`] does, one pass per edit: the reference it is
    /// compared with.
    fn reference(html: &str, scope: &str, depth: usize) -> String {
        demoted(&rebased(&printed_mentions(html)), depth)
            .replace(" id=\"", &format!(" id=\"{scope}"))
            .replace(" href=\"#", &format!(" href=\"#{scope}"))
    }

    /// `html` with its headings `by` levels down (to `<h6>` at most): a text
    /// under a heading of the print page keeps its outline below that heading.
    fn demoted(html: &str, by: usize) -> String {
        let mut out = html.to_string();
        // From the deepest up, so that no heading is moved twice.
        for level in (1..=6usize).rev() {
            let to = (level + by).min(6);
            if to != level {
                out = out
                    .replace(&format!("<h{level}"), &format!("<h{to}"))
                    .replace(&format!("</h{level}>"), &format!("</h{to}>"));
            }
        }
        out
    }

    #[test]
    fn side_notes_are_left_out_with_their_inner_spans() {
        let html = "<p>a<sup>1</sup><span class=\"sidenote ann-claim\" id=\"note-x\"><span class=\"note-head\">1</span> <span class=\"note-p\">é</span></span> b</p>";
        assert_eq!(without_side_notes(html), "<p>a<sup>1</sup> b</p>");
        assert_eq!(without_side_notes("<p>none</p>"), "<p>none</p>");
    }

    #[test]
    fn texts_are_rebased_and_their_ids_scoped() {
        let html = "<a href=\"../actors/x.html\" id=\"a-x-1\">X</a> <a href=\"#note-y\">1</a> <a href=\"https://e.org/\">e</a>";
        assert_eq!(
            for_print(html, "article-s--", 0),
            "<a href=\"actors/x.html\" id=\"article-s--a-x-1\">X</a> <a href=\"#article-s--note-y\">1</a> <a href=\"https://e.org/\">e</a>"
        );
    }

    #[test]
    fn one_pass_does_what_the_separate_passes_do() {
        let texts = [
            "<h1 id=\"h-a\">A</h1><p>x <a href=\"../actors/x.html\" id=\"a-x-1\">X</a></p><h6>z</h6>",
            "<h2>B</h2><img src=\"../seeds/x.png\"><a href=\"#note-1\">1</a><a href=\"../#top\">t</a>",
            "<header><hr><h3 class=\"c\">C</h3></header> id=\"plain\" <h4>D</h4><h5>E</h5>",
            "",
            "no markup at all, just words",
        ];
        for text in texts {
            for depth in 0..=6 {
                assert_eq!(
                    for_print(text, "s--", depth),
                    reference(text, "s--", depth),
                    "{text:?} at {depth}"
                );
            }
        }
    }

    #[test]
    fn mentions_become_their_text_and_nothing_else_changes() {
        let html = "<a class=\"mention mention-actor\" href=\"../actors/x.html\" id=\"a-x-1\"><mark class=\"ann\" id=\"ann-y\">X</mark></a> <a class=\"mention mention-event\" href=\"../events/e.html\">E</a> <a href=\"#h\" id=\"k\">k</a> <a class=\"mention mention-actor\" href=\"../actors/z.html\">Z&amp;Z</a>.";
        assert_eq!(
            printed_mentions(html),
            "<mark class=\"ann\" id=\"ann-y\">X</mark> E <a href=\"#h\" id=\"k\">k</a> Z&amp;Z."
        );
    }

    #[test]
    fn headings_go_down_once_each() {
        assert_eq!(
            demoted("<h2 id=\"a\">A</h2><h3>B</h3><h5>C</h5>", 2),
            "<h4 id=\"a\">A</h4><h5>B</h5><h6>C</h6>"
        );
    }

    #[test]
    fn pages_hold_every_item_once_in_order() {
        let item = |n: usize| {
            let html = n.to_string();
            ("overview", Item::Overview { html }, 40)
        };
        let pages = paginate((0..10).map(item).collect(), 100);
        assert_eq!(pages.len(), 5);
        let seen: Vec<String> = (pages.iter().flatten())
            .flat_map(|s| &s.items)
            .map(|i| match i {
                Item::Overview { html } => html.clone(),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(seen, (0..10).map(|n| n.to_string()).collect::<Vec<_>>());
        assert!(!pages[0][0].continued && pages[1][0].continued);
        // An item larger than a page has one to itself.
        assert_eq!(paginate(vec![item(1), item(2)], 10).len(), 2);
    }
}
