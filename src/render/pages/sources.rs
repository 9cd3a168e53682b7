//! The sources page (`sources.html`, template `sources.html`): the articles
//! by publisher, each with its seed.

use super::{Emit, Renderer};
use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::model::Article;
use crate::output::OutputFile;
use crate::render::context::{seed_page_name, ArticleLink, DateView};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Sources<'a> {
    publishers: Vec<Publisher<'a>>,
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
            seed_page: seed_page_name(&a.seed),
        }
    }
}

pub(super) fn pages(r: &Renderer<'_>, emit: &Emit<'_>) {
    emit(page(r));
}

fn page(r: &Renderer<'_>) -> Result<OutputFile, Diagnostic> {
    let mut by_publisher: BTreeMap<&str, Vec<&Article>> = BTreeMap::new();
    for a in &r.d().articles {
        by_publisher.entry(&a.source.name).or_default().push(a);
    }
    let publishers = by_publisher
        .into_iter()
        .map(|(name, list)| Publisher {
            name,
            articles: list
                .into_iter()
                .map(|a| SourceArticle::new(a, r.t()))
                .collect(),
        })
        .collect();
    let path = "sources.html";
    let base = r
        .chrome
        .base(path, r.t().get("nav.sources"), "sources", None);
    r.page("sources.html", path, base, Sources { publishers })
}
