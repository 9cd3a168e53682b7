//! Stage 2 — link: render every Markdown text of the dossier with its
//! mentions linked, `@/` references resolved, annotations anchored in the
//! article bodies, and each body checked against its seed.
//!
//! [`link`] runs the whole stage: the articles (`article.rs`) and then the
//! other texts are rendered in parallel by [`markdown`], which finds
//! mentions with one [`matcher`]; their mentions (`mention.rs`) and
//! references are gathered into one [`Linked`]. Quotes are found by
//! [`quotes`], bodies checked against their seeds by `provenance.rs`, both
//! comparing text folded by `fold.rs`.

mod article;
pub(crate) mod fold;
pub mod markdown;
pub mod matcher;
mod mention;
pub(crate) mod provenance;
pub mod quotes;
mod reuse;

use crate::diagnostics::Diagnostics;
use crate::model::{
    Actor, ActorId, AnnotationKind, ArticleId, Dossier, Event, EventId, Id, IdVec, ItemId, NoteId,
    Page, PageId, SourceText,
};
use markdown::{DocOptions, IdCounter};
use matcher::Matcher;
use mention::{mentions_of, plain_of, ActorPair};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

pub use mention::{InNote, Mention, Sentence};
use reuse::Reusable;
pub use reuse::{Kept, Previous};

/// Rendered Markdown: HTML and the plain text it shows (its paragraphs,
/// one a line; shared with the mentions in it).
#[derive(Debug, Clone, Default)]
pub struct LinkedText {
    pub html: String,
    pub plain: Arc<str>,
}

#[derive(Debug, Clone)]
pub struct LinkedAnnotation {
    /// Its identity, in its URLs: the element ids are `ann-<id>` (the
    /// highlight) and `note-<id>` (the side note), as [`NoteId::highlight`]
    /// and [`NoteId::note`] spell them.
    pub id: NoteId,
    /// Position in reading order, 1-based: the number shown, not an id.
    pub number: usize,
    pub kind: AnnotationKind,
    /// The quote exactly as it stands in the rendered text.
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    /// How many places of `exact` earlier in the body have the same
    /// `prefix` and `suffix`: which of the places alike in the seed (two
    /// copies of a paragraph) is this one's.
    pub rank_alike: usize,
    /// The note as written (Markdown).
    pub note_markdown: String,
    pub note: LinkedText,
    pub actors: Vec<ActorId>,
    pub events: Vec<EventId>,
}

#[derive(Debug, Clone, Default)]
pub struct LinkedArticle {
    pub body: LinkedText,
    /// In reading order.
    pub annotations: Vec<LinkedAnnotation>,
    /// Where each paragraph of the body stands in the seed, in body order
    /// (for the warnings).
    pub excerpts: Vec<provenance::Excerpt>,
}

/// Everything the render stage needs beyond the model: each item's linked
/// text, found by its id; the mentions, references and co-mentions, which
/// name items by id.
#[derive(Debug, Clone, Default)]
pub struct Linked {
    articles: IdVec<ArticleId, LinkedArticle>,
    actors: IdVec<ActorId, LinkedText>,
    events: IdVec<EventId, LinkedText>,
    pages: IdVec<PageId, LinkedText>,
    pub intro: Option<LinkedText>,
    /// Every recorded mention, in page order.
    pub mentions: Vec<Mention>,
    /// `@/` links and typed lists: which item refers to which.
    pub references: BTreeSet<(ItemId, ItemId)>,
    /// Actor pairs (first < second) mentioned in the same paragraph of an
    /// article, with the number of such paragraphs.
    pub co_mentions: BTreeMap<ActorPair, usize>,
}

impl Linked {
    pub fn article(&self, id: ArticleId) -> &LinkedArticle {
        &self.articles[id]
    }
    /// An actor's profile.
    pub fn actor(&self, id: ActorId) -> &LinkedText {
        &self.actors[id]
    }
    /// An event's description.
    pub fn event(&self, id: EventId) -> &LinkedText {
        &self.events[id]
    }
    /// A free page's text.
    pub fn page(&self, id: PageId) -> &LinkedText {
        &self.pages[id]
    }
    /// Every linked article with its id, in article order.
    pub fn articles(&self) -> impl ExactSizeIterator<Item = (ArticleId, &LinkedArticle)> {
        self.articles.with_ids()
    }
}

/// What every text of one dossier is linked with.
struct Ctx<'a> {
    dossier: &'a Dossier,
    linker: markdown::Linker<'a>,
    raw_html: bool,
}

impl Ctx<'_> {
    /// Options for a text shown on `page`'s own page, at `root`.
    fn options<'o>(&self, page: ItemId, record: bool, root: &'o str) -> DocOptions<'o> {
        DocOptions {
            record,
            ..DocOptions::page(page, root, self.raw_html)
        }
    }

    fn body<'m>(
        &self,
        src: &'m SourceText,
        opts: &DocOptions,
        ids: &mut IdCounter,
        diags: &mut Diagnostics,
    ) -> markdown::Doc<'m> {
        markdown::parse(&self.linker, markdown::Input::body(src), opts, ids, diags)
    }
}

/// What linking one text found besides its HTML.
struct TextOut {
    mentions: Vec<Mention>,
    /// A text linked as before: where its mentions stand in the previous
    /// run's list, to be moved from there once ([`gather`]).
    kept_mentions: Vec<std::ops::Range<usize>>,
    references: Vec<ItemId>,
    /// Actors named in the same paragraph ([`mention::co_mentions_of`]).
    pairs: Vec<ActorPair>,
}

/// A text other than an article body, to be linked.
struct TextJob<'a> {
    /// The item whose page shows it.
    me: ItemId,
    src: &'a SourceText,
    /// Its mentions get ids and back-links (profiles and event pages do;
    /// free pages do not).
    record: bool,
    /// From its page to the site root.
    root: &'static str,
}

impl<'a> TextJob<'a> {
    /// A profile or event description, one folder down, its mentions
    /// recorded.
    fn recorded(me: ItemId, src: &'a SourceText) -> Self {
        TextJob {
            me,
            src,
            record: true,
            root: "../",
        }
    }

    /// A free page, at the top.
    fn free_page(me: PageId, src: &'a SourceText) -> Self {
        TextJob {
            me: me.into(),
            src,
            record: false,
            root: "",
        }
    }
}

/// Links a profile, event description or free page.
fn link_text(ctx: &Ctx, job: &TextJob, diags: &mut Diagnostics) -> (LinkedText, TextOut) {
    let mut ids = IdCounter::default();
    let opts = ctx.options(job.me, job.record, job.root);
    let mut doc = ctx.body(job.src, &opts, &mut ids, diags);
    let plain = plain_of(&doc.blocks);
    let out = TextOut {
        mentions: mentions_of(&doc.mentions, &plain, job.me, None),
        kept_mentions: Vec::new(),
        references: std::mem::take(&mut doc.references),
        pairs: Vec::new(),
    };
    let text = LinkedText {
        html: doc.into_html(),
        plain: plain.text,
    };
    (text, out)
}

/// Links the home page's introduction, which is no item's page: its
/// mentions are not recorded, nor are its references kept.
fn link_intro(ctx: &Ctx, src: &SourceText, diags: &mut Diagnostics) -> LinkedText {
    let opts = DocOptions {
        root: "",
        page: None,
        record: false,
        inline: false,
        allow_raw_html: ctx.raw_html,
    };
    let doc = ctx.body(src, &opts, &mut IdCounter::default(), diags);
    let plain = plain_of(&doc.blocks);
    LinkedText {
        html: doc.into_html(),
        plain: plain.text,
    }
}

/// Links the whole dossier.
pub fn link(d: &Dossier) -> Result<Linked, Diagnostics> {
    link_reusing(d, None).0
}

/// Links the whole dossier, reusing what `prev` made of each text whose
/// inputs did not change when the link environment is the same (see
/// `reuse.rs`); also what the next run may reuse.
pub fn link_reusing(d: &Dossier, prev: Option<Previous>) -> (Result<Linked, Diagnostics>, Kept) {
    let env = reuse::environment(d);
    let mut reuse = Reusable::new(prev, env);
    let mut diags = Diagnostics::new();
    // The names and aliases it is made of are part of the environment.
    let kept_matcher = reuse.as_ref().and_then(Reusable::matcher);
    let matcher = kept_matcher.map_or_else(|| Matcher::build(d).map(Arc::new), Ok);
    // Kept for the next run only when made.
    let mut kept = Kept::new(env, matcher.as_ref().ok().cloned());
    let matcher = matcher.unwrap_or_else(|problem| {
        // Reported; the texts are still linked (without mentions) so that
        // this run reports every other problem too.
        diags.push(problem);
        Arc::default()
    });
    let ctx = Ctx {
        dossier: d,
        linker: markdown::Linker {
            dossier: d,
            matcher: &matcher,
        },
        raw_html: d.config.output.html.allow_raw_html,
    };
    let mut linked = Linked::default();
    let mut run = Run {
        reuse: reuse.as_mut(),
        kept: &mut kept,
        diags: &mut diags,
    };
    let mut outs = link_articles(&ctx, &mut linked, &mut run);
    link_texts(&ctx, &mut linked, &mut outs, &mut run);
    if let Some(intro) = &d.intro {
        linked.intro = Some(link_intro(&ctx, intro, &mut diags));
    }
    let previous = reuse.map(Reusable::into_mentions).unwrap_or_default();
    gather(d, outs, previous, &mut linked);
    (diags.into_result(linked), kept)
}

/// One run of the stage: what it may reuse, what it keeps for the next,
/// and the problems found.
struct Run<'r, 'c> {
    reuse: Option<&'r mut Reusable<'c>>,
    kept: &'r mut Kept,
    diags: &'r mut Diagnostics,
}

impl Run<'_, '_> {
    /// Whether the text of `id` is taken from the previous run.
    fn reuses(&self, id: ItemId) -> bool {
        self.reuse.as_ref().is_some_and(|r| r.reuses(id))
    }

    /// Records what linking `id` found (the problems, the pairs).
    fn record(&mut self, id: ItemId, out: &mut TextOut, ds: Diagnostics) {
        self.kept.note(id, std::mem::take(&mut out.pairs), &ds);
        self.diags.extend(ds);
    }
}

/// Links every article (in parallel), counting the actor pairs named in the
/// same paragraph: what each found, in article order.
fn link_articles(ctx: &Ctx, linked: &mut Linked, run: &mut Run) -> Vec<(ItemId, TextOut)> {
    let articles = ctx.dossier.articles.par_map(|id, a| {
        if run.reuses(id.into()) {
            return None;
        }
        let mut diags = Diagnostics::new();
        let (la, out) = article::link_article(ctx, id, a, &mut diags);
        Some((la, out, diags))
    });
    let mut outs = Vec::with_capacity(articles.len());
    let mut pairs: crate::util::fxhash::FxHashMap<ActorPair, usize> = Default::default();
    linked.articles = (articles.into_with_ids())
        .map(|(id, fresh)| {
            let (la, mut out, ds) = match (fresh, run.reuse.as_mut()) {
                (Some(fresh), _) => fresh,
                (None, Some(reuse)) => reuse.article(id),
                (None, None) => unreachable!("an article is linked unless reused"),
            };
            for &pair in &out.pairs {
                *pairs.entry(pair).or_insert(0) += 1;
            }
            run.record(id.into(), &mut out, ds);
            outs.push((id.into(), out));
            la
        })
        .collect();
    linked.co_mentions = pairs.into_iter().collect();
    outs
}

/// Links every profile, event description and free page (in parallel):
/// what each found is added to `outs`, in that order.
fn link_texts<'a>(
    ctx: &Ctx<'a>,
    linked: &mut Linked,
    outs: &mut Vec<(ItemId, TextOut)>,
    run: &mut Run,
) {
    let d = ctx.dossier;
    let profile = |id: ActorId, a: &'a Actor| TextJob::recorded(id.into(), &a.text);
    linked.actors = link_each(ctx, &d.actors, profile, outs, run);
    let description = |id: EventId, e: &'a Event| TextJob::recorded(id.into(), &e.text);
    linked.events = link_each(ctx, &d.events, description, outs, run);
    let page = |id: PageId, p: &'a Page| TextJob::free_page(id, &p.text);
    linked.pages = link_each(ctx, &d.pages, page, outs, run);
}

/// Links the text of every item of `items` (in parallel), as `job` says:
/// their linked texts, by id; what each found is added to `outs`.
fn link_each<'d, I: Id + Into<ItemId>, T: Sync>(
    ctx: &Ctx,
    items: &'d IdVec<I, T>,
    job: impl Fn(I, &'d T) -> TextJob<'d> + Sync + Send,
    outs: &mut Vec<(ItemId, TextOut)>,
    run: &mut Run,
) -> IdVec<I, LinkedText> {
    let results = items.par_map(|id, item| {
        if run.reuses(id.into()) {
            return None;
        }
        let mut diags = Diagnostics::new();
        let (text, out) = link_text(ctx, &job(id, item), &mut diags);
        Some((text, out, diags))
    });
    (results.into_with_ids())
        .map(|(id, fresh)| {
            let id: ItemId = id.into();
            let (text, mut out, ds) = match (fresh, run.reuse.as_mut()) {
                (Some(fresh), _) => fresh,
                (None, Some(reuse)) => reuse.text(id),
                (None, None) => unreachable!("a text is linked unless reused"),
            };
            run.record(id, &mut out, ds);
            outs.push((id, out));
            text
        })
        .collect()
}

/// Gathers what every text found (`outs`, each with the item whose page it
/// stands on; the mentions of a text linked as before from `previous`) and
/// the events' actors into `linked`'s mentions and references.
fn gather(d: &Dossier, outs: Vec<(ItemId, TextOut)>, previous: Vec<Mention>, linked: &mut Linked) {
    for (id, e) in d.events.with_ids() {
        for &actor in &e.actors {
            linked.references.insert((id.into(), actor.into()));
        }
    }
    // One allocation: growing by doubling would briefly hold the largest
    // list of a big dossier twice.
    let count =
        |o: &TextOut| o.mentions.len() + o.kept_mentions.iter().map(|r| r.len()).sum::<usize>();
    linked
        .mentions
        .reserve_exact(outs.iter().map(|(_, o)| count(o)).sum());
    // The texts come in the order of the last run, which gathered them in
    // the same order: their kept runs stand in order in its list, and one
    // pass moves them, dropping the mentions of the texts linked again.
    let mut previous = previous.into_iter();
    let mut at = 0;
    for (me, out) in outs {
        for r in out.references {
            linked.references.insert((me, r));
        }
        linked.mentions.extend(out.mentions);
        for run in out.kept_mentions {
            // Each text's run follows the last (see above): a run before
            // one already moved would be a mistake in this stage.
            assert!(run.start >= at, "kept mentions out of the last run's order");
            previous.by_ref().take(run.start - at).for_each(drop);
            linked.mentions.extend(previous.by_ref().take(run.len()));
            at = run.end;
        }
    }
}
