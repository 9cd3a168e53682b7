//! The strip (index and actor pages): marks packed into lanes under the
//! axis, no labels.

use super::super::axis::{self, Axis, Scale};
use super::super::num::Num;
use super::draw::{draw_mark, link_open};
use super::marks::{Mark, MarkBox, Shape};
use std::fmt::Write;

const AXIS_TOP: f64 = 2.0;
/// Where the first lane starts, below the axis.
const LANES_TOP: f64 = AXIS_TOP + 38.0;
const LANE_H: f64 = 12.0;
const MARK_H: f64 = 8.0;
/// Least gap between two marks in one lane, px.
const LANE_GAP: f64 = 3.0;

pub(super) struct StripLayout<'m> {
    pub height: f64,
    pub axis: Axis,
    /// In stacking order: own marks, then context marks.
    pub placed: Vec<(&'m Mark, MarkBox)>,
}

pub(super) fn layout<'m>(s: &Scale, marks: &'m [Mark], context: &'m [Mark]) -> StripLayout<'m> {
    let order = stacking_order(marks, context);
    let (lanes_of, lanes) = pack_lanes(s, &order);
    let height = LANES_TOP + lanes as f64 * LANE_H + 6.0;
    let placed = order
        .into_iter()
        .zip(lanes_of)
        .map(|(m, lane)| (m, m.place(s, LANES_TOP + lane as f64 * LANE_H, MARK_H)))
        .collect();
    StripLayout {
        height,
        axis: axis::layout(s, AXIS_TOP, height - 4.0),
        placed,
    }
}

/// Days and spans first (the top lanes), then whole periods, context last.
fn stacking_order<'m>(marks: &'m [Mark], context: &'m [Mark]) -> Vec<&'m Mark> {
    let mut order: Vec<&Mark> = Vec::with_capacity(marks.len() + context.len());
    for group in [marks, context] {
        order.extend(group.iter().filter(|m| m.shape != Shape::Period));
        order.extend(group.iter().filter(|m| m.shape == Shape::Period));
    }
    order
}

/// Each mark in turn goes to the first lane where it clears the last mark
/// (with its "?") by [`LANE_GAP`], or to a new lane. Returns the lane of
/// each mark and the number of lanes.
fn pack_lanes(s: &Scale, order: &[&Mark]) -> (Vec<usize>, usize) {
    // The right edge of what each lane holds so far.
    let mut lane_ends: Vec<f64> = Vec::new();
    let mut lanes_of = Vec::with_capacity(order.len());
    for m in order {
        let b = m.place(s, 0.0, MARK_H);
        let lane = match lane_ends.iter().position(|end| *end + LANE_GAP <= b.left) {
            Some(l) => l,
            None => {
                lane_ends.push(f64::MIN);
                lane_ends.len() - 1
            }
        };
        lane_ends[lane] = b.reach;
        lanes_of.push(lane);
    }
    (lanes_of, lane_ends.len())
}

impl StripLayout<'_> {
    pub(super) fn write(&self, out: &mut String) {
        self.axis.write(out);
        // Context first so that the dossier's own marks are drawn over them.
        context_paths(self.placed.iter().filter(|p| p.0.context), out);
        for (m, b) in self.placed.iter().filter(|p| !p.0.context) {
            link_open(m, out);
            draw_mark(m, b, out);
            out.push_str("</a>");
        }
    }
}

/// The faint context marks (on an actor's strip, every other event of the
/// dossier), drawn alike and linking nowhere: one path of bars for each
/// set of classes, not a `<rect>` each, which made them most of the bytes
/// of an actor page's charts. Their corners are square; at that size and
/// faintness the rounding did not show.
fn context_paths<'a, 'm: 'a>(
    placed: impl Iterator<Item = &'a (&'m Mark, MarkBox)>,
    out: &mut String,
) {
    let mut paths: Vec<(String, String)> = Vec::new();
    for (m, b) in placed {
        let class = m.classes();
        let i = match paths.iter().position(|p| p.0 == class) {
            Some(i) => i,
            None => {
                paths.push((class, String::new()));
                paths.len() - 1
            }
        };
        let w = Num(b.right - b.left);
        let _ = write!(
            paths[i].1,
            "M{:.1} {:.1}h{w:.1}v{:.1}h-{w:.1}z",
            Num(b.left),
            Num(b.y),
            Num(b.h)
        );
    }
    for (class, d) in paths {
        let _ = write!(out, "<path class=\"{class}\" d=\"{d}\"/>");
    }
}

#[cfg(test)]
mod tests {
    use super::super::marks::{test_mark, test_scale};
    use super::*;

    #[test]
    fn overlapping_marks_go_to_separate_lanes_and_others_share() {
        let marks = [
            test_mark(10, 30, Shape::Span, false),
            test_mark(20, 21, Shape::Day, false),
            test_mark(40, 41, Shape::Day, false),
            test_mark(25, 26, Shape::Day, false),
        ];
        let l = layout(&test_scale(), &marks, &[]);
        let lanes: Vec<f64> = l.placed.iter().map(|p| p.1.y).collect();
        assert_eq!(
            lanes,
            [LANES_TOP, LANES_TOP + LANE_H, LANES_TOP, LANES_TOP + LANE_H]
        );
        assert_eq!(l.height, LANES_TOP + 2.0 * LANE_H + 6.0);
    }

    #[test]
    fn no_two_marks_in_a_lane_overlap() {
        let mut marks = Vec::new();
        for i in 0..40 {
            marks.push(test_mark(i * 2, i * 2 + 1 + i % 5, Shape::Day, i % 3 == 0));
        }
        let l = layout(&test_scale(), &marks, &[]);
        for (i, (_, a)) in l.placed.iter().enumerate() {
            for (_, b) in &l.placed[i + 1..] {
                if a.y == b.y {
                    assert!(a.reach + LANE_GAP <= b.left || b.reach + LANE_GAP <= a.left);
                }
            }
        }
    }

    #[test]
    fn periods_and_context_come_after_the_own_marks() {
        let marks = [
            test_mark(10, 40, Shape::Period, false),
            test_mark(20, 21, Shape::Day, false),
        ];
        let mut context = test_mark(20, 21, Shape::Day, false);
        context.context = true;
        let context = [context];
        let l = layout(&test_scale(), &marks, &context);
        let starts: Vec<(i64, bool)> = l.placed.iter().map(|p| (p.0.start, p.0.context)).collect();
        assert_eq!(starts, [(20, false), (10, false), (20, true)]);
        // The day takes the top lane; the period under it, the context below.
        assert_eq!(l.placed[0].1.y, LANES_TOP);
        assert_eq!(l.placed[2].1.y, LANES_TOP + 2.0 * LANE_H);
    }

    #[test]
    fn context_marks_alike_are_one_path_of_bars() {
        let context: Vec<Mark> = [(10, Shape::Day), (50, Shape::Day), (20, Shape::Period)]
            .into_iter()
            .map(|(start, shape)| {
                let mut m = test_mark(start, start + 1, shape, false);
                m.context = true;
                m
            })
            .collect();
        let l = layout(&test_scale(), &[], &context);
        let mut out = String::new();
        l.write(&mut out);
        assert!(!out.contains("<rect class=\"tl-mark"), "{out}");
        assert!(out.contains("<path class=\"tl-mark tl-day tl-context\" d=\"M100.0 40.0h10.0v8.0h-10.0zM500.0 40.0h10.0v8.0h-10.0z\"/>"), "{out}");
        assert_eq!(
            out.matches("<path class=\"tl-mark tl-period tl-partial tl-context\"")
                .count(),
            1,
            "{out}"
        );
    }
}
