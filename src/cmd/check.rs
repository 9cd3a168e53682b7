//! `dossier check`: everything a build does but writing, reported as text
//! on stderr or as JSON on stdout.

use crate::cli::Format;
use crate::term::{self, Out, Progress};
use dossier::{Diagnostics, Summary};
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(out: &Out, root: &Path, format: Format, deny_warnings: bool) -> ExitCode {
    let json = format == Format::Json;
    // JSON goes to stdout, for a program: no progress bar beside it.
    let progress_out = Out {
        quiet: out.quiet || json,
        ..*out
    };
    let mut stages = Vec::new();
    let mut progress = Progress::new(&progress_out, 4);
    let result = dossier::check_summary(root, &mut |s, d| {
        progress.stage(s);
        stages.push((s, d));
    });
    progress.finish();
    let ok = match &result {
        Ok(summary) => !deny_warnings || summary.warnings.is_empty(),
        Err(_) => false,
    };
    if json {
        print_json(&result, ok);
    } else {
        match &result {
            Ok(summary) if ok => {
                term::print_warnings(out, &summary.warnings);
                out.success("ok:", summary);
                out.stages(&stages, &[]);
            }
            Ok(summary) => {
                term::print_diagnostics(&summary.warnings, " (denied by --deny-warnings)")
            }
            Err(diagnostics) => term::print_failure(out, diagnostics, ""),
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        super::failure()
    }
}

/// `{"ok": bool, "diagnostics": [{path, line, column, message, hint,
/// severity}]}` on stdout, for editors and CI (a [`dossier::Diagnostic`]
/// serialises as one entry): errors first, then warnings.
fn print_json(result: &Result<Summary, Diagnostics>, ok: bool) {
    #[derive(serde::Serialize)]
    struct Report<'a> {
        // In this order, as the report has always been written.
        diagnostics: &'a [dossier::Diagnostic],
        ok: bool,
    }
    let diagnostics = match result {
        Ok(summary) => summary.warnings.0.as_slice(),
        Err(diags) => diags.0.as_slice(),
    };
    let report = Report { diagnostics, ok };
    match serde_json::to_string(&report) {
        Ok(text) => println!("{text}"),
        Err(e) => term::print_error(&format!("cannot write the report as JSON: {e}"), None),
    }
}
