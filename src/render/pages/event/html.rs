//! The embedded `event.html`, written natively (see
//! [`native`](crate::render::native)): its `head` and `content` blocks.

use super::{EventSource, EventView};
use crate::i18n::Strings;
use crate::render::native::macros::{date, notes_apart, pager_head, pager_nav};
use crate::render::native::{given, Html};
use crate::util::html::without_ids;

/// The `head` block: the links to the previous and next pages.
pub(super) fn head(h: &mut Html, e: &EventView<'_>) {
    pager_head(h, e.pager.as_ref());
}

/// The `content` block.
pub(super) fn content(h: &mut Html, e: &EventView<'_>, t: &Strings) {
    h.raw("\n<article class=\"item\" aria-labelledby=\"item-title\">\n  <header>\n");
    h.raw("    <p class=\"kicker\">")
        .text(t.get("event.kicker"))
        .raw("</p>\n");
    h.raw("    <h1 id=\"item-title\">")
        .text(e.title)
        .raw("</h1>\n    <p class=\"when\">");
    date(h, Some(&e.date), t);
    if let Some(end) = &e.end {
        h.raw(" – ");
        date(h, Some(end), t);
    }
    if e.uncertain {
        h.raw(" <span class=\"tag tag-uncertain\">")
            .text(t.get("date.uncertain"));
        h.raw("</span>");
    }
    h.raw("</p>\n    ");
    if let Some(note) = given(e.date_note) {
        h.raw("<p class=\"date-note\">").text(note).raw("</p>");
    }
    h.raw("\n    ");
    if !e.actors.is_empty() {
        h.raw("<p class=\"actors\">")
            .text(t.get("event.actors"))
            .raw(" ");
        for (i, a) in e.actors.iter().enumerate() {
            h.raw("<a href=\"../")
                .show(a.url)
                .raw("\">")
                .text(a.name)
                .raw("</a>");
            if i + 1 < e.actors.len() {
                h.raw(", ");
            }
        }
        h.raw("</p>");
    }
    h.raw("\n  </header>\n  ");
    if !e.description_html.is_empty() {
        h.raw("<section class=\"prose\" aria-label=\"")
            .text(t.get("event.description"));
        h.raw("\">").raw(e.description_html).raw("</section>");
    }
    h.raw("\n  ");
    if !e.sources.is_empty() {
        sources(h, e, t);
    }
    h.raw("\n</article>\n");
}

/// This page's share of the articles about the event: how each reports it.
fn sources(h: &mut Html, e: &EventView<'_>, t: &Strings) {
    let label = t.get("event.sources");
    h.raw("\n  <section aria-labelledby=\"sources-h\">\n    <h2 id=\"sources-h\">");
    h.text(label).raw("</h2>\n    ");
    for s in e.sources {
        h.raw("\n    <div class=\"source-report\">\n    <h3><a href=\"../");
        h.show(s.article.url).raw("\"><bdi>").text(s.article.title);
        h.raw("</bdi></a> <span class=\"muted\">— <bdi>")
            .text(s.publisher)
            .raw("</bdi></span></h3>\n    ");
        quotes(h, s);
        h.raw("\n    ").raw(&s.mentions_html).raw("\n    ");
        notes_apart(h, &s.notes_html, t);
        h.raw("\n    </div>\n    ");
    }
    h.raw("\n  ");
    pager_nav(h, e.pager.as_ref(), label, t);
    h.raw("</section>\n  ");
}

/// The source's passages annotated with the event.
fn quotes(h: &mut Html, s: &EventSource<'_>) {
    if s.annotations.is_empty() {
        return;
    }
    h.raw("<ul class=\"quotes\">");
    for q in &s.annotations {
        h.raw("<li class=\"q-")
            .text(q.kind)
            .raw("\"><blockquote><a href=\"../");
        h.show(s.article.url)
            .raw("#")
            .show(q.highlight_id)
            .raw("\">“<bdi>")
            .text(q.exact);
        h.raw("</bdi>”</a></blockquote><p><span class=\"tag ann-")
            .text(q.kind)
            .raw("\">");
        h.text(q.label)
            .raw("</span> ")
            .raw(&without_ids(q.note_html));
        h.raw("</p></li>");
    }
    h.raw("</ul>");
}
