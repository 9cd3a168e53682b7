//! `dossier serve`: runs the library's server and prints what it reports.

use crate::term::{self, Count, Out};
use dossier::serve::{self, Report};
use std::path::PathBuf;
use std::process::ExitCode;

pub(crate) fn run(out: &Out, root: PathBuf, port: u16, open: bool) -> ExitCode {
    let opts = serve::Options { root, port, open };
    let mut first = true;
    let result = serve::serve(&opts, &mut |report| {
        print_report(out, &report, first);
        if matches!(report, Report::Built { .. } | Report::Failed { .. }) {
            first = false;
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            term::print_error(&e.message, e.hint.as_deref());
            super::failure()
        }
    }
}

/// One line (or the diagnostics) for what the server reported; `first`
/// while no build has been reported yet.
fn print_report(out: &Out, report: &Report, first: bool) {
    match *report {
        Report::Built {
            elapsed,
            pages,
            changed,
            stages,
            trigger,
            warnings,
        } => {
            term::print_warnings(out, warnings);
            if first {
                out.success(
                    "built",
                    format_args!("{} in {elapsed:.1?}", Count(pages, "page")),
                );
            } else {
                let what = match trigger {
                    [one] => one.display().to_string(),
                    many => Count(many.len(), "file").to_string(),
                };
                out.success(
                    "rebuilt",
                    format_args!(
                        "in {elapsed:.1?} after a change to {what}: {} changed",
                        Count(changed, "output file")
                    ),
                );
            }
            out.stages(stages, &[]);
        }
        Report::Failed {
            diagnostics,
            kept_previous,
        } => {
            term::print_failure(out, diagnostics, "");
            if kept_previous {
                eprintln!(
                    "still serving the last good build; the errors are shown over the page too"
                );
            } else {
                eprintln!("serving an error page until the dossier builds");
            }
        }
        Report::Listening { url } => out.info(format_args!(
            "serving at {url} (watching content, seeds, templates and book.toml; Ctrl-C to stop)"
        )),
        Report::Note(note) => out.info(note),
    }
}
