//! Building the same dossier again after some of its files changed
//! (`dossier serve`): each stage redoes only what the change reaches, and
//! the result is the files a cold build would make, byte for byte
//! (`tests/incremental.rs` proves it edit after edit).
//!
//! - load: a content file or seed whose stamp (length, time, inode) is
//!   unchanged is not read again, one whose text is unchanged is not
//!   parsed again ([`load::ParseCache`]); validation, cheap, runs whole;
//! - link: a text whose inputs are unchanged keeps its previous result
//!   while the link environment (slugs, names, aliases) is the same
//!   ([`link::link_reusing`]); otherwise every text is linked again;
//! - render: when only article files and seeds changed, only the pages
//!   those reach are made again (`Reach`), with every page that lists
//!   or counts all items (the lists, the search index, the data files);
//!   any other change makes every page; the files that list every item
//!   are put together from the `pieces` of the others, as they were.

mod pieces;

pub use pieces::{Pieces, Reuse};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::{self, Kept, Linked, Previous};
use crate::model::{ActorId, ArticleId, Dossier, EventId, Id, ItemId, SourceText};
use crate::output::{OutputFile, Sink};
use crate::render::{self, Selection, Theme};
use crate::{config::Config, load, Stage};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One dossier's previous build, kept to build it again.
pub struct Incremental {
    root: PathBuf,
    parse: load::ParseCache,
    prev: Option<Prev>,
    /// What each item gave the site-wide files in the last build.
    pieces: Pieces,
    /// The dossier the last build replaced, freed once its files are
    /// served ([`Incremental::retire`]): on two cores, freeing it beside
    /// the render would slow the render.
    retired: Option<Dossier>,
}

/// What the last good build made, as its stages left it.
struct Prev {
    dossier: Dossier,
    linked: Linked,
    kept: Kept,
    /// Every output path, sorted: for the sitemap of a partial build.
    paths: Vec<String>,
}

/// What one build handed its sink: every file, or those of some items
/// over the previous build's (`whole` false: the others are as they were).
pub struct Update {
    /// The paths of the files made, sorted.
    pub made: Vec<String>,
    /// Those of `made` the sink had already, taken by their digest without
    /// being handed over ([`Sink::unchanged`]; most were not even put
    /// together, some were made and found the same), sorted.
    pub unchanged: Vec<String>,
    /// The files of the previous build that this one no longer has (a
    /// numbered page past an actor's new last one); none when `whole`.
    pub removed: Vec<String>,
    pub whole: bool,
    /// What builds but a careful editor would fix ([`crate::lint`]), when
    /// the build found it; an incremental build leaves that to
    /// [`Incremental::warnings`], once its files are served.
    pub warnings: Diagnostics,
}

impl Incremental {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Incremental {
            root: root.into(),
            parse: load::ParseCache::new(),
            prev: None,
            pieces: Pieces::default(),
            retired: None,
        }
    }

    /// Builds the dossier with `theme` into `sink`, redoing only what
    /// changed since the last good build unless `whole` (the theme or
    /// `book.toml` changed). Stage times go to `on_stage`. On errors the
    /// previous build is forgotten: the next one starts afresh.
    pub fn build(
        &mut self,
        theme: &Theme,
        whole: bool,
        sink: &dyn Sink,
        on_stage: &mut dyn FnMut(Stage, Duration),
    ) -> Result<Update, Diagnostics> {
        let prev = self.prev.take().filter(|_| !whole);
        let t = Instant::now();
        let config = Config::load(&self.root)?;
        let (dossier, load_errors) = load::load_partial_cached(&self.root, config, &self.parse)?;
        load_errors.into_result(())?;
        on_stage(Stage::Load, t.elapsed());
        let t = Instant::now();
        self.retire();
        let (linked, kept, selection, replaced) = link_again(&dossier, prev);
        self.retired = replaced;
        let linked = linked?;
        on_stage(Stage::Link, t.elapsed());
        let t = Instant::now();
        let sink = Recorded::new(sink);
        if selection.is_none() {
            self.pieces.clear();
        }
        let rendered = render::render_selected(
            &dossier,
            &linked,
            theme,
            &sink,
            selection.as_ref(),
            Some(&self.pieces),
        );
        on_stage(Stage::Render, t.elapsed());
        if let Err(errors) = rendered {
            return Err(crate::also(&crate::lint::lint(&dossier, &linked))(errors));
        }
        let (made, unchanged) = sink.into_paths();
        let whole = selection.is_none();
        let (paths, removed) = match selection {
            Some(s) => site_paths(&made, s),
            None => (made.clone(), Vec::new()),
        };
        self.prev = Some(Prev {
            dossier,
            linked,
            kept,
            paths,
        });
        Ok(Update {
            made,
            unchanged,
            removed,
            whole,
            warnings: Diagnostics::new(),
        })
    }

    /// Frees the dossier the last build replaced, on a thread of its own:
    /// for `serve` once the build's files are served.
    pub fn retire(&mut self) {
        if let Some(old) = self.retired.take() {
            crate::drop_in_background(old);
        }
    }

    /// Forgets the last build: the next one makes every file (its sink
    /// then compares each with what is served).
    pub fn forget(&mut self) {
        self.prev = None;
    }

    /// What builds but a careful editor would fix ([`crate::lint`]) in the
    /// last good build: asked for once its files are served, so that the
    /// site is updated before the whole dossier is linted.
    pub fn warnings(&self) -> Diagnostics {
        (self.prev.as_ref()).map_or_else(Diagnostics::new, |p| {
            crate::lint::lint(&p.dossier, &p.linked)
        })
    }
}

/// The paths of the site after a build that made `made` (sorted) over the
/// previous site of `s`: those made and those kept, sorted (the two sorted
/// lists merged); and the previous ones now gone.
fn site_paths(made: &[String], mut s: Selection) -> (Vec<String>, Vec<String>) {
    let before = std::mem::take(&mut s.kept);
    debug_assert!(before.is_sorted() && made.is_sorted());
    let is_made = |p: &str| made.binary_search_by(|m| m.as_str().cmp(p)).is_ok();
    let mut paths = Vec::with_capacity(made.len().max(before.len()));
    let mut removed = Vec::new();
    let mut made_in_order = made.iter().peekable();
    for path in before {
        while let Some(m) = made_in_order.next_if(|m| **m < path) {
            paths.push(m.clone());
        }
        if made_in_order.peek().is_some_and(|m| **m == path) {
            continue;
        }
        if s.keeps(&path, &is_made) {
            paths.push(path);
        } else {
            removed.push(path);
        }
    }
    paths.extend(made_in_order.cloned());
    (paths, removed)
}

/// Hands every file on to `inner`, noting its path: which files a build
/// made, without holding their bytes.
struct Recorded<'s> {
    inner: &'s dyn Sink,
    paths: Mutex<Vec<String>>,
    /// Those of `paths` taken by their digest.
    unchanged: Mutex<Vec<String>>,
}

impl<'s> Recorded<'s> {
    fn new(inner: &'s dyn Sink) -> Self {
        Recorded {
            inner,
            paths: Mutex::new(Vec::new()),
            unchanged: Mutex::new(Vec::new()),
        }
    }

    fn note(&self, path: &str) {
        let mut paths = self.paths.lock().unwrap_or_else(|e| e.into_inner());
        paths.push(path.to_string());
    }

    /// The paths made, and those of them taken by their digest, sorted.
    fn into_paths(self) -> (Vec<String>, Vec<String>) {
        let sorted = |m: Mutex<Vec<String>>| {
            let mut paths = m.into_inner().unwrap_or_else(|e| e.into_inner());
            paths.sort_unstable();
            paths
        };
        (sorted(self.paths), sorted(self.unchanged))
    }
}

impl Sink for Recorded<'_> {
    fn file(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.note(&file.path);
        self.inner.file(file)
    }
    fn bytes(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.note(path);
        self.inner.bytes(path, bytes)
    }
    fn copy(&self, path: &str, from: &Path) -> Result<(), Diagnostic> {
        self.note(path);
        self.inner.copy(path, from)
    }
    fn unchanged(&self, path: &str, digest: crate::output::Digest) -> bool {
        let kept = self.inner.unchanged(path, digest);
        if kept {
            self.note(path);
            let mut unchanged = self.unchanged.lock().unwrap_or_else(|e| e.into_inner());
            unchanged.push(path.to_string());
        }
        kept
    }
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Diagnostic> {
        self.note(path);
        self.inner.stream(path, write)
    }
}

/// Links `d`, reusing what `prev` linked of the texts that did not change;
/// and which pages to make: `None` for all.
fn link_again(
    d: &Dossier,
    prev: Option<Prev>,
) -> (
    Result<Linked, Diagnostics>,
    Kept,
    Option<Selection>,
    Option<Dossier>,
) {
    let Some(mut prev) = prev else {
        let (linked, kept) = link::link_reusing(d, None);
        return (linked, kept, None, None);
    };
    // Linking counts the pairs again from what each text found.
    let co_before = std::mem::take(&mut prev.linked.co_mentions);
    let old = &prev.dossier;
    let changed = |id: ItemId| changed(old, d, id);
    let reach =
        only_articles_changed(old, d).then(|| Reach::of(old, &prev.linked, d, &changed, co_before));
    let previous = Previous {
        linked: prev.linked,
        kept: prev.kept,
        changed: &changed,
    };
    let (linked, kept) = link::link_reusing(d, Some(previous));
    // Only articles changed, keeping their slugs: the link environment
    // is the same, and so are the ids.
    let selection = match (&linked, reach) {
        (Ok(l), Some(reach)) => Some(reach.selection(d, l, prev.paths)),
        _ => None,
    };
    (linked, kept, selection, Some(prev.dossier))
}

/// Whether the inputs of the text of `id` differ between `old` and `new`
/// (the same ids name the same slugs, or everything is linked again):
/// its file, and for an article its seed.
fn changed(old: &Dossier, new: &Dossier, id: ItemId) -> bool {
    use crate::util::same_text;
    let texts =
        |o: Option<&SourceText>, n: &SourceText| o.is_none_or(|o| !same_text(&o.file, &n.file));
    match id {
        ItemId::Article(a) => {
            fn seed(d: &Dossier, a: ArticleId) -> Option<&std::sync::Arc<str>> {
                d.seeds.get(&d.articles[a].seed).map(|s| &s.text)
            }
            texts(old.articles.get(a).map(|o| &o.text), &new.articles[a].text)
                || match (seed(old, a), seed(new, a)) {
                    (Some(o), Some(n)) => !same_text(o, n),
                    (o, n) => o.is_some() != n.is_some(),
                }
        }
        ItemId::Actor(x) => texts(old.actors.get(x).map(|o| &o.text), &new.actors[x].text),
        ItemId::Event(x) => texts(old.events.get(x).map(|o| &o.text), &new.events[x].text),
        ItemId::Page(x) => texts(old.pages.get(x).map(|o| &o.text), &new.pages[x].text),
    }
}

/// Whether the change from `old` to `new` is to articles and seeds alone,
/// each article keeping its slug: the case whose pages [`Reach`] finds.
fn only_articles_changed(old: &Dossier, new: &Dossier) -> bool {
    let same = |a: &SourceText, b: &SourceText| crate::util::same_text(&a.file, &b.file);
    old.articles.len() == new.articles.len()
        && old
            .articles
            .iter()
            .zip(new.articles.iter())
            .all(|(a, b)| a.slug == b.slug)
        && old.seeds.keys().eq(new.seeds.keys())
        && old.actors.len() == new.actors.len()
        && old
            .actors
            .iter()
            .zip(new.actors.iter())
            .all(|(a, b)| same(&a.text, &b.text))
        && old.events.len() == new.events.len()
        && old
            .events
            .iter()
            .zip(new.events.iter())
            .all(|(a, b)| same(&a.text, &b.text))
        && old.pages.len() == new.pages.len()
        && old
            .pages
            .iter()
            .zip(new.pages.iter())
            .all(|(a, b)| same(&a.text, &b.text))
        && old.intro.as_ref().map(|t| &t.file) == new.intro.as_ref().map(|t| &t.file)
}

/// The articles and seeds that changed, and what they named before.
struct Reach {
    articles: Vec<ArticleId>,
    seeds: HashSet<String>,
    /// The actors and events the changed articles named before the change.
    before: HashSet<ItemId>,
    /// The actors named beside each other before (the network charts).
    co_before: BTreeMap<(ActorId, ActorId), usize>,
}

impl Reach {
    fn of(
        old: &Dossier,
        l: &Linked,
        new: &Dossier,
        changed: &dyn Fn(ItemId) -> bool,
        co_before: BTreeMap<(ActorId, ActorId), usize>,
    ) -> Self {
        let articles: Vec<ArticleId> = (new.articles.ids())
            .filter(|&a| changed(a.into()))
            .collect();
        let mut seeds: HashSet<String> = HashSet::new();
        for &a in &articles {
            seeds.insert(old.articles[a].seed.clone());
            seeds.insert(new.articles[a].seed.clone());
        }
        for (file, seed) in &new.seeds {
            if old
                .seeds
                .get(file)
                .is_none_or(|o| !crate::util::same_text(&o.text, &seed.text) || o.utf8 != seed.utf8)
            {
                seeds.insert(file.clone());
            }
        }
        Reach {
            before: named_by(l, &articles),
            co_before,
            articles,
            seeds,
        }
    }

    /// The pages to make again in `d` linked as `l`, over a site of `paths`.
    fn selection(self, d: &Dossier, l: &Linked, paths: Vec<String>) -> Selection {
        let mut named = named_by(l, &self.articles);
        named.extend(self.before);
        let mut items: HashSet<ItemId> = named.clone();
        items.extend(self.articles.iter().map(|&a| ItemId::from(a)));
        // The articles sharing an event with a changed one list it.
        let events: HashSet<EventId> = named
            .iter()
            .filter_map(|i| {
                if let ItemId::Event(e) = i {
                    Some(*e)
                } else {
                    None
                }
            })
            .collect();
        items.extend(naming_any(l, &events).into_iter().map(ItemId::from));
        // An event's actors show its coverage on their pages.
        for &e in &events {
            items.extend(d.events[e].actors.iter().map(|&x| ItemId::from(x)));
        }
        items.extend(network_pages(d, l, &self.co_before));
        Selection {
            items,
            changed: self.articles.iter().map(|&a| a.into()).collect(),
            seeds: self.seeds,
            kept: paths,
        }
    }
}

/// The actors whose pages a change of co-mentions reaches: both actors of
/// each pair whose count changed (their lists of companions), and every
/// actor whose network draws both (the link between them).
fn network_pages(
    d: &Dossier,
    l: &Linked,
    before: &BTreeMap<(ActorId, ActorId), usize>,
) -> Vec<ItemId> {
    let changed = differing_keys(before, &l.co_mentions);
    if changed.is_empty() {
        return Vec::new();
    }
    let draws = |shown: &[ActorId], a: ActorId| shown.binary_search(&a).is_ok();
    render::network_members(d, l)
        .into_iter()
        .filter(|(_, shown)| {
            changed
                .iter()
                .any(|&(x, y)| draws(shown, x) && draws(shown, y))
        })
        .map(|(me, _)| ItemId::from(me))
        .chain(
            changed
                .iter()
                .flat_map(|&(x, y)| [ItemId::from(x), ItemId::from(y)]),
        )
        .collect()
}

/// The actors and events `articles` name: in their text and notes (the
/// mentions), in `@/` links and in their annotations' tags.
fn named_by(l: &Linked, articles: &[ArticleId]) -> HashSet<ItemId> {
    let mut of = vec![false; l.articles().count()];
    articles.iter().for_each(|a| of[a.index()] = true);
    let is_of = |id: &ItemId| matches!(id, ItemId::Article(a) if of[a.index()]);
    let mut named = HashSet::new();
    named.extend(
        (l.mentions.iter())
            .filter(|m| is_of(&m.source))
            .map(|m| m.target),
    );
    named.extend(
        (l.references.iter())
            .filter(|(from, _)| is_of(from))
            .map(|(_, to)| *to),
    );
    for &a in articles {
        for n in &l.article(a).annotations {
            named.extend(n.actors.iter().map(|&x| ItemId::from(x)));
            named.extend(n.events.iter().map(|&e| ItemId::from(e)));
        }
    }
    named
}

/// The articles that name any of `events` (as [`named_by`] finds names).
fn naming_any(l: &Linked, events: &HashSet<EventId>) -> HashSet<ArticleId> {
    let wanted = |id: &ItemId| matches!(id, ItemId::Event(e) if events.contains(e));
    let article = |id: &ItemId| match id {
        ItemId::Article(a) => Some(*a),
        _ => None,
    };
    let mut out: HashSet<ArticleId> = HashSet::new();
    out.extend(
        (l.mentions.iter())
            .filter(|m| wanted(&m.target))
            .filter_map(|m| article(&m.source)),
    );
    out.extend(
        (l.references.iter())
            .filter(|(_, to)| wanted(to))
            .filter_map(|(from, _)| article(from)),
    );
    for (a, la) in l.articles() {
        if (la.annotations.iter().flat_map(|n| &n.events)).any(|e| events.contains(e)) {
            out.insert(a);
        }
    }
    out
}

/// The keys whose values differ between `a` and `b` (present in one only
/// included), in one walk of both in order.
fn differing_keys<K: Ord + Copy, V: PartialEq>(a: &BTreeMap<K, V>, b: &BTreeMap<K, V>) -> Vec<K> {
    use std::cmp::Ordering;
    let (mut a, mut b) = (a.iter().peekable(), b.iter().peekable());
    let mut out = Vec::new();
    loop {
        match (a.peek(), b.peek()) {
            (None, None) => return out,
            (Some((k, _)), None) | (None, Some((k, _))) => {
                out.push(**k);
                a.next().or_else(|| b.next());
            }
            (Some((ka, va)), Some((kb, vb))) => match ka.cmp(kb) {
                Ordering::Less => out.extend(a.next().map(|(k, _)| *k)),
                Ordering::Greater => out.extend(b.next().map(|(k, _)| *k)),
                Ordering::Equal => {
                    if va != vb {
                        out.push(**ka);
                    }
                    a.next();
                    b.next();
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differing_keys_are_those_changed_added_or_removed() {
        let a = BTreeMap::from([(1, 'a'), (2, 'b'), (4, 'd'), (6, 'f')]);
        let b = BTreeMap::from([(0, 'z'), (2, 'b'), (4, 'x'), (5, 'e')]);
        assert_eq!(differing_keys(&a, &b), [0, 1, 4, 5, 6]);
        assert_eq!(differing_keys(&b, &a), [0, 1, 4, 5, 6]);
        assert!(differing_keys(&a, &a).is_empty());
        assert_eq!(differing_keys(&BTreeMap::new(), &a), [1, 2, 4, 6]);
    }

    #[test]
    fn the_site_after_a_partial_build_is_what_it_made_and_kept_in_order() {
        let owned = |paths: &[&str]| paths.iter().map(|p| p.to_string()).collect::<Vec<_>>();
        let before = owned(&[
            "actors/a.html",
            "actors/b.3.html",
            "actors/c.2.html",
            "articles/x.html",
            "index.2.html",
            "index.html",
            "search/shard-3.js",
        ]);
        let mut made = owned(&[
            "actors/b.html",
            "actors/b.2.html",
            "index.html",
            "search/shard-1.js",
        ]);
        made.sort();
        let s = Selection {
            items: HashSet::new(),
            changed: HashSet::new(),
            seeds: HashSet::new(),
            kept: before,
        };
        let (paths, removed) = site_paths(&made, s);
        assert_eq!(
            paths,
            owned(&[
                "actors/a.html",
                "actors/b.2.html",
                "actors/b.html",
                "actors/c.2.html",
                "articles/x.html",
                "index.html",
                "search/shard-1.js",
            ]),
            "made and kept, sorted: an item's later page is kept unless its first was made"
        );
        assert_eq!(
            removed,
            owned(&["actors/b.3.html", "index.2.html", "search/shard-3.js"]),
            "a page past the new last one, and site-wide files not made again"
        );
    }
}
