//! `dossier new DIR`: the example dossier written into a new folder.

use crate::term::{self, Count, Out};
use dossier::Diagnostics;
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(out: &Out, dir: &Path) -> ExitCode {
    match dossier::scaffold::scaffold(dir) {
        Ok(files) => {
            out.success(
                "created",
                format_args!(
                    "a dossier in {} ({}). Next:\n  dossier serve {}",
                    dir.display(),
                    Count(files.len(), "file"),
                    shell_word(dir)
                ),
            );
            ExitCode::SUCCESS
        }
        Err(d) => {
            term::print_diagnostics(&Diagnostics::from(d), "");
            super::failure()
        }
    }
}

/// `dir` as one shell word, quoted when it needs to be.
fn shell_word(dir: &Path) -> String {
    let s = dir.display().to_string();
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
    {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_are_quoted_only_when_the_shell_needs_it() {
        assert_eq!(shell_word(Path::new("my-dossier")), "my-dossier");
        assert_eq!(shell_word(Path::new("my dossier")), "'my dossier'");
        assert_eq!(shell_word(Path::new("it's")), r"'it'\''s'");
    }
}
