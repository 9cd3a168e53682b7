//! Pictures drawn at build time as inline SVG: a timeline and an actor
//! network. Deterministic layout, no script; every mark has a title and the
//! figure a text alternative (the lists beside it carry the same facts).

use crate::link::markdown::escape_html;
use crate::model::{Dossier, Event, PartialDate};
use std::collections::BTreeMap;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// A small strip (index, actor pages).
    Strip,
    /// The full timeline page.
    Full,
}

/// Days since 1970-01-01 of a (year, month, day).
fn days((y, m, d): (i32, u8, u8)) -> i64 {
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn span(d: &PartialDate) -> (i64, i64) {
    let (a, b) = d.range();
    (days(a), days(b) + 1)
}

/// A horizontal timeline of `events` (already in date order).
pub fn timeline(_d: &Dossier, events: &[&Event], root: &str, size: Size) -> Option<String> {
    if events.is_empty() {
        return None;
    }
    let ranges: Vec<(i64, i64)> = events
        .iter()
        .map(|e| {
            let (s, mut t) = span(&e.date);
            if let Some(end) = &e.end {
                t = t.max(span(end).1);
            }
            (s, t)
        })
        .collect();
    let min = ranges.iter().map(|r| r.0).min()?;
    let max = ranges.iter().map(|r| r.1).max()?.max(min + 1);
    let (width, lane_h, top) = match size {
        Size::Strip => (760.0, 14.0, 22.0),
        Size::Full => (960.0, 22.0, 28.0),
    };
    let margin = 20.0;
    let x = |day: i64| margin + (day - min) as f64 / (max - min) as f64 * (width - 2.0 * margin);
    // Greedy lanes so that marks do not overlap.
    let mut lanes: Vec<f64> = Vec::new();
    let mut marks = String::new();
    for (e, (s, t)) in events.iter().zip(&ranges) {
        let x0 = x(*s);
        let x1 = x(*t).max(x0 + 6.0);
        let lane = lanes
            .iter()
            .position(|end| *end + 4.0 < x0)
            .unwrap_or(lanes.len());
        if lane == lanes.len() {
            lanes.push(x1);
        } else {
            lanes[lane] = x1;
        }
        let y = top + lane as f64 * lane_h;
        let partial = e.date.is_partial() || e.date_uncertain;
        let class = if partial {
            "tl-mark tl-partial"
        } else {
            "tl-mark"
        };
        let when = match &e.end {
            Some(end) => format!("{} – {}", e.date.human(), end.human()),
            None => e.date.human(),
        };
        let title = format!(
            "{}: {}{}",
            when,
            e.title,
            if e.date_uncertain {
                " (date uncertain)"
            } else {
                ""
            }
        );
        marks.push_str(&format!(
            "<a href=\"{root}events/{slug}.html\"><title>{t}</title><rect class=\"{class}\" x=\"{x0:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" rx=\"3\"/></a>",
            slug = e.slug,
            t = escape_html(&title),
            w = x1 - x0,
            h = lane_h - 5.0,
        ));
    }
    let height = top + lanes.len().max(1) as f64 * lane_h + 24.0;
    // Axis ticks: first day of each month in range (or each year if long).
    let mut ticks = String::new();
    let first = events.iter().map(|e| e.date).min()?;
    let (mut y, mut m) = (first.year, first.month.unwrap_or(1));
    let long = max - min > 800;
    loop {
        let day = days((y, if long { 1 } else { m }, 1));
        if day > max {
            break;
        }
        if day >= min {
            let tx = x(day);
            let label = if long {
                y.to_string()
            } else {
                PartialDate {
                    year: y,
                    month: Some(m),
                    day: None,
                }
                .human()
            };
            ticks.push_str(&format!(
                "<line class=\"tl-tick\" x1=\"{tx:.1}\" x2=\"{tx:.1}\" y1=\"{a:.1}\" y2=\"{b:.1}\"/><text class=\"tl-label\" x=\"{tx:.1}\" y=\"14\">{}</text>",
                escape_html(&label),
                a = top - 4.0,
                b = height - 18.0,
            ));
        }
        if long {
            y += 1;
        } else {
            m += 1;
            if m > 12 {
                m = 1;
                y += 1;
            }
        }
    }
    let first_label = PartialDate::human(&events[0].date);
    let last_label = events
        .iter()
        .map(|e| e.end.unwrap_or(e.date))
        .max()
        .map(|d| d.human())
        .unwrap_or_default();
    let axis_y = height - 18.0;
    let desc = format!(
        "{} events from {} to {}",
        events.len(),
        first_label,
        last_label
    );
    Some(format!(
        "<svg class=\"timeline-svg\" viewBox=\"0 0 {width} {height:.0}\" role=\"img\" aria-labelledby=\"tl-title\" preserveAspectRatio=\"xMinYMin meet\"><title id=\"tl-title\">Timeline: {d}</title><line class=\"tl-axis\" x1=\"{margin}\" x2=\"{r}\" y1=\"{axis_y:.1}\" y2=\"{axis_y:.1}\"/><text class=\"tl-label\" x=\"{margin}\" y=\"{ly:.1}\">{f}</text><text class=\"tl-label\" x=\"{r}\" y=\"{ly:.1}\" text-anchor=\"end\">{l}</text>{ticks}{marks}</svg>",
        d = escape_html(&desc),
        r = width - margin,
        ly = height - 4.0,
        f = escape_html(&first_label),
        l = escape_html(&last_label),
    ))
}

/// The actor network: actors linked when named in the same paragraph of an
/// article. With `focus`, only that actor and its neighbours.
pub fn network(
    d: &Dossier,
    co: &BTreeMap<(String, String), usize>,
    focus: Option<&str>,
    root: &str,
) -> Option<String> {
    let edges: Vec<(&str, &str, usize)> = co
        .iter()
        .filter(|((a, b), _)| focus.is_none_or(|f| a == f || b == f))
        .map(|((a, b), n)| (a.as_str(), b.as_str(), *n))
        .collect();
    if edges.is_empty() {
        return None;
    }
    let mut degree: BTreeMap<&str, usize> = BTreeMap::new();
    for (a, b, n) in &edges {
        *degree.entry(a).or_insert(0) += n;
        *degree.entry(b).or_insert(0) += n;
    }
    let mut nodes: Vec<(&str, usize)> = degree.into_iter().collect();
    nodes.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
    nodes.truncate(if focus.is_some() { 13 } else { 30 });
    if let Some(f) = focus {
        // The focus sits in the middle.
        nodes.retain(|n| n.0 != f);
        nodes.insert(0, (f, 0));
    }
    let size = 520.0;
    let c = size / 2.0;
    let radius = size / 2.0 - 70.0;
    let mut pos: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    let ring: Vec<&str> = if focus.is_some() {
        nodes[1..].iter().map(|n| n.0).collect()
    } else {
        nodes.iter().map(|n| n.0).collect()
    };
    if let Some(f) = focus {
        pos.insert(f, (c, c));
    }
    for (i, slug) in ring.iter().enumerate() {
        let angle = -std::f64::consts::FRAC_PI_2
            + i as f64 / ring.len().max(1) as f64 * std::f64::consts::TAU;
        pos.insert(slug, (c + radius * angle.cos(), c + radius * angle.sin()));
    }
    let max_w = edges.iter().map(|e| e.2).max().unwrap_or(1) as f64;
    let mut out = String::new();
    for (a, b, n) in &edges {
        let (Some(p), Some(q)) = (pos.get(a), pos.get(b)) else {
            continue;
        };
        let name = |s: &str| {
            d.actor(s)
                .map(|x| x.name.clone())
                .unwrap_or_else(|| s.to_string())
        };
        out.push_str(&format!(
            "<line class=\"net-edge\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke-width=\"{:.1}\"><title>{} and {}: {} paragraph{}</title></line>",
            p.0, p.1, q.0, q.1,
            1.0 + 5.0 * (*n as f64) / max_w,
            escape_html(&name(a)), escape_html(&name(b)), n, if *n == 1 { "" } else { "s" }
        ));
    }
    for (slug, _) in &nodes {
        let Some((x, y)) = pos.get(slug) else {
            continue;
        };
        let Some(actor) = d.actor(slug) else { continue };
        let anchor = if *x < c - 1.0 {
            "end"
        } else if *x > c + 1.0 {
            "start"
        } else {
            "middle"
        };
        let dx = match anchor {
            "end" => -9.0,
            "start" => 9.0,
            _ => 0.0,
        };
        let dy = if anchor == "middle" {
            if *y < c {
                -10.0
            } else {
                18.0
            }
        } else {
            4.0
        };
        let focus_class = if Some(*slug) == focus {
            " net-focus"
        } else {
            ""
        };
        out.push_str(&format!(
            "<a href=\"{root}actors/{slug}.html\"><title>{n}</title><circle class=\"net-node net-{k}{focus_class}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\"/><text class=\"net-label\" x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\">{n}</text></a>",
            n = escape_html(&actor.name),
            k = actor.kind.as_str(),
            lx = x + dx,
            ly = y + dy,
        ));
    }
    let what = match focus.and_then(|f| d.actor(f)) {
        Some(a) => format!("Actors named in the same paragraph as {}", a.name),
        None => "Actors named in the same paragraph of an article".to_string(),
    };
    Some(format!(
        "<svg class=\"network-svg\" viewBox=\"-60 0 {w} {size}\" role=\"img\" aria-label=\"{t}; the list below gives the same links\"><title>{t}</title>{out}</svg>",
        w = size + 120.0,
        t = escape_html(&what),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days() {
        assert_eq!(days((1970, 1, 1)), 0);
        assert_eq!(days((2022, 1, 7)) - days((2021, 12, 31)), 7);
    }
}
