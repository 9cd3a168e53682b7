//! A rebuild on its way to the served folder: the [`Sink`] a rebuild
//! renders into, which writes only the files whose bytes differ from those
//! served, into a staging folder, then [`Staged::publish`] moves each into
//! place with one rename (a page being read is the old one or the new one,
//! never half of either) and removes the files the build no longer has.
//!
//! What is served is known by one digest per file (XXH3, 128 bits), not by
//! its bytes: comparing a rebuild with the site served then costs a hash of
//! what the rebuild made, and no copy of the site. A rebuild that fails is
//! never published: its staging folder is removed and the site served
//! stays as it was.

use super::folder::{inside, Folder};
use super::site::Site;
use crate::diagnostics::Diagnostic;
pub(crate) use crate::output::Digest;
use crate::output::{OutputFile, Sink};
use crate::util::fs::FirstFailure;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// The digest of each file served, by output path.
pub(crate) type Served = HashMap<String, Digest>;

/// What publishing a rebuild did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    /// The pages (HTML files) the site has now.
    pub pages: usize,
    /// The files written, replaced or removed.
    pub changed: usize,
}

/// A rebuild being written: see the module's documentation. Only one is
/// made at a time (it holds the digests of the files served).
pub struct Staged<'s> {
    site: &'s Site,
    folder: &'s Folder,
    served: MutexGuard<'s, Served>,
    dir: PathBuf,
    /// Folders made under `dir` so far (relative to it).
    dirs: Mutex<HashSet<PathBuf>>,
    /// The files written to `dir`, with their digests.
    written: Mutex<Vec<(String, Digest)>>,
    /// The first failed write.
    failed: FirstFailure,
}

/// A failure to write into the served folder.
fn fail(what: &str, p: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::new(p, format!("cannot {what}: {e}"))
        .hint("`dossier serve` keeps its site under the system's temporary folder: is that disk full? (TMPDIR chooses another)")
}

impl<'s> Staged<'s> {
    /// Starts a rebuild of `site`, whose files are in `folder` and whose
    /// digests are `served` (locked until it is published or dropped).
    pub(crate) fn new(
        site: &'s Site,
        folder: &'s Folder,
        served: MutexGuard<'s, Served>,
    ) -> Result<Self, Diagnostic> {
        let dir = folder.staging();
        // What a publish that failed half-way left.
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| fail("remove the folder", &dir, e))?;
        }
        fs::create_dir(&dir).map_err(|e| fail("make the folder", &dir, e))?;
        Ok(Staged {
            site,
            folder,
            served,
            dir,
            dirs: Mutex::new(HashSet::new()),
            written: Mutex::new(Vec::new()),
            failed: FirstFailure::default(),
        })
    }

    /// Where `path` is staged, its folder made.
    fn staged_path(&self, path: &str) -> Result<PathBuf, Diagnostic> {
        let full = inside(&self.dir, path).ok_or_else(|| {
            Diagnostic::new(
                path,
                format!("cannot write `{path}`: not a path inside the site"),
            )
        })?;
        if let Some(parent) = full.parent().filter(|p| *p != self.dir) {
            let mut dirs = self.dirs.lock().unwrap_or_else(|e| e.into_inner());
            if !dirs.contains(parent) {
                folders_under(&self.dir, parent)?;
                dirs.insert(parent.to_path_buf());
            }
        }
        Ok(full)
    }

    fn note(&self, path: &str, digest: Digest) {
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        written.push((path.to_string(), digest));
    }

    /// Publishes the rebuild: the files it wrote are moved into the site
    /// and those it no longer has removed: when `whole`, every file served
    /// that is not `made`; otherwise the `removed` ones (the others stay).
    /// Then the open pages are told.
    pub fn publish(
        mut self,
        made: &[String],
        removed: &[String],
        whole: bool,
    ) -> Result<Published, Diagnostic> {
        if self.failed.happened() {
            // The write reported why; the build failed with it.
            return Err(Diagnostic::new(
                &self.dir,
                "the rebuild was not completely written",
            ));
        }
        let written = std::mem::take(self.written.get_mut().unwrap_or_else(|e| e.into_inner()));
        let gone: Vec<String> = if whole {
            let made: HashSet<&str> = made.iter().map(String::as_str).collect();
            (self.served.keys())
                .filter(|p| !made.contains(p.as_str()))
                .cloned()
                .collect()
        } else {
            (removed.iter())
                .filter(|p| self.served.contains_key(p.as_str()))
                .cloned()
                .collect()
        };
        let changed = written.len() + gone.len();
        let moved = self.remove(&gone).and_then(|()| self.move_in(written));
        let pages = (self.served.keys())
            .filter(|p| p.ends_with(".html"))
            .count();
        // Told even after a failed move: what was moved is served.
        self.site.published(changed);
        moved.map(|()| Published { pages, changed })
    }

    /// Removes the files at `gone` from the site, and the folders that
    /// leaves empty.
    fn remove(&mut self, gone: &[String]) -> Result<(), Diagnostic> {
        let site = self.folder.site();
        for path in gone {
            let Some(full) = inside(site, path) else {
                continue;
            };
            match fs::remove_file(&full) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(fail("remove", &full, e)),
            }
            self.served.remove(path);
            let mut dir = full.parent();
            // Fails, as it should, at the first folder that is not empty.
            while let Some(d) = dir.filter(|d| *d != site && fs::remove_dir(d).is_ok()) {
                dir = d.parent();
            }
        }
        Ok(())
    }

    /// Moves the `written` files into the site, one rename each; the first
    /// publish, into an empty site, moves the staging folder whole.
    fn move_in(&mut self, written: Vec<(String, Digest)>) -> Result<(), Diagnostic> {
        let site = self.folder.site();
        if self.served.is_empty() && fs::remove_dir(site).is_ok() {
            if let Err(e) = fs::rename(&self.dir, site) {
                let _ = fs::create_dir(site);
                return Err(fail("move into place", site, e));
            }
            self.served.extend(written);
            return Ok(());
        }
        let mut made: HashSet<PathBuf> = HashSet::new();
        for (path, digest) in written {
            let (Some(from), Some(to)) = (inside(&self.dir, &path), inside(site, &path)) else {
                continue;
            };
            if let Some(parent) = to.parent().filter(|p| !made.contains(*p)) {
                folders_under(site, parent)?;
                made.insert(parent.to_path_buf());
            }
            fs::rename(&from, &to).map_err(|e| fail("move into place", &to, e))?;
            self.served.insert(path, digest);
        }
        Ok(())
    }
}

/// Makes the folder `dir` and those between it and `base`, which must
/// exist: unlike `create_dir_all`, never `base` itself, so that a server
/// stopped during a rebuild (its folder removed) does not leave part of it
/// made again.
fn folders_under(base: &Path, dir: &Path) -> Result<(), Diagnostic> {
    let rel = dir.strip_prefix(base).unwrap_or(dir);
    let mut made = base.to_path_buf();
    for part in rel.components() {
        made.push(part);
        match fs::create_dir(&made) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(fail("make the folder", &made, e)),
        }
    }
    Ok(())
}

impl Drop for Staged<'_> {
    /// What was staged and not published (a failed rebuild) goes; after a
    /// publish only empty folders are left, or nothing.
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

impl Sink for Staged<'_> {
    fn file(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.bytes(&file.path, &file.bytes)
    }

    /// Whether `digest` is that of the file served at `path`.
    fn unchanged(&self, path: &str, digest: Digest) -> bool {
        self.served.get(path) == Some(&digest)
    }

    fn bytes(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let digest = crate::output::digest(bytes);
        if self.unchanged(path, digest) {
            return Ok(());
        }
        self.failed.once(|| {
            let full = self.staged_path(path)?;
            fs::write(&full, bytes).map_err(|e| fail("write", &full, e))
        })?;
        self.note(path, digest);
        Ok(())
    }

    // `stream` is the default one: a streamed file is gathered in memory
    // (the largest file of a 10,000-article site is 21 MB) and handed to
    // `file`, so that one the same as served is never written. Written to
    // the staging folder to be hashed on its way, the hundreds of
    // megabytes of data files each rebuild makes would be written and
    // freed again every time.
}
