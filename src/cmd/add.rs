//! `dossier add SOURCE...`: each source copied into seeds/ and an article
//! written for it (the work is the library's `import`); prints what was
//! written and what to confirm.

use crate::term::{self, Count, Out};
use dossier::import::{AddOptions, Origin, Planned};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(crate) fn run(out: &Out, root: &Path, sources: &[PathBuf], opts: AddOptions) -> ExitCode {
    if sources.len() > 1 {
        refuse_single_source_flags(&opts);
    }
    let plan = match dossier::import::plan(root, sources, &opts) {
        Ok(plan) => plan,
        Err(diags) => {
            term::print_diagnostics(&diags, "; nothing was written");
            return super::failure();
        }
    };
    if let Err(diags) = plan.write() {
        term::print_diagnostics(&diags, "; nothing was written");
        return super::failure();
    }
    for p in &plan.sources {
        report(out, p);
    }
    out.info(format_args!(
        "Confirm the title, publisher and date of {} against the source, then run `dossier check`.",
        if plan.sources.len() == 1 {
            "the article"
        } else {
            "each article"
        }
    ));
    ExitCode::SUCCESS
}

/// `--title`, `--url`, `--published` and `--slug` describe one article:
/// with several sources they are a usage error (exit 2).
fn refuse_single_source_flags(opts: &AddOptions) {
    let given = [
        ("--title", opts.title.is_some()),
        ("--url", opts.url.is_some()),
        ("--published", opts.published.is_some()),
        ("--slug", opts.slug.is_some()),
    ];
    if let Some((flag, _)) = given.iter().find(|(_, set)| *set) {
        use clap::CommandFactory;
        let mut cli = crate::cli::Cli::command();
        cli.build();
        let add = cli.find_subcommand_mut("add").expect("the add subcommand");
        add.error(
                clap::error::ErrorKind::ArgumentConflict,
                format!("{flag} sets one article's value and cannot be used with several sources; add them one at a time"),
            )
            .exit();
    }
}

/// What was written for one source, and where each value came from.
fn report(out: &Out, p: &Planned) {
    out.success(
        "added",
        format_args!(
            "{} → {} and {} ({})",
            p.source.display(),
            p.seed_path.display(),
            p.article_path.display(),
            Count(p.paragraphs, "paragraph")
        ),
    );
    let line = |field: &str, value: Option<&(String, Origin)>, missing: &str| match value {
        Some((v, origin)) => out.info(format_args!(
            "  {field:<10} {v}  ({})",
            origin_text(*origin)
        )),
        None => out.info(format_args!("  {field:<10} {missing}")),
    };
    line("title", Some(&p.title), "");
    line("publisher", Some(&p.publisher), "");
    line(
        "published",
        p.published.as_ref(),
        "unknown (null): set it with --published or in the file",
    );
    line("url", p.url.as_ref(), "none");
}

fn origin_text(origin: Origin) -> String {
    match origin {
        Origin::Flag => "given".into(),
        Origin::Source(field) => format!("from {field}"),
    }
}
