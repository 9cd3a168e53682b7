//! What `dossier serve` keeps of the files it loaded, between rebuilds: each
//! content file's parse and each seed, by path, with the file's stamp
//! (length, modification time, inode) when it was read. A file whose stamp
//! is unchanged is not read again; one whose stamp changed is read, and
//! parsed again only when its text differs (a 64-bit hash and the length
//! stand for the text, which the parse already holds once).
//!
//! A stamp is trusted only when the file was last modified well before it
//! was read (git's "racy" rule): a file saved twice within a coarse clock
//! tick (a second on some file systems) keeps its time and maybe its
//! length, and such a file is read again until its time is old.

use super::{Item, Named};
use crate::diagnostics::Diagnostics;
use crate::model::Seed;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

/// One content file, parsed, or every problem of it.
pub(super) type Parsed = Result<(Item, Named), Diagnostics>;

/// How much older than its reading a file's modification time must be for
/// its stamp to be trusted: more than the coarsest clock tick of common
/// file systems (FAT's two seconds).
const SETTLED: Duration = Duration::from_secs(3);

/// What stands for a file's content without reading it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct Stamp {
    len: u64,
    modified: SystemTime,
    inode: u64,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok()?,
            inode,
        })
    }

    /// The stamp if it can stand for the content read at `read`.
    fn settled(self, read: SystemTime) -> Option<Stamp> {
        let age = read.duration_since(self.modified).ok()?;
        (age > SETTLED).then_some(self)
    }
}

/// What stands for a text: its hash and length.
type TextPrint = (u64, usize);

fn text_print(text: &str) -> TextPrint {
    (crate::util::digest(text), text.len())
}

/// A file's value and the stamp it was read with (none: read it again).
struct Entry<T> {
    stamp: Option<Stamp>,
    value: T,
}

/// A content file's parse, and what stands for the text it was made from.
#[derive(Clone)]
struct Printed {
    print: TextPrint,
    parsed: Parsed,
}

/// The parses and seeds of the last load, by path (see the module's text).
/// A build that loads once keeps nothing: [`ParseCache::none`].
#[derive(Default)]
pub struct ParseCache {
    keeps: bool,
    files: Mutex<HashMap<PathBuf, Arc<Entry<Printed>>>>,
    seeds: Mutex<HashMap<PathBuf, Arc<Entry<Seed>>>>,
}

fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A file's bytes and its stamp, read through one open file.
pub(super) fn read_stamped(path: &Path) -> std::io::Result<(Vec<u8>, Option<Stamp>)> {
    use std::io::Read;
    let now = SystemTime::now();
    let mut file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes)?;
    Ok((bytes, Stamp::of(&meta).and_then(|s| s.settled(now))))
}

/// The value kept for `path` if the file's stamp is still the one it was
/// read with (cloned outside the lock: the threads of a load share it).
fn unchanged<T: Clone>(map: &Mutex<HashMap<PathBuf, Arc<Entry<T>>>>, path: &Path) -> Option<T> {
    let entry = Arc::clone(locked(map).get(path)?);
    let now = Stamp::of(&std::fs::metadata(path).ok()?)?;
    (entry.stamp? == now).then(|| entry.value.clone())
}

impl ParseCache {
    /// A cache for rebuilds: it keeps what each load read.
    pub fn new() -> Self {
        ParseCache {
            keeps: true,
            ..ParseCache::default()
        }
    }

    /// A cache that keeps nothing (one load, as `build` does).
    pub fn none() -> Self {
        ParseCache::default()
    }

    /// The parse of the content file at `path` if its stamp is unchanged.
    pub(super) fn unchanged_file(&self, path: &Path) -> Option<Parsed> {
        let printed = self.keeps.then(|| unchanged(&self.files, path)).flatten();
        printed.map(|p| p.parsed)
    }

    /// The parse of `text`, from the cache when the file's text is the
    /// same; `parse` makes it otherwise.
    pub(super) fn parse(
        &self,
        path: &Path,
        text: String,
        stamp: Option<Stamp>,
        parse: impl FnOnce(String) -> Parsed,
    ) -> Parsed {
        if !self.keeps {
            return parse(text);
        }
        let print = text_print(&text);
        let kept = locked(&self.files).get(path).map(Arc::clone);
        let parsed = match kept {
            Some(e) if e.value.print == print => e.value.parsed.clone(),
            _ => parse(text),
        };
        let value = Printed {
            print,
            parsed: parsed.clone(),
        };
        locked(&self.files).insert(path.to_path_buf(), Arc::new(Entry { stamp, value }));
        parsed
    }

    /// The seed at `path` if its stamp is unchanged.
    pub(super) fn unchanged_seed(&self, path: &Path) -> Option<Seed> {
        self.keeps.then(|| unchanged(&self.seeds, path)).flatten()
    }

    /// Keeps `seed`, read with `stamp`.
    pub(super) fn keep_seed(&self, seed: &Seed, stamp: Option<Stamp>) {
        if self.keeps {
            let entry = Entry {
                stamp,
                value: seed.clone(),
            };
            locked(&self.seeds).insert(seed.path.clone(), Arc::new(entry));
        }
    }

    /// Forgets the files and seeds not in `paths` (removed since).
    pub(super) fn retain(&self, paths: &HashSet<&Path>) {
        locked(&self.files).retain(|p, _| paths.contains(p.as_path()));
        locked(&self.seeds).retain(|p, _| paths.contains(p.as_path()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_is_trusted_only_once_its_time_is_old() {
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let stamp = Stamp {
            len: 10,
            modified: t0,
            inode: 1,
        };
        assert_eq!(stamp.settled(t0 + Duration::from_secs(1)), None);
        assert_eq!(stamp.settled(t0 + Duration::from_secs(10)), Some(stamp));
        // A clock set back: never trusted.
        assert_eq!(stamp.settled(t0 - Duration::from_secs(10)), None);
    }
}
