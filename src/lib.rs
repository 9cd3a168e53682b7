//! `dossier` turns a folder of source articles about one story into an
//! annotated static website.
//!
//! The pipeline, one module per stage:
//! [`load`] (config, content, seeds → typed [`model::Dossier`]) →
//! [`link`] (mentions, references, annotations anchored, provenance) →
//! [`lint`] (warnings: what builds but an editor would fix) →
//! [`render`] (Tera templates → output files) →
//! `write` (to a temporary directory, then swap).
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
pub mod edit;
mod export;
mod highlight;
pub mod i18n;
pub mod import;
pub mod incremental;
pub mod link;
pub mod lint;
pub mod load;
pub mod model;
mod output;
pub use output::{human_bytes, SiteSize, SizeLimits};
pub mod render;
pub mod scaffold;
#[cfg(feature = "serve")]
pub mod serve;
mod write;
// Helpers shared by the stages (HTML escaping, message text).
mod util;

pub use diagnostics::{Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A dossier loaded, linked and rendered in memory.
pub struct Checked {
    pub dossier: model::Dossier,
    pub linked: link::Linked,
    pub files: Vec<output::OutputFile>,
    /// What builds but a careful editor would fix ([`lint`]).
    pub warnings: Diagnostics,
}

/// What a build did, for the one-line summary.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Where the site was written; empty when nothing was (a check).
    pub dest: PathBuf,
    pub files: usize,
    pub pages: usize,
    pub articles: usize,
    pub actors: usize,
    pub events: usize,
    pub annotations: usize,
    pub mentions: usize,
    pub elapsed: Duration,
    /// What builds but a careful editor would fix ([`lint`]).
    pub warnings: Diagnostics,
    /// The size of the site written (a build only).
    pub size: Option<output::SiteSize>,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = |count: usize, word: &str| {
            format!("{count} {word}{}", if count == 1 { "" } else { "s" })
        };
        let (pages, files) = (n(self.pages, "page"), n(self.files, "file"));
        // `check_summary` writes nothing and leaves `dest` empty.
        if self.dest.as_os_str().is_empty() {
            write!(f, "{pages} ({files}) would be written: ")?;
        } else {
            write!(f, "wrote {pages} ({files}) to {}: ", self.dest.display())?;
        }
        write!(
            f,
            "{}, {}, {}, {}, {} in {:.2?}",
            n(self.articles, "article"),
            n(self.actors, "actor"),
            n(self.events, "event"),
            n(self.annotations, "annotation"),
            n(self.mentions, "mention"),
            self.elapsed
        )
    }
}

/// A stage of the pipeline, as reported to the `on_stage` callbacks of
/// [`check_with`] and [`build_with`] (progress bars, `--verbose` timings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Load,
    Link,
    Lint,
    Render,
    Write,
}

impl Stage {
    pub fn name(self) -> &'static str {
        match self {
            Stage::Load => "load",
            Stage::Link => "link",
            Stage::Lint => "lint",
            Stage::Render => "render",
            Stage::Write => "write",
        }
    }
}

/// Loads, links and renders the dossier at `root` without writing anything.
pub fn check(root: &Path) -> Result<Checked, Diagnostics> {
    check_with(root, None, &mut |_, _| {})
}

/// [`check`], reusing `theme` when given (the server keeps one until the
/// templates or `book.toml` change) and calling `on_stage` with the time of
/// each stage once it is done.
pub fn check_with(
    root: &Path,
    theme: Option<&render::Theme>,
    on_stage: &mut dyn FnMut(Stage, Duration),
) -> Result<Checked, Diagnostics> {
    let (dossier, linked, theme) = load_and_link(root, theme, on_stage)?;
    let warnings = lint_stage(&dossier, &linked, on_stage);
    let t = Instant::now();
    let files = render::render(&dossier, &linked, theme.get()).map_err(also(&warnings))?;
    on_stage(Stage::Render, t.elapsed());
    Ok(Checked {
        dossier,
        linked,
        files,
        warnings,
    })
}

/// Loads, links and renders the dossier at `root`, keeping nothing: what a
/// build would write, summarised (`dest` empty), or every problem. Unlike
/// [`check_with`], the site is never held in memory.
pub fn check_summary(
    root: &Path,
    on_stage: &mut dyn FnMut(Stage, Duration),
) -> Result<Summary, Diagnostics> {
    let start = Instant::now();
    let (dossier, linked, theme) = load_and_link(root, None, on_stage)?;
    let warnings = lint_stage(&dossier, &linked, on_stage);
    let t = Instant::now();
    let rendered = render::render_into(&dossier, &linked, theme.get(), &output::Discard)
        .map_err(also(&warnings))?;
    on_stage(Stage::Render, t.elapsed());
    let s = summary(&dossier, &linked, rendered, PathBuf::new(), start.elapsed());
    let s = Summary { warnings, ..s };
    drop_in_background((dossier, linked));
    Ok(s)
}

/// The lint stage: the warnings of a dossier that loaded and linked.
fn lint_stage(
    dossier: &model::Dossier,
    linked: &link::Linked,
    on_stage: &mut dyn FnMut(Stage, Duration),
) -> Diagnostics {
    let t = Instant::now();
    let warnings = lint::lint(dossier, linked);
    on_stage(Stage::Lint, t.elapsed());
    warnings
}

/// Adds the run's warnings to the errors of a later stage, which are
/// reported first.
fn also(warnings: &Diagnostics) -> impl Fn(Diagnostics) -> Diagnostics + '_ {
    move |mut errors| {
        errors.extend(warnings.clone());
        errors.sorted()
    }
}

/// The theme a run renders with: the caller's, or loaded for this run.
enum RunTheme<'a> {
    Given(&'a render::Theme),
    Loaded(Box<render::Theme>),
}

impl RunTheme<'_> {
    fn get(&self) -> &render::Theme {
        match self {
            RunTheme::Given(t) => t,
            RunTheme::Loaded(t) => t,
        }
    }
}

/// Load and link stages, and the theme (loaded beside linking unless one is
/// given). Linking and the templates are checked even when some files
/// failed to load, so that one run reports every problem.
fn load_and_link<'t>(
    root: &Path,
    theme: Option<&'t render::Theme>,
    on_stage: &mut dyn FnMut(Stage, Duration),
) -> Result<(model::Dossier, link::Linked, RunTheme<'t>), Diagnostics> {
    let t = Instant::now();
    let (dossier, load_errors) = load::load_partial(root)?;
    on_stage(Stage::Load, t.elapsed());
    let t = Instant::now();
    let templates = root.join(&dossier.config.build.templates_dir);
    let (linked, theme) = match theme {
        Some(given) => (link::link(&dossier), Ok(RunTheme::Given(given))),
        None => {
            let (l, t) = rayon::join(
                || link::link(&dossier),
                || render::Theme::load(&templates, &dossier.config.build.templates_dir),
            );
            (l, t.map(|t| RunTheme::Loaded(Box::new(t))))
        }
    };
    match (linked, theme) {
        (Ok(linked), Ok(theme)) if load_errors.is_empty() => {
            on_stage(Stage::Link, t.elapsed());
            Ok((dossier, linked, theme))
        }
        (linked, theme) => {
            let mut all = load_errors;
            all.extend(linked.err().unwrap_or_default());
            all.extend(theme.err().unwrap_or_default());
            Err(all.sorted())
        }
    }
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
    build_with(root, dest, None, &mut |_, _| {})
}

/// What a run does with warnings: report them and go on, or fail (for CI:
/// `--deny-warnings`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Warnings {
    #[default]
    Report,
    Deny,
}

/// [`build`], with `site_url` (when given) over `book.toml`'s `site-url`,
/// calling `on_stage` with the time of each stage once it is done.
/// Pages are written into a temporary directory as they are rendered (the
/// site is never held in memory whole) and swapped in only when all of them
/// succeeded.
pub fn build_with(
    root: &Path,
    dest: Option<&Path>,
    site_url: Option<&str>,
    on_stage: &mut dyn FnMut(Stage, Duration),
) -> Result<Summary, Diagnostics> {
    build_with_warnings(root, dest, site_url, Warnings::Report, on_stage)
}

/// [`build_with`], failing on warnings when `warnings` is
/// [`Warnings::Deny`]: then nothing is written either.
pub fn build_with_warnings(
    root: &Path,
    dest: Option<&Path>,
    site_url: Option<&str>,
    warnings: Warnings,
    on_stage: &mut dyn FnMut(Stage, Duration),
) -> Result<Summary, Diagnostics> {
    let start = Instant::now();
    let (mut dossier, linked, theme) = load_and_link(root, None, on_stage)?;
    if let Some(url) = site_url {
        dossier.config.output.html.override_site_url(url)?;
    }
    let found = lint_stage(&dossier, &linked, on_stage);
    if warnings == Warnings::Deny && !found.is_empty() {
        return Err(found);
    }
    let out = output_dir(root, &dossier.config, dest);
    write::check_output(root, &dossier.config, &out).map_err(|e| also(&found)(e.into()))?;
    let t = Instant::now();
    let staging = write::Staging::create(&out).map_err(|e| also(&found)(e.into()))?;
    // On an error `staging` is dropped, which removes what was written.
    let limits = output::SizeLimits::GITHUB_PAGES;
    let measured = output::Measured::new(&staging, limits);
    let rendered =
        render::render_into(&dossier, &linked, theme.get(), &measured).map_err(also(&found))?;
    let size = measured.size();
    on_stage(Stage::Render, t.elapsed());
    let t = Instant::now();
    staging.commit().map_err(|e| also(&found)(e.into()))?;
    on_stage(Stage::Write, t.elapsed());
    let mut found = found;
    for w in size.warnings(&out, limits) {
        found.push(w);
    }
    let s = summary(&dossier, &linked, rendered, out, start.elapsed());
    let s = Summary {
        warnings: found,
        size: Some(size),
        ..s
    };
    drop_in_background((dossier, linked));
    Ok(s)
}

/// Frees a loaded and linked dossier on a thread of its own: at newsroom
/// scale it is millions of small allocations, a tenth of a second to free,
/// which neither the command line (about to exit) nor `serve` (answering
/// the browser) needs to wait for.
pub(crate) fn drop_in_background<T: Send + 'static>(value: T) {
    // Should no thread start, the value comes back in the error and is
    // dropped here.
    let _ = std::thread::Builder::new()
        .name("dossier-free".into())
        .spawn(move || drop(value));
}

/// The summary of a checked dossier written (or to be written) to `dest`.
pub fn summarize(c: &Checked, dest: PathBuf, elapsed: Duration) -> Summary {
    let rendered = render::Rendered {
        files: c.files.len(),
        pages: c.files.iter().filter(|f| f.path.ends_with(".html")).count(),
    };
    Summary {
        warnings: c.warnings.clone(),
        ..summary(&c.dossier, &c.linked, rendered, dest, elapsed)
    }
}

fn summary(
    d: &model::Dossier,
    l: &link::Linked,
    rendered: render::Rendered,
    dest: PathBuf,
    elapsed: Duration,
) -> Summary {
    Summary {
        dest,
        files: rendered.files,
        pages: rendered.pages,
        articles: d.articles.len(),
        actors: d.actors.len(),
        events: d.events.len(),
        annotations: l.articles().map(|(_, a)| a.annotations.len()).sum(),
        mentions: l.mentions.len(),
        size: None,
        elapsed,
        warnings: Diagnostics::new(),
    }
}
