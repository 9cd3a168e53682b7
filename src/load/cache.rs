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
use std::collections::HashMap;
use std::ffi::OsString;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
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

/// A file's value and the stamp it was read with (none: read it again);
/// `seen`, the last load that listed the file.
struct Entry<T> {
    stamp: Option<Stamp>,
    value: T,
    seen: AtomicU64,
}

/// A content file's parse, and what stands for the text it was made from.
#[derive(Clone)]
struct Printed {
    print: TextPrint,
    parsed: Parsed,
}

/// The parses and seeds of the last load, by path (see the module's text).
/// A build that loads once keeps nothing: [`ParseCache::none`].
///
/// Keyed by the paths' bytes: a `Path` hashes component by component,
/// which for tens of thousands of files is a load's cost of its own.
#[derive(Default)]
pub struct ParseCache {
    keeps: bool,
    /// The number of the load under way: each entry notes the last load
    /// that listed its file, and a load forgets those it did not list.
    load: AtomicU64,
    files: Mutex<Files<Printed>>,
    seeds: Mutex<Files<Seed>>,
}

type Files<T> = HashMap<OsString, Arc<Entry<T>>>;

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
/// read with (cloned outside the lock: the threads of a load share it),
/// noted as seen by `load`.
fn unchanged<T: Clone>(map: &Mutex<Files<T>>, path: &Path, load: u64) -> Option<T> {
    let entry = Arc::clone(locked(map).get(path.as_os_str())?);
    let now = Stamp::of(&std::fs::metadata(path).ok()?)?;
    let same = entry.stamp? == now;
    same.then(|| {
        entry.seen.store(load, Ordering::Relaxed);
        entry.value.clone()
    })
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

    /// Starts a load: what it does not list is forgotten at its end
    /// ([`ParseCache::forget_unlisted`]).
    pub(super) fn start_load(&self) {
        self.load.fetch_add(1, Ordering::Relaxed);
    }

    fn current(&self) -> u64 {
        self.load.load(Ordering::Relaxed)
    }

    /// An entry made by the load under way.
    fn entry<T>(&self, stamp: Option<Stamp>, value: T) -> Arc<Entry<T>> {
        let seen = AtomicU64::new(self.current());
        Arc::new(Entry { stamp, value, seen })
    }

    /// The parse of the content file at `path` if its stamp is unchanged.
    pub(super) fn unchanged_file(&self, path: &Path) -> Option<Parsed> {
        let load = self.current();
        let printed = (self.keeps)
            .then(|| unchanged(&self.files, path, load))
            .flatten();
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
        let kept = locked(&self.files).get(path.as_os_str()).map(Arc::clone);
        let parsed = match kept {
            Some(e) if e.value.print == print => e.value.parsed.clone(),
            _ => parse(text),
        };
        let value = Printed {
            print,
            parsed: parsed.clone(),
        };
        let entry = self.entry(stamp, value);
        locked(&self.files).insert(path.as_os_str().to_owned(), entry);
        parsed
    }

    /// The seed at `path` if its stamp is unchanged.
    pub(super) fn unchanged_seed(&self, path: &Path) -> Option<Seed> {
        let load = self.current();
        (self.keeps)
            .then(|| unchanged(&self.seeds, path, load))
            .flatten()
    }

    /// Keeps `seed`, read with `stamp`.
    pub(super) fn keep_seed(&self, seed: &Seed, stamp: Option<Stamp>) {
        if self.keeps {
            let entry = self.entry(stamp, seed.clone());
            locked(&self.seeds).insert(seed.path.as_os_str().to_owned(), entry);
        }
    }

    /// Forgets the files and seeds the load under way did not list
    /// (removed since, or no longer read).
    pub(super) fn forget_unlisted(&self) {
        let load = self.current();
        locked(&self.files).retain(|_, e| e.seen.load(Ordering::Relaxed) == load);
        locked(&self.seeds).retain(|_, e| e.seen.load(Ordering::Relaxed) == load);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_load_keeps_what_it_listed_and_forgets_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.md"), dir.path().join("b.md"));
        let cache = ParseCache::new();
        cache.start_load();
        for path in [&a, &b] {
            std::fs::write(path, "text").unwrap();
            let stamp = Stamp::of(&std::fs::metadata(path).unwrap());
            let parsed = cache.parse(path, "text".into(), stamp, |_| Err(Diagnostics::new()));
            assert!(parsed.is_err());
        }
        cache.forget_unlisted();
        // The next load lists `a` alone: `b` is forgotten, `a` kept.
        cache.start_load();
        assert!(cache.unchanged_file(&a).is_some());
        cache.forget_unlisted();
        cache.start_load();
        assert!(cache.unchanged_file(&a).is_some(), "kept while listed");
        assert!(cache.unchanged_file(&b).is_none(), "forgotten");
        // A build that loads once keeps nothing.
        let none = ParseCache::none();
        none.start_load();
        let stamp = Stamp::of(&std::fs::metadata(&a).unwrap());
        let _ = none.parse(&a, "text".into(), stamp, |_| Err(Diagnostics::new()));
        assert!(none.unchanged_file(&a).is_none());
    }

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
