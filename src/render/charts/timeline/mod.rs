//! The timeline: events (and, on the timeline page, dated articles) as
//! marks on a date axis. `marks` turns them into marks, `strip` and `full`
//! lay out the two sizes, `describe` words them, `draw` writes one mark.

mod describe;
mod draw;
mod full;
mod marks;
mod strip;

use super::axis::Scale;
use super::markup::SvgFrame;
use super::{NARROW, WIDE};
use crate::model::{Dossier, Event};
use marks::Mark;
use std::collections::BTreeSet;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Size {
    /// A small strip (index, actor pages): marks stacked in lanes, no labels.
    Strip,
    /// The full timeline page: one labelled row per event and per article.
    Full,
    /// The full timeline page of a dossier with too many articles to give
    /// each a row: one labelled row per event.
    FullEventsOnly,
}

/// A timeline of `events` (in date order), drawn twice (wide and narrow).
/// `Size::Full` also places the dated articles; `Size::Strip` draws the
/// dossier's other events faintly behind them when `events` is a subset.
pub(crate) fn timeline(d: &Dossier, events: &[&Event], root: &str, size: Size) -> Option<String> {
    if events.is_empty() {
        return None;
    }
    let t = &d.config.interface_strings;
    let marks: Vec<Mark> = events
        .iter()
        .map(|e| Mark::event(t, e, root, false))
        .collect();
    let context = match size {
        Size::Strip => context_marks(d, events, root),
        Size::Full | Size::FullEventsOnly => Vec::new(),
    };
    let articles = match size {
        Size::Full => article_marks(d, root),
        Size::Strip | Size::FullEventsOnly => Vec::new(),
    };
    let (d0, d1) = marks::padded_days(marks.iter().chain(&context).chain(&articles))?;
    let title = describe::timeline_title(t, size);
    let desc = describe::describe_timeline(t, events, articles.len(), !context.is_empty())?;
    let months = t.month_names();

    let mut out = String::new();
    for narrow in [false, true] {
        let width = if narrow { NARROW } else { WIDE };
        let scale = Scale {
            d0,
            d1,
            x0: 8.0,
            x1: width - 8.0,
            months: &months,
        };
        let class = svg_class(size, narrow);
        let frame = |height| SvgFrame {
            class: &class,
            id: if narrow { "tl-n" } else { "tl-w" },
            width,
            height,
            title,
            desc: &desc,
        };
        match size {
            Size::Strip => {
                let layout = strip::layout(&scale, &marks, &context);
                frame(layout.height).open(&mut out);
                layout.write(&mut out);
            }
            Size::Full | Size::FullEventsOnly => {
                let heading = t.get("chart.articles_published");
                let layout = full::layout(&scale, &marks, &articles, narrow, heading);
                frame(layout.height).open(&mut out);
                layout.write(&mut out);
            }
        }
        out.push_str("</svg>");
    }
    Some(out)
}

/// The classes of the `<svg>`: which size, which screen.
fn svg_class(size: Size, narrow: bool) -> String {
    let size = match size {
        Size::Full | Size::FullEventsOnly => "tl-full",
        Size::Strip => "tl-strip",
    };
    let screen = if narrow { "svg-narrow" } else { "svg-wide" };
    format!("tl {size} {screen}")
}

/// The dossier's events not in `events`, in date order, as faint marks.
fn context_marks(d: &Dossier, events: &[&Event], root: &str) -> Vec<Mark> {
    let mine: BTreeSet<&str> = events.iter().map(|e| e.slug.as_str()).collect();
    if mine.len() >= d.events.len() {
        return Vec::new();
    }
    let mut others: Vec<&Event> = d
        .events
        .iter()
        .filter(|e| !mine.contains(e.slug.as_str()))
        .collect();
    others.sort_by(|x, y| x.date.cmp(&y.date).then(x.slug.cmp(&y.slug)));
    others
        .into_iter()
        .map(|e| Mark::event(&d.config.interface_strings, e, root, true))
        .collect()
}

/// The dossier's dated articles, in order of publication.
fn article_marks(d: &Dossier, root: &str) -> Vec<Mark> {
    let mut dated: Vec<_> = d
        .articles
        .iter()
        .filter_map(|a| a.published.map(|p| (p, a)))
        .collect();
    dated.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.slug.cmp(&y.1.slug)));
    dated
        .into_iter()
        .map(|(p, a)| Mark::article(&d.config.interface_strings, a, p, root))
        .collect()
}
