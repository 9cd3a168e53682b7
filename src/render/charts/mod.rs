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
//!
//! Each picture is made in three separate steps: a pure layout (positions,
//! label anchors and sizes, as plain structs that the tests read), the words
//! of its `<title>` and `<desc>` (`describe_*`), and the markup written from
//! the layout. `num`, `text_metrics` and `markup` are shared by both
//! pictures; dates come from `model::date`.

mod axis;
mod markup;
mod network;
mod num;
mod text_metrics;
mod timeline;

pub(super) use network::{network, CoMentions};
pub(super) use timeline::{timeline, Size};

/// Width of the wide drawings (natural size on a desktop screen).
const WIDE: f64 = 1040.0;
/// Width of the phone drawings (natural size in a 390 px window).
const NARROW: f64 = 350.0;
