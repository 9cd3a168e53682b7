//! Pictures drawn at build time as inline SVG: a timeline and an actor
//! network. The layout is deterministic (sorted input, fixed arithmetic, no
//! randomness, no iteration to convergence) and needs no script.
//!
//! Every picture is drawn twice, for a wide screen and for a phone (the
//! stylesheet shows one: `.svg-wide` / `.svg-narrow`), so that its text stays
//! readable instead of being scaled down. Each has a `<title>`, a `<desc>`
//! that states its content in words, a link per mark, and the lists beside it
//! on the page carry the same facts. Colours come from CSS classes only, so
//! light, dark and print follow the theme.

use crate::link::markdown::escape_html;
use crate::model::date::{civil_from_days, days_from_civil, month_name};
use crate::model::{ActorKind, Dossier, Event};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;

mod num;
mod text_metrics;

use num::Num;
use text_metrics::{fit, text_w};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// A small strip (index, actor pages): marks stacked in lanes, no labels.
    Strip,
    /// The full timeline page: one labelled row per event and per article.
    Full,
}

/// Width of the wide drawings (natural size on a desktop screen).
const WIDE: f64 = 1040.0;
/// Width of the phone drawings (natural size in a 390 px window).
const NARROW: f64 = 350.0;

// ---------------------------------------------------------------- timeline

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A single known day.
    Day,
    /// From a date to an end date.
    Span,
    /// A date known only to the month or year: the whole period.
    Period,
    /// An article's publication.
    Article,
}

struct Mark {
    href: String,
    label: String,
    /// Accessible name and tooltip: date, title, how sure.
    name: String,
    start: i64,
    /// Exclusive.
    end: i64,
    shape: Shape,
    /// Only the month or year is known (of the date or of the end).
    partial: bool,
    uncertain: bool,
    /// Drawn faintly without a link (the other events on an actor's strip).
    context: bool,
}

impl Mark {
    fn event(e: &Event, root: &str, context: bool) -> Mark {
        let (s, t0) = e.date.day_span();
        let t = e.end.map(|x| x.day_span().1).unwrap_or(t0).max(t0);
        let shape = if e.end.is_some() {
            Shape::Span
        } else if e.date.is_partial() {
            Shape::Period
        } else {
            Shape::Day
        };
        let when = match &e.end {
            Some(end) => format!("{} – {}", e.date.human(), end.human()),
            None => e.date.human(),
        };
        let mut name = format!("{when}: {}", e.title);
        if e.date.is_partial() && e.end.is_none() {
            let _ = write!(name, " (only the {} is known)", e.date.precision());
        }
        if e.date_uncertain {
            name.push_str(" (date uncertain)");
        }
        Mark {
            href: format!("{root}events/{}.html", e.slug),
            label: e.title.clone(),
            name,
            start: s,
            end: t,
            shape,
            partial: e.date.is_partial() || e.end.is_some_and(|x| x.is_partial()),
            uncertain: e.date_uncertain,
            context,
        }
    }

    fn classes(&self) -> String {
        let mut c = String::from("tl-mark");
        c.push_str(match self.shape {
            Shape::Day => " tl-day",
            Shape::Span => " tl-span",
            Shape::Period => " tl-period",
            Shape::Article => " tl-article",
        });
        if self.partial {
            c.push_str(" tl-partial");
        }
        if self.uncertain {
            c.push_str(" tl-uncertain");
        }
        if self.context {
            c.push_str(" tl-context");
        }
        c
    }
}

/// Day numbers → x, over [d0, d1).
struct Scale {
    d0: i64,
    d1: i64,
    x0: f64,
    x1: f64,
}

impl Scale {
    fn ppd(&self) -> f64 {
        (self.x1 - self.x0) / (self.d1 - self.d0) as f64
    }
    fn x(&self, d: i64) -> f64 {
        self.x0 + (d - self.d0) as f64 * self.ppd()
    }
    /// Left and right edge of a mark; a day is at least `min` wide.
    fn extent(&self, m: &Mark, min: f64) -> (f64, f64) {
        let (a, b) = (self.x(m.start), self.x(m.end));
        if m.shape == Shape::Article {
            let c = (a + b) / 2.0;
            return (c - 5.0, c + 5.0);
        }
        if b - a >= min {
            (a, b)
        } else {
            let c = (a + b) / 2.0;
            (c - min / 2.0, c + min / 2.0)
        }
    }
}

/// The date axis: period bands (months, or years for long spans) with
/// their names, and labelled day (or month) ticks with light grid lines
/// down to `bottom`.
fn axis(s: &Scale, top: f64, bottom: f64, out: &mut String) {
    let long = s.d1 - s.d0 > 400;
    // Bands.
    let mut bands: Vec<(i64, i64, String, String)> = Vec::new(); // start, end, long name, short name
    let (y0, m0, _) = civil_from_days(s.d0);
    let (mut y, mut m) = (y0, if long { 1 } else { m0 });
    loop {
        let start = days_from_civil((y, m, 1));
        let (ny, nm) = if long || m == 12 {
            (y + 1, 1)
        } else {
            (y, m + 1)
        };
        let end = days_from_civil((ny, nm, 1));
        if start >= s.d1 {
            break;
        }
        if end > s.d0 {
            let (full, short) = if long {
                (y.to_string(), y.to_string())
            } else {
                let name = month_name(m);
                (format!("{name} {y}"), format!("{} {y}", &name[..3]))
            };
            bands.push((start.max(s.d0), end.min(s.d1), full, short));
        }
        y = ny;
        m = nm;
    }
    for (i, (a, b, full, short)) in bands.iter().enumerate() {
        let xa = s.x(*a);
        let xb = s.x(*b);
        if i > 0 {
            let _ = write!(
                out,
                "<line class=\"tl-grid-major\" x1=\"{xa:.1}\" x2=\"{xa:.1}\" y1=\"{top:.1}\" y2=\"{bottom:.1}\"/>", xa = Num(xa), top = Num(top), bottom = Num(bottom)
            );
        }
        let room = xb - xa - 6.0;
        // Years may be short (`-9`, `12`): cut by characters, never bytes.
        let shortest: String = short.chars().take(3).collect();
        let label = if text_w(full, 12.0) <= room {
            full.clone()
        } else if text_w(short, 12.0) <= room {
            short.clone()
        } else if text_w(&shortest, 12.0) <= room {
            shortest
        } else {
            String::new()
        };
        if !label.is_empty() {
            let _ = write!(
                out,
                "<text class=\"tl-band\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                Num(xa + 4.0),
                Num(top + 12.0),
                escape_html(&label)
            );
        }
    }
    // Ticks: the candidate days (or months), then drop those too close.
    let ppd = s.ppd();
    let gap = 22.0;
    let mut ticks: Vec<(i64, String)> = Vec::new();
    for day in s.d0..s.d1 {
        let (_, mo, dd) = civil_from_days(day);
        let take = if long {
            dd == 1 && (ppd * 30.0 >= 26.0 || (ppd * 91.0 >= 26.0 && (mo - 1) % 3 == 0))
        } else if ppd >= gap {
            true
        } else if ppd * 2.0 >= gap {
            dd % 2 == 1 && dd != 31
        } else if ppd * 7.0 >= gap {
            matches!(dd, 1 | 8 | 15 | 22 | 29)
        } else if ppd * 14.0 >= gap {
            matches!(dd, 1 | 15)
        } else {
            false
        };
        if !take {
            continue;
        }
        let label = if long {
            month_name(mo)[..1].to_string()
        } else {
            dd.to_string()
        };
        let x = if long { s.x(day) } else { s.x(day) + ppd / 2.0 };
        if let Some((prev, _)) = ticks.last() {
            let px = if long {
                s.x(*prev)
            } else {
                s.x(*prev) + ppd / 2.0
            };
            if x - px < gap {
                // Keep the first of a month over the day before it.
                if dd == 1 {
                    ticks.pop();
                } else {
                    continue;
                }
            }
        }
        ticks.push((day, label));
    }
    for (day, label) in &ticks {
        let x = if long {
            s.x(*day)
        } else {
            s.x(*day) + ppd / 2.0
        };
        let _ = write!(
            out,
            "<line class=\"tl-grid\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{a:.1}\" y2=\"{bottom:.1}\"/><text class=\"tl-tick\" x=\"{x:.1}\" y=\"{b:.1}\" text-anchor=\"middle\">{}</text>",
            escape_html(label),
            a = Num(top + 31.0),
            b = Num(top + 27.0), x = Num(x), bottom = Num(bottom));
    }
    let _ = write!(
        out,
        "<line class=\"tl-axis\" x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/>",
        Num(s.x0),
        Num(s.x1),
        y = Num(top + 31.0)
    );
}

/// One mark's shape at (row top `y`, height `h`), plus a "?" beside an
/// uncertain one. Returns the right edge of what was drawn.
fn draw_mark(s: &Scale, m: &Mark, y: f64, h: f64, out: &mut String) -> f64 {
    let (a, b) = s.extent(m, 6.0);
    let class = m.classes();
    match m.shape {
        Shape::Article => {
            let c = (a + b) / 2.0;
            let r = h / 2.0 + 1.0;
            let my = y + h / 2.0;
            let _ = write!(
                out,
                "<path class=\"{class}\" d=\"M{c:.1} {:.1}L{:.1} {my:.1}L{c:.1} {:.1}L{:.1} {my:.1}Z\"/>",
                Num(my - r),
                Num(c + r),
                Num(my + r),
                Num(c - r), c = Num(c), my = Num(my)
            );
        }
        _ => {
            let _ = write!(
                out,
                "<rect class=\"{class}\" x=\"{a:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{h:.1}\" rx=\"2\"/>",
                Num(b - a), a = Num(a), y = Num(y), h = Num(h)
            );
        }
    }
    if m.uncertain && !m.context {
        let _ = write!(
            out,
            "<text class=\"tl-q\" x=\"{:.1}\" y=\"{:.1}\">?</text>",
            Num(b + 2.0),
            Num(y + h - 1.0)
        );
        b + 9.0
    } else {
        b
    }
}

/// The `<svg>` element around a drawing.
fn svg_open(class: &str, id: &str, w: f64, h: f64, title: &str, desc: &str) -> String {
    format!(
        "<svg class=\"{class}\" viewBox=\"0 0 {w:.0} {h:.0}\" width=\"{w:.0}\" height=\"{h:.0}\" role=\"group\" aria-labelledby=\"{id}-t\" aria-describedby=\"{id}-d\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        escape_html(title),
        escape_html(desc), w = Num(w), h = Num(h)
    )
}

/// A timeline of `events` (in date order), drawn twice (wide and narrow).
/// `Size::Full` also places the dated articles; `Size::Strip` draws the
/// dossier's other events faintly behind them when `events` is a subset.
pub fn timeline(d: &Dossier, events: &[&Event], root: &str, size: Size) -> Option<String> {
    if events.is_empty() {
        return None;
    }
    let mine: BTreeSet<&str> = events.iter().map(|e| e.slug.as_str()).collect();
    let marks: Vec<Mark> = events.iter().map(|e| Mark::event(e, root, false)).collect();
    let mut context: Vec<Mark> = Vec::new();
    if size == Size::Strip && mine.len() < d.events.len() {
        let mut others: Vec<&Event> = d
            .events
            .iter()
            .filter(|e| !mine.contains(e.slug.as_str()))
            .collect();
        others.sort_by(|x, y| x.date.cmp(&y.date).then(x.slug.cmp(&y.slug)));
        context = others
            .into_iter()
            .map(|e| Mark::event(e, root, true))
            .collect();
    }
    let mut articles: Vec<Mark> = Vec::new();
    if size == Size::Full {
        let mut dated: Vec<_> = d
            .articles
            .iter()
            .filter_map(|a| a.published.map(|p| (p, a)))
            .collect();
        dated.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.slug.cmp(&y.1.slug)));
        for (p, a) in dated {
            let (s, t) = p.day_span();
            let mut name = format!("{}: {} ({})", p.human(), a.title, a.source.name);
            if p.is_partial() {
                let _ = write!(name, ", only the {} is known", p.precision());
            }
            articles.push(Mark {
                href: format!("{root}articles/{}.html", a.slug),
                label: format!("{}: {}", a.source.name, a.title),
                name,
                start: s,
                end: t,
                shape: if p.is_partial() {
                    Shape::Period
                } else {
                    Shape::Article
                },
                partial: p.is_partial(),
                uncertain: false,
                context: false,
            });
        }
    }
    let all = marks.iter().chain(&context).chain(&articles);
    let min = all.clone().map(|m| m.start).min()?;
    let max = all.map(|m| m.end).max()?.max(min + 1);
    let pad = ((max - min) / 30).max(1);
    let (d0, d1) = (min - pad, max + pad);

    // Words for the text alternative.
    let first = events.iter().map(|e| e.date).min()?;
    let last = events.iter().map(|e| e.end.unwrap_or(e.date)).max()?;
    let n_partial = events.iter().filter(|e| e.date.is_partial()).count();
    let n_spans = events.iter().filter(|e| e.end.is_some()).count();
    let n_uncertain = events.iter().filter(|e| e.date_uncertain).count();
    let mut desc = format!(
        "{} event{} from {} to {}",
        events.len(),
        if events.len() == 1 { "" } else { "s" },
        first.human(),
        last.human()
    );
    let mut parts = Vec::new();
    if n_spans > 0 {
        parts.push(format!("{n_spans} lasting several days (bars)"));
    }
    if n_partial > 0 {
        parts.push(format!(
            "{n_partial} known only to the month or year (light dashed bars across the whole period)"
        ));
    }
    if n_uncertain > 0 {
        parts.push(format!(
            "{n_uncertain} with an uncertain date (hollow, marked with a question mark)"
        ));
    }
    if !parts.is_empty() {
        let _ = write!(desc, ": {}", parts.join("; "));
    }
    desc.push('.');
    if !articles.is_empty() {
        let _ = write!(
            desc,
            " Below them, {} dated source article{} (diamonds).",
            articles.len(),
            if articles.len() == 1 { "" } else { "s" }
        );
    }
    if !context.is_empty() {
        desc.push_str(" The dossier's other events are drawn faintly for context.");
    }
    desc.push_str(" The list that follows gives every event as text.");
    let title = match size {
        Size::Full => "Timeline of events and articles".to_string(),
        Size::Strip => "Timeline strip".to_string(),
    };

    let mut out = String::new();
    for narrow in [false, true] {
        let width = if narrow { NARROW } else { WIDE };
        let id = if narrow { "tl-n" } else { "tl-w" };
        let scale = Scale {
            d0,
            d1,
            x0: 8.0,
            x1: width - 8.0,
        };
        let class = format!(
            "tl {} {}",
            if size == Size::Full {
                "tl-full"
            } else {
                "tl-strip"
            },
            if narrow { "svg-narrow" } else { "svg-wide" }
        );
        let body = match size {
            Size::Strip => strip_body(&scale, &marks, &context),
            Size::Full => full_body(&scale, &marks, &articles, narrow),
        };
        let (h, body) = body;
        out.push_str(&svg_open(&class, id, width, h, &title, &desc));
        out.push_str(&body);
        out.push_str("</svg>");
    }
    Some(out)
}

/// A link around a mark.
fn link_open(m: &Mark, out: &mut String) {
    let _ = write!(
        out,
        "<a class=\"tl-link\" href=\"{}\"><title>{}</title>",
        escape_html(&m.href),
        escape_html(&m.name)
    );
}

/// Strip: marks packed into lanes under the axis, no labels.
fn strip_body(s: &Scale, marks: &[Mark], context: &[Mark]) -> (f64, String) {
    let top_axis = 2.0;
    let lanes_top = top_axis + 38.0;
    let (lane_h, mark_h) = (12.0, 8.0);
    // Days and spans first (the top lanes), then whole periods, context last.
    let mut order: Vec<&Mark> = Vec::new();
    order.extend(marks.iter().filter(|m| m.shape != Shape::Period));
    order.extend(marks.iter().filter(|m| m.shape == Shape::Period));
    order.extend(context.iter().filter(|m| m.shape != Shape::Period));
    order.extend(context.iter().filter(|m| m.shape == Shape::Period));
    let mut lanes: Vec<f64> = Vec::new();
    let mut placed: Vec<(usize, &Mark)> = Vec::new();
    for m in order {
        let (a, b) = s.extent(m, 6.0);
        let right = if m.uncertain && !m.context {
            b + 9.0
        } else {
            b
        };
        let lane = match lanes.iter().position(|end| *end + 3.0 <= a) {
            Some(l) => l,
            None => {
                lanes.push(f64::MIN);
                lanes.len() - 1
            }
        };
        lanes[lane] = right;
        placed.push((lane, m));
    }
    let height = lanes_top + lanes.len() as f64 * lane_h + 6.0;
    let mut out = String::new();
    axis(s, top_axis, height - 4.0, &mut out);
    // Context first so that the dossier's own marks are drawn over them.
    for (lane, m) in placed.iter().filter(|p| p.1.context) {
        let y = lanes_top + *lane as f64 * lane_h;
        draw_mark(s, m, y, mark_h, &mut out);
    }
    for (lane, m) in placed.iter().filter(|p| !p.1.context) {
        let y = lanes_top + *lane as f64 * lane_h;
        link_open(m, &mut out);
        draw_mark(s, m, y, mark_h, &mut out);
        out.push_str("</a>");
    }
    (height, out)
}

/// Full: one row per event, then one per dated article, each labelled.
/// Wide: the label beside its mark; narrow: the label above it.
fn full_body(s: &Scale, marks: &[Mark], articles: &[Mark], narrow: bool) -> (f64, String) {
    let font = if narrow { 12.5 } else { 13.0 };
    let (row_h, mark_h, mark_dy) = if narrow {
        (34.0, 9.0, 17.0)
    } else {
        (24.0, 11.0, 6.5)
    };
    let top_axis = 2.0;
    let rows_top = top_axis + 40.0;
    let group_h = if articles.is_empty() { 0.0 } else { 26.0 };
    let n = marks.len() + articles.len();
    let height = rows_top + n as f64 * row_h + group_h + 6.0;
    let mut out = String::new();
    // Zebra bands behind the rows.
    for i in (0..n).filter(|i| i % 2 == 1) {
        let y = rows_top + i as f64 * row_h + if i >= marks.len() { group_h } else { 0.0 };
        let _ =
            write!(
            out,
            "<rect class=\"tl-row\" x=\"0\" y=\"{y:.1}\" width=\"{:.0}\" height=\"{row_h:.1}\"/>",
            Num(s.x1 + 8.0), y = Num(y), row_h = Num(row_h)
        );
    }
    axis(s, top_axis, height - 4.0, &mut out);
    let row = |m: &Mark, y: f64, out: &mut String| {
        link_open(m, out);
        let my = y + mark_dy;
        let (a, _) = s.extent(m, 6.0);
        let right = draw_mark(s, m, my, mark_h, out);
        let (lx, ly, anchor, text, class) = if narrow {
            let room = s.x1 - s.x0;
            let text = fit(&m.label, room, font);
            let w = text_w(&text, font);
            let lx = a.min(s.x1 - w).max(s.x0);
            (lx, y + 12.5, "start", text, "tl-label")
        } else {
            let w = text_w(&m.label, font);
            let ly = y + 16.5;
            if right + 6.0 + w <= s.x1 {
                (right + 6.0, ly, "start", m.label.clone(), "tl-label")
            } else if a - 6.0 - w >= s.x0 {
                (a - 6.0, ly, "end", m.label.clone(), "tl-label")
            } else if right - a >= 120.0 && m.shape != Shape::Day {
                // A long bar: the label sits inside it (light fill).
                let text = fit(&m.label, right - a - 14.0, font);
                (a + 6.0, ly, "start", text, "tl-label tl-label-in")
            } else if s.x1 - right > a - s.x0 {
                let text = fit(&m.label, s.x1 - right - 6.0, font);
                (right + 6.0, ly, "start", text, "tl-label")
            } else {
                let text = fit(&m.label, a - 6.0 - s.x0, font);
                (a - 6.0, ly, "end", text, "tl-label")
            }
        };
        let _ = write!(
            out,
            "<text class=\"{class}\" x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\">{}</text></a>",
            escape_html(&text), lx = Num(lx), ly = Num(ly)
        );
    };
    for (i, m) in marks.iter().enumerate() {
        let y = rows_top + i as f64 * row_h;
        row(m, y, &mut out);
    }
    if !articles.is_empty() {
        let gy = rows_top + marks.len() as f64 * row_h;
        let _ = write!(
            out,
            "<line class=\"tl-axis\" x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/><text class=\"tl-group\" x=\"{:.1}\" y=\"{:.1}\">Source articles published</text>",
            Num(s.x0),
            Num(s.x1),
            Num(s.x0),
            Num(gy + 18.0),
            y = Num(gy + 2.0)
        );
        for (j, m) in articles.iter().enumerate() {
            let i = marks.len() + j;
            let y = rows_top + i as f64 * row_h + group_h;
            row(m, y, &mut out);
        }
    }
    (height, out)
}

// ---------------------------------------------------------------- network

struct Node<'a> {
    slug: &'a str,
    name: String,
    kind: ActorKind,
    /// Paragraphs shared with the others shown.
    weight: usize,
    /// Number of actors shown it is linked with.
    links: usize,
}

/// The actor network: actors linked when named in the same paragraph of an
/// article, line width by the number of such paragraphs. With `focus`, that
/// actor and its (at most 12) most frequent companions, with the links among
/// them. The most connected actor (or the focus) sits in the middle; the
/// others are arranged around it, grouped by kind.
pub fn network(
    d: &Dossier,
    co: &BTreeMap<(String, String), usize>,
    focus: Option<&str>,
    root: &str,
) -> Option<String> {
    // Which actors to show.
    let shown: BTreeSet<&str> = match focus {
        Some(f) => {
            let mut nb: Vec<(usize, &str)> = co
                .iter()
                .filter_map(|((a, b), n)| {
                    if a == f {
                        Some((*n, b.as_str()))
                    } else if b == f {
                        Some((*n, a.as_str()))
                    } else {
                        None
                    }
                })
                .collect();
            if nb.is_empty() {
                return None;
            }
            nb.sort_by(|p, q| q.0.cmp(&p.0).then(p.1.cmp(q.1)));
            nb.truncate(12);
            let mut s: BTreeSet<&str> = nb.into_iter().map(|x| x.1).collect();
            s.insert(f);
            s
        }
        None => co
            .keys()
            .flat_map(|(a, b)| [a.as_str(), b.as_str()])
            .collect(),
    };
    let edges: Vec<(&str, &str, usize)> = co
        .iter()
        .filter(|((a, b), _)| shown.contains(a.as_str()) && shown.contains(b.as_str()))
        .map(|((a, b), n)| (a.as_str(), b.as_str(), *n))
        .collect();
    if edges.is_empty() {
        return None;
    }
    let mut nodes: Vec<Node> = shown
        .iter()
        .filter_map(|s| d.actor(s))
        .map(|a| Node {
            slug: a.slug.as_str(),
            name: a.name.clone(),
            kind: a.kind,
            weight: 0,
            links: 0,
        })
        .collect();
    for n in nodes.iter_mut() {
        for (a, b, w) in &edges {
            if *a == n.slug || *b == n.slug {
                n.weight += w;
                n.links += 1;
            }
        }
    }
    if nodes.len() < 2 {
        return None;
    }
    // The centre: the focus, or the most connected actor.
    let centre = match focus {
        Some(f) => nodes.iter().position(|n| n.slug == f)?,
        None => {
            let mut best = 0;
            for (i, n) in nodes.iter().enumerate() {
                let b = &nodes[best];
                if (n.weight, std::cmp::Reverse(n.slug)) > (b.weight, std::cmp::Reverse(b.slug)) {
                    best = i;
                }
            }
            best
        }
    };
    let centre_node = nodes.remove(centre);
    // Around it: in an order that keeps linked actors next to each other.
    nodes = chain_order(nodes, &edges);
    let max_w = edges.iter().map(|e| e.2).max().unwrap_or(1) as f64;
    let max_node = nodes
        .iter()
        .map(|n| n.weight)
        .chain([centre_node.weight])
        .max()
        .unwrap_or(1)
        .max(1) as f64;

    // Words for the text alternative.
    let mut by_weight: Vec<&Node> = nodes.iter().collect();
    by_weight.sort_by(|x, y| y.weight.cmp(&x.weight).then(x.name.cmp(&y.name)));
    let (title, desc) = match focus {
        Some(_) => {
            let weight_to = |slug: &str| {
                edges
                    .iter()
                    .find(|(a, b, _)| {
                        (*a == slug && *b == centre_node.slug)
                            || (*b == slug && *a == centre_node.slug)
                    })
                    .map(|e| e.2)
                    .unwrap_or(0)
            };
            let mut near: Vec<(usize, &str)> = nodes
                .iter()
                .map(|n| (weight_to(n.slug), n.name.as_str()))
                .collect();
            near.sort_by(|p, q| q.0.cmp(&p.0).then(p.1.cmp(q.1)));
            let list: Vec<String> = near
                .iter()
                .take(5)
                .map(|(w, n)| format!("{n} ({w} paragraph{})", if *w == 1 { "" } else { "s" }))
                .collect();
            (
                format!("Who is named with {}", centre_node.name),
                format!(
                    "{} in the middle, linked to the {} actor{} most often named in the same paragraph of an article; thicker lines for more paragraphs. Most often: {}. The list that follows gives every link with its count.",
                    centre_node.name,
                    nodes.len(),
                    if nodes.len() == 1 { "" } else { "s" },
                    list.join(", ")
                ),
            )
        }
        None => {
            let mut all: Vec<&Node> = by_weight.clone();
            all.insert(0, &centre_node);
            let list: Vec<String> = all
                .iter()
                .take(5)
                .map(|n| format!("{} (linked with {})", n.name, n.links))
                .collect();
            (
                "Who is named with whom".to_string(),
                format!(
                    "{} actors; a line joins two actors named in the same paragraph of an article, thicker for more paragraphs ({} links in all). The most connected, in the middle and around it: {}. The lists that follow give every actor.",
                    nodes.len() + 1,
                    edges.len(),
                    list.join(", ")
                ),
            )
        }
    };

    let mut out = String::new();
    for narrow in [false, true] {
        let id = if narrow { "net-n" } else { "net-w" };
        let (w, h, pos, label_at) = if narrow {
            arc_layout(&centre_node, &nodes)
        } else {
            ring_layout(&centre_node, &nodes)
        };
        let class = format!(
            "net {} {}",
            if focus.is_some() {
                "net-local"
            } else {
                "net-all"
            },
            if narrow { "svg-narrow" } else { "svg-wide" }
        );
        out.push_str(&svg_open(&class, id, w, h, &title, &desc));
        // Edges, lightest first so that heavy ones are on top.
        let mut es: Vec<&(&str, &str, usize)> = edges.iter().collect();
        es.sort_by(|x, y| x.2.cmp(&y.2).then(x.0.cmp(y.0)).then(x.1.cmp(y.1)));
        let name_of = |s: &str| -> String {
            if s == centre_node.slug {
                centre_node.name.clone()
            } else {
                nodes
                    .iter()
                    .find(|n| n.slug == s)
                    .map(|n| n.name.clone())
                    .unwrap_or_else(|| s.to_string())
            }
        };
        out.push_str("<g class=\"net-edges\">");
        for (a, b, n) in es {
            let (Some(p), Some(q)) = (pos.get(a), pos.get(b)) else {
                continue;
            };
            let touches = *a == centre_node.slug || *b == centre_node.slug;
            let class = if touches {
                "net-edge net-edge-centre"
            } else {
                "net-edge"
            };
            let sw = 0.8 + 4.7 * (*n as f64) / max_w;
            let path = if narrow {
                // An arc to the left of the column, wider for rows further apart.
                let (top, bot) = if p.1 <= q.1 { (p, q) } else { (q, p) };
                let k = (10.0 + (bot.1 - top.1) * 0.42).min(p.0 - 6.0);
                format!(
                    "M{:.1} {:.1}C{:.1} {:.1} {:.1} {:.1} {:.1} {:.1}",
                    Num(top.0),
                    Num(top.1),
                    Num(top.0 - k),
                    Num(top.1),
                    Num(bot.0 - k),
                    Num(bot.1),
                    Num(bot.0),
                    Num(bot.1)
                )
            } else {
                format!(
                    "M{:.1} {:.1}L{:.1} {:.1}",
                    Num(p.0),
                    Num(p.1),
                    Num(q.0),
                    Num(q.1)
                )
            };
            let _ = write!(
                out,
                "<path class=\"{class}\" d=\"{path}\" stroke-width=\"{sw:.1}\"><title>{} and {}: {} paragraph{}</title></path>",
                escape_html(&name_of(a)),
                escape_html(&name_of(b)),
                n,
                if *n == 1 { "" } else { "s" }, sw = Num(sw)
            );
        }
        out.push_str("</g>");
        // Nodes with their labels.
        for n in std::iter::once(&centre_node).chain(nodes.iter()) {
            let Some((x, y)) = pos.get(n.slug) else {
                continue;
            };
            let is_centre = n.slug == centre_node.slug;
            let r = if is_centre {
                9.0
            } else {
                3.5 + 4.5 * ((n.weight as f64) / max_node).sqrt()
            };
            let (lx, ly, anchor, max) = label_at(n.slug, *x, *y, r);
            let label = fit(&n.name, max, 13.0);
            let _ = write!(
                out,
                "<a class=\"net-link\" href=\"{root}actors/{slug}.html\"><title>{name}: named in the same paragraph as {l} of these actor{ls}, {w} time{ws}</title><circle class=\"net-node net-{k}{c}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\"/><text class=\"net-label{lc}\" x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\">{label}</text></a>",
                slug = n.slug,
                name = escape_html(&n.name),
                l = n.links,
                ls = if n.links == 1 { "" } else { "s" },
                w = n.weight,
                ws = if n.weight == 1 { "" } else { "s" },
                k = n.kind.as_str(),
                c = if is_centre { " net-focus" } else { "" },
                lc = if is_centre { " net-label-focus" } else { "" },
                label = escape_html(&label), x = Num(*x), y = Num(*y), r = Num(r), lx = Num(lx), ly = Num(ly));
        }
        out.push_str("</svg>");
    }
    Some(out)
}

/// Orders the ring so that linked actors sit close together (short lines,
/// fewer crossings): start with the most connected, then repeatedly take the
/// actor most strongly linked to the last few placed (recent ones count
/// more); ties and unlinked actors by weight, then name. Deterministic.
fn chain_order<'a>(mut rest: Vec<Node<'a>>, edges: &[(&str, &str, usize)]) -> Vec<Node<'a>> {
    let weights: HashMap<(&str, &str), f64> = edges
        .iter()
        .flat_map(|&(a, b, n)| [((a, b), n as f64), ((b, a), n as f64)])
        .collect();
    let w = |a: &str, b: &str| -> f64 { weights.get(&(a, b)).copied().unwrap_or(0.0) };
    rest.sort_by(|x, y| y.weight.cmp(&x.weight).then(x.name.cmp(&y.name)));
    let mut out: Vec<Node<'a>> = Vec::with_capacity(rest.len());
    while !rest.is_empty() {
        let mut best = 0;
        let mut best_score = -1.0;
        for (i, r) in rest.iter().enumerate() {
            let mut score = 0.0;
            let mut decay = 1.0;
            for p in out.iter().rev().take(4) {
                score += w(r.slug, p.slug) * decay;
                decay *= 0.5;
            }
            // `rest` is sorted by weight, so the first of equal scores wins.
            if score > best_score + 1e-9 {
                best = i;
                best_score = score;
            }
        }
        out.push(rest.remove(best));
    }
    out
}

type Positions<'a> = BTreeMap<&'a str, (f64, f64)>;
/// Where a node's label goes: (x, y, text-anchor, room in px).
type LabelAt<'a> = Box<dyn Fn(&str, f64, f64, f64) -> (f64, f64, &'static str, f64) + 'a>;

/// Wide: the centre in the middle, the others on an oval around it — the
/// first half down the right side, the rest up the left side — with their
/// labels outside the oval, so that lines never cross a label and labels
/// never overlap (one per row on each side).
fn ring_layout<'a>(centre: &Node<'a>, ring: &[Node<'a>]) -> (f64, f64, Positions<'a>, LabelAt<'a>) {
    let font = 13.0;
    let n = ring.len();
    // Few nodes get more room.
    let dy = if n <= 14 { 32.0 } else { 26.0 };
    let right_n = n.div_ceil(2);
    let left_n = n - right_n;
    let rows = right_n.max(1);
    let label_w = |ns: &[Node]| {
        ns.iter()
            .map(|x| text_w(&x.name, font))
            .fold(0.0_f64, f64::max)
            .min(320.0)
    };
    let lw_right = label_w(&ring[..right_n]);
    let lw_left = label_w(&ring[right_n..]);
    let ry = ((rows as f64 - 1.0) * dy / 2.0 + dy * 0.9).max(70.0);
    let rx = (ry * 1.15).clamp(150.0, 230.0);
    let pad = 10.0;
    let cx = pad + lw_left + 14.0 + rx;
    let width = cx + rx + 14.0 + lw_right + pad;
    let top = 16.0;
    let cy = top + ry;
    let height = cy + ry + 16.0;
    let mut pos: Positions = BTreeMap::new();
    pos.insert(centre.slug, (cx, cy));
    // Rows evenly spaced, each column centred on cy.
    let place = |i: usize, count: usize| cy + (i as f64 - (count as f64 - 1.0) / 2.0) * dy;
    let x_at = |y: f64| {
        let t = ((y - cy) / ry).clamp(-1.0, 1.0);
        rx * (1.0 - t * t).sqrt().max(0.25)
    };
    for (i, node) in ring[..right_n].iter().enumerate() {
        let y = place(i, right_n);
        pos.insert(node.slug, (cx + x_at(y), y));
    }
    for (i, node) in ring[right_n..].iter().enumerate() {
        // Up the left side: the last one at the top.
        let y = place(left_n - 1 - i, left_n);
        pos.insert(node.slug, (cx - x_at(y), y));
    }
    let centre_slug = centre.slug;
    let label_at: LabelAt = Box::new(move |slug, x, y, r| {
        if slug == centre_slug {
            (x, y + r + 15.0, "middle", 2.0 * rx - 20.0)
        } else if x >= cx {
            (x + r + 5.0, y + 4.5, "start", lw_right + 8.0)
        } else {
            (x - r - 5.0, y + 4.5, "end", lw_left + 8.0)
        }
    });
    (width, height, pos, label_at)
}

/// Narrow: one column of nodes (the centre first), each labelled on its
/// right; links are arcs on the left, wider for rows further apart.
fn arc_layout<'a>(centre: &Node<'a>, ring: &[Node<'a>]) -> (f64, f64, Positions<'a>, LabelAt<'a>) {
    let dy = 24.0;
    let n = ring.len() + 1;
    let x = (NARROW * 0.36).round();
    let top = 16.0;
    let mut pos: Positions = BTreeMap::new();
    pos.insert(centre.slug, (x, top));
    for (i, node) in ring.iter().enumerate() {
        pos.insert(node.slug, (x, top + (i + 1) as f64 * dy));
    }
    let height = top + (n - 1) as f64 * dy + 14.0;
    let label_at: LabelAt = Box::new(move |_, x, y, r| {
        (
            x + r.max(6.0) + 6.0,
            y + 4.5,
            "start",
            NARROW - x - r.max(6.0) - 10.0,
        )
    });
    (NARROW, height, pos, label_at)
}
