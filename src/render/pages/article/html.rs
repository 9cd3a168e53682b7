//! The embedded `article.html`, written natively (see
//! [`native`](crate::render::native)): its `head` and `content` blocks.

use super::ArticleView;
use crate::i18n::Strings;
use crate::render::context::KindLabel;
use crate::render::native::macros::{ann_legend, ann_legend_compact, date, event_item};
use crate::render::native::{given, Html};
use crate::util::html::without_ids;

/// The `head` block: the article's Highwire `citation_*` meta tags.
pub(super) fn head(h: &mut Html, a: &ArticleView<'_>) {
    for c in &a.citation.meta {
        h.raw("<meta name=\"").text(c.name).raw("\" content=\"");
        h.text(&c.content).raw("\">\n");
    }
}

/// What the article's own text is marked with: ` lang="…"` and ` dir="…"`
/// when not the site's.
fn text_attrs(h: &mut Html, a: &ArticleView<'_>) {
    if let Some(lang) = a.text_lang.filter(|l| !l.is_empty()) {
        h.raw(" lang=\"").text(lang).raw("\"");
    }
    dir_attr(h, a.text_dir);
}

fn dir_attr(h: &mut Html, dir: Option<&str>) {
    if let Some(dir) = dir.filter(|d| !d.is_empty()) {
        h.raw(" dir=\"").text(dir).raw("\"");
    }
}

/// The `content` block.
pub(super) fn content(
    h: &mut Html,
    a: &ArticleView<'_>,
    root: &str,
    kinds: &[KindLabel<'_>],
    t: &Strings,
) {
    let used: Vec<&str> = a.annotations.iter().map(|x| x.kind).collect();
    h.raw("\n<article class=\"article\"");
    dir_attr(h, a.text_dir);
    h.raw(" aria-labelledby=\"article-title\">\n  <header class=\"article-header\"");
    dir_attr(h, a.interface_dir);
    h.raw(">\n    <p class=\"kicker\">")
        .text(t.get("article.kicker"))
        .raw(" · <bdi>");
    h.text(&a.source.name)
        .raw("</bdi></p>\n    <h1 id=\"article-title\"");
    text_attrs(h, a);
    h.raw(">")
        .text(a.title)
        .raw("</h1>\n    <dl class=\"source-card\">\n");
    source_card(h, a, t);
    h.raw("    </dl>\n    ");
    if let Some(summary) = given(a.summary) {
        h.raw("<p class=\"summary-label\">")
            .text(t.get("article.summary"))
            .raw("</p><p class=\"summary\"");
        text_attrs(h, a);
        h.raw(">").text(summary).raw("</p>");
    }
    h.raw("\n    \n    ");
    if !a.annotations.is_empty() {
        ann_legend_compact(h, kinds, &used, t);
    }
    h.raw("\n  </header>\n  <div class=\"article-body prose\"");
    text_attrs(h, a);
    h.raw(">\n")
        .raw(a.body_html)
        .raw("\n  </div>\n  <div class=\"article-meta\"");
    dir_attr(h, a.interface_dir);
    h.raw(">\n    ");
    if !a.annotations.is_empty() {
        annotations(h, a, kinds, &used, t);
    }
    h.raw("\n    ");
    actors(h, a, t);
    h.raw("\n    ");
    events(h, a, t);
    h.raw("\n    ");
    related(h, a, t);
    h.raw("\n    ");
    cite(h, a, root, t);
    h.raw("\n  </div>\n</article>\n");
}

/// The rows of the source card, each a line of its own.
fn source_card(h: &mut Html, a: &ArticleView<'_>, t: &Strings) {
    let source = a.source;
    h.raw("      <div><dt>")
        .text(t.get("article.publisher"))
        .raw("</dt><dd>");
    match given(&source.url) {
        Some(url) => {
            h.raw("<a href=\"").text(url).raw("\" rel=\"external\">");
            h.text(&source.name).raw("</a>")
        }
        None => h.text(&source.name),
    };
    h.raw("</dd></div>\n      ");
    if let Some(via) = given(&source.via) {
        h.raw("<div><dt>")
            .text(t.get("article.via"))
            .raw("</dt><dd>")
            .text(via);
        h.raw("</dd></div>");
    }
    h.raw("\n      <div><dt>")
        .text(t.get("article.published"))
        .raw("</dt><dd>");
    match &a.published {
        Some(d) => date(h, Some(d), t),
        None => {
            h.raw("<span class=\"tag tag-undated\">")
                .text(t.get("date.undated"));
            h.raw("</span>");
        }
    }
    if let Some(note) = given(a.date_note) {
        h.raw(" <span class=\"date-note\">— ")
            .text(note)
            .raw("</span>");
    }
    h.raw("</dd></div>\n      ");
    if let Some(language) = given(&a.language_name) {
        h.raw("<div><dt>")
            .text(t.get("article.language"))
            .raw("</dt><dd>");
        h.text(language);
        if let Some(from) = given(&a.translated_from_name) {
            let said = t.get("article.translated_from").replace("{language}", from);
            h.raw(" (").text(&said).raw(")");
        }
        h.raw("</dd></div>");
    }
    h.raw("\n      ");
    seed_row(h, a, t);
    h.raw("\n      <div><dt>")
        .text(t.get("article.annotations"))
        .raw("</dt><dd>");
    h.show(a.annotations.len());
    if !a.annotations.is_empty() {
        h.raw(" — <a href=\"#annotations-h\">")
            .text(t.get("article.list"));
        h.raw("</a>");
    }
    h.raw("</dd></div>\n");
}

/// The seed's row: its link, size and digest.
fn seed_row(h: &mut Html, a: &ArticleView<'_>, t: &Strings) {
    h.raw("<div><dt>")
        .text(t.get("article.seed"))
        .raw("</dt><dd><a href=\"../seeds/");
    h.text(&a.seed_text)
        .raw("\">")
        .text(t.get("article.seed_link"));
    h.raw("</a> <span class=\"muted\">(").text(a.seed);
    if let Some(digest) = &a.seed_digest {
        h.raw(", ").counted(digest.size as usize, "count.byte", t);
    }
    h.raw(")</span>");
    if let Some(digest) = &a.seed_digest {
        h.raw(" <span class=\"muted seed-digest\">SHA-256 <code class=\"digest\">");
        h.text(&digest.sha256).raw("</code></span>");
    }
    h.raw("</dd></div>");
}

/// The list of the article's annotations, with the legend of their kinds.
fn annotations(
    h: &mut Html,
    a: &ArticleView<'_>,
    kinds: &[KindLabel<'_>],
    used: &[&str],
    t: &Strings,
) {
    h.raw("\n    <section aria-labelledby=\"annotations-h\">\n");
    h.raw("      <h2 id=\"annotations-h\">")
        .text(t.get("article.annotations"));
    h.raw("</h2>\n      ");
    ann_legend(h, kinds, used, t);
    h.raw("\n      <ol class=\"annotation-list print-notes\">\n        ");
    for x in &a.annotations {
        h.raw("<li value=\"").show(x.number).raw("\"><a href=\"#");
        h.show(x.highlight_id)
            .raw("\"><span class=\"tag ann-")
            .text(x.kind);
        h.raw("\">")
            .text(x.label)
            .raw("</span> <span class=\"an-quote\">“<bdi");
        // The marks are the interface's, outside the quote's own direction.
        text_attrs(h, a);
        h.raw(">")
            .text(x.exact)
            .raw("</bdi>”</span></a><div class=\"an-note\">");
        h.raw(&without_ids(x.note_html))
            .raw("</div></li>\n        ");
    }
    h.raw("\n      </ol>\n    </section>\n    ");
}

/// The actors named in the article, with their mentions there.
fn actors(h: &mut Html, a: &ArticleView<'_>, t: &Strings) {
    if a.actors.is_empty() {
        return;
    }
    h.raw("\n    <section aria-labelledby=\"actors-h\">\n      <h2 id=\"actors-h\">");
    h.text(t.get("article.actors"))
        .raw("</h2>\n      <ul class=\"chips\">");
    let mentioned = t.get("actor.mentioned");
    for x in &a.actors {
        let c = &x.actor;
        h.raw("<li><a href=\"../")
            .show(c.actor.url)
            .raw("\">")
            .text(c.actor.name)
            .raw("</a>");
        // An actor only a note names is not counted: it is not in the text.
        if c.count > 0 {
            h.raw(" <span class=\"count\"><span class=\"visually-hidden\">");
            h.text(mentioned).raw(" </span>").show(c.count);
            h.raw("<span class=\"visually-hidden\"> ");
            h.text(t.count("count.times", c.count as u64));
            h.raw("</span></span>");
        }
        h.raw("</li>");
    }
    h.raw("</ul>\n    </section>\n    ");
}

/// The events the article is about, by date.
fn events(h: &mut Html, a: &ArticleView<'_>, t: &Strings) {
    if a.events.is_empty() {
        return;
    }
    h.raw("\n    <section aria-labelledby=\"events-h\">\n      <h2 id=\"events-h\">");
    h.text(t.get("article.events"))
        .raw("</h2>\n      <ul class=\"event-list\">");
    for e in &a.events {
        event_item(h, e, "../", t);
    }
    h.raw("</ul>\n    </section>\n    ");
}

/// A few other articles on the same events, and how many more there are.
fn related(h: &mut Html, a: &ArticleView<'_>, t: &Strings) {
    if a.related.is_empty() {
        return;
    }
    h.raw("\n    <section aria-labelledby=\"related-h\">\n      <h2 id=\"related-h\">");
    h.text(t.get("article.related"))
        .raw("</h2>\n      <ul class=\"related\">");
    for r in &a.related {
        h.raw("<li><a href=\"../")
            .show(r.article.url)
            .raw("\"><bdi>");
        h.text(r.article.title)
            .raw("</bdi></a> <span class=\"muted\">— <bdi>");
        h.text(r.publisher)
            .raw("</bdi>; ")
            .text(t.get("article.related_on"))
            .raw(" ");
        h.text(&r.shared.join("; ")).raw("</span></li>");
    }
    h.raw("</ul>\n      ");
    let more = a.related_total.saturating_sub(a.related.len());
    if more > 0 {
        let said = t.fill("article.related_more", &[("n", &more)]);
        h.raw("<p class=\"muted\">").text(&said).raw("</p>");
    }
    h.raw("\n    </section>\n    ");
}

/// "Cite this": the citation and its files.
fn cite(h: &mut Html, a: &ArticleView<'_>, root: &str, t: &Strings) {
    let c = &a.citation;
    h.raw("<section class=\"cite\" aria-labelledby=\"cite-h\">\n      <h2 id=\"cite-h\">");
    h.text(t.get("article.cite"))
        .raw("</h2>\n      <p class=\"cite-text\"><bdi>");
    h.text(&c.publisher).raw("</bdi>. “<bdi>").text(&c.title);
    h.raw("</bdi>.”")
        .text(&c.rest)
        .raw("</p>\n      <p>")
        .text(t.get("article.download_citation"));
    h.raw(" <a href=\"").text(root).text(&c.csl_json);
    h.raw("\" type=\"application/vnd.citationstyles.csl+json\">CSL-JSON</a> · <a href=\"");
    h.text(root).text(&c.bibtex);
    h.raw("\" type=\"application/x-bibtex\">BibTeX</a> · <a href=\"")
        .text(root);
    h.text(&c.ris);
    h.raw("\" type=\"application/x-research-info-systems\">RIS</a></p>\n    </section>");
}
