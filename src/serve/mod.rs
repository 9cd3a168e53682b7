//! `dossier serve`: build, serve on 127.0.0.1, rebuild on change, reload the
//! open pages.
//!
//! The site is served from a folder of the server's own under the system's
//! temporary folder (nothing is written to the build folder): `folder` is
//! that folder, `staged` writes a rebuild's changed files into it, `site`
//! answers requests from it, `http` carries them over the socket, `watch`
//! says which changes rebuild it. When a rebuild fails the last good site
//! stays up and the open pages show the diagnostics.
//!
//! Rebuilds reuse the loaded theme (Tera templates and assets) until a file
//! under the templates folder or `book.toml` changes; syntect's syntax set is
//! loaded once per process.

mod api;
mod folder;
mod http;
mod site;
mod staged;
mod watch;

pub use http::Reply;
pub use site::Site;
pub use staged::{Published, Staged};
pub use watch::DEBOUNCE;

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::incremental::Update;
use crate::render::{Sink, Theme};
use crate::{Checked, Stage};
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use watch::{Sources, Watches};

/// What `dossier serve` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the site in a browser once it is served.
    pub open: bool,
}

/// What the server tells its user, for the binary to print.
#[derive(Debug)]
pub enum Report<'a> {
    /// A build that succeeded: how long it took, its pages, and how many
    /// output files differ from the previous good build.
    Built {
        elapsed: Duration,
        pages: usize,
        changed: usize,
        stages: &'a [(Stage, Duration)],
        trigger: &'a [PathBuf],
        /// What builds but a careful editor would fix.
        warnings: &'a Diagnostics,
    },
    /// A build that failed: the last good site is still served.
    Failed {
        diagnostics: &'a Diagnostics,
        kept_previous: bool,
    },
    /// The server is up.
    Listening { url: &'a str },
    /// Something worth a line that is not an error (e.g. no browser to open).
    Note(&'a str),
}

/// A failure to start serving (not a content error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeError {
    pub message: String,
    pub hint: Option<String>,
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "error: {}", self.message)?;
        if let Some(h) = &self.hint {
            write!(f, "\n  = hint: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ServeError {}

/// Builds the dossier at one root again and again, keeping the theme between
/// builds until it may have changed.
pub struct Builder {
    root: PathBuf,
    theme: Option<Theme>,
    /// The previous build, to redo only what a change reaches.
    incremental: crate::incremental::Incremental,
    /// Where the sources are, read with `book.toml` when the theme is.
    sources: Sources,
}

impl Builder {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        Builder {
            sources: Sources::read(&root),
            incremental: crate::incremental::Incremental::new(&root),
            root,
            theme: None,
        }
    }

    /// Checks the dossier, reusing the cached theme unless `theme_stale`
    /// (a template or `book.toml` changed). Stage times go to `stages`.
    pub fn build(
        &mut self,
        theme_stale: bool,
        stages: &mut Vec<(Stage, Duration)>,
    ) -> Result<Checked, Diagnostics> {
        if theme_stale {
            self.theme = None;
        }
        if self.theme.is_none() {
            self.reload_config();
        }
        stages.clear();
        crate::check_with(&self.root, self.theme.as_ref(), &mut |s, d| {
            stages.push((s, d))
        })
    }

    /// Builds the dossier again and publishes it to `site`, redoing only
    /// what changed since the last good build unless `theme_stale` (a
    /// template or `book.toml` changed: then everything). Stage times go to
    /// `stages`. On errors nothing is published.
    pub fn rebuild_into(
        &mut self,
        site: &Site,
        theme_stale: bool,
        stages: &mut Vec<(Stage, Duration)>,
    ) -> Result<(Update, Published), Diagnostics> {
        let staged = site.stage()?;
        let update = self.rebuild(theme_stale, &staged, stages);
        let published = update.map(|u| (staged.publish(&u.made, &u.removed, u.whole), u));
        // What the build replaced is freed now, not while it rendered.
        self.incremental.retire();
        let (published, update) = published?;
        match published {
            Ok(published) => Ok((update, published)),
            Err(e) => {
                // Part of the build may be served: the next one compares
                // every file with what is.
                self.incremental.forget();
                Err(e.into())
            }
        }
    }

    /// Builds the dossier again into `sink` (see [`Builder::rebuild_into`]).
    fn rebuild(
        &mut self,
        theme_stale: bool,
        sink: &dyn Sink,
        stages: &mut Vec<(Stage, Duration)>,
    ) -> Result<Update, Diagnostics> {
        let whole = theme_stale || self.theme.is_none();
        if whole {
            self.theme = None;
            self.reload_config();
        }
        stages.clear();
        let mut on_stage = |s, d| stages.push((s, d));
        match &self.theme {
            Some(theme) => self.incremental.build(theme, whole, sink, &mut on_stage),
            // The theme does not load: a whole check says why, with every
            // other problem. (Should it build after all, the theme having
            // been fixed meanwhile, its site is held in memory this once.)
            None => {
                let c = crate::check_with(&self.root, None, &mut on_stage)?;
                let made = c.files.iter().map(|f| f.path.clone()).collect();
                for f in c.files {
                    sink.file(f)?;
                }
                Ok(Update {
                    made,
                    unchanged: Vec::new(),
                    removed: Vec::new(),
                    whole: true,
                    warnings: c.warnings,
                })
            }
        }
    }

    /// Reads `book.toml` once for the theme and the sources (the defaults
    /// and no theme while it does not load: the build reports why).
    fn reload_config(&mut self) {
        match Config::load(&self.root) {
            Ok(config) => {
                let dir = &config.build.templates_dir;
                self.theme = Theme::load(&self.root.join(dir), dir).ok();
                self.sources = Sources::new(&self.root, &config.build);
            }
            Err(_) => self.sources = Sources::new(&self.root, &Default::default()),
        }
    }

    /// The warnings of the last good build that its update left out:
    /// linted once its files are served ([`Incremental::warnings`]).
    ///
    /// [`Incremental::warnings`]: crate::incremental::Incremental::warnings
    pub fn warnings(&self) -> Diagnostics {
        match self.theme {
            Some(_) => self.incremental.warnings(),
            // Built by a whole check, whose update has them.
            None => Diagnostics::new(),
        }
    }

    /// Whether a change to `path` makes the cached theme stale.
    pub fn affects_theme(&self, path: &Path) -> bool {
        self.sources.affects_theme(path)
    }
}

/// Builds, serves and watches until the process is stopped.
pub fn serve(opts: &Options, report: &mut dyn FnMut(Report)) -> Result<(), ServeError> {
    let root = open_root(&opts.root)?;
    let (listener, url) = listen(opts.port)?;
    let site = Arc::new(Site::new()?);
    remove_on_stop(site.root(), report);
    let mut builder = Builder::new(&root);
    // Watch before the first build, so that no edit made during it is lost.
    let (mut watches, events) = Watches::start(&root, &builder.sources)?;
    rebuild(&mut builder, &site, true, &[], report);
    let port = listener.local_addr().map_or(opts.port, |a| a.port());
    let api = api::Api::new(root.clone(), port).map_err(|message| ServeError {
        message,
        hint: None,
    })?;
    http::spawn(listener, site.clone(), Some(Arc::new(api)));
    report(Report::Listening { url: &url });
    if opts.open {
        if let Err(note) = open_browser(&url) {
            report(Report::Note(&note));
        }
    }
    rebuild_on_change(&root, &mut builder, &mut watches, &events, &site, report);
    // The HTTP thread keeps the site until the process ends, and no
    // destructor runs then.
    let _ = std::fs::remove_dir_all(site.root());
    Ok(())
}

/// Rebuilds after every batch of relevant changes, until the watcher stops.
fn rebuild_on_change(
    root: &Path,
    builder: &mut Builder,
    watches: &mut Watches,
    events: &watch::Events,
    site: &Site,
    report: &mut dyn FnMut(Report),
) {
    while let Some(changed) = watch::next_changes(events, &builder.sources) {
        if changed.is_empty() {
            continue;
        }
        let theme_stale = changed.iter().any(|p| builder.affects_theme(p));
        let trigger = watch::shown(root, &changed);
        rebuild(builder, site, theme_stale, &trigger, report);
        // The configured folders may have moved, or one been created.
        if theme_stale || changed.iter().any(|p| p.parent() == Some(root)) {
            watches.sync(&builder.sources);
        }
    }
}

/// The dossier folder, absolute (watch events carry absolute paths).
fn open_root(root: &Path) -> Result<PathBuf, ServeError> {
    std::fs::canonicalize(root).map_err(|e| ServeError {
        message: format!("cannot open the dossier folder {}: {e}", root.display()),
        hint: Some("give the folder that holds book.toml, e.g. `dossier serve my-dossier`".into()),
    })
}

/// Listens on 127.0.0.1:`port` (0: any free port); the socket and its URL.
fn listen(port: u16) -> Result<(TcpListener, String), ServeError> {
    let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| ServeError {
        message: format!("cannot listen on 127.0.0.1:{port}: {e}"),
        hint: Some(format!(
            "another program may be using this port: choose another with `-p {}`, or `-p 0` for any free one",
            port.wrapping_add(1).max(1024)
        )),
    })?;
    let addr = listener.local_addr().map_err(|e| ServeError {
        message: format!("the server has no address: {e}"),
        hint: None,
    })?;
    Ok((listener, url_of(addr)))
}

/// A running server's address.
fn url_of(addr: SocketAddr) -> String {
    format!("http://{addr}/")
}

/// One build, published to the site or recorded as failed, and reported;
/// `trigger` names the changed files (none for the first build).
fn rebuild(
    builder: &mut Builder,
    site: &Site,
    theme_stale: bool,
    trigger: &[PathBuf],
    report: &mut dyn FnMut(Report),
) {
    let start = Instant::now();
    let mut stages = Vec::new();
    match builder.rebuild_into(site, theme_stale, &mut stages) {
        Ok((update, Published { pages, changed })) => {
            let mut warnings = update.warnings;
            // Linted once the site is updated; reported with the build.
            let t = Instant::now();
            warnings.extend(builder.warnings());
            stages.push((Stage::Lint, t.elapsed()));
            report(Report::Built {
                elapsed: start.elapsed(),
                pages,
                changed,
                stages: &stages,
                trigger,
                warnings: &warnings,
            });
        }
        Err(diagnostics) => {
            let kept_previous = site.fail(&diagnostics);
            report(Report::Failed {
                diagnostics: &diagnostics,
                kept_previous,
            });
        }
    }
}

/// Removes the server's folder `dir` when the process is stopped (Ctrl-C,
/// SIGTERM, the terminal closed), which would otherwise end it without
/// running any destructor: at newsroom scale the folder is most of a
/// gigabyte. (One killed outright is removed when the next server starts.)
fn remove_on_stop(dir: &Path, report: &mut dyn FnMut(Report)) {
    let dir = dir.to_path_buf();
    let shown = dir.display().to_string();
    let set = ctrlc::set_handler(move || {
        let _ = std::fs::remove_dir_all(&dir);
        // 128 + SIGINT, as a shell reports a process Ctrl-C ended.
        std::process::exit(130);
    });
    if let Err(e) = set {
        report(Report::Note(&format!(
            "{shown} will be left behind when the server stops ({e})"
        )));
    }
}

/// Opens `url` in the desktop's browser, when there is a way to.
fn open_browser(url: &str) -> Result<(), String> {
    let candidates: &[(&str, &[&str])] = if cfg!(target_os = "macos") {
        &[("open", &[])]
    } else if cfg!(windows) {
        &[("cmd", &["/C", "start", ""])]
    } else {
        &[
            ("xdg-open", &[]),
            ("sensible-browser", &[]),
            ("x-www-browser", &[]),
        ]
    };
    for (cmd, args) in candidates {
        let spawned = std::process::Command::new(cmd)
            .args(*args)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        if spawned.is_ok() {
            return Ok(());
        }
    }
    Err(format!("no browser opener found; open {url} yourself"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_reuses_the_theme_and_sees_changes() {
        let tmp = tempfile::tempdir().unwrap();
        crate::scaffold::scaffold(tmp.path()).unwrap();
        let mut b = Builder::new(tmp.path());
        let mut stages = Vec::new();
        let first = b.build(false, &mut stages).unwrap();
        assert!(b.theme.is_some());
        assert_eq!(
            stages.iter().map(|s| s.0).collect::<Vec<_>>(),
            [Stage::Load, Stage::Link, Stage::Lint, Stage::Render]
        );
        let actor = tmp.path().join("content/actors/dana-okafor.md");
        let text = std::fs::read_to_string(&actor).unwrap();
        std::fs::write(
            &actor,
            text.replace("on the state of the cables", "on the rusty cables"),
        )
        .unwrap();
        assert!(!b.affects_theme(&actor));
        assert!(b.affects_theme(&tmp.path().join("templates/base.html")));
        assert!(b.affects_theme(&tmp.path().join("book.toml")));
        let second = b.build(false, &mut stages).unwrap();
        let page = |c: &Checked| {
            c.files
                .iter()
                .find(|f| f.path == "actors/dana-okafor.html")
                .unwrap()
                .bytes
                .clone()
        };
        assert_ne!(page(&first), page(&second));
        assert!(String::from_utf8(page(&second))
            .unwrap()
            .contains("rusty cables"));
        // A template override is picked up once the theme is marked stale.
        std::fs::create_dir_all(tmp.path().join("templates")).unwrap();
        std::fs::write(tmp.path().join("templates/extra.txt"), "hello").unwrap();
        let third = b.build(true, &mut stages).unwrap();
        assert!(third.files.iter().any(|f| f.path == "extra.txt"));
    }
}
