//! `dossier` turns a folder of source articles about one story into an
//! annotated static website.
//!
//! The pipeline, one module per stage:
//! [`load`] (config, content, seeds → typed [`model::Dossier`]) →
//! [`link`] (mentions, references, annotations anchored, provenance) →
//! [`render`] (Tera templates → output files) →
//! [`write`] (to a temporary directory, then swap).
//!
//! ```no_run
//! let summary = dossier::build(std::path::Path::new("."), None).expect("build");
//! println!("{} pages", summary.pages);
//! ```

// Diagnostics carry a path, a place, a message, a hint and the source line:
// large for an `Err`, but errors are the cold path and boxing every one of
// them would only add noise.
#![allow(clippy::result_large_err)]

pub mod config;
pub mod diagnostics;
pub mod highlight;
pub mod link;
pub mod load;
pub mod model;
pub mod render;
pub mod write;

pub use diagnostics::{Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A dossier loaded, linked and rendered in memory.
pub struct Checked {
    pub dossier: model::Dossier,
    pub linked: link::Linked,
    pub files: Vec<render::OutputFile>,
}

/// What a build did, for the one-line summary.
#[derive(Debug, Clone)]
pub struct Summary {
    pub dest: PathBuf,
    pub files: usize,
    pub pages: usize,
    pub articles: usize,
    pub actors: usize,
    pub events: usize,
    pub annotations: usize,
    pub mentions: usize,
    pub elapsed: Duration,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "wrote {} pages ({} files) to {}: {} articles, {} actors, {} events, {} annotations, {} mentions in {:.2?}",
            self.pages,
            self.files,
            self.dest.display(),
            self.articles,
            self.actors,
            self.events,
            self.annotations,
            self.mentions,
            self.elapsed
        )
    }
}

/// Loads, links and renders the dossier at `root` without writing anything.
pub fn check(root: &Path) -> Result<Checked, Diagnostics> {
    let dossier = load::load(root)?;
    let templates = root.join(&dossier.config.build.templates_dir);
    let (linked, theme) = rayon::join(
        || link::link(&dossier),
        || render::Theme::load(&templates, &dossier.config.build.templates_dir),
    );
    let (linked, theme) = match (linked, theme) {
        (Ok(l), Ok(t)) => (l, t),
        (l, t) => {
            let mut all = Diagnostics::new();
            if let Err(e) = l {
                all.extend(e);
            }
            if let Err(e) = t {
                all.extend(e);
            }
            return Err(all.sorted());
        }
    };
    let files = render::render(&dossier, &linked, &theme)?;
    Ok(Checked {
        dossier,
        linked,
        files,
    })
}

/// The output directory: `dest` if given (relative to the current
/// directory, like mdBook's `-d`), else `[build] build-dir` under `root`.
pub fn output_dir(root: &Path, config: &config::Config, dest: Option<&Path>) -> PathBuf {
    match dest {
        Some(d) => d.to_path_buf(),
        None => root.join(&config.build.build_dir),
    }
}

/// Builds the dossier at `root` into `dest` (or the configured build-dir).
/// On any error nothing is written and the previous output stays intact.
pub fn build(root: &Path, dest: Option<&Path>) -> Result<Summary, Diagnostics> {
    let start = Instant::now();
    let checked = check(root)?;
    let out = output_dir(root, &checked.dossier.config, dest);
    write::check_destination(root, &out)?;
    write::write_atomic(&out, &checked.files)?;
    Ok(summarize(&checked, out, start.elapsed()))
}

fn summarize(c: &Checked, dest: PathBuf, elapsed: Duration) -> Summary {
    Summary {
        dest,
        files: c.files.len(),
        pages: c.files.iter().filter(|f| f.path.ends_with(".html")).count(),
        articles: c.dossier.articles.len(),
        actors: c.dossier.actors.len(),
        events: c.dossier.events.len(),
        annotations: c.linked.articles.iter().map(|a| a.annotations.len()).sum(),
        mentions: c.linked.mentions.len(),
        elapsed,
    }
}
