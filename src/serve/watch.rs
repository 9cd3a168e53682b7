//! What `dossier serve` watches, and the changes that trigger a rebuild.
//!
//! Events come through `notify-debouncer-full`: it waits until a path has
//! been quiet for a moment, drops files created and removed at once, and
//! stitches the rename pairs editors save with into one event.

use super::ServeError;
use crate::config::{BuildConfig, Config, CONFIG_FILE};
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, RecommendedCache};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// How long a path must be quiet before its change is reported.
pub const DEBOUNCE: Duration = Duration::from_millis(120);

/// Where a dossier's sources are, as `book.toml` configures them (the
/// defaults when it does not load). Read once per configuration change, so
/// that a changed path is checked without reading `book.toml` again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sources {
    config_file: PathBuf,
    content: PathBuf,
    seeds: PathBuf,
    templates: PathBuf,
}

impl Sources {
    pub(crate) fn new(root: &Path, build: &BuildConfig) -> Self {
        Sources {
            config_file: root.join(CONFIG_FILE),
            content: root.join(&build.content_dir),
            seeds: root.join(&build.seeds_dir),
            templates: root.join(&build.templates_dir),
        }
    }

    /// The sources as `book.toml` under `root` configures them now.
    pub(crate) fn read(root: &Path) -> Self {
        let build = Config::load(root).map(|c| c.build).unwrap_or_default();
        Sources::new(root, &build)
    }

    /// The folders watched recursively: content, seeds and templates.
    fn dirs(&self) -> [&Path; 3] {
        [&self.content, &self.seeds, &self.templates]
    }

    /// Whether a change to `path` makes a loaded theme stale: `book.toml`
    /// or anything under the templates folder.
    pub(crate) fn affects_theme(&self, path: &Path) -> bool {
        path == self.config_file || path.starts_with(&self.templates)
    }

    /// Whether a changed path should trigger a rebuild: `book.toml` or
    /// anything under the content, seeds or templates folders, except the
    /// files editors keep beside the one being edited.
    pub(crate) fn is_relevant(&self, path: &Path) -> bool {
        !is_editor_junk(path)
            && (path == self.config_file || self.dirs().iter().any(|d| path.starts_with(d)))
    }
}

/// Swap, lock and backup files. Vim and Emacs write these while one types,
/// not on save, so the debouncer reports them like any other file.
fn is_editor_junk(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.starts_with(".#")
        || name == "4913"
        || name == ".DS_Store"
}

/// Debounced file events, a batch at a time.
pub(super) type Events = mpsc::Receiver<DebounceEventResult>;

/// Keeps the watches in line with the configured folders (which may be
/// created, removed or renamed in `book.toml` while serving).
pub(super) struct Watches {
    debouncer: notify_debouncer_full::Debouncer<RecommendedWatcher, RecommendedCache>,
    active: Vec<PathBuf>,
}

impl Watches {
    /// Watches `root` itself (for `book.toml` and new folders) and the
    /// source folders.
    pub(super) fn start(root: &Path, sources: &Sources) -> Result<(Watches, Events), ServeError> {
        let (tx, rx) = mpsc::channel();
        let debouncer = new_debouncer(DEBOUNCE, None, tx).map_err(|e| ServeError {
            message: format!("cannot watch files for changes: {e}"),
            hint: Some("on Linux, raise fs.inotify.max_user_watches".into()),
        })?;
        let mut watches = Watches {
            debouncer,
            active: Vec::new(),
        };
        watches
            .debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| ServeError {
                message: format!("cannot watch {}: {e}", root.display()),
                hint: None,
            })?;
        watches.sync(sources);
        Ok((watches, rx))
    }

    /// Watches the source folders that exist now, and no others.
    pub(super) fn sync(&mut self, sources: &Sources) {
        let want: Vec<PathBuf> = sources
            .dirs()
            .into_iter()
            .filter(|d| d.is_dir())
            .map(Path::to_path_buf)
            .collect();
        for gone in self.active.iter().filter(|d| !want.contains(d)) {
            let _ = self.debouncer.unwatch(gone);
        }
        let mut active = Vec::new();
        for d in want {
            if self.active.contains(&d)
                || self.debouncer.watch(&d, RecursiveMode::Recursive).is_ok()
            {
                active.push(d);
            }
        }
        self.active = active;
    }
}

/// The relevant paths of the next batch of changes (perhaps none), with the
/// batches that came meanwhile (while the last rebuild ran); `None` when the
/// watcher stopped.
pub(super) fn next_changes(events: &Events, sources: &Sources) -> Option<Vec<PathBuf>> {
    let first = events.recv().ok()?;
    let batches = std::iter::once(first).chain(events.try_iter());
    let mut seen = HashSet::new();
    let mut changed = Vec::new();
    for event in batches.filter_map(Result::ok).flatten() {
        // Opening and closing are not changes (and every build reads the
        // whole tree).
        if matches!(event.kind, EventKind::Access(_)) {
            continue;
        }
        for path in &event.paths {
            if sources.is_relevant(path) && seen.insert(path.clone()) {
                changed.push(path.clone());
            }
        }
    }
    Some(changed)
}

/// The changed files to name in the report, relative to `root`: editors and
/// tools write temporary files and rename them, so those that are there
/// now, or else what was removed.
pub(super) fn shown(root: &Path, changed: &[PathBuf]) -> Vec<PathBuf> {
    let existing: Vec<&PathBuf> = changed.iter().filter(|p| p.exists()).collect();
    let shown = if existing.is_empty() {
        changed.iter().collect()
    } else {
        existing
    };
    shown
        .iter()
        .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relevant_paths() {
        let sources = Sources::new(Path::new("/d"), &BuildConfig::default());
        let relevant = |p: &str| sources.is_relevant(Path::new(p));
        assert!(relevant("/d/book.toml"));
        assert!(relevant("/d/content/articles/a.md"));
        assert!(relevant("/d/templates"));
        assert!(!relevant("/d/content/articles/.a.md.swp"));
        assert!(!relevant("/d/content/articles/a.md~"));
        assert!(!relevant("/d/book/index.html"));
        assert!(!relevant("/d/README.md"));
    }

    #[test]
    fn the_theme_depends_on_the_configured_templates_and_book_toml() {
        let build = BuildConfig {
            templates_dir: "theme".into(),
            ..BuildConfig::default()
        };
        let sources = Sources::new(Path::new("/d"), &build);
        assert!(sources.affects_theme(Path::new("/d/theme/base.html")));
        assert!(sources.affects_theme(Path::new("/d/book.toml")));
        assert!(!sources.affects_theme(Path::new("/d/templates/base.html")));
        assert!(!sources.is_relevant(Path::new("/d/templates/base.html")));
        assert!(!sources.affects_theme(Path::new("/d/content/a.md")));
    }
}
