//! Pages with no content of their own: the search page (`search.html`) and
//! the page for a URL that leads nowhere (`404.html`).

use super::{Emit, Renderer};
use crate::diagnostics::Diagnostic;
use crate::output::OutputFile;

/// Nothing but the chrome: what the templates of these pages read.
#[derive(serde::Serialize)]
struct NoData;

pub(super) fn pages(r: &Renderer<'_>, emit: &Emit<'_>) {
    emit(search(r));
    emit(not_found(r));
}

fn search(r: &Renderer<'_>) -> Result<OutputFile, Diagnostic> {
    let path = "search.html";
    let base = r
        .chrome
        .base(path, r.t().get("search.title"), "search", None);
    r.page("search.html", path, base, NoData)
}

fn not_found(r: &Renderer<'_>) -> Result<OutputFile, Diagnostic> {
    let path = "404.html";
    let mut base = r
        .chrome
        .base(path, r.t().get("not_found.title"), "404", None);
    // GitHub Pages serves 404.html at any depth: with a site-url (a full
    // URL or only a path) its links are absolute from there, otherwise
    // relative to the root.
    if let Some(u) = r.chrome.site_url() {
        let root = if u.starts_with('/') {
            u.to_string()
        } else {
            url_path(u)
        };
        // A feed is written only for an absolute site-url.
        if base.feed_url.is_some() {
            base.feed_url = Some(format!("{root}feed.xml"));
        }
        base.root = root;
    }
    base.canonical = None;
    r.page("404.html", path, base, NoData)
}

/// The path part of an absolute URL (`https://h/x/` → `/x/`).
fn url_path(u: &str) -> String {
    match u
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()))
    {
        Some(p) => p,
        None => "/".into(),
    }
}
