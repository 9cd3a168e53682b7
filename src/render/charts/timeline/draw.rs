//! The markup of one mark and of the link around it.

use super::super::markup::Text;
use super::super::num::Num;
use super::marks::{Mark, MarkBox, Shape};
use crate::util::html::escape_html_into;
use std::fmt::Write;

/// Opens the link around a mark, with its accessible name as tooltip.
pub(super) fn link_open(m: &Mark, out: &mut String) {
    out.push_str("<a class=\"tl-link\" href=\"");
    escape_html_into(out, &m.href);
    out.push_str("\"><title>");
    escape_html_into(out, &m.name);
    out.push_str("</title>");
}

/// The mark's shape in its box (a diamond for an article, a bar
/// otherwise), and a "?" beside an uncertain one.
pub(super) fn draw_mark(m: &Mark, b: &MarkBox, out: &mut String) {
    let class = m.classes();
    if m.shape == Shape::Article {
        diamond(&class, b, out);
    } else {
        let _ = write!(
            out,
            "<rect class=\"{class}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"2\"/>",
            Num(b.left),
            Num(b.y),
            Num(b.right - b.left),
            Num(b.h)
        );
    }
    if m.shows_question() {
        Text {
            class: "tl-q",
            x: b.right + 2.0,
            y: b.y + b.h - 1.0,
            anchor: None,
            text: "?",
        }
        .write(out);
    }
}

/// A diamond centred in the box, a pixel taller than it.
fn diamond(class: &str, b: &MarkBox, out: &mut String) {
    let c = (b.left + b.right) / 2.0;
    let r = b.h / 2.0 + 1.0;
    let my = b.y + b.h / 2.0;
    let (top, right, bottom, left) = (Num(my - r), Num(c + r), Num(my + r), Num(c - r));
    let (c, my) = (Num(c), Num(my));
    let _ = write!(
        out,
        "<path class=\"{class}\" d=\"M{c:.1} {top:.1}L{right:.1} {my:.1}L{c:.1} {bottom:.1}L{left:.1} {my:.1}Z\"/>"
    );
}
