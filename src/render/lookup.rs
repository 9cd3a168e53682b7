//! The render stage's lookup tables (not the index page): facts derived
//! from the linked dossier that several pages use (mentions by item and by page, articles about each
//! item, tagged annotations, co-mentions), built once per build.

use crate::link::{Linked, Mention};
use crate::model::{Dossier, ItemKind, ItemRef};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Facts derived from the linked dossier that several pages use, indexed
/// once so that no page scans every mention, reference or annotation of
/// the dossier (which would make a build quadratic in its size).
pub(super) struct Lookup<'a> {
    pub(super) d: &'a Dossier,
    pub(super) l: &'a Linked,
    /// Mentions by target, in page order.
    pub(super) mentions: BTreeMap<&'a ItemRef, Vec<&'a Mention>>,
    /// Mentions in article bodies, per target.
    article_counts: BTreeMap<&'a ItemRef, usize>,
    /// Mentions by the page they stand on, in page order.
    by_source: HashMap<&'a ItemRef, Vec<&'a Mention>>,
    /// References from each item, in the order of `Linked::references`.
    refs_from: HashMap<&'a ItemRef, Vec<&'a ItemRef>>,
    /// Articles related to each item: mentioning, annotating or linking to
    /// it (indices in `Dossier::articles`, so in slug order).
    about: HashMap<&'a ItemRef, BTreeSet<usize>>,
    /// Annotations tagged with an actor or event: (article, annotation)
    /// indices in reading order.
    pub(super) tagged: HashMap<(ItemKind, &'a str), Vec<(usize, usize)>>,
    /// Events that list an actor or link to it, by actor slug (event indices).
    pub(super) actor_events: HashMap<&'a str, BTreeSet<usize>>,
    /// Co-mentioned actors by actor slug: (paragraphs, other slug).
    pub(super) co: HashMap<&'a str, Vec<(usize, &'a str)>>,
    /// The title of every page mentions stand on.
    titles: HashMap<&'a ItemRef, &'a str>,
    /// `Linked::co_mentions`, looked up without making its keys.
    co_pairs: HashMap<(&'a str, &'a str), usize>,
    /// Article indices by seed file.
    pub(super) seed_articles: HashMap<&'a str, Vec<usize>>,
    empty: BTreeSet<usize>,
}

impl<'a> Lookup<'a> {
    pub(super) fn new(d: &'a Dossier, l: &'a Linked) -> Self {
        // Hundreds of thousands of mentions, references and co-mentions:
        // the independent parts are built side by side.
        let ((mentions, by_page), (refs, tagged)) = rayon::join(
            || rayon::join(|| mentions_by_target(l), || mentions_by_page(d, l)),
            || rayon::join(|| references(d, l), || tagged(l)),
        );
        let (by_source, mut about, article_counts) = by_page;
        let (refs_from, about_refs, actor_events) = refs;
        for (item, articles) in about_refs {
            about.entry(item).or_default().extend(articles);
        }
        let ((titles, seed_articles), (co_pairs, co)) = rayon::join(
            || {
                // Looked up once per page, not once per actor mentioned there.
                let titles = by_source
                    .keys()
                    .map(|&p| (p, d.title_of(p).unwrap_or(&p.slug)))
                    .collect();
                let mut seed_articles: HashMap<&str, Vec<usize>> = HashMap::new();
                for (i, a) in d.articles.iter().enumerate() {
                    seed_articles.entry(a.seed.as_str()).or_default().push(i);
                }
                (titles, seed_articles)
            },
            || co_mentions(l),
        );
        Lookup {
            d,
            l,
            mentions,
            article_counts,
            by_source,
            refs_from,
            about,
            tagged,
            actor_events,
            co,
            co_pairs,
            titles,
            seed_articles,
            empty: BTreeSet::new(),
        }
    }

    /// The title of a page mentions stand on (its slug if it has none).
    pub(super) fn title_of<'p>(&'p self, page: &'p ItemRef) -> &'p str {
        self.titles
            .get(page)
            .copied()
            .or_else(|| self.d.title_of(page))
            .unwrap_or(&page.slug)
    }

    pub(super) fn count(&self, r: &ItemRef) -> usize {
        self.article_counts.get(r).copied().unwrap_or(0)
    }

    /// Articles related to an item: those mentioning it, annotating it or
    /// linking to it.
    pub(super) fn articles_about(&self, r: &ItemRef) -> &BTreeSet<usize> {
        self.about.get(r).unwrap_or(&self.empty)
    }

    pub(super) fn mentions_on(&self, page: &ItemRef) -> &[&'a Mention] {
        self.by_source.get(page).map_or(&[], Vec::as_slice)
    }

    pub(super) fn references_from(&self, item: &ItemRef) -> &[&'a ItemRef] {
        self.refs_from.get(item).map_or(&[], Vec::as_slice)
    }

    /// The co-mentions among the actors `shown` (slugs; keys ordered as in
    /// `Linked::co_mentions`: first < second).
    pub(super) fn co_mentions_among(
        &self,
        mut shown: Vec<&str>,
    ) -> BTreeMap<(String, String), usize> {
        shown.sort_unstable();
        shown.dedup();
        let mut out = BTreeMap::new();
        for (i, x) in shown.iter().enumerate() {
            for y in &shown[i + 1..] {
                if let Some(n) = self.co_pairs.get(&(*x, *y)) {
                    out.insert((x.to_string(), y.to_string()), *n);
                }
            }
        }
        out
    }
}

/// What [`references`] makes: the references from each item; the articles
/// linking to each item (indices); the events of each actor (indices).
type References<'a> = (
    HashMap<&'a ItemRef, Vec<&'a ItemRef>>,
    HashMap<&'a ItemRef, BTreeSet<usize>>,
    HashMap<&'a str, BTreeSet<usize>>,
);

fn references<'a>(d: &'a Dossier, l: &'a Linked) -> References<'a> {
    let (mut refs_from, mut about, mut actor_events): References = Default::default();
    let event_index = |slug: &str| {
        d.events
            .binary_search_by(|e| e.slug.as_str().cmp(slug))
            .ok()
    };
    for (from, to) in &l.references {
        refs_from.entry(from).or_default().push(to);
        if from.kind == ItemKind::Article {
            if let Some(i) = d.article_index(&from.slug) {
                about.entry(to).or_default().insert(i);
            }
        }
        if from.kind == ItemKind::Event && to.kind == ItemKind::Actor {
            if let Some(i) = event_index(&from.slug) {
                actor_events.entry(to.slug.as_str()).or_default().insert(i);
            }
        }
    }
    for (i, e) in d.events.iter().enumerate() {
        for a in &e.actors {
            actor_events.entry(a.as_str()).or_default().insert(i);
        }
    }
    (refs_from, about, actor_events)
}

/// Annotations tagged with each actor and event: (article, annotation)
/// indices in reading order.
fn tagged(l: &Linked) -> HashMap<(ItemKind, &str), Vec<(usize, usize)>> {
    let mut tagged: HashMap<(ItemKind, &str), Vec<(usize, usize)>> = HashMap::new();
    for (i, la) in l.articles.iter().enumerate() {
        for (j, x) in la.annotations.iter().enumerate() {
            let lists = [(ItemKind::Actor, &x.actors), (ItemKind::Event, &x.events)];
            for (kind, list) in lists {
                for s in list {
                    let v = tagged.entry((kind, s.as_str())).or_default();
                    if v.last() != Some(&(i, j)) {
                        v.push((i, j));
                    }
                }
            }
        }
    }
    tagged
}

/// What [`co_mentions`] makes: `Linked::co_mentions` keyed by borrowed
/// slugs; each actor's co-mentioned actors (paragraphs, other slug).
type CoMentions<'a> = (
    HashMap<(&'a str, &'a str), usize>,
    HashMap<&'a str, Vec<(usize, &'a str)>>,
);

fn co_mentions(l: &Linked) -> CoMentions<'_> {
    let co_pairs = l
        .co_mentions
        .iter()
        .map(|((x, y), n)| ((x.as_str(), y.as_str()), *n))
        .collect();
    let mut co: HashMap<&str, Vec<(usize, &str)>> = HashMap::new();
    for ((x, y), n) in &l.co_mentions {
        co.entry(x.as_str()).or_default().push((*n, y.as_str()));
        co.entry(y.as_str()).or_default().push((*n, x.as_str()));
    }
    (co_pairs, co)
}

/// Mentions by the item they name, in page order.
fn mentions_by_target(l: &Linked) -> BTreeMap<&ItemRef, Vec<&Mention>> {
    // Bucketed by the shared value of their item first (an
    // address is a cheaper key than a slug), then ordered by item.
    let mut by_value: HashMap<usize, Vec<&Mention>> = HashMap::new();
    for m in &l.mentions {
        let key = std::sync::Arc::as_ptr(&m.target) as usize;
        by_value.entry(key).or_default().push(m);
    }
    let mut mentions: BTreeMap<&ItemRef, Vec<&Mention>> = BTreeMap::new();
    for ms in by_value.into_values() {
        match mentions.entry(&ms[0].target) {
            std::collections::btree_map::Entry::Vacant(v) => {
                v.insert(ms);
            }
            // One item with two shared values: back to page order.
            std::collections::btree_map::Entry::Occupied(mut o) => {
                o.get_mut().extend(ms);
                o.get_mut().sort_by_key(|m| *m as *const Mention as usize);
            }
        }
    }
    mentions
}

/// What [`mentions_by_page`] makes: mentions by page; articles naming each
/// item (indices); mentions of each item in article bodies.
type ByPage<'m> = (
    HashMap<&'m ItemRef, Vec<&'m Mention>>,
    HashMap<&'m ItemRef, BTreeSet<usize>>,
    BTreeMap<&'m ItemRef, usize>,
);

fn mentions_by_page<'m>(d: &Dossier, l: &'m Linked) -> ByPage<'m> {
    let mut by_page: ByPage = Default::default();
    let (by_source, about, article_counts) = &mut by_page;
    // Mentions come page by page: each page is looked up once.
    for on_page in l
        .mentions
        .chunk_by(|x, y| std::sync::Arc::ptr_eq(&x.source, &y.source) || x.source == y.source)
    {
        let source = &on_page[0].source;
        by_source.entry(source).or_default().extend(on_page.iter());
        let Some(i) = (source.kind == ItemKind::Article)
            .then(|| d.article_index(&source.slug))
            .flatten()
        else {
            continue;
        };
        // The items named on the page, each once, with the
        // mentions in its body (a page names a few dozen).
        let mut named: Vec<(&ItemRef, usize)> = Vec::new();
        for m in on_page {
            let in_body = usize::from(m.in_note.is_none());
            match named
                .iter_mut()
                .find(|(t, _)| std::ptr::eq(*t, &*m.target) || **t == *m.target)
            {
                Some((_, n)) => *n += in_body,
                None => named.push((&m.target, in_body)),
            }
        }
        for (target, in_body) in named {
            about.entry(target).or_default().insert(i);
            if in_body > 0 {
                *article_counts.entry(target).or_insert(0) += in_body;
            }
        }
    }
    by_page
}
