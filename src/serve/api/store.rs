//! Writing content files: only under the content folder, only after the
//! whole dossier was checked with the change in place, atomically (a
//! temporary file beside it, then a rename), one write at a time.

use super::Refusal;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, Overlay};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The content file of `slug` in the folder `dir` (`articles`, `actors`,
/// `events`) of the dossier at `root`, refused unless `slug` is a slug.
pub(super) fn item_path(root: &Path, dir: &str, slug: &str) -> Result<PathBuf, Refusal> {
    if !load::is_valid_slug(slug) {
        return Err(Refusal::new(
            400,
            "not a slug: lowercase letters, digits and hyphens",
        ));
    }
    let config = Config::load(root).map_err(Refusal::diagnostics)?;
    let folder = root.join(&config.build.content_dir).join(dir);
    Ok(folder.join(format!("{slug}.md")))
}

/// The text of an existing content file, refused when it is missing or
/// (through a link) not inside the content folder.
pub(super) fn read_item(root: &Path, path: &Path) -> Result<String, Refusal> {
    let missing = || Refusal::new(404, "no such content file");
    let real = std::fs::canonicalize(path).map_err(|_| missing())?;
    let config = Config::load(root).map_err(Refusal::diagnostics)?;
    let content =
        std::fs::canonicalize(root.join(&config.build.content_dir)).map_err(|_| missing())?;
    if !real.starts_with(&content) || !real.is_file() {
        return Err(missing());
    }
    std::fs::read_to_string(&real).map_err(|_| Refusal::new(422, "the file is not UTF-8 text"))
}

/// The errors of the dossier with `path` holding `text`, that it did not
/// have before: what the change would break.
pub(super) fn check_change(root: &Path, path: &Path, text: &str) -> Result<(), Diagnostics> {
    let mut overlay = Overlay::default();
    overlay.0.insert(path.to_path_buf(), text.to_string());
    let after = errors(root, &overlay);
    if after.is_empty() {
        return Ok(());
    }
    // The dossier may not build already; only new errors are this change's.
    let key = |d: &Diagnostic| (d.path.clone(), d.message.clone());
    let before: HashSet<_> = errors(root, &Overlay::default()).iter().map(key).collect();
    let new: Diagnostics = Diagnostics(
        after
            .0
            .into_iter()
            .filter(|d| !before.contains(&key(d)))
            .collect(),
    );
    if new.is_empty() {
        Ok(())
    } else {
        Err(new)
    }
}

/// Every error of loading and linking the dossier, as `check` finds them.
fn errors(root: &Path, overlay: &Overlay) -> Diagnostics {
    let config = match Config::load(root) {
        Ok(c) => c,
        Err(d) => return d,
    };
    let mut all = match load::load_partial_overlaid(root, config, overlay) {
        Ok((dossier, diags)) => {
            let mut all = diags;
            if let Err(linked) = crate::link::link(&dossier) {
                all.extend(linked);
            }
            all
        }
        Err(d) => d,
    };
    all.0.retain(Diagnostic::is_error);
    all.sorted()
}

/// Names temporary files apart within one process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `text` to `path` atomically: a temporary file in the same folder
/// (hidden, so the loader skips it), synced, then renamed over `path` (or,
/// when `create` is set, linked to `path` only if nothing is there yet).
pub(super) fn write_atomic(path: &Path, text: &str, create: bool) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}-{n}.dossier-tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        drop(f);
        if create {
            // A hard link fails when the name is taken: never overwrites.
            std::fs::hard_link(&temp, path)
        } else {
            if let Ok(meta) = std::fs::metadata(path) {
                std::fs::set_permissions(&temp, meta.permissions())?;
            }
            std::fs::rename(&temp, path)
        }
    })();
    if create || result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_whole_files_and_creation_never_overwrites() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.md");
        write_atomic(&path, "one", true).unwrap();
        assert!(write_atomic(&path, "two", true).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        write_atomic(&path, "three", false).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "three");
        let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }
}
