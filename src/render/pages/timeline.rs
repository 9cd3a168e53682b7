//! The timeline (`timeline.html`, template `timeline.html`): every event and
//! dated article in date order, the undated articles after, and the full
//! chart.

use super::{Base, Emit, Renderer};
use crate::i18n::Strings;
use crate::model::{Article, Event, ItemId, PartialDate};
use crate::render::charts;
use crate::render::context::{DateView, Url};
use crate::render::paginate::{numbered_title, paginate, ListPage, Pager};
use rayon::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
struct Timeline<'a> {
    entries: Vec<&'a Entry<'a>>,
    undated: Vec<&'a Entry<'a>>,
    timeline_svg: Option<String>,
    /// Whether the chart has a row per dated article (else events only).
    chart_articles: bool,
    pager: Option<Pager>,
}

/// Dated articles the timeline chart gives a row each: more would make a
/// chart no one reads and a page of megabytes (10,000 rows are 9 MB).
const CHART_ARTICLES_MAX: usize = 500;

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

/// Hands its pages to [`Renderer::hand_over`], not to `emit`: `serve` keeps
/// them by their signature.
pub(super) fn pages(r: &Renderer<'_>, _: &Emit<'_>) {
    let d = r.d();
    // By date; on one date events before articles, then by slug.
    let mut dated: Vec<(PartialDate, u8, &str, ItemId, Entry)> = (d.events.with_ids())
        .map(|(id, e)| {
            (
                e.date,
                0,
                e.slug.as_str(),
                id.into(),
                Entry::event(e, r.t()),
            )
        })
        .collect();
    let mut undated = Vec::new();
    for (id, a) in d.articles.with_ids() {
        let entry = Entry::article(a, r.t());
        match a.published {
            Some(p) => dated.push((p, 1, &a.slug, id.into(), entry)),
            None => undated.push((true, id.into(), entry)),
        }
    }
    dated.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.cmp(&y.1)).then(x.2.cmp(y.2)));
    // One list, the undated after the dated, split into pages.
    let entries: Vec<Listed> = (dated.into_iter().map(|e| (false, e.3, e.4)))
        .chain(undated)
        .collect();
    // The chart is on the first page. It gives every dated article a row
    // of its own only while they are few enough to read (and to keep the
    // page small); past that it draws the events, and the list gives the
    // articles.
    let chart_articles = d.articles.len() <= CHART_ARTICLES_MAX;
    paginate("timeline.html", &entries, r.page_size())
        .into_par_iter()
        .for_each(|list| {
            let path = list.path.clone();
            match &list.pager {
                // The pages after the first are made of their entries' own
                // texts alone. (An event's edit rebuilds every page today;
                // were it redone alone, its texts would have to be among
                // those a build counts as changed, as an article's are.)
                Some(p) if p.number > 1 => {
                    let items = list.items.iter().map(|e| e.1);
                    let place = (p.number, p.total, chart_articles);
                    let make = || {
                        let (base, timeline) = page(r, list, chart_articles);
                        r.page("timeline.html", &path, base, timeline)
                    };
                    r.list_page_of_items(&path, place, items, make);
                }
                _ => {
                    let (base, timeline) = page(r, list, chart_articles);
                    r.list_page("timeline.html", &path, base, timeline);
                }
            }
        });
}

/// An entry, whether it is undated, and its item.
type Listed<'a> = (bool, ItemId, Entry<'a>);

/// The chrome of the page of `list` and what its template is given.
fn page<'a>(
    r: &'a Renderer<'_>,
    list: ListPage<'a, Listed<'a>>,
    chart_articles: bool,
) -> (Base<'a>, Timeline<'a>) {
    let d = r.d();
    let name = r.t().get("nav.timeline");
    let title = (list.pager.as_ref()).map_or(name.into(), |p| {
        numbered_title(r.t(), name, p.number, p.total)
    });
    let base = r.chrome.base(&list.path, title, "timeline", None);
    let split = list.items.partition_point(|e| !e.0);
    let (dated, undated) = list.items.split_at(split);
    let timeline_svg = if list.number() == 1 {
        let size = if chart_articles {
            charts::Size::Full
        } else {
            charts::Size::FullEventsOnly
        };
        charts::timeline(d, &r.sorted_events(), &base.root, size)
    } else {
        None
    };
    let timeline = Timeline {
        entries: dated.iter().map(|e| &e.2).collect(),
        undated: undated.iter().map(|e| &e.2).collect(),
        timeline_svg,
        chart_articles,
        pager: list.pager,
    };
    (base, timeline)
}
