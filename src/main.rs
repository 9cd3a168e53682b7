//! The `dossier` command line: parses the arguments ([`cli`]) and hands
//! them to their subcommand ([`cmd`]); [`term`] prints.

// mimalloc: a build makes and frees millions of small strings and JSON
// values on several threads; glibc's allocator spends a sixth of the time
// there and keeps freed memory in per-thread arenas.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;
mod cmd;
mod term;

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = term::Out {
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    match cli.command {
        Command::Build {
            root,
            dest,
            site_url,
            deny_warnings,
        } => cmd::build::run(
            &out,
            &root,
            dest.as_deref(),
            site_url.as_deref(),
            deny_warnings,
        ),
        Command::Check {
            root,
            format,
            deny_warnings,
        } => cmd::check::run(&out, &root, format, deny_warnings),
        #[cfg(feature = "serve")]
        Command::Serve { root, port, open } => cmd::serve::run(&out, root, port, open),
        Command::New { dir } => cmd::new::run(&out, &dir),
        Command::Add {
            sources,
            root,
            title,
            publisher,
            url,
            published,
            slug,
        } => {
            let opts = dossier::import::AddOptions {
                title,
                publisher,
                url,
                published,
                slug,
            };
            cmd::add::run(&out, &root, &sources, opts)
        }
    }
}
