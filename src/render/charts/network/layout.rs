//! Where the actors of a network go. Wide: the centre in the middle, the
//! others on an oval around it ([`ring`]); narrow: one column with the
//! links as arcs beside it ([`column`]). Both give every node its circle
//! and label, and every link its path and width.

use super::super::text_metrics::{fit, text_w};
use super::super::NARROW;
use super::graph::{Edge, Graph, Node};
use std::collections::BTreeMap;

/// Size of the actor names, px.
const FONT: f64 = 13.0;
/// Radius of the centre's circle.
const CENTRE_R: f64 = 9.0;

pub(super) struct NetworkLayout<'g> {
    pub width: f64,
    pub height: f64,
    /// The centre first, then the ring in order.
    pub nodes: Vec<PlacedNode<'g>>,
    /// Lightest first, so that heavy links are drawn on top.
    pub edges: Vec<PlacedEdge<'g>>,
}

pub(super) struct PlacedNode<'g> {
    pub node: &'g Node<'g>,
    pub is_centre: bool,
    pub x: f64,
    pub y: f64,
    pub r: f64,
    pub label: NodeLabel,
}

/// A node's name (shortened to its room), where it starts and which way it
/// runs.
pub(super) struct NodeLabel {
    pub x: f64,
    pub y: f64,
    pub anchor: &'static str,
    pub text: String,
}

pub(super) struct PlacedEdge<'g> {
    pub edge: &'g Edge<'g>,
    pub names: (&'g str, &'g str),
    pub touches_centre: bool,
    pub stroke_width: f64,
    pub path: EdgePath,
}

pub(super) enum EdgePath {
    /// A straight line between two points.
    Line((f64, f64), (f64, f64)),
    /// A curve from `top` to `bottom` bulging `bulge` px to their left.
    Arc {
        top: (f64, f64),
        bottom: (f64, f64),
        bulge: f64,
    },
}

type Positions<'a> = BTreeMap<&'a str, (f64, f64)>;

/// Where labels go, by layout.
enum LabelRule {
    /// The centre's label under it; the others outside the oval, with the
    /// width of the widest name on each side.
    Ring {
        cx: f64,
        rx: f64,
        right_w: f64,
        left_w: f64,
    },
    /// Every label right of its node, up to the drawing's edge.
    Column,
}

impl LabelRule {
    /// (x, y, text-anchor, room in px) of the label of a node of radius `r`
    /// at (`x`, `y`).
    fn at(&self, is_centre: bool, x: f64, y: f64, r: f64) -> (f64, f64, &'static str, f64) {
        match *self {
            LabelRule::Ring { rx, .. } if is_centre => (x, y + r + 15.0, "middle", 2.0 * rx - 20.0),
            LabelRule::Ring { cx, right_w, .. } if x >= cx => {
                (x + r + 5.0, y + 4.5, "start", right_w + 8.0)
            }
            LabelRule::Ring { left_w, .. } => (x - r - 5.0, y + 4.5, "end", left_w + 8.0),
            LabelRule::Column => (
                x + r.max(6.0) + 6.0,
                y + 4.5,
                "start",
                NARROW - x - r.max(6.0) - 10.0,
            ),
        }
    }
}

/// Positions and label rule of one drawing, before sizes and paths.
struct Frame<'a> {
    width: f64,
    height: f64,
    pos: Positions<'a>,
    labels: LabelRule,
}

/// Wide: the centre in the middle, the others on an oval around it — the
/// first half down the right side, the rest up the left side — with their
/// labels outside the oval, so that lines never cross a label and labels
/// never overlap (one per row on each side).
pub(super) fn ring<'g>(g: &'g Graph<'g>) -> NetworkLayout<'g> {
    place(g, ring_frame(&g.centre, &g.ring), false)
}

/// Narrow: one column of nodes (the centre first), each labelled on its
/// right; links are arcs on the left, wider for rows further apart.
pub(super) fn column<'g>(g: &'g Graph<'g>) -> NetworkLayout<'g> {
    place(g, column_frame(&g.centre, &g.ring), true)
}

fn ring_frame<'a>(centre: &Node<'a>, ring: &[Node<'a>]) -> Frame<'a> {
    let n = ring.len();
    // Few nodes get more room.
    let dy = if n <= 14 { 32.0 } else { 26.0 };
    let right_n = n.div_ceil(2);
    let left_n = n - right_n;
    let rows = right_n.max(1);
    let widest = |ns: &[Node]| {
        ns.iter()
            .map(|x| text_w(x.name, FONT))
            .fold(0.0_f64, f64::max)
            .min(320.0)
    };
    let (right_w, left_w) = (widest(&ring[..right_n]), widest(&ring[right_n..]));
    let ry = ((rows as f64 - 1.0) * dy / 2.0 + dy * 0.9).max(70.0);
    let rx = (ry * 1.15).clamp(150.0, 230.0);
    let pad = 10.0;
    let cx = pad + left_w + 14.0 + rx;
    let width = cx + rx + 14.0 + right_w + pad;
    let top = 16.0;
    let cy = top + ry;
    let height = cy + ry + 16.0;
    let mut pos: Positions = BTreeMap::new();
    pos.insert(centre.slug, (cx, cy));
    // Rows evenly spaced, each column centred on cy.
    let row_y = |i: usize, count: usize| cy + (i as f64 - (count as f64 - 1.0) / 2.0) * dy;
    let x_at = |y: f64| {
        let t = ((y - cy) / ry).clamp(-1.0, 1.0);
        rx * (1.0 - t * t).sqrt().max(0.25)
    };
    for (i, node) in ring[..right_n].iter().enumerate() {
        let y = row_y(i, right_n);
        pos.insert(node.slug, (cx + x_at(y), y));
    }
    for (i, node) in ring[right_n..].iter().enumerate() {
        // Up the left side: the last one at the top.
        let y = row_y(left_n - 1 - i, left_n);
        pos.insert(node.slug, (cx - x_at(y), y));
    }
    Frame {
        width,
        height,
        pos,
        labels: LabelRule::Ring {
            cx,
            rx,
            right_w,
            left_w,
        },
    }
}

fn column_frame<'a>(centre: &Node<'a>, ring: &[Node<'a>]) -> Frame<'a> {
    let dy = 24.0;
    let n = ring.len() + 1;
    let x = (NARROW * 0.36).round();
    let top = 16.0;
    let mut pos: Positions = BTreeMap::new();
    pos.insert(centre.slug, (x, top));
    for (i, node) in ring.iter().enumerate() {
        pos.insert(node.slug, (x, top + (i + 1) as f64 * dy));
    }
    Frame {
        width: NARROW,
        height: top + (n - 1) as f64 * dy + 14.0,
        pos,
        labels: LabelRule::Column,
    }
}

/// Sizes the nodes by weight and the links by paragraphs, places labels
/// and draws paths (`arcs` beside a column, else straight).
fn place<'g>(g: &'g Graph<'g>, frame: Frame<'g>, arcs: bool) -> NetworkLayout<'g> {
    let heaviest_node = g
        .ring
        .iter()
        .map(|n| n.weight)
        .chain([g.centre.weight])
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let nodes = std::iter::once(&g.centre)
        .chain(&g.ring)
        .filter_map(|n| {
            let &(x, y) = frame.pos.get(n.slug)?;
            let is_centre = n.slug == g.centre.slug;
            let r = if is_centre {
                CENTRE_R
            } else {
                3.5 + 4.5 * ((n.weight as f64) / heaviest_node).sqrt()
            };
            let (lx, ly, anchor, room) = frame.labels.at(is_centre, x, y, r);
            let text = fit(n.name, room, FONT);
            let label = NodeLabel {
                x: lx,
                y: ly,
                anchor,
                text,
            };
            Some(PlacedNode {
                node: n,
                is_centre,
                x,
                y,
                r,
                label,
            })
        })
        .collect();
    NetworkLayout {
        width: frame.width,
        height: frame.height,
        nodes,
        edges: place_edges(g, &frame.pos, arcs),
    }
}

/// The links between placed nodes, lightest first; width by paragraphs.
fn place_edges<'g>(g: &'g Graph<'g>, pos: &Positions, arcs: bool) -> Vec<PlacedEdge<'g>> {
    let heaviest = g.edges.iter().map(|e| e.paragraphs).max().unwrap_or(1) as f64;
    let mut sorted: Vec<&Edge> = g.edges.iter().collect();
    sorted.sort_by(|x, y| {
        x.paragraphs
            .cmp(&y.paragraphs)
            .then(x.a.cmp(y.a))
            .then(x.b.cmp(y.b))
    });
    sorted
        .into_iter()
        .filter_map(|e| {
            let (&p, &q) = (pos.get(e.a)?, pos.get(e.b)?);
            let path = if arcs {
                // Wider for rows further apart, never past the left edge.
                let (top, bottom) = if p.1 <= q.1 { (p, q) } else { (q, p) };
                let bulge = (10.0 + (bottom.1 - top.1) * 0.42).min(p.0 - 6.0);
                EdgePath::Arc { top, bottom, bulge }
            } else {
                EdgePath::Line(p, q)
            };
            Some(PlacedEdge {
                edge: e,
                names: (g.name_of(e.a), g.name_of(e.b)),
                touches_centre: e.touches(g.centre.slug),
                stroke_width: 0.8 + 4.7 * (e.paragraphs as f64) / heaviest,
                path,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::graph::test_node;
    use super::*;

    fn graph(n: usize) -> Graph<'static> {
        const SLUGS: [&str; 20] = [
            "aa", "bb", "cc", "dd", "ee", "ff", "gg", "hh", "ii", "jj", "kk", "ll", "mm", "nn",
            "oo", "pp", "qq", "rr", "ss", "tt",
        ];
        let ring: Vec<Node> = (1..=n).map(|i| test_node(SLUGS[i], 20 - i)).collect();
        let edges = ring
            .iter()
            .enumerate()
            .map(|(i, node)| Edge {
                a: SLUGS[0],
                b: node.slug,
                paragraphs: i + 1,
            })
            .collect();
        Graph {
            centre: test_node(SLUGS[0], 30),
            ring,
            edges,
        }
    }

    /// The horizontal extent of a node's label.
    fn label_span(n: &PlacedNode) -> (f64, f64) {
        let w = text_w(&n.label.text, FONT);
        match n.label.anchor {
            "end" => (n.label.x - w, n.label.x),
            "middle" => (n.label.x - w / 2.0, n.label.x + w / 2.0),
            _ => (n.label.x, n.label.x + w),
        }
    }

    #[test]
    fn the_ring_puts_the_centre_in_the_middle_and_labels_outside() {
        for n in [1, 2, 5, 13, 19] {
            let g = graph(n);
            let l = ring(&g);
            assert_eq!(l.nodes.len(), n + 1);
            let c = &l.nodes[0];
            assert!(c.is_centre && c.x > 0.0 && c.x < l.width);
            for node in &l.nodes[1..] {
                let (from, to) = label_span(node);
                assert!(from >= 0.0 && to <= l.width, "{n}: {}", node.node.slug);
                // Outside the oval: away from the centre, beyond the circle.
                if node.x >= c.x {
                    assert!(from > node.x + node.r);
                } else {
                    assert!(to < node.x - node.r);
                }
            }
        }
    }

    #[test]
    fn ring_labels_on_one_side_never_share_a_row() {
        let g = graph(19);
        let l = ring(&g);
        let centre_x = l.nodes[0].x;
        for side in [true, false] {
            let mut ys: Vec<f64> = l.nodes[1..]
                .iter()
                .filter(|n| (n.x >= centre_x) == side)
                .map(|n| n.label.y)
                .collect();
            ys.sort_by(f64::total_cmp);
            assert!(ys.windows(2).all(|p| p[1] - p[0] >= 26.0 - 1e-9), "{ys:?}");
        }
    }

    #[test]
    fn the_column_stacks_nodes_and_bends_links_to_its_left() {
        let g = graph(5);
        let l = column(&g);
        let ys: Vec<f64> = l.nodes.iter().map(|n| n.y).collect();
        assert_eq!(ys, [16.0, 40.0, 64.0, 88.0, 112.0, 136.0]);
        assert_eq!(l.width, NARROW);
        for e in &l.edges {
            let EdgePath::Arc { top, bottom, bulge } = e.path else {
                panic!("a straight link in the column");
            };
            assert!(top.1 < bottom.1 && bulge > 0.0 && top.0 - bulge >= 6.0);
        }
        for n in &l.nodes {
            let (from, to) = label_span(n);
            assert!(from > n.x + n.r && to <= NARROW);
        }
    }

    #[test]
    fn links_go_lightest_first_and_heavier_links_are_wider() {
        let g = graph(4);
        let l = ring(&g);
        let widths: Vec<f64> = l.edges.iter().map(|e| e.stroke_width).collect();
        assert!(widths.windows(2).all(|p| p[0] < p[1]), "{widths:?}");
        assert_eq!(*widths.last().unwrap(), 0.8 + 4.7);
        assert!(l
            .edges
            .iter()
            .all(|e| e.touches_centre && e.names.0 == "aa"));
    }
}
