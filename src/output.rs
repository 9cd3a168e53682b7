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

/// Where rendered files go: kept in memory (`check`, `serve`) or written
/// into the staging directory of a build as they are made, so that a large
/// dossier never holds its whole site in memory.
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
