//! The strip (index and actor pages): marks packed into lanes under the
//! axis, no labels.

use super::super::axis::{self, Axis, Scale};
use super::draw::{draw_mark, link_open};
use super::marks::{Mark, MarkBox, Shape};

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
        for (m, b) in self.placed.iter().filter(|p| p.0.context) {
            draw_mark(m, b, out);
        }
        for (m, b) in self.placed.iter().filter(|p| !p.0.context) {
            link_open(m, out);
            draw_mark(m, b, out);
            out.push_str("</a>");
        }
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
}
