//! The embedded `print.html`, written natively (see
//! [`native`](crate::render::native)): its `title` and `content` blocks.

use super::{Endnote, Item, PrintPage, Section, Shared};
use crate::i18n::Strings;
use crate::render::context::Url;
use crate::render::native::macros::{date, neighbour_links};
use crate::render::native::{given, Html};

/// `{n}` and `{total}` of the string at `key` filled with `n` and `total`.
fn part(t: &Strings, key: &str, n: usize, total: usize) -> String {
    t.fill(key, &[("n", &n), ("total", &total)])
}

/// The `title` block: the print title, and which part this page is.
pub(super) fn title(p: &PrintPage<'_>, t: &Strings) -> String {
    let mut title = t.get("print.title").to_string();
    if p.pages > 1 {
        title += &part(t, "print.part_suffix", p.number, p.pages);
    }
    title
}

/// The `head` block: the links to the previous and next parts.
pub(super) fn head(h: &mut Html, p: &PrintPage<'_>) {
    neighbour_links(h, p.prev.as_deref(), p.next.as_deref());
}

/// The `content` block.
pub(super) fn content(h: &mut Html, p: &PrintPage<'_>, site_title: &str, t: &Strings) {
    h.raw("\n");
    pager(h, p, t.get("print.pages_label"), t);
    h.raw("\n<h1>").text(site_title);
    if p.pages > 1 {
        h.raw(" <span class=\"muted\">— ")
            .text(&part(t, "print.part_of", p.number, p.pages));
        h.raw("</span>");
    }
    h.raw("</h1>\n");
    if p.number == 1 {
        h.raw("<p class=\"lede no-print\">");
        match p.pages {
            1 => h.text(t.get("print.lede_one")),
            n => h.text(&t.fill("print.lede_pages", &[("n", &n)])),
        };
        h.raw("</p>");
    }
    h.raw("\n");
    for (i, s) in p.sections.iter().enumerate() {
        h.raw("\n\n");
        section(h, s, i + 1, t);
        h.raw("\n");
    }
    h.raw("\n");
    pager(h, p, t.get("print.pages_label_again"), t);
    h.raw("\n");
}

/// The template's `pager` macro: the links to the other parts.
fn pager(h: &mut Html, p: &PrintPage<'_>, label: &str, t: &Strings) {
    if p.pages <= 1 {
        return;
    }
    h.raw("<nav class=\"print-pages\" aria-label=\"")
        .text(label)
        .raw("\">");
    match given(&p.prev) {
        Some(prev) => {
            h.raw("<a href=\"").text(prev).raw("\" rel=\"prev\">← ");
            h.text(&t.fill("print.part", &[("n", &(p.number - 1))]));
            h.raw("</a>")
        }
        None => h.raw("<span></span>"),
    };
    h.raw("<span>")
        .text(&part(t, "print.part_of", p.number, p.pages));
    h.raw("</span>");
    match given(&p.next) {
        Some(next) => {
            h.raw("<a href=\"").text(next).raw("\" rel=\"next\">");
            h.text(&t.fill("print.part", &[("n", &(p.number + 1))]));
            h.raw(" →</a>")
        }
        None => h.raw("<span></span>"),
    };
    h.raw("</nav>");
}

/// A section's heading: its name, and whether it began on an earlier part.
fn heading(h: &mut Html, s: &Section<'_>, id: &str, name: &str, t: &Strings) {
    h.raw("\n<section aria-labelledby=\"").raw(id).raw("\">\n");
    h.raw("<h2 class=\"print-section\" id=\"")
        .raw(id)
        .raw("\">")
        .text(t.get(name));
    if s.continued {
        h.raw(" ").text(t.get("print.continued"));
    }
    h.raw("</h2>\n");
}

/// One run of items of a kind (`index`: its place on the page, from 1).
fn section(h: &mut Html, s: &Section<'_>, index: usize, t: &Strings) {
    let id = |name: &str| format!("print-{name}-h-{index}");
    match s.kind {
        "overview" => heading(h, s, "print-overview-h", "nav.overview", t),
        "articles" => heading(h, s, &id("articles"), "print.articles", t),
        "actors" => heading(h, s, &id("actors"), "nav.actors", t),
        "events" => heading(h, s, &id("events"), "print.events", t),
        "timeline" => {
            heading(h, s, &id("timeline"), "nav.timeline", t);
            h.raw("<ol class=\"print-timeline\">\n");
        }
        _ => return,
    }
    for item in &s.items {
        self::item(h, item, t);
    }
    if s.kind == "timeline" {
        h.raw("</ol>");
    }
    h.raw("\n</section>\n");
}

fn item(h: &mut Html, item: &Item<'_>, t: &Strings) {
    match item {
        Item::Overview { html } => {
            h.raw("<div class=\"prose\">").raw(html).raw("</div>");
        }
        Item::Article { .. } => article(h, item, t),
        Item::Actor {
            anchor,
            name,
            url,
            kind,
            role,
            html,
            ..
        } => {
            item_head(h, anchor, url, name);
            h.text(t.get(&format!("actor.{kind}")));
            if let Some(role) = role.filter(|r| !r.is_empty()) {
                h.raw(" · ").text(role);
            }
            item_tail(h, html);
        }
        Item::Event {
            anchor,
            title,
            url,
            date: from,
            end,
            uncertain,
            date_note,
            html,
            ..
        } => {
            item_head(h, anchor, url, title);
            date(h, Some(from), t);
            if let Some(end) = end {
                h.raw(" – ");
                date(h, Some(end), t);
            }
            uncertain_tag(h, *uncertain, t);
            h.raw("</p>\n");
            if let Some(note) = given(date_note) {
                h.raw("<p class=\"date-note\">").text(note).raw("</p>\n");
            }
            item_text(h, html);
        }
        Item::Moment {
            title,
            date: when,
            end,
            uncertain,
            href,
            ..
        } => {
            h.raw("<li><span class=\"timeline-date\">");
            date(h, Some(when), t);
            if let Some(end) = end {
                h.raw(" – ");
                date(h, Some(end), t);
            }
            h.raw("</span> <a href=\"")
                .text(href)
                .raw("\">")
                .text(title)
                .raw("</a>");
            uncertain_tag(h, *uncertain, t);
            h.raw("</li>\n");
        }
    }
}

/// An actor's or event's item up to its line of facts: its heading.
fn item_head(h: &mut Html, anchor: &str, url: &Url<'_>, name: &str) {
    h.raw("\n<div class=\"print-item\" id=\"").text(anchor);
    h.raw("\">\n<h3><a href=\"").show(url).raw("\">").text(name);
    h.raw("</a></h3>\n<p class=\"muted\">");
}

/// The end of an actor's or event's item, after its line of facts: its text.
fn item_tail(h: &mut Html, html: &Shared) {
    h.raw("</p>\n");
    item_text(h, html);
}

/// An item's text, and the end of the item.
fn item_text(h: &mut Html, html: &Shared) {
    h.raw("<div class=\"prose\">")
        .raw(&html.0)
        .raw("</div>\n</div>\n");
}

fn uncertain_tag(h: &mut Html, uncertain: bool, t: &Strings) {
    if uncertain {
        h.raw(" <span class=\"tag tag-uncertain\">")
            .text(t.get("date.uncertain"));
        h.raw("</span>");
    }
}

/// An article: its heading, body and endnotes.
fn article(h: &mut Html, item: &Item<'_>, t: &Strings) {
    let Item::Article {
        anchor,
        title,
        url,
        publisher,
        published,
        date_note,
        via,
        translated_from_name,
        text_lang,
        text_dir,
        interface_dir,
        body_html,
        notes,
        ..
    } = item
    else {
        return;
    };
    let text = TextAttrs(*text_lang, *text_dir);
    let interface = TextAttrs(None, *interface_dir);
    h.raw("\n<article class=\"print-item print-article\" id=\"")
        .text(anchor)
        .raw("\"");
    TextAttrs(None, *text_dir).write(h);
    h.raw(" aria-labelledby=\"")
        .text(anchor)
        .raw("-h\">\n<h3 id=\"")
        .text(anchor);
    h.raw("-h\"");
    text.write(h);
    h.raw("><a href=\"")
        .show(url)
        .raw("\">")
        .text(title)
        .raw("</a></h3>\n");
    h.raw("<p class=\"muted\"");
    interface.write(h);
    h.raw("><bdi>").text(publisher).raw("</bdi> · ");
    match published {
        Some(d) => date(h, Some(d), t),
        None => {
            h.raw("<span class=\"tag tag-undated\">")
                .text(t.get("date.undated"))
                .raw("</span>");
        }
    }
    if let Some(note) = given(date_note) {
        h.raw(" — ").text(note);
    }
    if let Some(via) = given(via) {
        h.raw(" · ").text(t.get("sources.via")).raw(" ").text(via);
    }
    if let Some(language) = given(translated_from_name) {
        let from = t.fill("article.translated_from", &[("language", &language)]);
        h.raw(" · ").text(&from);
    }
    h.raw("</p>\n<div class=\"article-body prose\"");
    text.write(h);
    h.raw(">\n").raw(&body_html.0);
    h.raw("\n</div>\n");
    let notes = &notes.0.notes;
    if !notes.is_empty() {
        h.raw("<h4 id=\"").text(anchor).raw("-notes\"");
        interface.write(h);
        h.raw(">").text(t.get("print.notes"));
        h.raw("</h4>\n<ol class=\"endnotes\"");
        interface.write(h);
        h.raw(" aria-labelledby=\"").text(anchor);
        h.raw("-notes\">\n");
        for n in notes {
            endnote(h, n, &text, t);
        }
        h.raw("</ol>");
    }
    h.raw("\n</article>\n");
}

/// An article's language and direction, when not the site's.
struct TextAttrs<'a>(Option<&'a str>, Option<&'static str>);

impl TextAttrs<'_> {
    /// ` lang="…"` and ` dir="…"`, each when set.
    fn write(&self, h: &mut Html) {
        if let Some(lang) = self.0.filter(|l| !l.is_empty()) {
            h.raw(" lang=\"").text(lang).raw("\"");
        }
        if let Some(dir) = self.1 {
            h.raw(" dir=\"").text(dir).raw("\"");
        }
    }
}

fn endnote(h: &mut Html, n: &Endnote, text: &TextAttrs<'_>, t: &Strings) {
    let back = t.fill("print.back_to_note", &[("n", &n.number)]);
    h.raw("<li value=\"")
        .show(n.number)
        .raw("\" id=\"")
        .text(&n.anchor);
    h.raw("\"><a href=\"#")
        .text(&n.highlight)
        .raw("\" aria-label=\"")
        .text(&back);
    h.raw("\">↩</a> <span class=\"tag ann-")
        .text(n.kind)
        .raw("\">")
        .text(&n.label);
    h.raw("</span> <span class=\"an-quote\">“<bdi");
    text.write(h);
    h.raw(">").text(&n.exact).raw("</bdi>”</span> — ");
    h.raw(&n.note_html).raw("</li>\n");
}
