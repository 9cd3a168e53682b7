//! The actor network: actors linked when named in the same paragraph of an
//! article. `graph` chooses the actors, weighs them and picks the centre,
//! `layout` places them, `describe` words the picture, `draw` writes it.

mod describe;
mod draw;
mod graph;
mod layout;

use super::markup::SvgFrame;
pub(crate) use graph::CoMentions;

/// The actor network: actors linked when named in the same paragraph of an
/// article, line width by the number of such paragraphs. With `focus`, that
/// actor and its (at most 12) most frequent companions, with the links among
/// them. The most connected actor (or the focus) sits in the middle; the
/// others are arranged around it, linked actors next to each other.
pub(crate) fn network(
    d: &crate::model::Dossier,
    co: &CoMentions,
    focus: Option<&str>,
    root: &str,
) -> Option<String> {
    let g = graph::build(d, co, focus)?;
    let t = &d.config.interface_strings;
    let (title, desc) = match focus {
        Some(_) => describe::describe_focus(t, &g),
        None => describe::describe_all(t, &g),
    };
    let mut out = String::new();
    for narrow in [false, true] {
        let layout = if narrow {
            layout::column(&g)
        } else {
            layout::ring(&g)
        };
        let class = svg_class(focus.is_some(), narrow);
        let frame = SvgFrame {
            class: &class,
            id: if narrow { "net-n" } else { "net-w" },
            width: layout.width,
            height: layout.height,
            title: &title,
            desc: &desc,
        };
        draw::write(t, &layout, &frame, root, &mut out);
    }
    Some(out)
}

/// The classes of the `<svg>`: around one actor or all, which screen.
fn svg_class(focused: bool, narrow: bool) -> String {
    let scope = if focused { "net-local" } else { "net-all" };
    let screen = if narrow { "svg-narrow" } else { "svg-wide" };
    format!("net {scope} {screen}")
}
