//! The full timeline (timeline page): one row per event, then one per dated
//! article, each labelled. Wide: the label beside its mark; narrow: the
//! label above it.

use super::super::axis::{self, Axis, Scale};
use super::super::markup::{Line, Text};
use super::super::num::Num;
use super::super::text_metrics::{fit, text_w};
use super::draw::{draw_mark, link_open};
use super::marks::{Mark, MarkBox, Shape};
use std::borrow::Cow;
use std::fmt::Write;

const AXIS_TOP: f64 = 2.0;
/// Where the first row starts, below the axis.
const ROWS_TOP: f64 = AXIS_TOP + 40.0;
/// Space between a mark and its label, px.
const LABEL_GAP: f64 = 6.0;
/// A bar at least this long (with its "?") may hold its own label, px.
const BAR_FOR_LABEL: f64 = 120.0;

/// Sizes of the rows of one drawing.
struct Rows {
    font: f64,
    row_h: f64,
    mark_h: f64,
    /// From the row top to the mark top.
    mark_dy: f64,
    /// Extra space before the articles' rows (their heading).
    group_h: f64,
    /// Rows of events (the articles' rows follow them).
    n_events: usize,
}

impl Rows {
    fn new(narrow: bool, n_events: usize, has_articles: bool) -> Rows {
        let (row_h, mark_h, mark_dy) = if narrow {
            (34.0, 9.0, 17.0)
        } else {
            (24.0, 11.0, 6.5)
        };
        Rows {
            font: if narrow { 12.5 } else { 13.0 },
            row_h,
            mark_h,
            mark_dy,
            group_h: if has_articles { 26.0 } else { 0.0 },
            n_events,
        }
    }

    /// The top of row `i` (events first, then articles under their heading).
    fn top(&self, i: usize) -> f64 {
        ROWS_TOP
            + i as f64 * self.row_h
            + if i >= self.n_events {
                self.group_h
            } else {
                0.0
            }
    }
}

/// A mark's label: where, which way it runs, and the text (shortened when
/// there is no room).
pub(super) struct Label<'m> {
    pub x: f64,
    pub y: f64,
    pub anchor: &'static str,
    pub text: Cow<'m, str>,
    /// Inside a long bar (drawn light on it).
    pub inside: bool,
}

pub(super) struct Row<'m> {
    pub mark: &'m Mark,
    pub bbox: MarkBox,
    pub label: Label<'m>,
}

pub(super) struct FullLayout<'m> {
    pub height: f64,
    pub width: f64,
    pub row_h: f64,
    /// Tops of the shaded rows (every other one).
    pub zebra: Vec<f64>,
    pub axis: Axis,
    pub events: Vec<Row<'m>>,
    /// The line and heading above the articles' rows: its y.
    pub group_y: Option<f64>,
    pub articles: Vec<Row<'m>>,
    /// The heading above the articles' rows.
    articles_heading: &'m str,
    x0: f64,
    x1: f64,
}

pub(super) fn layout<'m>(
    s: &Scale,
    marks: &'m [Mark],
    articles: &'m [Mark],
    narrow: bool,
    articles_heading: &'m str,
) -> FullLayout<'m> {
    let rows = Rows::new(narrow, marks.len(), !articles.is_empty());
    let n = marks.len() + articles.len();
    let height = ROWS_TOP + n as f64 * rows.row_h + rows.group_h + 6.0;
    let place = |i: usize, m: &'m Mark| place_row(s, &rows, narrow, rows.top(i), m);
    FullLayout {
        height,
        width: s.x1 + 8.0,
        row_h: rows.row_h,
        zebra: (0..n).filter(|i| i % 2 == 1).map(|i| rows.top(i)).collect(),
        axis: axis::layout(s, AXIS_TOP, height - 4.0),
        events: marks.iter().enumerate().map(|(i, m)| place(i, m)).collect(),
        group_y: (!articles.is_empty()).then_some(ROWS_TOP + marks.len() as f64 * rows.row_h),
        articles: articles
            .iter()
            .enumerate()
            .map(|(j, m)| place(marks.len() + j, m))
            .collect(),
        articles_heading,
        x0: s.x0,
        x1: s.x1,
    }
}

fn place_row<'m>(s: &Scale, rows: &Rows, narrow: bool, y: f64, m: &'m Mark) -> Row<'m> {
    let bbox = m.place(s, y + rows.mark_dy, rows.mark_h);
    let label = if narrow {
        label_above(s, m, &bbox, y, rows.font)
    } else {
        label_beside(s, m, &bbox, y, rows.font)
    };
    Row {
        mark: m,
        bbox,
        label,
    }
}

/// Narrow: above the mark from its left edge, kept within the drawing.
fn label_above<'m>(s: &Scale, m: &'m Mark, b: &MarkBox, y: f64, font: f64) -> Label<'m> {
    let text = fit(&m.label, s.x1 - s.x0, font);
    let w = text_w(&text, font);
    Label {
        x: b.left.min(s.x1 - w).max(s.x0),
        y: y + 12.5,
        anchor: "start",
        text: Cow::Owned(text),
        inside: false,
    }
}

/// Wide: after the mark, else before it, else inside a long bar, else
/// shortened on the roomier side.
fn label_beside<'m>(s: &Scale, m: &'m Mark, b: &MarkBox, y: f64, font: f64) -> Label<'m> {
    let w = text_w(&m.label, font);
    let (a, right) = (b.left, b.reach);
    let at = |x: f64, anchor: &'static str, text: Cow<'m, str>| Label {
        x,
        y: y + 16.5,
        anchor,
        text,
        inside: false,
    };
    if right + LABEL_GAP + w <= s.x1 {
        at(right + LABEL_GAP, "start", Cow::Borrowed(&m.label))
    } else if a - LABEL_GAP - w >= s.x0 {
        at(a - LABEL_GAP, "end", Cow::Borrowed(&m.label))
    } else if right - a >= BAR_FOR_LABEL && m.shape != Shape::Day {
        // A long bar: the label sits inside it (light fill).
        let text = fit(&m.label, right - a - 14.0, font);
        Label {
            inside: true,
            ..at(a + LABEL_GAP, "start", Cow::Owned(text))
        }
    } else if s.x1 - right > a - s.x0 {
        let text = fit(&m.label, s.x1 - right - LABEL_GAP, font);
        at(right + LABEL_GAP, "start", Cow::Owned(text))
    } else {
        let text = fit(&m.label, a - LABEL_GAP - s.x0, font);
        at(a - LABEL_GAP, "end", Cow::Owned(text))
    }
}

impl FullLayout<'_> {
    pub(super) fn write(&self, out: &mut String) {
        // Zebra bands behind the rows.
        for y in &self.zebra {
            let (y, w, h) = (Num(*y), Num(self.width), Num(self.row_h));
            let _ = write!(
                out,
                "<rect class=\"tl-row\" x=\"0\" y=\"{y:.1}\" width=\"{w:.0}\" height=\"{h:.1}\"/>"
            );
        }
        self.axis.write(out);
        for row in &self.events {
            row.write(out);
        }
        if let Some(gy) = self.group_y {
            Line::horizontal("tl-axis", self.x0, self.x1, gy + 2.0).write(out);
            Text {
                class: "tl-group",
                x: self.x0,
                y: gy + 18.0,
                anchor: None,
                text: self.articles_heading,
            }
            .write(out);
        }
        for row in &self.articles {
            row.write(out);
        }
    }
}

impl Row<'_> {
    fn write(&self, out: &mut String) {
        link_open(self.mark, out);
        draw_mark(self.mark, &self.bbox, out);
        let label = &self.label;
        Text {
            class: if label.inside {
                "tl-label tl-label-in"
            } else {
                "tl-label"
            },
            x: label.x,
            y: label.y,
            anchor: Some(label.anchor),
            text: &label.text,
        }
        .write(out);
        out.push_str("</a>");
    }
}

#[cfg(test)]
mod tests {
    use super::super::marks::test_mark;
    use super::*;

    fn scale(width: f64) -> Scale<'static> {
        Scale {
            d0: 0,
            d1: 100,
            x0: 8.0,
            x1: width - 8.0,
            months: crate::render::charts::axis::english_months(),
        }
    }

    #[test]
    fn rows_run_down_in_order_with_the_articles_under_their_heading() {
        let marks = [
            test_mark(10, 11, Shape::Day, false),
            test_mark(20, 21, Shape::Day, false),
        ];
        let articles = [test_mark(30, 31, Shape::Article, false)];
        let l = layout(
            &scale(1040.0),
            &marks,
            &articles,
            false,
            "Source articles published",
        );
        let tops: Vec<f64> = l
            .events
            .iter()
            .chain(&l.articles)
            .map(|r| r.bbox.y)
            .collect();
        assert_eq!(
            tops,
            [
                ROWS_TOP + 6.5,
                ROWS_TOP + 24.0 + 6.5,
                ROWS_TOP + 48.0 + 26.0 + 6.5
            ]
        );
        assert_eq!(l.group_y, Some(ROWS_TOP + 48.0));
        assert_eq!(l.zebra, [ROWS_TOP + 24.0]);
        assert_eq!(l.height, ROWS_TOP + 3.0 * 24.0 + 26.0 + 6.0);
    }

    #[test]
    fn wide_labels_never_cover_their_mark_and_stay_in_the_drawing() {
        let s = scale(1040.0);
        let marks = [
            test_mark(5, 6, Shape::Day, true),
            test_mark(50, 51, Shape::Day, false),
            test_mark(97, 98, Shape::Day, false),
            test_mark(2, 98, Shape::Span, false),
        ];
        let l = layout(&s, &marks, &[], false, "");
        for row in &l.events {
            let (b, label) = (&row.bbox, &row.label);
            let w = text_w(&label.text, 13.0);
            let (from, to) = match label.anchor {
                "end" => (label.x - w, label.x),
                _ => (label.x, label.x + w),
            };
            assert!(from >= s.x0 && to <= s.x1 + 1e-9, "{}", row.mark.label);
            if !label.inside {
                assert!(from >= b.reach || to <= b.left, "{}", row.mark.label);
            }
        }
        assert_eq!(l.events[0].label.anchor, "start");
        assert_eq!(l.events[2].label.anchor, "end");
        assert!(l.events[3].label.inside);
    }

    #[test]
    fn narrow_labels_sit_above_the_mark_within_the_drawing() {
        let s = scale(350.0);
        let mut long = test_mark(96, 97, Shape::Day, false);
        long.label = "A long title that does not fit the phone drawing at all".into();
        let marks = [long];
        let l = layout(&s, &marks, &[], true, "");
        let row = &l.events[0];
        assert!(row.label.y < row.bbox.y);
        assert!(row.label.text.ends_with('…'));
        assert!(row.label.x >= s.x0);
        assert!(row.label.x + text_w(&row.label.text, 12.5) <= s.x1 + 1e-9);
    }
}
