//! Stage 3 — render: the linked dossier through the Tera theme into output
//! files (path relative to the output root, bytes), handed to a [`Sink`] as
//! they are made. Nothing is written here.
//!
//! - `pages/`: one file per kind of page, listed in `pages::KINDS`;
//! - `context.rs`: what the templates receive, typed, and the URLs;
//! - `lookup.rs`: facts derived once from the linked dossier for the pages;
//! - `mentions.rs`: the mention lists of the actor and event pages;
//! - `search.rs`, `data.rs`, `feeds.rs`: the data files and feeds;
//! - `share.rs`: what an item's page says of itself (description, JSON-LD);
//! - `previews.rs`: the previews a page carries of the items its text links to;
//! - `charts/`: the timeline and network charts (layout apart from drawing); `theme.rs`: the templates and assets.

mod charts;
mod context;
mod data;
mod feeds;
mod lookup;
mod mentions;
mod native;
mod pages;
mod paginate;
mod previews;
mod search;
mod share;
pub mod theme;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::Linked;
use crate::model::Dossier;
pub use crate::output::{Collect, Discard, OutputFile, Sink};
pub use pages::actor::network_members;
/// Which script of previews holds an item's (for tests and themes).
pub use previews::shard_of as preview_script_of;
use rayon::prelude::*;
use std::sync::Mutex;
pub use theme::Theme;

pub use pages::print::{page_name as print_page_name, PAGE_BUDGET as PRINT_PAGE_BUDGET};

/// The print pages alone (`print.html`, `print-2.html`, …), each at most
/// `budget` bytes (estimated): the whole build uses
/// [`PRINT_PAGE_BUDGET`]; a smaller budget shows the split on a small
/// dossier.
pub fn print_pages(
    d: &Dossier,
    l: &Linked,
    theme: &Theme,
    budget: usize,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let sink = Collect::default();
    let out = Outputs::new(&sink);
    let r = pages::Renderer::new(d, l, theme, None, Default::default(), &out);
    pages::print::pages_within(&r, budget, &|res| out.emit(res));
    out.finish()?;
    Ok(sink.into_files())
}

/// What [`render_into`] made.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rendered {
    pub files: usize,
    pub pages: usize,
}

/// Renders every page, asset and data file of the site into memory.
pub fn render(d: &Dossier, l: &Linked, theme: &Theme) -> Result<Vec<OutputFile>, Diagnostics> {
    let sink = Collect::default();
    render_into(d, l, theme, &sink)?;
    Ok(sink.into_files())
}

/// Renders every page, asset and data file of the site, handing each file
/// to `sink` as soon as it is made (from several threads). Errors of every
/// page are collected; on any, the caller must discard what the sink got.
pub fn render_into(
    d: &Dossier,
    l: &Linked,
    theme: &Theme,
    sink: &dyn Sink,
) -> Result<Rendered, Diagnostics> {
    render_selected(d, l, theme, sink, None, None)
}

/// The pages of some items only, for a site of which the rest is made
/// already (`dossier serve`, after a change): the articles, actors, events
/// and seeds named, and every page, data file and asset that is not an
/// item's (those list or count every item); `kept` are the pages of the
/// rest, for the sitemap.
#[derive(Debug, Default, Clone)]
pub struct Selection {
    pub items: std::collections::HashSet<crate::model::ItemId>,
    /// The items whose own texts changed (a few of `items`): what is made
    /// of their texts alone is kept for the others.
    pub changed: std::collections::HashSet<crate::model::ItemId>,
    /// Seed files by name: their page and their text.
    pub seeds: std::collections::HashSet<String>,
    pub kept: Vec<String>,
}

impl Selection {
    /// Whether `path`, a file of the previous build that this run did not
    /// make, is still part of the site. Only the pages of the items and
    /// seeds left out of the selection are kept as they were, and those of
    /// an item made again are made whole (every numbered page); every other
    /// file is made anew each run. So a file not made is gone when it is
    /// a numbered page past an item's new last one, or any other output
    /// (a list page, a data part, a search shard) no longer needed.
    pub fn keeps(&self, path: &str, made: &dyn Fn(&str) -> bool) -> bool {
        const ITEM_FOLDERS: [&str; 5] = ["articles/", "actors/", "events/", "cite/", "seeds/"];
        if !ITEM_FOLDERS.iter().any(|f| path.starts_with(f)) {
            return false;
        }
        // A seed made again and not made now is one no article names.
        let selected_seed = |file: &String| {
            path == context::Url::SeedText(file).to_string()
                || path == context::Url::SeedPage(file).to_string()
        };
        if path.starts_with("seeds/") && self.seeds.iter().any(selected_seed) {
            return false;
        }
        paginate::first_page_of(path).is_none_or(|first| !made(&first))
    }
}

/// [`render_into`], for the items of `selection` only when given; the
/// site-wide files take the other items' pieces from `pieces` (and keep
/// those made there) when given.
pub fn render_selected(
    d: &Dossier,
    l: &Linked,
    theme: &Theme,
    sink: &dyn Sink,
    selection: Option<&Selection>,
    pieces: Option<&crate::incremental::Pieces>,
) -> Result<Rendered, Diagnostics> {
    let reuse = crate::incremental::Reuse::new(
        pieces,
        selection.map(|s| &s.items),
        selection.map(|s| &s.changed),
    );
    let out = Outputs::new(sink);
    let r = pages::Renderer::new(d, l, theme, selection, reuse, &out);
    let emit = |res: Result<OutputFile, Diagnostic>| out.emit(res);
    // Every data file and kind of page is a task: the threads take them up
    // as they come free, between the pages of the parallel kinds. The
    // longest chains of work come first (an idle thread takes the oldest
    // task, the busy one its newest): the search index, then the exports.
    rayon::scope(|s| {
        let (r, out, emit) = (&r, &out, &emit);
        // The search index: many small scripts, each handed over as made.
        s.spawn(move |_| {
            let hand = |p: &str, signature, make: &dyn Fn() -> Vec<u8>| {
                out.record(p, reuse.hand_over(sink, p, signature, make));
            };
            search::write_files(d, l, reuse, &hand);
        });
        // The exports (W3C annotations, FollowTheMoney, TimelineJS,
        // citations) stream through the same sink; then the page that
        // lists the files they wrote.
        s.spawn(move |_| {
            let record = |p: &str, res| out.record(p, res);
            let written = crate::export::write_all(d, l, reuse, sink, &record);
            emit(pages::data::page(r, &written));
        });
        // `dossier.json` and its parts, each handed over as made.
        s.spawn(move |_| {
            let made = data::write_files(d, l, reuse, &|p, b| out.record(p, sink.bytes(p, b)));
            if let Err(e) = made {
                out.fail(Diagnostic::new(
                    "dossier.json",
                    format!("cannot make `dossier.json`: {e}"),
                ));
            }
        });
        if let Some(u) = r.absolute_url() {
            s.spawn(move |_| emit(Ok(OutputFile::new("feed.xml", feeds::rss(d, u)))));
        }
        s.spawn(move |_| copy_seeds(r, out));
        // The previews of every item, in scripts that pages load.
        s.spawn(move |_| r.preview_scripts().into_iter().for_each(|f| emit(Ok(f))));
        for kind in pages::KINDS {
            s.spawn(move |_| kind(r, emit));
        }
    });
    for (name, bytes) in &theme.assets {
        emit(Ok(OutputFile::new(name.clone(), bytes.clone())));
    }
    let css = crate::highlight::stylesheet();
    emit(Ok(OutputFile::new("highlight.css", css)));
    emit(Ok(OutputFile::new(".nojekyll", Vec::new())));
    if let Some(u) = r.absolute_url() {
        let mut pages = out.sitemap_pages();
        if let Some(s) = selection {
            let made: std::collections::HashSet<&str> = pages.iter().map(String::as_str).collect();
            let kept = (s.kept.iter()).filter(|p| {
                is_sitemap_page(p)
                    && (made.contains(p.as_str()) || s.keeps(p, &|m| made.contains(m)))
            });
            let kept: Vec<String> = kept.cloned().collect();
            pages.extend(kept);
            pages.sort();
            pages.dedup();
        }
        let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
        emit(Ok(OutputFile::new(
            "sitemap.xml",
            feeds::sitemap(u, &pages),
        )));
    }
    out.finish()
}

/// The seed texts, verbatim, beside their pages: those articles are taken
/// from.
fn copy_seeds(r: &pages::Renderer<'_>, out: &Outputs) {
    r.d()
        .seeds
        .par_iter()
        .filter(|(f, _)| r.wants_seed(f))
        .for_each(|(_, seed)| {
            let path = context::Url::SeedText(&seed.file).to_string();
            let res = if seed.utf8 {
                out.sink.bytes(&path, seed.text.as_bytes())
            } else {
                out.sink.copy(&path, &seed.path)
            };
            out.record(&path, res);
        })
}

/// What became of every output: the paths handed to the sink (to find two
/// outputs with one name, and for the sitemap) and the errors.
struct Outputs<'s> {
    sink: &'s dyn Sink,
    paths: Mutex<Vec<String>>,
    diags: Mutex<Diagnostics>,
}

impl<'s> Outputs<'s> {
    fn new(sink: &'s dyn Sink) -> Self {
        Outputs {
            sink,
            paths: Mutex::new(Vec::new()),
            diags: Mutex::new(Diagnostics::new()),
        }
    }

    /// Hands a rendered file to the sink, or notes why there is none.
    fn emit(&self, res: Result<OutputFile, Diagnostic>) {
        match res {
            Ok(f) => {
                let path = f.path.clone();
                self.record(&path, self.sink.file(f));
            }
            Err(e) => self.fail(e),
        }
    }

    /// Hands the page at `path`, as `make` makes it, to the sink, unless
    /// `reuse` finds the sink has it as a build with the same `signature`
    /// (a digest of everything it is made from; none: make it) made it.
    /// Either way the page is noted as made, or its error.
    fn hand(
        &self,
        reuse: crate::incremental::Reuse,
        path: &str,
        signature: Option<u64>,
        make: impl FnOnce() -> Result<Vec<u8>, Diagnostic>,
    ) {
        let res = match signature {
            Some(signature) => reuse.try_hand_over(self.sink, path, signature, make),
            None => make().and_then(|bytes| self.sink.file(OutputFile::new(path, bytes))),
        };
        self.record(path, res);
    }

    /// Notes what became of the output at `path`.
    fn record(&self, path: &str, res: Result<(), Diagnostic>) {
        match res {
            Ok(()) => lock(&self.paths).push(path.into()),
            Err(e) => self.fail(e),
        }
    }

    fn fail(&self, e: Diagnostic) {
        lock(&self.diags).push(e);
    }

    /// The pages a sitemap lists, sorted: every page but `404.html`.
    fn sitemap_pages(&self) -> Vec<String> {
        let mut pages: Vec<String> = lock(&self.paths)
            .iter()
            .filter(|p| is_sitemap_page(p))
            .cloned()
            .collect();
        pages.sort();
        pages
    }

    /// What was made, or every error (two outputs with one path among them).
    fn finish(self) -> Result<Rendered, Diagnostics> {
        let mut paths = self.paths.into_inner().unwrap_or_else(|e| e.into_inner());
        paths.sort();
        let mut diags = self.diags.into_inner().unwrap_or_else(|e| e.into_inner());
        for w in paths.windows(2) {
            if w[0] == w[1] {
                diags.push(
                    Diagnostic::new(&w[0], format!("two outputs would be written to `{}`", w[0]))
                        .hint(
                        "a free page or template asset has the name of a generated page: rename it",
                    ),
                );
            }
        }
        let rendered = Rendered {
            files: paths.len(),
            pages: paths.iter().filter(|p| p.ends_with(".html")).count(),
        };
        diags.into_result(rendered)
    }
}

/// Whether a sitemap lists the output at `path`: every page but `404.html`.
fn is_sitemap_page(path: &str) -> bool {
    path.ends_with(".html") && path != "404.html"
}

/// The value behind `m`, even if a thread panicked holding it.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
