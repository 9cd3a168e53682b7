//! The home page (`index.html`, template `index.html`): the dossier's
//! introduction and figures, the timeline strip of its events, the most
//! mentioned actors and every article.

use super::{Base, Emit, Renderer};
use crate::model::{AnnotationKind, Article, ArticleId, ItemId};
use crate::render::charts;
use crate::render::context::{ArticleLink, CountedActor, DateView, EventSummary};
use crate::render::paginate::{numbered_title, paginate, ListPage, Pager};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Actors the home page lists, the most mentioned first.
const ACTORS_MAX: usize = 24;

#[derive(Serialize)]
struct Home<'a> {
    intro_html: Option<&'a str>,
    /// The overview (figures, timeline, actors) is on the first page only.
    stats: Option<Stats>,
    events: Vec<EventSummary<'a>>,
    timeline_svg: Option<String>,
    actors: Vec<CountedActor<'a>>,
    /// This page's share of the articles, and the numbered pages when they
    /// are more than one page holds.
    articles: &'a [ListedArticle<'a>],
    pager: Option<Pager>,
}

/// How much the dossier holds.
#[derive(Serialize)]
struct Stats {
    articles: usize,
    actors: usize,
    events: usize,
    annotations: usize,
    by_kind: Vec<KindCount>,
}

/// The annotations of one kind.
#[derive(Serialize)]
struct KindCount {
    kind: &'static str,
    count: usize,
}

/// An article in the list, with its publisher, date and annotations.
#[derive(Serialize)]
struct ListedArticle<'a> {
    #[serde(flatten)]
    article: ArticleLink<'a>,
    publisher: &'a str,
    published: Option<DateView>,
    annotations: usize,
}

/// Hands its pages to [`Renderer::hand_over`], not to `emit`: `serve` keeps
/// them by their signature.
pub(super) fn pages(r: &Renderer<'_>, _: &Emit<'_>) {
    let d = r.d();
    let mut articles: Vec<_> = d.articles.with_ids().collect();
    articles.sort_by(|x, y| {
        x.1.published
            .cmp(&y.1.published)
            .then(x.1.slug.cmp(&y.1.slug))
    });
    paginate("index.html", &articles, r.page_size())
        .into_par_iter()
        .for_each(|list| {
            let path = list.path.clone();
            match &list.pager {
                // The pages after the first are made of their articles' own
                // texts alone.
                Some(p) if p.number > 1 => {
                    let items = list.items.iter().map(|&(id, _)| ItemId::from(id));
                    let place = (p.number, p.total);
                    let make = || {
                        page(r, list, |base, home| {
                            r.page("index.html", &path, base, home)
                        })
                    };
                    r.list_page_of_items(&path, place, items, make);
                }
                _ => page(r, list, |base, home| {
                    r.list_page("index.html", &path, base, home)
                }),
            }
        });
}

/// The page of `list`, as `finish` makes it of its chrome and what its
/// template is given (which borrows the page's list of articles, made
/// here: hence a callback, not a value returned as the timeline's).
fn page<R>(
    r: &Renderer<'_>,
    list: ListPage<'_, (ArticleId, &Article)>,
    finish: impl FnOnce(Base<'_>, Home<'_>) -> R,
) -> R {
    let listed: Vec<ListedArticle> = (list.items.iter())
        .map(|&(id, a)| ListedArticle {
            article: ArticleLink::new(a),
            publisher: &a.source.name,
            published: DateView::of(&a.published, r.t()),
            annotations: r.lookup.l.article(id).annotations.len(),
        })
        .collect();
    let d = r.d();
    let l = r.lookup.l;
    let first = list.number() == 1;
    let source = Path::new("content/index.md");
    let title = match &list.pager {
        Some(p) => numbered_title(r.t(), &d.config.book.title, p.number, p.total),
        None => d.config.book.title.clone(),
    };
    let base = r.chrome.base(&list.path, title, "index", Some(source));
    let mut home = Home {
        intro_html: None,
        stats: None,
        events: Vec::new(),
        timeline_svg: None,
        actors: Vec::new(),
        articles: &listed,
        pager: list.pager,
    };
    if first {
        let mut actors: Vec<_> = (d.actors.with_ids())
            .map(|(id, a)| (r.lookup.count(ItemId::from(id)), a))
            .collect();
        actors.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.name.cmp(&y.1.name)));
        let events = r.sorted_events();
        home.intro_html = l.intro.as_ref().map(|t| t.html.as_str());
        home.stats = Some(stats(r));
        home.events = events.iter().map(|e| EventSummary::new(e, r.t())).collect();
        home.timeline_svg = charts::timeline(d, &events, &base.root, charts::Size::Strip);
        home.actors = (actors.iter().take(ACTORS_MAX))
            .map(|(n, a)| CountedActor::new(a, *n))
            .collect();
    }
    finish(base, home)
}

fn stats(r: &Renderer<'_>) -> Stats {
    let d = r.d();
    let mut by_kind: BTreeMap<AnnotationKind, usize> = BTreeMap::new();
    for (_, la) in r.lookup.l.articles() {
        for a in &la.annotations {
            *by_kind.entry(a.kind).or_insert(0) += 1;
        }
    }
    Stats {
        articles: d.articles.len(),
        actors: d.actors.len(),
        events: d.events.len(),
        annotations: by_kind.values().sum(),
        by_kind: by_kind
            .iter()
            .map(|(k, n)| KindCount {
                kind: k.as_str(),
                count: *n,
            })
            .collect(),
    }
}
