//! Stage 4 — write: the rendered files go to a temporary directory beside the
//! output, which replaces the output only once everything is written. A
//! failed build leaves the previous site as it was.

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::output::{OutputFile, Sink};

use crate::util::fs::FirstFailure;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

fn sibling(dest: &Path, tag: &str) -> PathBuf {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "book".into());
    dest.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// `p` made absolute with symbolic links resolved, as far as it exists.
fn resolved(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut base = abs.as_path();
    let mut tail = Vec::new();
    loop {
        if let Ok(mut out) = fs::canonicalize(base) {
            out.extend(tail.iter().rev());
            return out;
        }
        match (base.parent(), base.file_name()) {
            (Some(parent), Some(name)) => {
                tail.push(name.to_os_string());
                base = parent;
            }
            _ => return abs,
        }
    }
}

/// The file every build writes at the top of its output: a folder that has
/// it is a previous build and may be replaced.
pub(crate) const OUTPUT_MARKER: &str = ".nojekyll";

/// Refuses output directories whose replacement would destroy sources, with
/// the default source folders (see [`check_output`]); the tests' way in.
#[cfg(test)]
fn check_destination(root: &Path, dest: &Path) -> Result<(), Diagnostic> {
    check_destination_with(
        root,
        &["content", "seeds", "templates"].map(PathBuf::from),
        dest,
    )
}

/// Refuses output directories whose replacement would destroy sources: the
/// dossier itself, its content, seeds and templates folders, and any
/// non-empty folder that is not a previous build.
pub(crate) fn check_output(root: &Path, config: &Config, dest: &Path) -> Result<(), Diagnostic> {
    let b = &config.build;
    let sources = [
        b.content_dir.clone(),
        b.seeds_dir.clone(),
        b.templates_dir.clone(),
    ];
    check_destination_with(root, &sources, dest)
}

fn check_destination_with(root: &Path, sources: &[PathBuf], dest: &Path) -> Result<(), Diagnostic> {
    if dest.exists() && !dest.is_dir() {
        return Err(
            Diagnostic::new(dest, "the output path is a file, not a directory")
                .hint("remove the file or choose another -d DIR"),
        );
    }
    let root_abs = resolved(root);
    let dest_abs = resolved(dest);
    if root_abs.starts_with(&dest_abs) {
        return Err(
            Diagnostic::new(dest, "the output directory contains the dossier itself")
                .hint("set [build] build-dir to a folder of its own, such as `book`"),
        );
    }
    if let Some(src) = sources
        .iter()
        .find(|s| dest_abs.starts_with(root_abs.join(s)))
    {
        return Err(Diagnostic::new(
            dest,
            format!(
                "the output directory is inside the dossier's `{}` folder",
                src.display()
            ),
        )
        .hint("build into a folder of its own, such as `book`"));
    }
    if dest.join("book.toml").exists() || dest.join("content").is_dir() {
        return Err(
            Diagnostic::new(dest, "the output directory holds a dossier's sources")
                .hint("choose an empty folder or a previous build output"),
        );
    }
    let non_empty = fs::read_dir(dest).is_ok_and(|mut entries| entries.next().is_some());
    if non_empty && !dest.join(OUTPUT_MARKER).exists() {
        return Err(Diagnostic::new(
            dest,
            "the output directory holds files that are not a previous build",
        )
        .hint(format!(
            "a build replaces the whole folder: choose an empty or new folder, or empty this one (builds are recognised by their `{OUTPUT_MARKER}` file)"
        )));
    }
    Ok(())
}

/// Removes the staging folders (`.book.tmp-<pid>`, `.book.old-<pid>`) that
/// builds killed mid-way left beside `dest`: a killed build cannot clean up
/// after itself, and at newsroom scale each such folder holds hundreds of
/// megabytes that `git add -A` at a dossier's root would pick up.
fn remove_abandoned_staging(dest: &Path) {
    let (Some(parent), Some(name)) = (dest.parent(), dest.file_name()) else {
        return;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    remove_abandoned(parent, &prefix, staging_pid);
}

/// Removes the folders in `parent` named `prefix` and a tag from which
/// `pid_of` reads the id of the process that made them, when that process
/// has ended (`dossier build`'s staging folders, `dossier serve`'s site).
/// Only folders of processes that no longer run are removed (one running at
/// the same time keeps its own); where that cannot be known (no `/proc`),
/// nothing is removed. A symbolic link is never followed.
pub(crate) fn remove_abandoned(parent: &Path, prefix: &str, pid_of: impl Fn(&str) -> Option<u32>) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(prefix))
            .and_then(&pid_of)
        else {
            continue;
        };
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && pid != std::process::id() && process_ended(pid) == Some(true) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// The process id in a staging folder's tag (`tmp-1234`, `old-1234`).
fn staging_pid(tag: &str) -> Option<u32> {
    let digits = tag
        .strip_prefix("tmp-")
        .or_else(|| tag.strip_prefix("old-"))?;
    digits.parse().ok()
}

/// Whether process `pid` has ended: `None` where this system cannot tell.
/// A killed process its parent has not reaped yet (a zombie, state `Z` in
/// `/proc/<pid>/stat`) has ended too.
fn process_ended(pid: u32) -> Option<bool> {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return None;
    }
    Some(
        match fs::read_to_string(proc.join(pid.to_string()).join("stat")) {
            // The state follows the command name, which is in parentheses.
            Ok(stat) => stat
                .rsplit_once(") ")
                .is_some_and(|(_, rest)| rest.starts_with('Z')),
            Err(_) => true,
        },
    )
}

/// Writes `files` under `dest`, replacing its previous contents atomically
/// from the reader's point of view (one rename).
/// A build being written: files go into a temporary directory beside the
/// output as they are rendered; [`Staging::commit`] swaps it in, and
/// dropping it uncommitted removes it, leaving the previous output as it was.
pub(crate) struct Staging {
    dest: PathBuf,
    tmp: PathBuf,
    /// Directories made so far (relative to `tmp`).
    dirs: Mutex<HashSet<PathBuf>>,
    /// The first failed write: the build has failed.
    failed: FirstFailure,
    committed: bool,
}

fn fail(what: &str, p: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::new(p, format!("cannot {what}: {e}"))
        .hint("check the permissions of the output directory")
}

impl Staging {
    /// Makes the (empty) temporary directory for an output at `dest`.
    pub(crate) fn create(dest: &Path) -> Result<Staging, Diagnostic> {
        if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| fail("create the directory", parent, e))?;
        }
        remove_abandoned_staging(dest);
        let tmp = sibling(dest, "tmp");
        if tmp.exists() {
            fs::remove_dir_all(&tmp)
                .map_err(|e| fail("remove a stale temporary directory", &tmp, e))?;
        }
        fs::create_dir_all(&tmp).map_err(|e| fail("create the directory", &tmp, e))?;
        Ok(Staging {
            dest: dest.to_path_buf(),
            tmp,
            dirs: Mutex::new(HashSet::new()),
            failed: FirstFailure::default(),
            committed: false,
        })
    }

    /// Writes one file (`path` relative to the output root).
    pub(crate) fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.failed.once(|| {
            let full = self.parent_made(path)?;
            fs::write(&full, bytes).map_err(|e| fail("write", &full, e))
        })
    }

    /// The full path of `path`, its directory made.
    fn parent_made(&self, path: &str) -> Result<PathBuf, Diagnostic> {
        if let Some(dir) = Path::new(path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            let mut dirs = self.dirs.lock().unwrap_or_else(|e| e.into_inner());
            if !dirs.contains(dir) {
                let made = self.tmp.join(dir);
                fs::create_dir_all(&made).map_err(|e| fail("create the directory", &made, e))?;
                dirs.insert(dir.to_path_buf());
            }
        }
        Ok(self.tmp.join(path))
    }

    /// Writes one file piece by piece (`path` at the output root).
    pub(crate) fn write_with(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Diagnostic> {
        self.failed.once(|| {
            let full = self.parent_made(path)?;
            let mut file = fs::File::create(&full).map_err(|e| fail("write", &full, e))?;
            write(&mut file).map_err(|e| fail("write", &full, e))
        })
    }

    /// Replaces the output with what was written.
    pub(crate) fn commit(mut self) -> Result<(), Diagnostic> {
        if self.failed.happened() {
            // The failure was reported by the write; `drop` cleans up.
            return Err(
                Diagnostic::new(&self.dest, "the output was not completely written")
                    .hint("see the error above; the previous output is unchanged"),
            );
        }
        let (dest, tmp) = (&self.dest, &self.tmp);
        let old = sibling(dest, "old");
        if dest.exists() {
            fs::rename(dest, &old).map_err(|e| fail("move the previous output aside", dest, e))?;
        }
        if let Err(e) = fs::rename(tmp, dest) {
            if old.exists() {
                let _ = fs::rename(&old, dest);
            }
            return Err(fail("move the new output into place", dest, e));
        }
        self.committed = true;
        if old.exists() {
            let _ = fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

impl Sink for Staging {
    fn file(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.write(&file.path, &file.bytes)
    }
    fn bytes(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.write(path, bytes)
    }
    fn copy(&self, path: &str, from: &Path) -> Result<(), Diagnostic> {
        self.failed.once(|| {
            let full = self.parent_made(path)?;
            let mut source =
                fs::File::open(from).map_err(|e| crate::output::unreadable_copy(from, path, e))?;
            let mut file = fs::File::create(&full).map_err(|e| fail("write", &full, e))?;
            // File to file: the kernel copies (copy_file_range), not us.
            std::io::copy(&mut source, &mut file)
                .map(|_| ())
                .map_err(|e| fail("write", &full, e))
        })
    }
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Diagnostic> {
        self.write_with(path, write)
    }
}

/// Writes `files` as the whole new output at `dest`, atomically (the tests'
/// way to lay down a previous build).
#[cfg(test)]
fn write_atomic(dest: &Path, files: &[OutputFile]) -> Result<(), Diagnostic> {
    use rayon::prelude::*;
    let staging = Staging::create(dest)?;
    // Many small files: writing them from several threads keeps the disk
    // busy while other threads wait on the file system.
    files
        .par_iter()
        .try_for_each(|f| staging.write(&f.path, &f.bytes))?;
    staging.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_is_reported_once_and_nothing_is_swapped_in() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("book");
        fs::create_dir_all(&dest).unwrap();
        fs::write(dest.join("index.html"), "old").unwrap();
        let staging = Staging::create(&dest).unwrap();
        staging.write("a.html", b"x").unwrap();
        // `a.html` is a file: nothing can be written below it.
        let first = staging.write("a.html/b.html", b"y");
        assert!(first.is_err(), "the first failure is reported");
        assert!(
            staging.write("c.html", b"z").is_ok(),
            "later writes stay quiet"
        );
        assert!(
            staging.write("a.html/d.html", b"w").is_ok(),
            "and so do later failures"
        );
        let tmp = staging.tmp.clone();
        assert!(
            staging.commit().is_err(),
            "a failed staging is never swapped in"
        );
        assert!(!tmp.exists(), "the staging directory is removed");
        assert_eq!(fs::read_to_string(dest.join("index.html")).unwrap(), "old");
    }

    #[test]
    fn staging_folders_of_ended_builds_are_removed_and_running_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("book");
        // A process that has ended: its id is free until reused.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let ended = child.id();
        child.wait().unwrap();
        let abandoned = dir.path().join(format!(".book.tmp-{ended}"));
        let abandoned_old = dir.path().join(format!(".book.old-{ended}"));
        let running = dir.path().join(".book.tmp-1"); // init runs
        let other = dir.path().join(format!(".notes.tmp-{ended}"));
        for d in [&abandoned, &abandoned_old, &running, &other] {
            fs::create_dir_all(d.join("articles")).unwrap();
            fs::write(d.join("articles/a.html"), "x").unwrap();
        }
        let staging = Staging::create(&dest).unwrap();
        staging.write("index.html", b"new").unwrap();
        staging.commit().unwrap();
        assert!(!abandoned.exists() && !abandoned_old.exists());
        assert!(running.exists(), "a running build's folder is kept");
        assert!(other.exists(), "another output's folders are not touched");
        assert_eq!(fs::read(dest.join("index.html")).unwrap(), b"new");
    }

    #[test]
    fn replaces_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("book");
        fs::create_dir_all(dest.join("old")).unwrap();
        fs::write(dest.join("old/stale.html"), "x").unwrap();
        let files = vec![OutputFile {
            path: "a/b.html".into(),
            bytes: b"hi".to_vec(),
        }];
        write_atomic(&dest, &files).unwrap();
        assert_eq!(fs::read(dest.join("a/b.html")).unwrap(), b"hi");
        assert!(!dest.join("old").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary directories left behind");
    }

    #[test]
    fn refuses_folders_that_are_not_builds() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("dossier");
        fs::create_dir_all(root.join("content/actors")).unwrap();
        fs::create_dir_all(root.join("seeds")).unwrap();
        fs::write(root.join("book.toml"), "").unwrap();
        let check = |d: &Path| check_destination(&root, d);
        assert!(check(&root.join("content")).is_err());
        assert!(check(&root.join("content/actors")).is_err());
        assert!(check(&root.join("seeds/out")).is_err());
        assert!(check(&root.join("content/../")).is_err());
        assert!(check(dir.path()).is_err());
        let docs = dir.path().join("documents");
        fs::create_dir_all(&docs).unwrap();
        fs::write(docs.join("letter.txt"), "keep").unwrap();
        assert!(check(&docs).is_err());
        fs::write(docs.join(OUTPUT_MARKER), "").unwrap();
        assert!(check(&docs).is_ok());
        assert!(check(&root.join("book")).is_ok());
        fs::create_dir_all(root.join("empty")).unwrap();
        assert!(check(&root.join("empty")).is_ok());
    }

    #[test]
    fn refuses_to_replace_the_dossier() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("book.toml"), "").unwrap();
        assert!(check_destination(dir.path(), dir.path()).is_err());
        assert!(check_destination(dir.path(), &dir.path().join("book")).is_ok());
    }
}
