//! The markup of a laid-out network.

use super::super::markup::{SvgFrame, Text};
use super::super::num::Num;
use super::describe::paragraphs;
use super::layout::{EdgePath, NetworkLayout, PlacedEdge, PlacedNode};
use crate::i18n::Strings;
use crate::util::html::escape_html_into;
use std::fmt::Write;

/// The drawing in `frame`: links under the nodes, each node a link to its
/// actor's page (`root` leads to the site root).
pub(super) fn write(
    t: &Strings,
    layout: &NetworkLayout,
    frame: &SvgFrame,
    root: &str,
    out: &mut String,
) {
    frame.open(out);
    out.push_str("<g class=\"net-edges\">");
    for edge in &layout.edges {
        edge.write(t, out);
    }
    out.push_str("</g>");
    for node in &layout.nodes {
        node.write(t, root, out);
    }
    out.push_str("</svg>");
}

impl PlacedEdge<'_> {
    /// A path with the pair and their paragraphs as its tooltip.
    fn write(&self, t: &Strings, out: &mut String) {
        let class = if self.touches_centre {
            "net-edge net-edge-centre"
        } else {
            "net-edge"
        };
        let _ = write!(out, "<path class=\"{class}\" d=\"");
        self.path.write(out);
        let _ = write!(
            out,
            "\" stroke-width=\"{:.1}\"><title>",
            Num(self.stroke_width)
        );
        let (a, b) = self.names;
        let n = paragraphs(t, self.edge.paragraphs);
        let title = t.fill("chart.edge", &[("a", &a), ("b", &b), ("paragraphs", &n)]);
        escape_html_into(out, &title);
        out.push_str("</title></path>");
    }
}

impl EdgePath {
    /// The `d` attribute.
    fn write(&self, out: &mut String) {
        let _ = match *self {
            EdgePath::Line(p, q) => write!(
                out,
                "M{:.1} {:.1}L{:.1} {:.1}",
                Num(p.0),
                Num(p.1),
                Num(q.0),
                Num(q.1)
            ),
            EdgePath::Arc { top, bottom, bulge } => write!(
                out,
                "M{:.1} {:.1}C{:.1} {:.1} {:.1} {:.1} {:.1} {:.1}",
                Num(top.0),
                Num(top.1),
                Num(top.0 - bulge),
                Num(top.1),
                Num(bottom.0 - bulge),
                Num(bottom.1),
                Num(bottom.0),
                Num(bottom.1)
            ),
        };
    }
}

impl PlacedNode<'_> {
    /// A link to the actor's page around its circle and label, with its
    /// links and paragraphs as tooltip.
    fn write(&self, t: &Strings, root: &str, out: &mut String) {
        let n = self.node;
        let _ = write!(
            out,
            "<a class=\"net-link\" href=\"{root}actors/{}.html\"><title>",
            n.slug
        );
        let actors = t.count("count.actor", n.links as u64);
        let times = format!("{} {}", n.weight, t.count("count.times", n.weight as u64));
        let values: [(&str, &dyn std::fmt::Display); 4] = [
            ("name", &n.name),
            ("n", &n.links),
            ("actors", &actors),
            ("times", &times),
        ];
        escape_html_into(out, &t.fill("chart.node", &values));
        out.push_str("</title>");
        let focus = if self.is_centre { " net-focus" } else { "" };
        let _ = write!(
            out,
            "<circle class=\"net-node net-{}{focus}\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"{:.1}\"/>",
            n.kind.as_str(),
            Num(self.x),
            Num(self.y),
            Num(self.r)
        );
        Text {
            class: if self.is_centre {
                "net-label net-label-focus"
            } else {
                "net-label"
            },
            x: self.label.x,
            y: self.label.y,
            anchor: Some(self.label.anchor),
            text: &self.label.text,
        }
        .write(out);
        out.push_str("</a>");
    }
}
