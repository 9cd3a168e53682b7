//! SVG elements shared by the pictures, each writing itself in the exact
//! form the drawings have always had (attribute order, one decimal).

use super::num::Num;
use crate::util::html::escape_html_into;
use std::fmt::Write;

/// The `<svg>` element around a drawing, with its accessible name and
/// description (`id` prefixes their element ids).
pub(super) struct SvgFrame<'a> {
    pub class: &'a str,
    pub id: &'a str,
    pub width: f64,
    pub height: f64,
    pub title: &'a str,
    pub desc: &'a str,
}

impl SvgFrame<'_> {
    /// Writes the opening tag, `<title>` and `<desc>`; the caller closes
    /// the element with `</svg>`.
    pub(super) fn open(&self, out: &mut String) {
        let (class, id) = (self.class, self.id);
        let (w, h) = (Num(self.width), Num(self.height));
        let _ = write!(
            out,
            "<svg class=\"{class}\" viewBox=\"0 0 {w:.0} {h:.0}\" width=\"{w:.0}\" height=\"{h:.0}\" role=\"group\" aria-labelledby=\"{id}-t\" aria-describedby=\"{id}-d\"><title id=\"{id}-t\">"
        );
        escape_html_into(out, self.title);
        let _ = write!(out, "</title><desc id=\"{id}-d\">");
        escape_html_into(out, self.desc);
        out.push_str("</desc>");
    }
}

/// A straight `<line>`.
pub(super) struct Line {
    pub class: &'static str,
    pub x1: f64,
    pub x2: f64,
    pub y1: f64,
    pub y2: f64,
}

impl Line {
    pub(super) fn horizontal(class: &'static str, x1: f64, x2: f64, y: f64) -> Line {
        Line {
            class,
            x1,
            x2,
            y1: y,
            y2: y,
        }
    }

    pub(super) fn vertical(class: &'static str, x: f64, y1: f64, y2: f64) -> Line {
        Line {
            class,
            x1: x,
            x2: x,
            y1,
            y2,
        }
    }

    pub(super) fn write(&self, out: &mut String) {
        let _ = write!(
            out,
            "<line class=\"{}\" x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\"/>",
            self.class,
            Num(self.x1),
            Num(self.x2),
            Num(self.y1),
            Num(self.y2)
        );
    }
}

/// A `<text>` at (`x`, `y`), its content escaped; `anchor` is its
/// `text-anchor` when not the default start.
pub(super) struct Text<'a> {
    pub class: &'a str,
    pub x: f64,
    pub y: f64,
    pub anchor: Option<&'a str>,
    pub text: &'a str,
}

impl Text<'_> {
    pub(super) fn write(&self, out: &mut String) {
        let _ = write!(
            out,
            "<text class=\"{}\" x=\"{:.1}\" y=\"{:.1}\"",
            self.class,
            Num(self.x),
            Num(self.y)
        );
        if let Some(anchor) = self.anchor {
            let _ = write!(out, " text-anchor=\"{anchor}\"");
        }
        out.push('>');
        escape_html_into(out, self.text);
        out.push_str("</text>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_write_their_attributes_in_order() {
        let mut out = String::new();
        Line::vertical("tl-grid", 10.3, 2.0, 40.0).write(&mut out);
        Text {
            class: "tl-tick",
            x: 3.0,
            y: 4.0,
            anchor: Some("middle"),
            text: "A & B",
        }
        .write(&mut out);
        assert_eq!(
            out,
            "<line class=\"tl-grid\" x1=\"10.3\" x2=\"10.3\" y1=\"2.0\" y2=\"40.0\"/>\
             <text class=\"tl-tick\" x=\"3.0\" y=\"4.0\" text-anchor=\"middle\">A &amp; B</text>"
        );
    }
}
