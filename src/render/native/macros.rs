//! The macros of `macros.html` the native pages call.

use super::{given, Html};
use crate::i18n::Strings;
use crate::render::context::{DateView, EventSummary, KindLabel};
use crate::render::paginate::Pager;

/// The `date` macro.
pub(in crate::render) fn date(h: &mut Html, d: Option<&DateView>, t: &Strings) {
    let Some(d) = d else { return };
    h.raw("<time datetime=\"").text(&d.iso).raw("\"");
    if d.partial {
        h.raw(" class=\"partial-date\"");
    }
    h.raw(">").text(&d.human).raw("</time>");
    if d.partial {
        let only = match d.precision {
            "month" => "date.month_only",
            "year" => "date.year_only",
            _ => "date.day_only",
        };
        h.raw(" <span class=\"tag tag-partial\">").text(t.get(only));
        h.raw("</span>");
    }
}

/// The `event_item` macro: an event in a list, its link after `prefix`.
pub(in crate::render) fn event_item(h: &mut Html, e: &EventSummary<'_>, prefix: &str, t: &Strings) {
    h.raw("<li><span class=\"ev-date\">");
    date(h, Some(&e.event.date), t);
    if let Some(end) = &e.end {
        h.raw(" – ");
        date(h, Some(end), t);
    }
    h.raw("</span> <span><a href=\"")
        .text(prefix)
        .show(e.event.url);
    h.raw("\">").text(e.event.title).raw("</a>");
    if e.uncertain {
        h.raw(" <span class=\"tag tag-uncertain\">")
            .text(t.get("date.uncertain"));
        h.raw("</span>");
    }
    h.raw("</span></li>");
}

/// The `ann_legend` macro, of the `kinds` given (`only`).
pub(in crate::render) fn ann_legend(
    h: &mut Html,
    all: &[KindLabel<'_>],
    only: &[&str],
    t: &Strings,
) {
    h.raw("<ul class=\"legend\" aria-label=\"");
    h.text(t.get("annotation.kinds_label")).raw("\">");
    for k in all
        .iter()
        .filter(|k| only.is_empty() || only.contains(&k.kind))
    {
        h.raw("<li><span class=\"swatch ann-")
            .text(k.kind)
            .raw("\"></span><strong>");
        h.text(k.label)
            .raw("</strong>: ")
            .text(k.description)
            .raw("</li>");
    }
    h.raw("</ul>");
}

/// The `ann_legend_compact` macro, of the `kinds` given (`only`).
pub(in crate::render) fn ann_legend_compact(
    h: &mut Html,
    all: &[KindLabel<'_>],
    only: &[&str],
    t: &Strings,
) {
    h.raw("<ul class=\"legend legend-compact\" aria-label=\"");
    h.text(t.get("annotation.highlights_label"));
    h.raw("\"><li class=\"legend-title\">")
        .text(t.get("annotation.highlights"));
    h.raw("</li>");
    for k in all
        .iter()
        .filter(|k| only.is_empty() || only.contains(&k.kind))
    {
        h.raw("<li><span class=\"swatch ann-")
            .text(k.kind)
            .raw("\"></span>");
        h.text(k.label).raw("</li>");
    }
    h.raw("</ul>");
}

/// The `tl_legend` macro (`full`: with articles; `context`: with the
/// events of the dossier around an actor's).
pub(in crate::render) fn tl_legend(h: &mut Html, full: bool, context: bool, t: &Strings) {
    h.raw("<ul class=\"chart-legend\" aria-label=\"")
        .text(t.get("legend.timeline"));
    h.raw("\">");
    let mut entries = vec![
        ("lg-day", "legend.day"),
        ("lg-span", "legend.span"),
        ("lg-period", "legend.period"),
        ("lg-uncertain", "legend.uncertain"),
    ];
    if full {
        entries.push(("lg-article", "legend.article"));
    }
    if context {
        entries.push(("lg-context", "legend.context"));
    }
    legend_entries(h, &entries, t);
}

/// The `net_legend` macro.
pub(in crate::render) fn net_legend(h: &mut Html, t: &Strings) {
    h.raw("<ul class=\"chart-legend\" aria-label=\"")
        .text(t.get("legend.network"));
    h.raw("\">");
    let entries = [
        ("lg-node lg-person", "legend.person"),
        ("lg-node lg-organisation", "legend.organisation"),
        ("lg-node lg-state", "legend.state"),
        ("lg-edge", "legend.edge"),
    ];
    legend_entries(h, &entries, t);
}

/// A chart legend's entries, each a swatch of `class` and its label, and
/// the end of the list.
fn legend_entries(h: &mut Html, entries: &[(&str, &str)], t: &Strings) {
    for (class, label) in entries {
        h.raw("<li><span class=\"lg ").raw(class).raw("\"></span>");
        h.text(t.get(label)).raw("</li>");
    }
    h.raw("</ul>");
}

/// The `pager_head` macro: the links to the previous and next pages.
pub(in crate::render) fn pager_head(h: &mut Html, p: Option<&Pager>) {
    let Some(p) = p else { return };
    neighbour_links(h, given(&p.prev), given(&p.next));
}

/// `<link rel="prev">` and `<link rel="next">` for the head, where there
/// is a page before or after (a list's pages, the print pages).
pub(in crate::render) fn neighbour_links(h: &mut Html, prev: Option<&str>, next: Option<&str>) {
    if let Some(prev) = prev {
        h.raw("<link rel=\"prev\" href=\"").text(prev).raw("\">\n");
    }
    if let Some(next) = next {
        h.raw("<link rel=\"next\" href=\"").text(next).raw("\">\n");
    }
}

/// The `pager_nav` macro: where the page is in its list (`label`), and
/// the links to the others.
pub(in crate::render) fn pager_nav(h: &mut Html, p: Option<&Pager>, label: &str, t: &Strings) {
    let Some(p) = p else { return };
    let place = t.fill("pager.page_of", &[("n", &p.number), ("total", &p.total)]);
    let nav_label = t.fill("pager.nav_label", &[("label", &label), ("where", &place)]);
    h.raw("<nav class=\"pager\" aria-label=\"").text(&nav_label);
    h.raw("\"><p class=\"pager-where\">")
        .text(&place)
        .raw("</p><ul>");
    if let Some(prev) = given(&p.prev) {
        h.raw("<li><a href=\"").text(prev).raw("\" rel=\"prev\">");
        h.text(t.get("pager.previous")).raw("</a></li>");
    }
    for l in &p.pages {
        h.raw("<li><a href=\"").text(&l.href).raw("\"");
        if l.current {
            h.raw(" aria-current=\"page\"");
        }
        h.raw(">").show(l.number).raw("</a></li>");
    }
    if let Some(next) = given(&p.next) {
        h.raw("<li><a href=\"").text(next).raw("\" rel=\"next\">");
        h.text(t.get("pager.next")).raw("</a></li>");
    }
    h.raw("</ul></nav>");
}

/// A source's mentions in the dossier's side notes, apart from its own
/// words and under a heading that says whose words they are (nothing when
/// there are none): `{% if notes_html %}<p class="muted in-notes">…` in
/// `actor.html` and `event.html`.
pub(crate) fn notes_apart(h: &mut Html, notes_html: &str, t: &Strings) {
    if !notes_html.is_empty() {
        h.raw("<p class=\"muted in-notes\">")
            .text(t.get("annotation.in_notes"))
            .raw("</p>")
            .raw(notes_html);
    }
}
