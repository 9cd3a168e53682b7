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
    lines: usize,
    sha256: Option<String>,
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
    let articles = articles.map_or(&[][..], Vec::as_slice);
    // The digest and size of the bytes as published, as the exports give
    // them (a seed no article is taken from has none).
    let digest = (articles.first()).and_then(|&id| article_seed_sha256(d, &d.articles[id]));
    let seed_view = SeedView {
        file: &seed.file,
        size: digest.map_or(seed.text.len() as u64, |(_, size)| size),
        lines: seed.text.lines().count(),
        sha256: digest.map(|(h, _)| h.to_string()),
        articles: (articles.iter())
            .map(|&id| ArticleLink::new(&d.articles[id]))
            .collect(),
    };
    let title = format!("Seed {}", seed.file);
    let base = r.chrome.base(&path, title, "sources", None);
    r.page("seed.html", &path, base, SeedPage { seed: seed_view })
}
