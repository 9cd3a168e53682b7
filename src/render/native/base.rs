//! `base.html`, written from the page's [`Base`].

use super::{given, Html};
use crate::i18n::Strings;
use crate::render::context::Base;

/// What a page puts in `base.html`'s blocks (`scripts` empty: no native
/// page fills it).
pub(in crate::render) struct Blocks<'b> {
    /// The `title` block, when not the page title.
    pub(in crate::render) title: Option<&'b str>,
    pub(in crate::render) body_class: &'b str,
    pub(in crate::render) head: &'b dyn Fn(&mut Html),
    pub(in crate::render) content: &'b dyn Fn(&mut Html),
}

/// The whole page: `base.html` around `blocks`.
pub(in crate::render) fn page(
    b: &Base<'_>,
    t: &Strings,
    blocks: Blocks<'_>,
    size: usize,
) -> String {
    let mut h = Html::with_capacity(size);
    head(&mut h, b, &blocks);
    header(&mut h, b, t, blocks.body_class);
    h.raw("<main id=\"main\" tabindex=\"-1\">\n");
    (blocks.content)(&mut h);
    h.raw("\n</main>\n");
    footer(&mut h, b, t);
    h.raw("\n</body>\n</html>\n");
    h.into_string()
}

/// `<!DOCTYPE html>` to `</head>`.
fn head(h: &mut Html, b: &Base<'_>, blocks: &Blocks<'_>) {
    let site = b.site;
    h.raw("<!DOCTYPE html>\n<html lang=\"")
        .text(site.language)
        .raw("\"");
    if site.rtl {
        h.raw(" dir=\"rtl\"");
    }
    h.raw(">\n<head>\n<meta charset=\"utf-8\">\n");
    h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let title = blocks.title.unwrap_or(&b.page_title);
    h.raw("<title>").text(title).raw(" — ").text(site.title);
    h.raw("</title>\n");
    let description = given(&b.description);
    if let Some(d) = description {
        h.raw("<meta name=\"description\" content=\"")
            .text(d)
            .raw("\">");
    }
    h.raw("\n<meta name=\"color-scheme\" content=\"light dark\">\n");
    h.raw("<meta property=\"og:type\" content=\"")
        .text(b.og_type)
        .raw("\">\n");
    h.raw("<meta property=\"og:title\" content=\"")
        .text(&b.page_title);
    h.raw("\">\n<meta property=\"og:site_name\" content=\"")
        .text(site.title);
    h.raw("\">\n");
    if let Some(d) = description {
        h.raw("<meta property=\"og:description\" content=\"")
            .text(d)
            .raw("\">");
    }
    h.raw("\n");
    let canonical = given(&b.canonical);
    if let Some(c) = canonical {
        h.raw("<meta property=\"og:url\" content=\"")
            .text(c)
            .raw("\">");
    }
    h.raw("\n<meta name=\"twitter:card\" content=\"summary\">\n");
    h.raw(icon()).raw("\n");
    h.raw("<link rel=\"stylesheet\" href=\"")
        .text(&b.root)
        .raw("style.css\">\n");
    h.raw("<link rel=\"stylesheet\" href=\"")
        .text(&b.root)
        .raw("highlight.css\">\n");
    if let Some(c) = canonical {
        h.raw("<link rel=\"canonical\" href=\"").text(c).raw("\">");
    }
    h.raw("\n");
    if let Some(feed) = given(&b.feed_url) {
        h.raw("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"");
        h.text(site.title).raw("\" href=\"").text(feed).raw("\">");
    }
    h.raw("\n");
    if let Some(json_ld) = given(&b.json_ld) {
        h.raw("<script type=\"application/ld+json\">").raw(json_ld);
        h.raw("</script>");
    }
    h.raw("\n");
    (blocks.head)(h);
    h.raw("</head>\n");
}

/// The icon link of the embedded `base.html`, taken from it (a data URI of
/// some 700 bytes, not spelt twice).
fn icon() -> &'static str {
    static ICON: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();
    ICON.get_or_init(|| {
        let base = include_str!("../../../templates/base.html");
        let start = base.find("<link rel=\"icon\"").unwrap_or(base.len());
        let line = &base[start..];
        &line[..line.find('\n').unwrap_or(line.len())]
    })
}

/// `<body>` to the end of the site header.
fn header(h: &mut Html, b: &Base<'_>, t: &Strings, body_class: &str) {
    let root = &b.root;
    h.raw("<body class=\"").raw(body_class).raw("\">\n");
    h.raw("<a class=\"skip-link\" href=\"#main\">")
        .text(t.get("nav.skip"));
    h.raw("</a>\n<header class=\"site-header\">\n  <div class=\"site-header-inner\">\n");
    h.raw("    <a class=\"site-title\" href=\"")
        .text(root)
        .raw("index.html\">");
    h.text(b.site.title).raw("</a>\n");
    h.raw("    <nav class=\"site-nav\" aria-label=\"")
        .text(t.get("nav.label"));
    h.raw("\">\n      <ul>\n");
    let sections = [
        ("index", "index.html", "nav.overview"),
        ("timeline", "timeline.html", "nav.timeline"),
        ("actors", "actors/index.html", "nav.actors"),
        ("sources", "sources.html", "nav.sources"),
    ];
    for (section, url, label) in sections {
        h.raw("        <li><a href=\"")
            .text(root)
            .raw(url)
            .raw("\"");
        current_if(h, b.section == section);
        h.raw(">").text(t.get(label)).raw("</a></li>\n");
    }
    h.raw("        ");
    for p in b.nav_pages {
        let url = p.url.to_string();
        h.raw("<li><a href=\"").text(root).text(&url).raw("\"");
        current_if(h, b.section == url);
        h.raw(">").text(p.title).raw("</a></li>\n        ");
    }
    h.raw("\n      </ul>\n    </nav>\n");
    h.raw("    <form class=\"site-search\" role=\"search\" action=\"")
        .text(root);
    h.raw("search.html\" method=\"get\">\n");
    h.raw("      <label class=\"visually-hidden\" for=\"site-search-q\">");
    h.text(t.get("nav.search_label")).raw("</label>\n");
    h.raw("      <input id=\"site-search-q\" type=\"search\" name=\"q\" placeholder=\"");
    h.text(t.get("nav.search"))
        .raw("\" autocomplete=\"off\">\n");
    h.raw("      <button type=\"submit\">")
        .text(t.get("nav.search"));
    h.raw("</button>\n    </form>\n  </div>\n</header>\n");
}

fn current_if(h: &mut Html, current: bool) {
    if current {
        h.raw(" aria-current=\"page\"");
    }
}

/// The site footer and the previews' script.
fn footer(h: &mut Html, b: &Base<'_>, t: &Strings) {
    let root = &b.root;
    h.raw("<footer class=\"site-footer\">\n  <p>")
        .text(b.site.title);
    if !b.site.authors.is_empty() {
        h.raw(" · ").text(&b.site.authors.join(", "));
    }
    h.raw(" · ")
        .text(t.get("footer.built_with"))
        .raw(" · <a href=\"");
    h.text(root).raw("data.html\"");
    current_if(h, b.section == "data");
    h.raw(">")
        .text(t.get("footer.data"))
        .raw("</a> · <a href=\"");
    h.text(root).raw("print.html\"");
    current_if(h, b.section == "print");
    h.raw(">").text(t.get("footer.print")).raw("</a>");
    if let Some(repo) = given(b.repo_url) {
        h.raw(" · <a href=\"").text(repo).raw("\">");
        h.text(t.get("footer.repository")).raw("</a>");
    }
    if let Some(edit) = given(&b.edit_url) {
        h.raw(" · <a href=\"").text(edit).raw("\">");
        h.text(t.get("footer.edit")).raw("</a>");
    }
    h.raw("</p>\n</footer>\n");
    if let Some(n) = b.previews.filter(|&n| n != 0) {
        h.raw("<script src=\"")
            .text(root)
            .raw("preview.js\" data-shards=\"");
        h.show(n).raw("\" data-note=\"").text(t.get("preview.note"));
        h.raw("\" defer></script>\n");
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_icon_is_the_embedded_template_s_whole_link() {
        let icon = super::icon();
        assert!(icon.starts_with("<link rel=\"icon\" type=\"image/svg+xml\" href=\"data:"));
        assert!(icon.ends_with("\">") && !icon.contains('\n'), "{icon}");
    }
}
