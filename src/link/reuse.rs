//! Linking again after a few files changed (`dossier serve`): the texts
//! whose inputs did not change keep what the previous run made of them.
//!
//! Linking one text depends on its own file (and, for an article, its
//! seed) and on the dossier's *link environment*: which items exist under
//! which slug (their ids and the `@/` paths that resolve), the names and
//! aliases the mentions are found by, and `allow-raw-html`. Titles, dates
//! and every other text are not read. So while the environment is the
//! same, a text whose inputs are the same links to the same result, and
//! the previous one is reused; when the environment changed, everything is
//! linked again.

use super::{Linked, LinkedArticle, LinkedText, Matcher, Mention, TextOut};
use crate::diagnostics::Diagnostics;
use crate::model::{ActorId, ArticleId, Dossier, Id, IdVec, ItemId};
use crate::util::fxhash::FxHashMap as HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// What one run of the link stage leaves for the next, beside its
/// [`Linked`]: what is not kept there per text.
#[derive(Default)]
pub struct Kept {
    /// The fingerprint of the link environment this run linked in.
    env: u64,
    /// The automaton it found mentions with, made of the environment's
    /// names and aliases: the same while the environment is.
    matcher: Option<Arc<Matcher>>,
    /// Each article's actor pairs named in one paragraph.
    pairs: IdVec<ArticleId, Vec<(ActorId, ActorId)>>,
    /// Each text's problems (warnings never stop a link), by item.
    diags: HashMap<ItemId, Diagnostics>,
}

/// A previous run of the link stage, and which texts changed since.
pub struct Previous<'c> {
    pub linked: Linked,
    pub kept: Kept,
    /// Whether the inputs of an item's text (its file, an article's seed)
    /// changed since that run.
    pub changed: &'c (dyn Fn(ItemId) -> bool + Sync),
}

/// The fingerprint of what linking any text reads beyond its own inputs.
pub(super) fn environment(d: &Dossier) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    d.config.output.html.allow_raw_html.hash(&mut h);
    d.articles.iter().for_each(|a| a.slug.hash(&mut h));
    for a in d.actors.iter() {
        (&a.slug, &a.name, &a.aliases).hash(&mut h);
    }
    for e in d.events.iter() {
        (&e.slug, &e.aliases).hash(&mut h);
    }
    d.pages.iter().for_each(|p| p.slug.hash(&mut h));
    for r in &d.unloaded {
        (r.kind.dir(), &r.slug).hash(&mut h);
    }
    d.seeds.keys().for_each(|k| k.hash(&mut h));
    h.finish()
}

/// The previous results that may be reused in environment `env`, taken
/// apart by text: none when the environment changed.
pub(super) struct Reusable<'c> {
    changed: &'c (dyn Fn(ItemId) -> bool + Sync),
    articles: Vec<Option<LinkedArticle>>,
    actors: Vec<Option<LinkedText>>,
    events: Vec<Option<LinkedText>>,
    pages: Vec<Option<LinkedText>>,
    /// The previous mentions, moved out once ([`Reusable::into_mentions`]),
    /// and where each text's stand among them (a text's are one run).
    mentions: Vec<Mention>,
    runs: HashMap<ItemId, Vec<std::ops::Range<usize>>>,
    references: HashMap<ItemId, Vec<ItemId>>,
    kept: Kept,
}

impl<'c> Reusable<'c> {
    pub(super) fn new(prev: Option<Previous<'c>>, env: u64) -> Option<Self> {
        let prev = prev.filter(|p| p.kept.env == env)?;
        let l = prev.linked;
        let mut runs: HashMap<ItemId, Vec<std::ops::Range<usize>>> = HashMap::default();
        let mut start = 0;
        for run in l.mentions.chunk_by(|a, b| a.source == b.source) {
            runs.entry(run[0].source)
                .or_default()
                .push(start..start + run.len());
            start += run.len();
        }
        let mut references: HashMap<ItemId, Vec<ItemId>> = HashMap::default();
        for (from, to) in l.references {
            references.entry(from).or_default().push(to);
        }
        Some(Reusable {
            changed: prev.changed,
            articles: taken(l.articles),
            actors: taken(l.actors),
            events: taken(l.events),
            pages: taken(l.pages),
            mentions: l.mentions,
            runs,
            references,
            kept: prev.kept,
        })
    }

    /// The automaton the previous run found mentions with.
    pub(super) fn matcher(&self) -> Option<Arc<Matcher>> {
        self.kept.matcher.clone()
    }

    /// Whether the text of `id` is linked as it was.
    pub(super) fn reuses(&self, id: ItemId) -> bool {
        !(self.changed)(id)
    }

    /// What linking the text of `id` found besides its HTML, as before.
    fn out(&mut self, id: ItemId) -> (TextOut, Diagnostics) {
        let pairs = match id {
            ItemId::Article(a) => std::mem::take(&mut self.kept.pairs[a]),
            _ => Vec::new(),
        };
        let out = TextOut {
            mentions: Vec::new(),
            kept_mentions: self.runs.remove(&id).unwrap_or_default(),
            references: self.references.remove(&id).unwrap_or_default(),
            pairs,
        };
        (out, self.kept.diags.remove(&id).unwrap_or_default())
    }

    /// The previous mentions, those of the texts linked as before still in
    /// place, for [`gather`](super::gather) to move.
    pub(super) fn into_mentions(self) -> Vec<Mention> {
        self.mentions
    }

    /// The previous article `id`, linked, and what it found.
    pub(super) fn article(&mut self, id: ArticleId) -> (LinkedArticle, TextOut, Diagnostics) {
        let la = (self.articles.get_mut(id.index()))
            .and_then(Option::take)
            .unwrap_or_default();
        let (out, diags) = self.out(id.into());
        (la, out, diags)
    }

    /// The previous text of `id` (a profile, event or free page), linked,
    /// and what it found.
    pub(super) fn text(&mut self, id: ItemId) -> (LinkedText, TextOut, Diagnostics) {
        let slot = match id {
            ItemId::Actor(x) => self.actors.get_mut(x.index()),
            ItemId::Event(x) => self.events.get_mut(x.index()),
            ItemId::Page(x) => self.pages.get_mut(x.index()),
            ItemId::Article(_) => None,
        };
        let text = slot.and_then(Option::take).unwrap_or_default();
        let (out, diags) = self.out(id);
        (text, out, diags)
    }
}

/// Each value of `v`, to be taken once.
fn taken<I: Id, T>(v: IdVec<I, T>) -> Vec<Option<T>> {
    v.into_with_ids().map(|(_, x)| Some(x)).collect()
}

impl Kept {
    pub(super) fn new(env: u64, matcher: Option<Arc<Matcher>>) -> Self {
        Kept {
            env,
            matcher,
            ..Kept::default()
        }
    }

    /// Notes what linking `id` found that [`Linked`] does not keep.
    pub(super) fn note(&mut self, id: ItemId, pairs: Vec<(ActorId, ActorId)>, diags: &Diagnostics) {
        if let ItemId::Article(a) = id {
            debug_assert_eq!(a.index(), self.pairs.len());
            self.pairs.push(pairs);
        }
        if !diags.is_empty() {
            self.diags.insert(id, diags.clone());
        }
    }
}
