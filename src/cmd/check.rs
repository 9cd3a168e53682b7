//! `dossier check`: everything a build does but writing, reported as text
//! on stderr or as JSON on stdout.

use crate::cli::Format;
use crate::term::{self, Out, Progress};
use dossier::{Diagnostics, Summary};
use std::path::Path;
use std::process::ExitCode;

pub fn run(out: &Out, root: &Path, format: Format) -> ExitCode {
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
        Err(diagnostics) => term::print_diagnostics(diagnostics),
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
/// stdout, for editors and CI.
fn print_json(result: &Result<Summary, Diagnostics>) {
    let diagnostics: Vec<serde_json::Value> = match result {
        Ok(_) => Vec::new(),
        Err(diags) => diags
            .iter()
            .map(|d| {
                serde_json::json!({
                    "path": d.path.to_string_lossy(),
                    "line": d.line,
                    "column": d.column,
                    "message": d.message,
                    "hint": d.hint,
                })
            })
            .collect(),
    };
    let doc = serde_json::json!({ "ok": result.is_ok(), "diagnostics": diagnostics });
    println!("{doc}");
}
