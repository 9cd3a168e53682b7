//! `dossier build`: the site written into its folder, swapped in whole.

use crate::term::{self, Out, Progress};
use dossier::Warnings;
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(
    out: &Out,
    root: &Path,
    dest: Option<&Path>,
    site_url: Option<&str>,
    deny_warnings: bool,
) -> ExitCode {
    let mut stages = Vec::new();
    let mut peaks = Vec::new();
    let mut progress = Progress::new(out, 5);
    let policy = if deny_warnings {
        Warnings::Deny
    } else {
        Warnings::Report
    };
    let result = dossier::build_with_warnings(root, dest, site_url, policy, &mut |s, d| {
        progress.stage(s);
        stages.push((s, d));
        if out.verbose {
            peaks.push(term::peak_memory_mb());
        }
    });
    progress.finish();
    match result {
        Ok(summary) => {
            term::print_warnings(out, &summary.warnings);
            out.success("done:", &summary);
            if let Some(size) = &summary.size {
                out.info(format_args!(
                    "  site: {} files, {} bytes ({})",
                    size.files,
                    size.bytes,
                    dossier::human_bytes(size.bytes)
                ));
            }
            out.stages(&stages, &peaks);
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            let tail = if diagnostics.has_errors() {
                "; nothing was written"
            } else {
                " (denied by --deny-warnings); nothing was written"
            };
            term::print_failure(out, &diagnostics, tail);
            super::failure()
        }
    }
}
