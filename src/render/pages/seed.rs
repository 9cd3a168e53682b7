//! A seed's page (`seeds/<file>.html`, template `seed.html`), made only
//! for a theme with its own `seed.html` (made when every seed had a page,
//! it may show the text by lines or link it). The default theme links the
//! seed's text itself (`seeds/<file>`, published once, byte for byte: the
//! exports' selectors and hashes refer to it) and gives its size and
//! SHA-256 on the article page: a page per seed that said only that was
//! ten thousand pages of a newsroom-size site.

use super::{Emit, Renderer};
use crate::diagnostics::Diagnostic;
use crate::export::provenance::article_seed_sha256;
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
    /// The published text: its size in bytes and lines, and SHA-256.
    size: u64,
    line_count: usize,
    /// The text as lines and as numbered list items (`<li id="L1">`), for
    /// a theme that shows it.
    lines: Vec<&'a str>,
    lines_html: String,
    sha256: Option<String>,
    articles: Vec<ArticleLink<'a>>,
}

pub(super) fn pages(r: &Renderer<'_>, emit: &Emit<'_>) {
    if r.theme.is_default("seed.html") {
        return;
    }
    r.d()
        .seeds
        .par_iter()
        .filter(|(file, _)| r.wants_seed(file))
        .for_each(|(_, seed)| emit(page(r, seed)));
}

fn page(r: &Renderer<'_>, seed: &Seed) -> Result<OutputFile, Diagnostic> {
    let d = r.d();
    let path = Url::SeedPage(&seed.file).to_string();
    let articles = r.lookup.seed_articles.get(seed.file.as_str());
    let articles = articles.map_or(&[][..], Vec::as_slice);
    // The digest and size of the bytes as published, as the exports give
    // them (a seed no article is taken from has none).
    let digest = (articles.first()).and_then(|&id| article_seed_sha256(d, &d.articles[id]));
    let seed_view = SeedView {
        file: &seed.file,
        size: digest.map_or(seed.text.len() as u64, |(_, size)| size),
        line_count: seed.text.lines().count(),
        lines: seed.text.lines().collect(),
        lines_html: lines_html(&seed.text),
        sha256: digest.map(|(h, _)| h.to_string()),
        articles: (articles.iter())
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
