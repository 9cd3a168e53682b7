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

/// Articles as the items of an RSS 2.0 feed, newest first, undated last.
/// RSS asks for no date, so none is made up: an article's date is its
/// source's, as precise as the source gives it (`dc:date`: `2022`,
/// `2022-01` or `2022-01-07`), and an undated article has none. (Atom
/// needs an `updated` time on every entry and the feed, which a dossier
/// does not have.)
pub(super) fn rss(d: &Dossier, site_url: &str) -> String {
    let mut articles: Vec<_> = d.articles.iter().collect();
    articles.sort_by(|a, b| {
        (b.published.is_some().cmp(&a.published.is_some()))
            .then(b.published.cmp(&a.published))
            .then(a.slug.cmp(&b.slug))
    });
    let book = &d.config.book;
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" ",
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n"
    ));
    let channel = [
        ("title", book.title.as_str()),
        ("link", site_url),
        (
            "description",
            book.description.as_deref().unwrap_or(&book.title),
        ),
        ("language", book.language.as_str()),
    ];
    for (tag, value) in channel {
        out.push_str(&format!("  <{tag}>{}</{tag}>\n", escape_html(value)));
    }
    out.push_str(&format!(
        "  <atom:link rel=\"self\" type=\"application/rss+xml\" href=\"{}feed.xml\"/>\n",
        escape_html(site_url)
    ));
    for a in book.authors.iter() {
        out.push_str(&format!("  <dc:creator>{}</dc:creator>\n", escape_html(a)));
    }
    for a in articles {
        out.push_str(&item(a, site_url));
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

fn item(a: &crate::model::Article, site_url: &str) -> String {
    let url = escape_html(&format!("{site_url}{}", Url::article(&a.slug)));
    let mut out = format!(
        "  <item>\n    <title>{}</title>\n    <link>{url}</link>\n    <guid isPermaLink=\"true\">{url}</guid>\n",
        escape_html(&a.title),
    );
    let about = a.summary.as_deref().unwrap_or(&a.source.name);
    out.push_str(&format!(
        "    <description>{}</description>\n",
        escape_html(about)
    ));
    if let Some(date) = &a.published {
        out.push_str(&format!("    <dc:date>{date}</dc:date>\n"));
    }
    out.push_str("  </item>\n");
    out
}
