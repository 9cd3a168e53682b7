//! A seed's page (`seeds/<file>.html`, template `seed.html`): the verbatim
//! source text as numbered lines, and the articles taken from it.

use super::{Emit, Renderer};
use crate::diagnostics::Diagnostic;
use crate::model::Seed;
use crate::output::OutputFile;
use crate::render::context::{ArticleLink, Url};
use rayon::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
struct SeedPage<'a> {
    seed: SeedView<'a>,
}

#[derive(Serialize)]
struct SeedView<'a> {
    file: &'a str,
    lines: Vec<&'a str>,
    /// `lines` as the numbered items of a list.
    lines_html: String,
    articles: Vec<ArticleLink<'a>>,
}

pub(super) fn pages(r: &Renderer<'_>, emit: &Emit<'_>) {
    r.d()
        .seeds
        .par_iter()
        .for_each(|(_, seed)| emit(page(r, seed)));
}

fn page(r: &Renderer<'_>, seed: &Seed) -> Result<OutputFile, Diagnostic> {
    let d = r.d();
    let path = Url::SeedPage(&seed.file).to_string();
    let articles = r.lookup.seed_articles.get(seed.file.as_str());
    let seed_view = SeedView {
        file: &seed.file,
        lines: seed.text.lines().collect(),
        lines_html: lines_html(&seed.text),
        articles: articles
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&id| ArticleLink::new(&d.articles[id]))
            .collect(),
    };
    let title = r.t().fill("seed.title", &[("file", &seed.file)]);
    let base = r.chrome.base(&path, title, "sources", None);
    r.page("seed.html", &path, base, SeedPage { seed: seed_view })
}

/// The numbered lines of `text` as HTML, made here: a template loop over
/// every line of every seed is the slowest part of a large build.
fn lines_html(text: &str) -> String {
    use std::fmt::Write;
    let mut html = String::with_capacity(text.len() * 11 / 10);
    for (n, line) in text.lines().enumerate() {
        let _ = write!(html, "<li id=\"L{}\">", n + 1);
        crate::util::html::escape_html_into(&mut html, line);
        html.push_str("</li>\n");
    }
    html
}
