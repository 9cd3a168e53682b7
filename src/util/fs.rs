//! Reading the dossier's text files: shared by every stage that reads one
//! (the config, the content, the templates), so none reaches into another.

use crate::diagnostics::Diagnostic;
use std::path::Path;

/// Reads a file as UTF-8, placing a decoding error at its line and column.
pub fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| unreadable(shown, e))?;
    decode_text(bytes, shown)
}

/// What is said of a file, shown as `shown`, that cannot be read.
pub(crate) fn unreadable(shown: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::new(shown, format!("cannot read the file: {e}"))
}

/// The bytes of a file as UTF-8, or a diagnostic placed at the first byte
/// that is not.
pub fn decode_text(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
        let lossy = String::from_utf8_lossy(&bytes).into_owned();
        let (line, col) = crate::diagnostics::line_col(&prefix, prefix.len());
        Diagnostic::new(shown, "the file is not valid UTF-8")
            .at(&lossy, line, col)
            .hint("save the file with UTF-8 encoding")
    })
}

/// The first failure among many writes from several threads: once one
/// failed, the others are not tried and only the first is reported (a
/// full disk gives one error, not one a page).
#[derive(Default)]
pub(crate) struct FirstFailure(std::sync::atomic::AtomicBool);

impl FirstFailure {
    /// Runs `write` unless one failed before; reports only the first failure.
    pub(crate) fn once(
        &self,
        write: impl FnOnce() -> Result<(), Diagnostic>,
    ) -> Result<(), Diagnostic> {
        use std::sync::atomic::Ordering;
        if self.0.load(Ordering::Relaxed) {
            return Ok(());
        }
        let result = write();
        if result.is_err() && self.0.swap(true, Ordering::Relaxed) {
            return Ok(());
        }
        result
    }

    /// Whether a write failed.
    pub(crate) fn happened(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}
