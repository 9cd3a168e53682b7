//! The embedded `actor.html`, written natively (see
//! [`native`](crate::render::native)): its `head` and `content` blocks.

use super::ActorView;
use crate::i18n::Strings;
use crate::render::native::macros::{
    event_item, net_legend, notes_apart, pager_head, pager_nav, tl_legend,
};
use crate::render::native::{given, Html};
use crate::util::html::without_ids;

/// The `head` block: the links to the previous and next pages.
pub(super) fn head(h: &mut Html, a: &ActorView<'_>) {
    pager_head(h, a.pager.as_ref());
}

/// The `content` block.
pub(super) fn content(h: &mut Html, a: &ActorView<'_>, t: &Strings) {
    h.raw("\n<article class=\"item\" aria-labelledby=\"item-title\">\n  <header>\n");
    h.raw("    <p class=\"kicker\">")
        .text(a.kind_label)
        .raw("</p>\n");
    h.raw("    <h1 id=\"item-title\">")
        .text(a.name)
        .raw("</h1>\n    ");
    if let Some(role) = given(a.role) {
        h.raw("<p class=\"role\">").text(role).raw("</p>");
    }
    h.raw("\n    ");
    if !a.aliases.is_empty() {
        h.raw("<p class=\"aliases\">")
            .text(t.get("actor.also_written"))
            .raw(" ");
        for (i, alias) in a.aliases.iter().enumerate() {
            h.raw("<span class=\"alias\">").text(alias).raw("</span>");
            if i + 1 < a.aliases.len() {
                h.raw(", ");
            }
        }
        h.raw("</p>");
    }
    h.raw("\n    ");
    stats(h, a, t);
    h.raw("\n  </header>\n  ");
    if a.pager.as_ref().is_none_or(|p| p.number == 1) {
        first_page(h, a, t);
    }
    if !a.mentions.is_empty() {
        mentions(h, a, t);
    }
    h.raw("\n</article>\n");
}

/// The line of counts under the name.
fn stats(h: &mut Html, a: &ActorView<'_>, t: &Strings) {
    h.raw("<p class=\"stats\">");
    h.counted(a.mention_count, "count.mention", t);
    h.raw(" ").text(t.get("actor.in_the_text_of")).raw(" ");
    h.counted(a.text_article_count, "count.article", t);
    if a.article_count > a.text_article_count {
        let said = t.fill("actor.counting_notes", &[("n", &a.article_count)]);
        h.raw(" (").text(&said).raw(")");
    }
    if a.event_count != 0 {
        h.raw(" · ");
        h.counted(a.event_count, "count.event", t);
    }
    if a.quote_count != 0 {
        h.raw(" · ");
        h.counted(a.quote_count, "count.annotated_passage", t);
    }
    h.raw("</p>");
}

/// What only the first page shows: the profile, the events, the actors
/// named with this one and the annotated passages.
fn first_page(h: &mut Html, a: &ActorView<'_>, t: &Strings) {
    if !a.profile_html.is_empty() {
        h.raw("<section class=\"prose profile\" aria-label=\"")
            .text(t.get("actor.profile"));
        h.raw("\">").raw(a.profile_html).raw("</section>");
    }
    h.raw("\n  ");
    events(h, a, t);
    h.raw("\n  ");
    co_actors(h, a, t);
    h.raw("\n  ");
    quotes(h, a, t);
    h.raw("\n  ");
}

/// A chart's figure, captioned by the string at `caption` (which names
/// the actor) and the chart's `legend`; nothing without a chart.
fn chart(
    h: &mut Html,
    (svg, caption): (&Option<String>, &str),
    a: &ActorView<'_>,
    t: &Strings,
    legend: impl FnOnce(&mut Html),
) {
    let Some(svg) = given(svg) else { return };
    h.raw("<figure class=\"chart\">")
        .raw(svg)
        .raw("<figcaption>");
    h.text(&t.get(caption).replace("{name}", a.name)).raw(" ");
    legend(h);
    h.raw("</figcaption></figure>");
}

fn events(h: &mut Html, a: &ActorView<'_>, t: &Strings) {
    if a.events.is_empty() {
        return;
    }
    h.raw("\n  <section class=\"wide\" aria-labelledby=\"events-h\">\n");
    h.raw("    <h2 id=\"events-h\">")
        .text(t.get("actor.events"))
        .raw("</h2>\n    ");
    let caption = "actor.events_caption";
    chart(h, (&a.timeline_svg, caption), a, t, |h| {
        tl_legend(h, false, true, t)
    });
    h.raw("\n    <ol class=\"event-list\">");
    for e in &a.events {
        event_item(h, e, "../", t);
    }
    h.raw("</ol>\n  </section>\n  ");
}

fn co_actors(h: &mut Html, a: &ActorView<'_>, t: &Strings) {
    if a.co_actors.is_empty() {
        return;
    }
    h.raw("\n  <section class=\"wide\" aria-labelledby=\"co-h\">\n");
    h.raw("    <h2 id=\"co-h\">")
        .text(t.get("actor.named_with"))
        .raw("</h2>\n    ");
    let caption = "actor.named_with_caption";
    chart(h, (&a.network_svg, caption), a, t, |h| net_legend(h, t));
    h.raw("\n    <ul class=\"chips\">");
    for c in &a.co_actors {
        h.raw("<li><a href=\"../")
            .show(c.actor.url)
            .raw("\">")
            .text(c.actor.name);
        h.raw("</a> <span class=\"count\">").show(c.count);
        h.raw("<span class=\"visually-hidden\"> ");
        h.text(t.count("count.paragraph", c.count as u64));
        h.raw("</span></span></li>");
    }
    h.raw("</ul>\n  </section>\n  ");
}

fn quotes(h: &mut Html, a: &ActorView<'_>, t: &Strings) {
    if a.quotes.is_empty() {
        return;
    }
    h.raw("\n  <section aria-labelledby=\"quotes-h\">\n    <h2 id=\"quotes-h\">");
    h.text(t.get("actor.annotated_passages"))
        .raw("</h2>\n    <ul class=\"quotes\">");
    for q in &a.quotes {
        let x = &q.annotation;
        h.raw("<li class=\"q-")
            .text(x.kind)
            .raw("\"><blockquote><a href=\"../");
        h.show(q.url)
            .raw("\">“<bdi>")
            .text(x.exact)
            .raw("</bdi>”</a></blockquote><p>");
        h.raw("<span class=\"tag ann-")
            .text(x.kind)
            .raw("\">")
            .text(x.label);
        h.raw("</span> ").raw(&without_ids(x.note_html));
        h.raw(" <span class=\"muted\">— <a href=\"../")
            .show(q.article_url)
            .raw("\"><bdi>");
        h.text(q.article_title).raw("</bdi></a></span></p></li>");
    }
    h.raw("</ul>\n  </section>\n  ");
}

/// This page's share of the mentions, by the page they stand on, and the
/// links to the other pages.
fn mentions(h: &mut Html, a: &ActorView<'_>, t: &Strings) {
    let every = t.get("actor.every_mention");
    h.raw("\n  <section aria-labelledby=\"mentions-h\">\n    <h2 id=\"mentions-h\">");
    h.text(every).raw("</h2>\n    ");
    for g in a.mentions {
        h.raw("\n    <h3 class=\"mention-source\"><a href=\"../")
            .text(&g.url);
        h.raw("\"><bdi>")
            .text(g.title)
            .raw("</bdi></a> <span class=\"muted\">");
        h.text(t.get(&format!("kind.{}", g.kind)));
        // A source that names the actor only in the dossier's notes.
        if g.count > 0 {
            h.raw(" · ").show(g.count);
        }
        h.raw("</span></h3>\n    ")
            .raw(&g.mentions_html)
            .raw("\n    ");
        notes_apart(h, &g.notes_html, t);
        h.raw("\n    ");
    }
    h.raw("\n  ");
    pager_nav(h, a.pager.as_ref(), every, t);
    h.raw("</section>\n  ");
}
