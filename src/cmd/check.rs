//! `dossier check`: everything a build does but writing, reported as text
//! on stderr or as JSON on stdout.

use crate::cli::Format;
use crate::term::{self, Out, Progress};
use dossier::{Diagnostics, Summary};
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(out: &Out, root: &Path, format: Format) -> ExitCode {
    let json = format == Format::Json;
    // JSON goes to stdout, for a program: no progress bar beside it.
    let progress_out = Out {
        quiet: out.quiet || json,
        ..*out
    };
    let mut stages = Vec::new();
    let mut progress = Progress::new(&progress_out, 3);
    let result = dossier::check_summary(root, &mut |s, d| {
        progress.stage(s);
        stages.push((s, d));
    });
    progress.finish();
    if json {
        print_json(&result);
        return exit_code(&result);
    }
    match &result {
        Ok(summary) => {
            out.success("ok:", summary);
            out.stages(&stages, &[]);
        }
        Err(diagnostics) => term::print_diagnostics(diagnostics, ""),
    }
    exit_code(&result)
}

fn exit_code(result: &Result<Summary, Diagnostics>) -> ExitCode {
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(_) => super::failure(),
    }
}

/// `{"ok": bool, "diagnostics": [{path, line, column, message, hint}]}` on
/// stdout, for editors and CI (a [`dossier::Diagnostic`] serialises as one
/// entry).
fn print_json(result: &Result<Summary, Diagnostics>) {
    #[derive(serde::Serialize)]
    struct Report<'a> {
        // In this order, as the report has always been written.
        diagnostics: &'a [dossier::Diagnostic],
        ok: bool,
    }
    let diagnostics = match result {
        Ok(_) => &[][..],
        Err(diags) => diags.0.as_slice(),
    };
    let report = Report {
        diagnostics,
        ok: result.is_ok(),
    };
    match serde_json::to_string(&report) {
        Ok(text) => println!("{text}"),
        Err(e) => term::print_error(&format!("cannot write the report as JSON: {e}"), None),
    }
}
