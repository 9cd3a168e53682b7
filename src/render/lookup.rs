//! The render stage's lookup tables (not the index page): facts derived
//! from the linked dossier that several pages use (mentions by item and by page, articles about each
//! item, tagged annotations, co-mentions), built once per build.

use super::charts::CoMentions;
use crate::link::{Linked, LinkedAnnotation, Mention};
use crate::model::{ActorId, ArticleId, Dossier, EventId, IdVec, ItemId, PerItem};
use std::collections::{BTreeSet, HashMap};

/// Facts derived from the linked dossier that several pages use, indexed
/// once by item id so that no page scans every mention, reference or
/// annotation of the dossier (which would make a build quadratic in its
/// size).
pub(super) struct Lookup<'a> {
    pub(super) d: &'a Dossier,
    pub(super) l: &'a Linked,
    /// Mentions by the item they name, in page order.
    mentions: PerItem<Vec<&'a Mention>>,
    /// Mentions in article bodies, per item named.
    article_counts: PerItem<usize>,
    /// Mentions by the page they stand on, in page order.
    by_source: PerItem<Vec<&'a Mention>>,
    /// References from each item, in the order of `Linked::references`.
    refs_from: PerItem<Vec<ItemId>>,
    /// Articles related to each item: mentioning, annotating or linking to
    /// it (in id, so slug, order).
    about: PerItem<BTreeSet<ArticleId>>,
    /// Annotations tagged with an actor or event, with their articles, in
    /// reading order.
    tagged: PerItem<Vec<(ArticleId, &'a LinkedAnnotation)>>,
    /// Events that list an actor or link to it.
    pub(super) actor_events: IdVec<ActorId, BTreeSet<EventId>>,
    /// Each actor's co-mentioned actors: (paragraphs, other actor).
    pub(super) co: IdVec<ActorId, Vec<(usize, ActorId)>>,
    /// Articles by seed file.
    pub(super) seed_articles: HashMap<&'a str, Vec<ArticleId>>,
}

impl<'a> Lookup<'a> {
    pub(super) fn new(d: &'a Dossier, l: &'a Linked) -> Self {
        // Hundreds of thousands of mentions, references and co-mentions:
        // the independent parts are built side by side.
        let ((mentions, by_page), (refs, (tagged, co))) = rayon::join(
            || rayon::join(|| mentions_by_target(d, l), || mentions_by_page(d, l)),
            || {
                rayon::join(
                    || references(d, l),
                    || rayon::join(|| tagged(d, l), || co(d, l)),
                )
            },
        );
        let (by_source, mut about, article_counts) = by_page;
        let (refs_from, about_refs, actor_events) = refs;
        for (item, articles) in about_refs {
            about[item].extend(articles);
        }
        let mut seed_articles: HashMap<&str, Vec<ArticleId>> = HashMap::new();
        for (id, a) in d.articles.with_ids() {
            seed_articles.entry(a.seed.as_str()).or_default().push(id);
        }
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
            seed_articles,
        }
    }

    /// The mentions of an item, in page order.
    pub(super) fn mentions_of(&self, item: ItemId) -> &[&'a Mention] {
        &self.mentions[item]
    }

    /// Mentions of an item in article bodies.
    pub(super) fn count(&self, item: ItemId) -> usize {
        self.article_counts[item]
    }

    /// Articles related to an item: those mentioning it, annotating it or
    /// linking to it.
    pub(super) fn articles_about(&self, item: ItemId) -> &BTreeSet<ArticleId> {
        &self.about[item]
    }

    /// The mentions on an item's page, in page order.
    pub(super) fn mentions_on(&self, page: ItemId) -> &[&'a Mention] {
        &self.by_source[page]
    }

    pub(super) fn references_from(&self, item: ItemId) -> &[ItemId] {
        &self.refs_from[item]
    }

    /// The annotations tagged with an item, with their articles.
    pub(super) fn tagged(&self, item: ItemId) -> &[(ArticleId, &'a LinkedAnnotation)] {
        &self.tagged[item]
    }

    /// The co-mentions among the actors `shown`, by slug, for the network
    /// chart.
    pub(super) fn co_mentions_among(&self, mut shown: Vec<ActorId>) -> CoMentions {
        shown.sort_unstable();
        shown.dedup();
        let mut out = CoMentions::new();
        for (i, &x) in shown.iter().enumerate() {
            for &y in &shown[i + 1..] {
                if let Some(n) = self.l.co_mentions.get(&(x, y)) {
                    let slug = |a: ActorId| self.d.actors[a].slug.clone();
                    out.insert((slug(x), slug(y)), *n);
                }
            }
        }
        out
    }
}

/// What [`references`] makes: the references from each item; the articles
/// linking to each item; the events of each actor.
type References = (
    PerItem<Vec<ItemId>>,
    HashMap<ItemId, BTreeSet<ArticleId>>,
    IdVec<ActorId, BTreeSet<EventId>>,
);

fn references(d: &Dossier, l: &Linked) -> References {
    let mut refs_from: PerItem<Vec<ItemId>> = PerItem::new(d);
    let mut about: HashMap<ItemId, BTreeSet<ArticleId>> = HashMap::new();
    let mut actor_events: IdVec<ActorId, BTreeSet<EventId>> = PerItem::new(d).actors;
    for &(from, to) in &l.references {
        refs_from[from].push(to);
        match (from, to) {
            (ItemId::Article(article), _) => {
                about.entry(to).or_default().insert(article);
            }
            (ItemId::Event(event), ItemId::Actor(actor)) => {
                actor_events[actor].insert(event);
            }
            _ => {}
        }
    }
    for (event, e) in d.events.with_ids() {
        for &actor in &e.actors {
            actor_events[actor].insert(event);
        }
    }
    (refs_from, about, actor_events)
}

/// Annotations tagged with each actor and event, with their articles, in
/// reading order.
fn tagged<'l>(d: &Dossier, l: &'l Linked) -> PerItem<Vec<(ArticleId, &'l LinkedAnnotation)>> {
    let mut tagged: PerItem<Vec<(ArticleId, &LinkedAnnotation)>> = PerItem::new(d);
    for (article, la) in l.articles() {
        for x in &la.annotations {
            let items = x.actors.iter().map(|&a| ItemId::from(a));
            for item in items.chain(x.events.iter().map(|&e| ItemId::from(e))) {
                let list = &mut tagged[item];
                // Once, however often the annotation names the item.
                if list.last().map(|(a, y)| (*a, y.number)) != Some((article, x.number)) {
                    list.push((article, x));
                }
            }
        }
    }
    tagged
}

/// Each actor's co-mentioned actors (paragraphs, other actor).
pub(super) fn co(d: &Dossier, l: &Linked) -> IdVec<ActorId, Vec<(usize, ActorId)>> {
    let mut co: IdVec<ActorId, Vec<(usize, ActorId)>> = PerItem::new(d).actors;
    for (&(x, y), &n) in &l.co_mentions {
        co[x].push((n, y));
        co[y].push((n, x));
    }
    co
}

/// Mentions by the item they name, in page order.
fn mentions_by_target<'m>(d: &Dossier, l: &'m Linked) -> PerItem<Vec<&'m Mention>> {
    let mut mentions: PerItem<Vec<&Mention>> = PerItem::new(d);
    for m in &l.mentions {
        mentions[m.target].push(m);
    }
    mentions
}

/// What [`mentions_by_page`] makes: mentions by page; articles naming each
/// item; mentions of each item in article bodies.
type ByPage<'m> = (
    PerItem<Vec<&'m Mention>>,
    PerItem<BTreeSet<ArticleId>>,
    PerItem<usize>,
);

fn mentions_by_page<'m>(d: &Dossier, l: &'m Linked) -> ByPage<'m> {
    let (mut by_source, mut about, mut article_counts): ByPage<'m> =
        (PerItem::new(d), PerItem::new(d), PerItem::new(d));
    let mut last_page: PerItem<Option<ArticleId>> = PerItem::new(d);
    // Mentions come page by page.
    for on_page in l.mentions.chunk_by(|x, y| x.source == y.source) {
        let source = on_page[0].source;
        let by_page: &mut Vec<&Mention> = &mut by_source[source];
        by_page.extend(on_page.iter());
        let ItemId::Article(article) = source else {
            continue;
        };
        for m in on_page {
            // An article is listed once for each item it names: the
            // first of the page's mentions of the item adds it.
            if last_page[m.target].replace(article) != Some(article) {
                about[m.target].insert(article);
            }
            article_counts[m.target] += usize::from(m.in_note.is_none());
        }
    }
    (by_source, about, article_counts)
}
