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

use crate::diagnostics::Diagnostics;
use crate::model::{AnnotationKind, Dossier, ItemKind, ItemRef, SourceText};
use markdown::{DocOptions, IdCounter};
use matcher::Matcher;
use mention::{mentions_of, plain_of, ActorPair};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

pub use mention::{Mention, Sentence};

/// Rendered Markdown: HTML and the plain text it shows (its paragraphs,
/// one a line; shared with the mentions in it).
#[derive(Debug, Clone, Default)]
pub struct LinkedText {
    pub html: String,
    pub plain: Arc<str>,
}

#[derive(Debug, Clone)]
pub struct LinkedAnnotation {
    /// Position in reading order, 1-based; the element ids are `ann-N` (the
    /// highlight) and `note-N` (the side note).
    pub number: usize,
    pub kind: AnnotationKind,
    /// The quote exactly as it stands in the rendered text.
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    /// The note as written (Markdown).
    pub note_markdown: String,
    pub note: LinkedText,
    pub actors: Vec<String>,
    pub events: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct LinkedArticle {
    pub body: LinkedText,
    /// In reading order.
    pub annotations: Vec<LinkedAnnotation>,
    /// Where each paragraph of the body stands in the seed, in body order
    /// (for the warnings).
    pub excerpts: Vec<provenance::Excerpt>,
}

/// Everything the render stage needs beyond the model.
#[derive(Debug, Clone, Default)]
pub struct Linked {
    /// Aligned with `Dossier::articles`, `actors`, `events` and `pages`.
    pub articles: Vec<LinkedArticle>,
    pub actors: Vec<LinkedText>,
    pub events: Vec<LinkedText>,
    pub pages: Vec<LinkedText>,
    pub intro: Option<LinkedText>,
    /// Every recorded mention, in page order.
    pub mentions: Vec<Mention>,
    /// `@/` links and typed lists: which item refers to which.
    pub references: BTreeSet<(ItemRef, ItemRef)>,
    /// Actor pairs (slugs, first < second) mentioned in the same paragraph of
    /// an article, with the number of such paragraphs.
    pub co_mentions: BTreeMap<(String, String), usize>,
}

/// What every text of one dossier is linked with.
struct Ctx<'a> {
    dossier: &'a Dossier,
    linker: markdown::Linker<'a>,
    raw_html: bool,
}

impl Ctx<'_> {
    /// Options for a text shown on `page`'s own page, at `root`.
    fn options<'o>(&self, page: &'o ItemRef, record: bool, root: &'o str) -> DocOptions<'o> {
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
    references: Vec<ItemRef>,
    /// Actors named in the same paragraph ([`mention::co_mentions_of`]).
    pairs: Vec<ActorPair>,
}

/// A text other than an article body, to be linked.
struct TextJob<'a> {
    me: ItemRef,
    src: &'a SourceText,
    /// Its mentions get ids and back-links (profiles and event pages do;
    /// free pages and the intro do not).
    record: bool,
    /// From its page to the site root.
    root: &'static str,
    /// Where its HTML goes.
    shelf: Shelf,
}

/// The place in [`Linked`] of a text other than an article body.
#[derive(Debug, Clone, Copy)]
enum Shelf {
    Actors,
    Events,
    Pages,
    Intro,
}

impl<'a> TextJob<'a> {
    /// Every profile, event description and free page, in that order (the
    /// order of [`Linked::actors`], `events` and `pages`).
    fn all(d: &'a Dossier) -> Vec<TextJob<'a>> {
        let job = |kind, slug, src, shelf| TextJob {
            me: ItemRef::new(kind, slug),
            src,
            record: true,
            root: "../",
            shelf,
        };
        let actors =
            (d.actors.iter()).map(|a| job(ItemKind::Actor, &a.slug, &a.text, Shelf::Actors));
        let events =
            (d.events.iter()).map(|e| job(ItemKind::Event, &e.slug, &e.text, Shelf::Events));
        let pages = d.pages.iter().map(|p| TextJob {
            record: false,
            root: "",
            ..job(ItemKind::Page, &p.slug, &p.text, Shelf::Pages)
        });
        actors.chain(events).chain(pages).collect()
    }

    /// The home page's introduction.
    fn intro(src: &'a SourceText) -> Self {
        TextJob {
            me: ItemRef::new(ItemKind::Page, "index"),
            src,
            record: false,
            root: "",
            shelf: Shelf::Intro,
        }
    }
}

impl Linked {
    /// Puts a linked text in its place.
    fn shelve(&mut self, shelf: Shelf, text: LinkedText) {
        match shelf {
            Shelf::Actors => self.actors.push(text),
            Shelf::Events => self.events.push(text),
            Shelf::Pages => self.pages.push(text),
            Shelf::Intro => self.intro = Some(text),
        }
    }
}

/// Links a profile, event description, page or the intro.
fn link_text(ctx: &Ctx, job: &TextJob, diags: &mut Diagnostics) -> (LinkedText, TextOut) {
    let mut ids = IdCounter::default();
    let opts = ctx.options(&job.me, job.record, job.root);
    let mut doc = ctx.body(job.src, &opts, &mut ids, diags);
    let plain = plain_of(&doc.blocks);
    let out = TextOut {
        mentions: mentions_of(&doc.mentions, &plain, &Arc::new(job.me.clone()), None),
        references: std::mem::take(&mut doc.references),
        pairs: Vec::new(),
    };
    let text = LinkedText {
        html: doc.into_html(),
        plain: plain.text,
    };
    (text, out)
}

/// Links the whole dossier.
pub fn link(d: &Dossier) -> Result<Linked, Diagnostics> {
    let mut diags = Diagnostics::new();
    let matcher = Matcher::build(d).unwrap_or_else(|problem| {
        // Reported; the texts are still linked (without mentions) so that
        // this run reports every other problem too.
        diags.push(problem);
        Matcher::default()
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
    let mut outs = link_articles(&ctx, &mut linked, &mut diags);
    outs.extend(link_texts(&ctx, &mut linked, &mut diags));
    if let Some(intro) = &d.intro {
        // Its mentions are not recorded, nor are its references kept.
        let job = TextJob::intro(intro);
        let (text, _) = link_text(&ctx, &job, &mut diags);
        linked.shelve(job.shelf, text);
    }
    gather(d, outs, &mut linked);
    diags.into_result(linked)
}

/// Links every article (in parallel), counting the actor pairs named in the
/// same paragraph: what each found, in article order.
fn link_articles(
    ctx: &Ctx,
    linked: &mut Linked,
    diags: &mut Diagnostics,
) -> Vec<(ItemRef, TextOut)> {
    let d = ctx.dossier;
    let articles: Vec<(LinkedArticle, TextOut, Diagnostics)> = d
        .articles
        .par_iter()
        .map(|a| {
            let mut diags = Diagnostics::new();
            let (la, out) = article::link_article(ctx, a, &mut diags);
            (la, out, diags)
        })
        .collect();
    let mut outs = Vec::with_capacity(articles.len());
    // Counted by the shared values' addresses (each actor has one in the
    // matcher), without making a key of two strings for every pair; the
    // slugs are copied once per distinct pair below.
    let mut pairs: HashMap<(*const ItemRef, *const ItemRef), (ActorPair, usize)> = HashMap::new();
    for (article, (la, mut out, ds)) in d.articles.iter().zip(articles) {
        diags.extend(ds);
        linked.articles.push(la);
        for (a, b) in std::mem::take(&mut out.pairs) {
            pairs
                .entry((Arc::as_ptr(&a), Arc::as_ptr(&b)))
                .or_insert_with(|| ((a, b), 0))
                .1 += 1;
        }
        outs.push((ItemRef::new(ItemKind::Article, &article.slug), out));
    }
    for ((a, b), n) in pairs.into_values() {
        *linked
            .co_mentions
            .entry((a.slug.clone(), b.slug.clone()))
            .or_insert(0) += n;
    }
    outs
}

/// Links every profile, event description and free page (in parallel),
/// shelving their HTML: what each found, in that order.
fn link_texts(ctx: &Ctx, linked: &mut Linked, diags: &mut Diagnostics) -> Vec<(ItemRef, TextOut)> {
    let jobs = TextJob::all(ctx.dossier);
    let results: Vec<(LinkedText, TextOut, Diagnostics)> = jobs
        .par_iter()
        .map(|job| {
            let mut diags = Diagnostics::new();
            let (text, out) = link_text(ctx, job, &mut diags);
            (text, out, diags)
        })
        .collect();
    let mut outs = Vec::with_capacity(jobs.len());
    for (job, (text, out, ds)) in jobs.into_iter().zip(results) {
        diags.extend(ds);
        linked.shelve(job.shelf, text);
        outs.push((job.me, out));
    }
    outs
}

/// Gathers what every text found (`outs`, each with the item whose page it
/// stands on) and the events' actors into `linked`'s mentions and
/// references.
fn gather(d: &Dossier, outs: Vec<(ItemRef, TextOut)>, linked: &mut Linked) {
    for e in &d.events {
        for a in &e.actors {
            linked.references.insert((
                ItemRef::new(ItemKind::Event, &e.slug),
                ItemRef::new(ItemKind::Actor, a),
            ));
        }
    }
    // One allocation: growing by doubling would briefly hold the largest
    // list of a big dossier twice.
    linked
        .mentions
        .reserve_exact(outs.iter().map(|(_, o)| o.mentions.len()).sum());
    for (me, out) in outs {
        for r in out.references {
            linked.references.insert((me.clone(), r));
        }
        linked.mentions.extend(out.mentions);
    }
}
