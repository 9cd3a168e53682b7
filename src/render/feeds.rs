//! sitemap.xml and an Atom feed, written only when `site-url` is a full
//! URL: both need absolute URLs.

use super::context::Url;
use crate::model::Dossier;
use crate::util::html::escape_html;

pub(super) fn sitemap(site_url: &str, paths: &[&str]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for p in paths {
        out.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            escape_html(&format!("{site_url}{p}"))
        ));
    }
    out.push_str("</urlset>\n");
    out
}

fn atom_date(d: &crate::model::PartialDate) -> String {
    let ((y, m, day), _) = d.range();
    format!("{y:04}-{m:02}-{day:02}T00:00:00Z")
}

/// Articles as feed entries, newest first; the feed's `updated` is the newest
/// article date, so the same input gives the same feed.
pub(super) fn atom(d: &Dossier, site_url: &str) -> String {
    let mut articles: Vec<_> = d.articles.iter().collect();
    articles.sort_by(|a, b| b.published.cmp(&a.published).then(a.slug.cmp(&b.slug)));
    let updated = articles
        .iter()
        .filter_map(|a| a.published.as_ref())
        .max()
        .map(atom_date)
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    out.push_str(&format!(
        "  <title>{}</title>\n",
        escape_html(&d.config.book.title)
    ));
    out.push_str(&format!(
        "  <id>{}</id>\n  <link href=\"{}\"/>\n  <updated>{updated}</updated>\n",
        escape_html(site_url),
        escape_html(site_url)
    ));
    for a in &d.config.book.authors {
        out.push_str(&format!(
            "  <author><name>{}</name></author>\n",
            escape_html(a)
        ));
    }
    if d.config.book.authors.is_empty() {
        out.push_str("  <author><name>dossier</name></author>\n");
    }
    for a in articles {
        let url = format!("{site_url}{}", Url::article(&a.slug));
        let date = a
            .published
            .as_ref()
            .map(atom_date)
            .unwrap_or_else(|| updated.clone());
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{date}</updated>\n    <summary>{}</summary>\n  </entry>\n",
            escape_html(&a.title),
            escape_html(&url),
            escape_html(&url),
            escape_html(a.summary.as_deref().unwrap_or(&a.source.name)),
        ));
    }
    out.push_str("</feed>\n");
    out
}
