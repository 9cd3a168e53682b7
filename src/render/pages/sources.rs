//! The sources page (`sources.html`, template `sources.html`): the articles
//! by publisher, each with its seed.

use super::{Emit, Renderer};
use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::model::{Article, ArticleId, ItemId};
use crate::output::OutputFile;
use crate::render::context::{seed_page_name, ArticleLink, DateView};
use crate::render::paginate::{numbered_title, paginate, ListPage, Pager};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Sources<'a> {
    publishers: Vec<Publisher<'a>>,
    pager: Option<Pager>,
}

/// A publisher and its articles, in slug order.
#[derive(Serialize)]
struct Publisher<'a> {
    name: &'a str,
    articles: Vec<SourceArticle<'a>>,
}

/// An article with its date, where it came through and its seed.
#[derive(Serialize)]
struct SourceArticle<'a> {
    #[serde(flatten)]
    article: ArticleLink<'a>,
    published: Option<DateView>,
    date_note: &'a Option<String>,
    via: &'a Option<String>,
    seed: &'a str,
    /// The seed as published, in `seeds/`; a theme's own `seed.html`
    /// pages are at `seed_page`.
    seed_text: std::borrow::Cow<'a, str>,
    seed_page: String,
}

impl<'a> SourceArticle<'a> {
    fn new(a: &'a Article, t: &Strings) -> Self {
        SourceArticle {
            article: ArticleLink::new(a),
            published: DateView::of(&a.published, t),
            date_note: &a.date_note,
            via: &a.source.via,
            seed: &a.seed,
            seed_text: crate::import::naming::published_seed_name(&a.seed),
            seed_page: seed_page_name(&a.seed),
        }
    }
}

/// Hands its pages to [`Renderer::hand_over`], not to `emit`: `serve` keeps
/// them by their signature.
pub(super) fn pages(r: &Renderer<'_>, _: &Emit<'_>) {
    let mut by_publisher: BTreeMap<&str, Vec<(ArticleId, &Article)>> = BTreeMap::new();
    for (id, a) in r.d().articles.with_ids() {
        by_publisher
            .entry(&a.source.name)
            .or_default()
            .push((id, a));
    }
    // Every article in publisher order, then split into pages: a publisher
    // whose articles run over a page break is named on both pages.
    let listed: Vec<(&str, ArticleId, &Article)> = (by_publisher.iter())
        .flat_map(|(name, list)| list.iter().map(move |&(id, a)| (*name, id, a)))
        .collect();
    paginate("sources.html", &listed, r.page_size())
        .into_par_iter()
        .for_each(|list| {
            // Made of its articles' own texts alone.
            let place = list.pager.as_ref().map_or((1, 1), |p| (p.number, p.total));
            let items = list.items.iter().map(|&(_, id, _)| ItemId::from(id));
            let path = list.path.clone();
            r.list_page_of_items(&path, place, items, || page(r, list));
        });
}

fn page(
    r: &Renderer<'_>,
    list: ListPage<'_, (&str, ArticleId, &Article)>,
) -> Result<OutputFile, Diagnostic> {
    let mut publishers: Vec<Publisher> = Vec::new();
    for &(name, _, a) in list.items {
        match publishers.last_mut() {
            Some(p) if p.name == name => p.articles.push(SourceArticle::new(a, r.t())),
            _ => publishers.push(Publisher {
                name,
                articles: vec![SourceArticle::new(a, r.t())],
            }),
        }
    }
    let name = r.t().get("nav.sources");
    let title = (list.pager.as_ref()).map_or(name.into(), |p| {
        numbered_title(r.t(), name, p.number, p.total)
    });
    let base = r.chrome.base(&list.path, title, "sources", None);
    let sources = Sources {
        publishers,
        pager: list.pager,
    };
    r.page("sources.html", &list.path, base, sources)
}
