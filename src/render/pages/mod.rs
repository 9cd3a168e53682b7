//! The pages of the site: one file per kind of page, each listed once in
//! [`KINDS`], and the [`Renderer`] they share (the lookup tables, the theme,
//! the chrome of every page).
//!
//! A new kind of page is a file here with a `pages` function, its template
//! in `theme.rs`, and a line in [`KINDS`]. The data page (`data.rs`) is
//! the one made elsewhere: it lists what the exports wrote, so
//! `render_into` makes it after them.

pub(super) mod actor;
mod actors;
mod article;
pub(super) mod data;
mod event;
mod free;
mod home;
pub(super) mod print;
mod seed;
mod sources;
mod special;
mod timeline;

use super::context::{Base, Chrome, Contexts, Page};
use super::lookup::Lookup;
use super::mentions::MentionLists;
use super::theme::Theme;
use super::Outputs;
use crate::diagnostics::Diagnostic;
use crate::incremental::Reuse;
use crate::link::Linked;
use crate::model::{Dossier, Event, ItemId};
use crate::output::OutputFile;
use crate::render::Selection;
use serde::Serialize;

/// Takes each result of rendering one page, as soon as it is made.
pub(super) type Emit<'e> = dyn Fn(Result<OutputFile, Diagnostic>) + Sync + 'e;

/// Makes every page of one kind, on every core, handing each to `emit` as
/// soon as it is made; the kinds of long lists (index, sources, timeline,
/// actors) hand theirs to [`Renderer::hand_over`] instead, which `serve`
/// keeps by their signature.
pub(super) type PageKind = fn(&Renderer<'_>, &Emit<'_>);

/// Every kind of page of the site. Each is a task of its own, so that a
/// thread done with its share of one kind takes up another instead of
/// waiting for the last pages of the first; the one-of-a-kind pages are a
/// single serial pass each, which the threads take between the pages of
/// the parallel kinds. Articles, the most work, come last: the thread that
/// spawns the tasks takes them up first.
pub(super) const KINDS: &[PageKind] = &[
    home::pages,
    actors::pages,
    timeline::pages,
    sources::pages,
    free::pages,
    special::pages,
    actor::pages,
    event::pages,
    seed::pages,
    print::pages,
    article::pages,
];

/// What every page is made with.
pub(super) struct Renderer<'a> {
    lookup: Lookup<'a>,
    theme: &'a Theme,
    mention_lists: MentionLists<'a>,
    chrome: Chrome<'a>,
    /// The items whose pages are made, when not all are.
    selection: Option<&'a Selection>,
    /// What the previous build made that this one may keep (`serve`).
    reuse: Reuse<'a>,
    /// The Tera contexts lent to the pages, the interface strings in them.
    contexts: Contexts,
    /// Which pages are written without Tera.
    native: Native,
    /// Where the pages kept by their signature go (not through `emit`:
    /// their bytes are not held from build to build, the site has them).
    out: &'a Outputs<'a>,
}

/// Which pages are written without Tera (see [`native`](super::native)):
/// those whose templates are the embedded ones.
struct Native {
    article: bool,
    actor: bool,
    event: bool,
    print: bool,
}

impl<'a> Renderer<'a> {
    pub(super) fn new(
        d: &'a Dossier,
        l: &'a Linked,
        theme: &'a Theme,
        selection: Option<&'a Selection>,
        reuse: Reuse<'a>,
        out: &'a Outputs<'a>,
    ) -> Self {
        let chrome = Chrome::new(d);
        Renderer {
            lookup: Lookup::new(d, l),
            theme,
            mention_lists: MentionLists::new(d, theme),
            contexts: Contexts::new(chrome.strings()),
            native: Native {
                article: super::native::writes(theme, article::TEMPLATE),
                actor: super::native::writes(theme, actor::TEMPLATE),
                event: super::native::writes(theme, event::TEMPLATE),
                print: super::native::writes(theme, print::TEMPLATE),
            },
            chrome,
            selection,
            reuse,
            out,
        }
    }

    /// Whether the page of `item` is made in this run.
    fn wants(&self, item: impl Into<ItemId>) -> bool {
        let item = item.into();
        self.selection.is_none_or(|s| s.items.contains(&item))
    }

    /// Whether to publish the seed `file` (its text, and its page with a
    /// theme's `seed.html`) in this run: one that an article
    /// is taken from (a file in `seeds/` that no article names is not the
    /// dossier's source, and may be anything: notes, a scan, an editor's
    /// backup), and in the selection when there is one.
    pub(super) fn wants_seed(&self, file: &str) -> bool {
        self.lookup.seed_articles.contains_key(file)
            && self.selection.is_none_or(|s| s.seeds.contains(file))
    }

    /// The site's absolute URL, when it has one (`site-url`): for the
    /// sitemap and the feed.
    pub(super) fn absolute_url(&self) -> Option<&str> {
        self.chrome.absolute_url()
    }

    /// How many scripts of previews there are, when the page of `item`
    /// loads them (see [`previews`](super::previews)).
    fn previews(&self, item: ItemId) -> Option<usize> {
        super::previews::for_page(&self.lookup, item)
    }

    /// The scripts of previews of every item.
    pub(super) fn preview_scripts(&self) -> Vec<OutputFile> {
        super::previews::files(&self.lookup, self.reuse)
    }

    /// The interface strings.
    fn t(&self) -> &'a crate::i18n::Strings {
        self.chrome.strings()
    }

    /// The dossier.
    pub(super) fn d(&self) -> &'a Dossier {
        self.lookup.d
    }

    /// The page at `path`: `template` given the page's chrome and `data`.
    fn page<T: Serialize>(
        &self,
        template: &str,
        path: &str,
        base: Base<'_>,
        data: T,
    ) -> Result<OutputFile, Diagnostic> {
        let html = self.rendered(template, path, &Page { base, data })?;
        Ok(OutputFile::new(path, html))
    }

    /// `template` rendered with `page`, for the file at `path`.
    fn rendered<T: Serialize>(
        &self,
        template: &str,
        path: &str,
        page: &Page<'_, T>,
    ) -> Result<String, Diagnostic> {
        (self.contexts).with(template, path, page, |ctx| self.theme.render(template, ctx))?
    }

    /// Hands the page at `path` over, as `make` makes it: `serve` keeps it
    /// as the site has it while its `signature` is the same (none: make
    /// it), holding a digest of it, not its bytes.
    fn hand_over(
        &self,
        path: &str,
        signature: Option<u64>,
        make: impl FnOnce() -> Result<Vec<u8>, Diagnostic>,
    ) {
        self.out.hand(self.reuse, path, signature, make)
    }

    /// [`Renderer::page`] for a page that lists many items (the index, the
    /// sources, the timeline, the actors), handed over: `serve` keeps each
    /// such page as the site has it while what its template is given is
    /// the same, by a digest of that (the theme is the same, or every page
    /// is made again), and Tera runs only for the page an edit changed.
    fn list_page<T: Serialize>(&self, template: &str, path: &str, base: Base<'_>, data: T) {
        let page = Page { base, data };
        let make = || self.rendered(template, path, &page).map(String::into_bytes);
        if !self.reuse.keeps() {
            return self.hand_over(path, None, make);
        }
        let mut digest = crate::output::DigestWriter::new();
        match serde_json::to_writer(&mut digest, &(template, &page)) {
            Ok(()) => self.hand_over(path, Some(digest.digest() as u64), make),
            Err(e) => {
                let why = format!("cannot hand `{path}` to template `{template}`: {e}");
                self.hand_over(path, None, || Err(Diagnostic::new(path, why)));
            }
        }
    }

    /// A page of a long list made of nothing but `items`' own texts and its
    /// place (`path`, `number` of `total`, and what else the list's pages
    /// all show), as `make` makes it, handed over: `serve` keeps it as the
    /// site has it while those are the same,
    /// known by the builds that made each item's texts ([`Reuse::made`]),
    /// without making what its template is given.
    ///
    /// [`Reuse::made`]: crate::incremental::Reuse::made
    fn list_page_of_items(
        &self,
        path: &str,
        place: impl std::hash::Hash,
        items: impl Iterator<Item = ItemId>,
        make: impl FnOnce() -> Result<OutputFile, Diagnostic>,
    ) {
        let signature = self
            .reuse
            .keeps()
            .then(|| crate::util::digest((path, place, self.reuse.made_of(items))));
        self.hand_over(path, signature, || make().map(|f| f.bytes));
    }

    /// Items per page of the long lists (`[output.html] page-size`).
    fn page_size(&self) -> usize {
        let html = &self.d().config.output.html;
        html.page_size
            .map_or(super::paginate::DEFAULT_PAGE_SIZE, |n| n.get())
    }

    /// Every event, by date (then slug).
    fn sorted_events(&self) -> Vec<&'a Event> {
        let mut events: Vec<_> = self.d().events.iter().collect();
        events.sort_by(|x, y| x.date.cmp(&y.date).then(x.slug.cmp(&y.slug)));
        events
    }
}
