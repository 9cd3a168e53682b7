//! The `dossier` command line: parses arguments and calls the library.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "dossier",
    version,
    about = "Build annotated dossiers of source articles as static websites"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the dossier at ROOT into DIR
    Build {
        /// The dossier's root folder (where book.toml is)
        #[arg(default_value = ".")]
        root: PathBuf,
        /// Output directory (default: [build] build-dir, `book`)
        #[arg(short = 'd', long = "dest-dir")]
        dest: Option<PathBuf>,
    },
    /// Load, link and validate everything; write nothing
    Check {
        #[arg(default_value = ".")]
        root: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, dest } => match dossier::build(&root, dest.as_deref()) {
            Ok(summary) => {
                eprintln!("{summary}");
                ExitCode::SUCCESS
            }
            Err(diags) => {
                eprintln!("{diags}");
                ExitCode::from(1)
            }
        },
        Command::Check { root } => match dossier::check(&root) {
            Ok(c) => {
                eprintln!(
                    "ok: {} articles, {} actors, {} events, {} pages would be written",
                    c.dossier.articles.len(),
                    c.dossier.actors.len(),
                    c.dossier.events.len(),
                    c.files.iter().filter(|f| f.path.ends_with(".html")).count()
                );
                ExitCode::SUCCESS
            }
            Err(diags) => {
                eprintln!("{diags}");
                ExitCode::from(1)
            }
        },
    }
}
