//! A seed's page (`seeds/<file>.html`, template `seed.html`): a short page
//! that names the seed, its size and SHA-256, links its verbatim text
//! (`seeds/<file>`, published once, byte for byte: the exports' selectors
//! and hashes refer to it) and lists the articles taken from it. The text
//! itself is not repeated here: at newsroom scale a second copy of every
//! seed was a fifth of the site.

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
    /// The text as lines and as numbered list items, only for a theme's
    /// own `seed.html` (made before seeds were published once, it may
    /// show them); the default page links the text instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    lines: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lines_html: Option<String>,
    sha256: Option<String>,
    articles: Vec<ArticleLink<'a>>,
}

pub(super) fn pages(r: &Renderer<'_>, emit: &Emit<'_>) {
    r.d()
        .seeds
        .par_iter()
        .filter(|(file, _)| r.wants_seed(file))
        .for_each(|(_, seed)| emit(page(r, seed)));
}

fn page(r: &Renderer<'_>, seed: &Seed) -> Result<OutputFile, Diagnostic> {
    let d = r.d();
    let path = Url::SeedPage(&seed.file).to_string();
    let default_page = r.theme.is_default("seed.html");
    let articles = r.lookup.seed_articles.get(seed.file.as_str());
    let articles = articles.map_or(&[][..], Vec::as_slice);
    // The digest and size of the bytes as published, as the exports give
    // them (a seed no article is taken from has none).
    let digest = (articles.first()).and_then(|&id| article_seed_sha256(d, &d.articles[id]));
    let seed_view = SeedView {
        file: &seed.file,
        size: digest.map_or(seed.text.len() as u64, |(_, size)| size),
        line_count: seed.text.lines().count(),
        lines: (!default_page).then(|| seed.text.lines().collect()),
        lines_html: (!default_page).then(|| lines_html(&seed.text)),
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
