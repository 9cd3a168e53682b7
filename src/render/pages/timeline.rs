//! The timeline (`timeline.html`, template `timeline.html`): every event and
//! dated article in date order, the undated articles after, and the full
//! chart.

use super::{Emit, Renderer};
use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::model::{Article, Event, PartialDate};
use crate::output::OutputFile;
use crate::render::charts;
use crate::render::context::{DateView, Url};
use serde::Serialize;

#[derive(Serialize)]
struct Timeline<'a> {
    entries: Vec<Entry<'a>>,
    undated: Vec<Entry<'a>>,
    timeline_svg: Option<String>,
}

/// An event or an article on the timeline, told apart by `kind`.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Entry<'a> {
    Event {
        title: &'a str,
        url: Url<'a>,
        date: DateView,
        end: Option<DateView>,
        uncertain: bool,
        note: &'a Option<String>,
    },
    Article {
        title: &'a str,
        url: Url<'a>,
        date: Option<DateView>,
        note: &'a Option<String>,
        uncertain: bool,
    },
}

impl<'a> Entry<'a> {
    fn event(e: &'a Event, t: &Strings) -> Self {
        Entry::Event {
            title: &e.title,
            url: Url::event(&e.slug),
            date: DateView::new(&e.date, t),
            end: DateView::of(&e.end, t),
            uncertain: e.date_uncertain,
            note: &e.date_note,
        }
    }
    fn article(a: &'a Article, t: &Strings) -> Self {
        Entry::Article {
            title: &a.title,
            url: Url::article(&a.slug),
            date: DateView::of(&a.published, t),
            note: &a.date_note,
            uncertain: false,
        }
    }
}

pub(super) fn pages(r: &Renderer<'_>, emit: &Emit<'_>) {
    emit(page(r));
}

fn page(r: &Renderer<'_>) -> Result<OutputFile, Diagnostic> {
    let d = r.d();
    // By date; on one date events before articles, then by slug.
    let mut entries: Vec<(PartialDate, u8, &str, Entry)> = d
        .events
        .iter()
        .map(|e| (e.date, 0, e.slug.as_str(), Entry::event(e, r.t())))
        .collect();
    let mut undated = Vec::new();
    for a in &d.articles {
        match a.published {
            Some(p) => entries.push((p, 1, &a.slug, Entry::article(a, r.t()))),
            None => undated.push(Entry::article(a, r.t())),
        }
    }
    entries.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.cmp(&y.1)).then(x.2.cmp(y.2)));
    let path = "timeline.html";
    let base = r
        .chrome
        .base(path, r.t().get("nav.timeline"), "timeline", None);
    let timeline = Timeline {
        entries: entries.into_iter().map(|e| e.3).collect(),
        undated,
        timeline_svg: charts::timeline(d, &r.sorted_events(), &base.root, charts::Size::Full),
    };
    r.page("timeline.html", path, base, timeline)
}
