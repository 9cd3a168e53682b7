//! `dossier` turns a folder of source articles about one story into an
//! annotated static website.
//!
//! The pipeline, one module per stage:
//! [`load`] (config, content, seeds → typed [`model::Dossier`]) →
//! [`link`] (mentions, references, annotations anchored, provenance) →
//! [`render`] (Tera templates → output files) →
//! [`write`] (to a temporary directory, then swap).

pub mod config;
pub mod diagnostics;
pub mod load;
pub mod model;

pub use diagnostics::{Diagnostic, Diagnostics};
pub mod highlight;
pub mod link;
