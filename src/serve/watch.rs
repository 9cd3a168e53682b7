//! What `dossier serve` watches, and the changes that trigger a rebuild.

use super::ServeError;
use crate::config::{Config, CONFIG_FILE};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Whether a changed path should trigger a rebuild: `book.toml` or anything
/// under the content, seeds or templates folders, except editor droppings.
pub(crate) fn is_relevant(root: &Path, watched_dirs: &[PathBuf], path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let junk = name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.starts_with(".#")
        || name == "4913"
        || name == ".DS_Store";
    !junk && (path == root.join(CONFIG_FILE) || watched_dirs.iter().any(|d| path.starts_with(d)))
}

/// The folders watched recursively: content, seeds and templates as
/// configured (defaults when `book.toml` does not load).
fn source_dirs(root: &Path) -> Vec<PathBuf> {
    let b = Config::load(root).map(|c| c.build).unwrap_or_default();
    vec![
        root.join(b.content_dir),
        root.join(b.seeds_dir),
        root.join(b.templates_dir),
    ]
}

type Events = mpsc::Receiver<notify::Result<notify::Event>>;

/// Keeps the watches in line with the configured folders (which may be
/// created, removed or renamed in `book.toml` while serving).
pub(super) struct Watches {
    watcher: notify::RecommendedWatcher,
    dirs: Vec<PathBuf>,
    active: Vec<PathBuf>,
}

impl Watches {
    /// Watches `root` itself (for `book.toml` and new folders) and its
    /// source folders.
    pub(super) fn start(root: &Path) -> Result<(Watches, Events), ServeError> {
        use notify::{RecursiveMode, Watcher};
        let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
        let watcher = notify::recommended_watcher(tx).map_err(|e| ServeError {
            message: format!("cannot watch files for changes: {e}"),
            hint: Some("on Linux, raise fs.inotify.max_user_watches".into()),
        })?;
        let mut watches = Watches {
            watcher,
            dirs: Vec::new(),
            active: Vec::new(),
        };
        watches
            .watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| ServeError {
                message: format!("cannot watch {}: {e}", root.display()),
                hint: None,
            })?;
        watches.sync(root);
        Ok((watches, rx))
    }

    pub(super) fn sync(&mut self, root: &Path) {
        use notify::{RecursiveMode, Watcher};
        self.dirs = source_dirs(root);
        let want: Vec<PathBuf> = self.dirs.iter().filter(|d| d.is_dir()).cloned().collect();
        for gone in self.active.iter().filter(|d| !want.contains(d)) {
            let _ = self.watcher.unwatch(gone);
        }
        let mut active = Vec::new();
        for d in want {
            if self.active.contains(&d) || self.watcher.watch(&d, RecursiveMode::Recursive).is_ok()
            {
                active.push(d);
            }
        }
        self.active = active;
    }
}

/// How long the tree must be quiet before a rebuild, and the longest a
/// stream of changes may delay one.
const DEBOUNCE: Duration = Duration::from_millis(120);
const DEBOUNCE_MAX: Duration = Duration::from_millis(1000);

/// The next burst of relevant changes (perhaps none), once the tree is
/// quiet; `None` when the watcher stopped.
pub(super) fn next_changes(rx: &Events, root: &Path, watches: &Watches) -> Option<Vec<PathBuf>> {
    let first = rx.recv().ok()?;
    let mut changed: Vec<PathBuf> = Vec::new();
    let take = |ev: notify::Result<notify::Event>, changed: &mut Vec<PathBuf>| {
        if let Ok(ev) = ev {
            if matches!(ev.kind, notify::EventKind::Access(_)) {
                return;
            }
            for p in ev.paths {
                if is_relevant(root, &watches.dirs, &p) && !changed.contains(&p) {
                    changed.push(p);
                }
            }
        }
    };
    take(first, &mut changed);
    let start = Instant::now();
    while start.elapsed() < DEBOUNCE_MAX {
        match rx.recv_timeout(DEBOUNCE) {
            Ok(ev) => take(ev, &mut changed),
            Err(mpsc::RecvTimeoutError::Timeout) => break,
            Err(mpsc::RecvTimeoutError::Disconnected) => return None,
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
        let root = Path::new("/d");
        let dirs = vec![
            root.join("content"),
            root.join("seeds"),
            root.join("templates"),
        ];
        assert!(is_relevant(root, &dirs, Path::new("/d/book.toml")));
        assert!(is_relevant(
            root,
            &dirs,
            Path::new("/d/content/articles/a.md")
        ));
        assert!(is_relevant(root, &dirs, Path::new("/d/templates")));
        assert!(!is_relevant(
            root,
            &dirs,
            Path::new("/d/content/articles/.a.md.swp")
        ));
        assert!(!is_relevant(
            root,
            &dirs,
            Path::new("/d/content/articles/a.md~")
        ));
        assert!(!is_relevant(root, &dirs, Path::new("/d/book/index.html")));
        assert!(!is_relevant(root, &dirs, Path::new("/d/README.md")));
    }
}
