//! An article's page (`articles/<slug>.html`, template `article.html`): its
//! text with the annotations anchored in it, its actors and events, and
//! the other articles sharing the most events with it.

mod html;

use super::{Emit, Renderer};
use crate::diagnostics::Diagnostic;
use crate::export::cite::{article_citation, ArticleCitation};
use crate::export::provenance::article_seed_sha256;
use crate::i18n;
use crate::model::{Actor, ActorId, Article, ArticleId, EventId, IdVec, ItemId, Source};
use crate::output::OutputFile;
use crate::render::context::{
    seed_page_name, AnnotationView, ArticleLink, CountedActor, DateView, EventSummary, Url,
};
use crate::render::native::{self, base::Blocks};
use crate::render::share;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Other articles listed on an article page (sharing the most events): a
/// few to read next; the event pages list them all. Twelve were an eighth
/// of every article page at newsroom scale.
const RELATED_MAX: usize = 6;

/// The page's template.
pub(super) const TEMPLATE: &str = "article.html";

#[derive(Serialize)]
struct ArticlePage<'a> {
    article: ArticleView<'a>,
}

#[derive(Serialize)]
struct ArticleView<'a> {
    slug: &'a str,
    title: &'a str,
    source: &'a Source,
    published: Option<DateView>,
    date_note: &'a Option<String>,
    seed: &'a str,
    /// The page of the seed, made only by a theme with its own `seed.html`.
    seed_page: String,
    /// The seed's published text, in `seeds/`.
    seed_text: std::borrow::Cow<'a, str>,
    /// The size and SHA-256 of the published seed, as the exports give them.
    seed_digest: Option<SeedDigest>,
    language: &'a Option<String>,
    translated_from: &'a Option<String>,
    /// The languages by their names in the interface's language (`German`
    /// for `de`), or as written when it names no such language.
    language_name: Option<String>,
    translated_from_name: Option<String>,
    /// The `lang` of the article's own text (title, summary, body) when it
    /// is not the site's, and its `dir` when it runs the other way.
    text_lang: Option<&'a str>,
    text_dir: Option<&'static str>,
    /// The site's `dir` for the interface around such a text (labels,
    /// lists), set when `text_dir` is.
    interface_dir: Option<&'static str>,
    summary: &'a Option<String>,
    body_html: &'a str,
    /// How many other articles share an event with this one (`related`
    /// lists a few).
    related_total: usize,
    annotations: Vec<AnnotationView<'a>>,
    actors: Vec<ArticleActor<'a>>,
    events: Vec<EventSummary<'a>>,
    related: Vec<Related<'a>>,
    /// The "Cite this" block and the Highwire `citation_*` meta tags.
    citation: ArticleCitation,
}

#[derive(Serialize)]
struct SeedDigest {
    sha256: String,
    size: u64,
}

/// An actor of the article, with its mentions there.
#[derive(Serialize)]
struct ArticleActor<'a> {
    slug: &'a str,
    #[serde(flatten)]
    actor: CountedActor<'a>,
}

/// Another article sharing events with this one: the titles of those.
#[derive(Serialize)]
struct Related<'a> {
    #[serde(flatten)]
    article: ArticleLink<'a>,
    publisher: &'a str,
    shared: Vec<&'a str>,
}

/// One thread's counters of articles sharing events with an article (one
/// per article), and which of them are set.
struct Scratch {
    counts: IdVec<ArticleId, u32>,
    touched: Vec<ArticleId>,
}

impl Scratch {
    fn new(articles: usize) -> Self {
        Scratch {
            counts: IdVec::from(vec![0; articles]),
            touched: Vec::new(),
        }
    }
}

pub(super) fn pages(r: &Renderer<'_>, emit: &Emit<'_>) {
    let d = r.d();
    (d.articles.par_with_ids())
        .filter(|&(id, _)| r.wants(id))
        .map_init(
            || Scratch::new(d.articles.len()),
            |scratch, (id, a)| page(r, id, a, scratch),
        )
        .for_each(emit);
}

/// The page of article `id`, `a`.
fn page<'a>(
    r: &Renderer<'a>,
    id: ArticleId,
    a: &'a Article,
    scratch: &mut Scratch,
) -> Result<OutputFile, Diagnostic> {
    let d = r.d();
    let la = r.lookup.l.article(id);
    let path = Url::article(&a.slug).to_string();
    let (actor_counts, events) = items_of(r, id.into());
    let mut actors: Vec<(usize, &Actor)> = (actor_counts.iter())
        .map(|(&x, &c)| (c, &d.actors[x]))
        .collect();
    actors.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.name.cmp(&y.1.name)));
    let mut events: Vec<EventId> = events.into_iter().collect();
    let event = |e: EventId| &d.events[e];
    events.sort_by(|&x, &y| (event(x).date.cmp(&event(y).date)).then(x.cmp(&y)));
    let (related_total, related) = related(r, id, &events, scratch);
    let site_language = &d.config.book.language;
    let text_dir = i18n::other_direction(a.language.as_deref(), site_language);
    let article = ArticleView {
        slug: &a.slug,
        title: &a.title,
        source: &a.source,
        published: DateView::of(&a.published, r.t()),
        date_note: &a.date_note,
        seed: &a.seed,
        seed_page: seed_page_name(&a.seed),
        seed_text: crate::import::naming::published_seed_name(&a.seed),
        seed_digest: article_seed_sha256(d, a).map(|(sha256, size)| SeedDigest {
            sha256: sha256.to_string(),
            size,
        }),
        language: &a.language,
        translated_from: &a.translated_from,
        language_name: native::given(&a.language).map(|l| r.t().language_name(l)),
        translated_from_name: native::given(&a.translated_from).map(|l| r.t().language_name(l)),
        text_lang: i18n::other_language(a.language.as_deref(), site_language),
        text_dir,
        interface_dir: text_dir.map(|dir| if dir == "rtl" { "ltr" } else { "rtl" }),
        summary: &a.summary,
        body_html: &la.body.html,
        related_total,
        annotations: la
            .annotations
            .iter()
            .map(|x| AnnotationView::new(x, r.t()))
            .collect(),
        actors: actors
            .into_iter()
            .map(|(count, x)| ArticleActor {
                slug: &x.slug,
                actor: CountedActor::new(x, count),
            })
            .collect(),
        events: events
            .iter()
            .map(|&e| EventSummary::new(event(e), r.t()))
            .collect(),
        related: related
            .into_iter()
            .map(|(other, shared)| {
                let o = &d.articles[other];
                Related {
                    article: ArticleLink::new(o),
                    publisher: &o.source.name,
                    shared,
                }
            })
            .collect(),
        citation: article_citation(&d.config.book, a),
    };
    let base = r
        .chrome
        .base(&path, &a.title, "articles", Some(&a.text.path));
    let language = &d.config.book.language;
    let shared = share::article(a, &la.body.plain, base.canonical.as_deref(), language);
    let base = base.shared(shared).with_previews(r.previews(id.into()));
    if !r.native.article {
        return r.page(TEMPLATE, &path, base, ArticlePage { article });
    }
    let t = r.t();
    let blocks = Blocks {
        title: None,
        body_class: "article-page",
        head: &|h| html::head(h, &article),
        content: &|h| html::content(h, &article, &base.root, base.annotation_kinds, t),
    };
    // The body, and room for the rest (about 10 kB around a body).
    let size = la.body.html.len() + 12 * 1024;
    Ok(OutputFile::new(
        &path,
        native::base::page(&base, t, blocks, size),
    ))
}

/// The actors and events of the article `me`, mentioned or referred to:
/// actors with their mentions there, events.
fn items_of(r: &Renderer<'_>, me: ItemId) -> (BTreeMap<ActorId, usize>, BTreeSet<EventId>) {
    let mut actor_counts: BTreeMap<ActorId, usize> = BTreeMap::new();
    let mut events: BTreeSet<EventId> = BTreeSet::new();
    for m in r.lookup.mentions_on(me) {
        match m.target {
            ItemId::Actor(x) => *actor_counts.entry(x).or_insert(0) += 1,
            ItemId::Event(e) => {
                events.insert(e);
            }
            _ => {}
        }
    }
    for &to in r.lookup.references_from(me) {
        match to {
            ItemId::Actor(x) => {
                actor_counts.entry(x).or_insert(0);
            }
            ItemId::Event(e) => {
                events.insert(e);
            }
            _ => {}
        }
    }
    (actor_counts, events)
}

/// The other articles that share an event of `ev` with article `me`:
/// how many there are, and those that share the most (at most
/// [`RELATED_MAX`], in slug order), each with the titles of the events
/// shared. The event pages list them all; an article page lists a few,
/// so that pages do not grow with the square of the dossier.
fn related<'a>(
    r: &Renderer<'a>,
    me: ArticleId,
    ev: &[EventId],
    scratch: &mut Scratch,
) -> (usize, Vec<(ArticleId, Vec<&'a str>)>) {
    let about = |e: EventId| r.lookup.articles_about(e.into());
    // Hundreds or thousands at newsroom scale: counted in this
    // thread's scratch array rather than in a map.
    let Scratch { counts, touched } = scratch;
    for &e in ev {
        for &other in about(e) {
            if other != me {
                if counts[other] == 0 {
                    touched.push(other);
                }
                counts[other] += 1;
            }
        }
    }
    let total = touched.len();
    // Those sharing the most; ties by slug (article order).
    let mut shown: Vec<ArticleId> = touched.clone();
    if shown.len() > RELATED_MAX {
        shown.select_nth_unstable_by(RELATED_MAX - 1, |x, y| {
            counts[*y].cmp(&counts[*x]).then(x.cmp(y))
        });
        shown.truncate(RELATED_MAX);
    }
    shown.sort_unstable();
    for &o in touched.iter() {
        counts[o] = 0;
    }
    touched.clear();
    let related = shown
        .into_iter()
        .map(|other| {
            let shared = ev
                .iter()
                .filter(|&&e| about(e).contains(&other))
                .map(|&e| r.d().events[e].title.as_str())
                .collect();
            (other, shared)
        })
        .collect();
    (total, related)
}
