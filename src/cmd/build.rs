//! `dossier build`: the site written into its folder, swapped in whole.

use crate::term::{self, Out, Progress};
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(out: &Out, root: &Path, dest: Option<&Path>, site_url: Option<&str>) -> ExitCode {
    let mut stages = Vec::new();
    let mut peaks = Vec::new();
    let mut progress = Progress::new(out, 4);
    let result = dossier::build_with(root, dest, site_url, &mut |s, d| {
        progress.stage(s);
        stages.push((s, d));
        if out.verbose {
            peaks.push(term::peak_memory_mb());
        }
    });
    progress.finish();
    match result {
        Ok(summary) => {
            out.success("done:", summary);
            out.stages(&stages, &peaks);
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            term::print_diagnostics(&diagnostics, "; nothing was written");
            super::failure()
        }
    }
}
