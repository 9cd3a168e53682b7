//! What the render stage hands the write stage: output files (path relative
//! to the output root, bytes) and the [`Sink`] that takes them as they are
//! made. Its own module so that `write` depends on this contract, not on
//! `render`.

use crate::diagnostics::Diagnostic;

/// One file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// Where rendered files go: kept in memory (the library's `check`, which
/// tests compare builds with), written into the staging directory of a
/// build or, when they changed, into `serve`'s folder as they are made (so
/// that a large dossier never holds its whole site in memory), or nowhere
/// (`dossier check`).
pub trait Sink: Sync {
    fn file(&self, file: OutputFile) -> Result<(), Diagnostic>;
    /// A file of bytes the caller keeps. By default they are copied, then
    /// `file`d.
    fn bytes(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.file(OutputFile::new(path, bytes))
    }
    /// A verbatim copy of the file at `from` (the seed texts). By default it
    /// is read, then `file`d.
    fn copy(&self, path: &str, from: &std::path::Path) -> Result<(), Diagnostic> {
        let bytes = std::fs::read(from).map_err(|e| unreadable_copy(from, path, e))?;
        self.file(OutputFile::new(path, bytes))
    }
    /// Takes the file at `path` as made, without its bytes, when the sink
    /// still has there exactly the bytes whose XXH3-128 digest is `digest`
    /// (a rebuild's sink, holding the files served); when it has not (the
    /// default), the caller hands the bytes over.
    fn unchanged(&self, _path: &str, _digest: Digest) -> bool {
        false
    }
    /// A file written piece by piece by `write` (large data files need not
    /// be held in memory whole). By default it is collected, then `file`d.
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Diagnostic> {
        let mut bytes = Vec::new();
        write(&mut bytes)
            .map_err(|e| Diagnostic::new(path, format!("cannot make `{path}`: {e}")))?;
        self.file(OutputFile::new(path, bytes))
    }
}

/// The digest that stands for a file's bytes (XXH3, 128 bits).
pub(crate) type Digest = u128;

/// The [`Digest`] of `bytes`.
pub(crate) fn digest(bytes: &[u8]) -> Digest {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// A writer that keeps nothing but the [`Digest`] of what it is given.
pub(crate) struct DigestWriter(xxhash_rust::xxh3::Xxh3);

impl DigestWriter {
    pub(crate) fn new() -> Self {
        DigestWriter(xxhash_rust::xxh3::Xxh3::new())
    }
    pub(crate) fn digest(&self) -> Digest {
        self.0.digest128()
    }
}

impl std::io::Write for DigestWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Hands the file `write` makes at `path` to `sink`. When `digest_first`
/// (a rebuild, whose sink holds the last build's files), `write` first
/// only feeds a digest: a file the sink still has is not made at all, and
/// one that changed is written a second time, for the sink. Of the large
/// files a rebuild makes again, most are the same.
pub(crate) fn stream_unless_held(
    sink: &dyn Sink,
    path: &str,
    digest_first: bool,
    write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), Diagnostic> {
    if digest_first {
        let mut hashed = DigestWriter::new();
        let made = write(&mut hashed);
        if made.is_ok() && sink.unchanged(path, hashed.digest()) {
            return Ok(());
        }
    }
    sink.stream(path, write)
}

/// A sink holding the files it is given, and answering
/// [`Sink::unchanged`] from them as serve's does; it notes the paths
/// handed over (for tests).
#[cfg(test)]
#[derive(Default)]
pub(crate) struct Holding {
    pub files: std::sync::Mutex<std::collections::HashMap<String, Vec<u8>>>,
    pub handed: std::sync::Mutex<Vec<String>>,
}

#[cfg(test)]
impl Sink for Holding {
    fn file(&self, f: OutputFile) -> Result<(), Diagnostic> {
        self.handed.lock().unwrap().push(f.path.clone());
        self.files.lock().unwrap().insert(f.path, f.bytes);
        Ok(())
    }
    fn unchanged(&self, path: &str, digest: Digest) -> bool {
        let files = self.files.lock().unwrap();
        files.get(path).map(|b| self::digest(b)) == Some(digest)
    }
}

/// A file to copy into the output that cannot be read (for [`Sink::copy`]).
pub(crate) fn unreadable_copy(from: &std::path::Path, path: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::new(
        from,
        format!("cannot read the file to copy to `{path}`: {e}"),
    )
    .hint("was it removed or renamed during the build? build again")
}

/// Keeps nothing: for checking that a site renders (`dossier check`)
/// without holding it, which at newsroom scale is a gigabyte.
pub struct Discard;

impl Sink for Discard {
    fn file(&self, _: OutputFile) -> Result<(), Diagnostic> {
        Ok(())
    }
    fn bytes(&self, _: &str, _: &[u8]) -> Result<(), Diagnostic> {
        Ok(())
    }
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Diagnostic> {
        write(&mut std::io::sink())
            .map_err(|e| Diagnostic::new(path, format!("cannot make `{path}`: {e}")))
    }
}

/// Collects the files in memory.
#[derive(Default)]
pub struct Collect(std::sync::Mutex<Vec<OutputFile>>);

impl Sink for Collect {
    fn file(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok(())
    }
}

impl Collect {
    /// The files, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

/// How big a site is: counted by the measuring sink as its files are written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteSize {
    pub files: usize,
    pub bytes: u64,
    /// Files over the `file` limit of the [`SizeLimits`] counted with,
    /// with their sizes, by path.
    pub large: Vec<(String, u64)>,
}

/// Where a site's size deserves a warning. GitHub Pages publishes at most
/// 1 GB; Git warns of a file over 50 MB and GitHub refuses one over 100 MB.
#[derive(Debug, Clone, Copy)]
pub struct SizeLimits {
    /// The whole site: warned past this (a margin under the 1 GB limit).
    pub total: u64,
    /// One file.
    pub file: u64,
}

impl SizeLimits {
    pub const GITHUB_PAGES: SizeLimits = SizeLimits {
        total: 900_000_000,
        file: 50_000_000,
    };
}

impl SiteSize {
    /// The warnings for a site of this size, written to `dest`.
    pub fn warnings(&self, dest: &std::path::Path, limits: SizeLimits) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if self.bytes > limits.total {
            out.push(
                Diagnostic::warning(
                    dest,
                    format!(
                        "the site is {}, near GitHub Pages' limit of 1 GB",
                        human_bytes(self.bytes)
                    ),
                )
                .hint("a host without that limit, or fewer or smaller files, would take it"),
            );
        }
        for (path, bytes) in &self.large {
            out.push(
                Diagnostic::warning(
                    dest.join(path),
                    format!(
                        "`{path}` is {}: Git warns of a file over 50 MB and GitHub refuses one over 100 MB",
                        human_bytes(*bytes)
                    ),
                )
                .hint("publish it elsewhere (a release asset) or split it"),
            );
        }
        out
    }
}

/// `bytes` for a reader: `912.4 MB`, `3.1 kB`, `12 bytes` (powers of 1000).
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} bytes");
    }
    let mut v = bytes as f64 / 1000.0;
    let mut unit = 0;
    while v >= 1000.0 && unit + 1 < UNITS.len() {
        v /= 1000.0;
        unit += 1;
    }
    format!("{v:.1} {}", UNITS[unit])
}

/// A sink that counts the files and bytes handed on to `inner`, and notes
/// every file over `limits.file`: the site's size without a second walk of
/// the output.
pub(crate) struct Measured<'s> {
    inner: &'s dyn Sink,
    limit: u64,
    files: std::sync::atomic::AtomicUsize,
    bytes: std::sync::atomic::AtomicU64,
    large: std::sync::Mutex<Vec<(String, u64)>>,
}

impl<'s> Measured<'s> {
    pub(crate) fn new(inner: &'s dyn Sink, limits: SizeLimits) -> Self {
        Measured {
            inner,
            limit: limits.file,
            files: Default::default(),
            bytes: Default::default(),
            large: Default::default(),
        }
    }

    fn count(&self, path: &str, len: u64) {
        use std::sync::atomic::Ordering::Relaxed;
        self.files.fetch_add(1, Relaxed);
        self.bytes.fetch_add(len, Relaxed);
        if len > self.limit {
            let mut large = self.large.lock().unwrap_or_else(|e| e.into_inner());
            large.push((path.to_string(), len));
        }
    }

    /// What was counted, the large files by path.
    pub(crate) fn size(self) -> SiteSize {
        let mut large = self.large.into_inner().unwrap_or_else(|e| e.into_inner());
        large.sort();
        SiteSize {
            files: self.files.into_inner(),
            bytes: self.bytes.into_inner(),
            large,
        }
    }
}

/// Counts what passes through to the writer it wraps.
struct Counting<'w> {
    inner: &'w mut dyn std::io::Write,
    written: u64,
}

impl std::io::Write for Counting<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl Sink for Measured<'_> {
    fn file(&self, file: OutputFile) -> Result<(), Diagnostic> {
        let (path, len) = (file.path.clone(), file.bytes.len() as u64);
        self.inner.file(file)?;
        self.count(&path, len);
        Ok(())
    }
    fn bytes(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.inner.bytes(path, bytes)?;
        self.count(path, bytes.len() as u64);
        Ok(())
    }
    fn copy(&self, path: &str, from: &std::path::Path) -> Result<(), Diagnostic> {
        self.inner.copy(path, from)?;
        // The size of the file copied: one stat, read as it is copied.
        let len = std::fs::metadata(from).map_or(0, |m| m.len());
        self.count(path, len);
        Ok(())
    }
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Diagnostic> {
        let mut written = 0;
        self.inner.stream(path, &mut |w| {
            let mut counting = Counting {
                inner: w,
                written: 0,
            };
            let res = write(&mut counting);
            written = counting.written;
            res
        })?;
        self.count(path, written);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_hashed_first_is_made_only_when_it_changed() {
        let held = Holding::default();
        held.files
            .lock()
            .unwrap()
            .insert("a".into(), b"hello, world".to_vec());
        let mut write = |w: &mut dyn std::io::Write| {
            w.write_all(b"hello, ")?;
            w.write_all(b"world")
        };
        let handed = || held.handed.lock().unwrap().len();
        // Streamed in pieces or whole, the same digest.
        stream_unless_held(&held, "a", true, &mut write).unwrap();
        assert_eq!(handed(), 0);
        stream_unless_held(&held, "a", false, &mut write).unwrap();
        let mut other = |w: &mut dyn std::io::Write| w.write_all(b"hello");
        stream_unless_held(&held, "a", true, &mut other).unwrap();
        assert_eq!(handed(), 2);
    }

    #[test]
    fn the_size_is_counted_as_files_pass_and_large_ones_are_named() {
        let limits = SizeLimits {
            total: 100,
            file: 40,
        };
        let collect = Collect::default();
        let sink = Measured::new(&collect, limits);
        sink.file(OutputFile::new("a.html", vec![0u8; 30])).unwrap();
        sink.bytes("b.json", &[0u8; 50]).unwrap();
        sink.stream("c.json", &mut |w| w.write_all(&[1u8; 41]))
            .unwrap();
        let size = sink.size();
        assert_eq!(size.files, 3);
        assert_eq!(size.bytes, 121);
        assert_eq!(
            size.large,
            [("b.json".to_string(), 50), ("c.json".to_string(), 41)]
        );
        assert_eq!(collect.into_files()[2].bytes.len(), 41);
        let warnings = size.warnings(std::path::Path::new("book"), limits);
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings.iter().all(|w| !w.is_error()));
        assert!(warnings[1].message.contains("`b.json` is 50 bytes"));
    }

    #[test]
    fn a_site_under_the_limits_has_no_warning() {
        let size = SiteSize {
            files: 2,
            bytes: 100,
            large: Vec::new(),
        };
        let limits = SizeLimits {
            total: 100,
            file: 40,
        };
        assert!(size
            .warnings(std::path::Path::new("book"), limits)
            .is_empty());
    }

    #[test]
    fn sizes_read_in_powers_of_a_thousand() {
        assert_eq!(human_bytes(999), "999 bytes");
        assert_eq!(human_bytes(1_500), "1.5 kB");
        assert_eq!(human_bytes(912_400_000), "912.4 MB");
    }
}
