//! The command line's arguments, as clap types: the subcommands and the
//! global `--quiet` and `--verbose`.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  dossier new my-dossier          start a dossier from a small working example
  dossier add saved-page.html     import a source: its seed and an article to annotate
  dossier serve my-dossier --open build, serve on http://127.0.0.1:3000/ and reload on save
  dossier check                   validate the dossier in the current folder, write nothing
  dossier check --format json     the same, as JSON for editors and CI
  dossier check --deny-warnings   fail on warnings too (for CI)
  dossier build -d public         build into public/ instead of book/

Exit status: 0 success (warnings alone too), 1 content or config errors (or warnings
with --deny-warnings), 2 usage errors.";

#[derive(Parser)]
#[command(
    name = "dossier",
    version,
    about = "Build annotated dossiers of source articles as static websites",
    after_help = EXAMPLES
)]
pub(crate) struct Cli {
    /// Print only errors
    #[arg(
        short,
        long,
        global = true,
        conflicts_with = "verbose",
        display_order = 100
    )]
    pub quiet: bool,
    /// Also print the time of each stage
    #[arg(short, long, global = true, display_order = 101)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Text,
    Json,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Build the dossier at ROOT into DIR
    #[command(
        after_help = "Examples:\n  dossier build\n  dossier build path/to/dossier -d public\n  dossier build --site-url https://owner.github.io/repo/"
    )]
    Build {
        /// The dossier's root folder (where book.toml is)
        #[arg(default_value = ".")]
        root: PathBuf,
        /// Output directory (default: [build] build-dir, `book`)
        #[arg(short = 'd', long = "dest-dir")]
        dest: Option<PathBuf>,
        /// Where the site is published, over [output.html] site-url; a full
        /// URL adds canonical links, og:url, sitemap.xml and feed.xml
        #[arg(long, value_name = "URL", value_parser = site_url)]
        site_url: Option<String>,
        /// Fail on warnings too, writing nothing (for CI)
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Load, link and validate everything; write nothing
    #[command(
        after_help = "Examples:\n  dossier check\n  dossier check path/to/dossier --format json"
    )]
    Check {
        /// The dossier's root folder (where book.toml is)
        #[arg(default_value = ".")]
        root: PathBuf,
        /// `json` prints {\"ok\": bool, \"diagnostics\": [...]} on stdout
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Fail on warnings too (for CI)
        #[arg(long)]
        deny_warnings: bool,
    },
    #[cfg(feature = "serve")]
    /// Build, serve on 127.0.0.1, rebuild on change and reload open pages
    #[command(
        after_help = "Watches content/, seeds/, templates/ and book.toml. The site is served from a folder of its own \
under the system's temporary folder (TMPDIR), removed when the server stops; the build folder is not touched. A change that does not build keeps the last good site up and shows the errors \
here and over the page.\n\nExamples:\n  dossier serve\n  dossier serve path/to/dossier -p 8000 --open\n  dossier serve -p 0    (any free port)"
    )]
    Serve {
        /// The dossier's root folder (where book.toml is)
        #[arg(default_value = ".")]
        root: PathBuf,
        /// Port on 127.0.0.1 (0: any free port)
        #[arg(short, long, default_value_t = 3000)]
        port: u16,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
    },
    /// Import sources: copy each verbatim into seeds/ and write its article
    #[command(
        after_help = "Each SOURCE is a .txt or .md file, or a web page saved as .html or .htm. Its bytes are copied \
verbatim into seeds/ (as NNN_<hash>.<ext>) and content/articles/<slug>.md is written with the front matter the \
source gives (a page's og:title, og:site_name, article:published_time, canonical link and lang; a text's first line \
as title) and its paragraphs as the body, site furniture left out. Nothing is overwritten, and nothing is written \
unless every source can be added.\n\nExamples:\n  dossier add ~/Downloads/floods.html\n  \
dossier add notes/statement.txt --publisher \"City Council\" --published 2031-05-12\n  \
dossier add a.html b.html --root path/to/dossier"
    )]
    Add {
        /// The files to import (.txt, .md, .html, .htm)
        #[arg(required = true, value_name = "SOURCE")]
        sources: Vec<PathBuf>,
        /// The dossier's root folder (where book.toml is)
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// The article's title (one source only)
        #[arg(long)]
        title: Option<String>,
        /// The publisher's name, `source.name` (needed when the source names none)
        #[arg(long)]
        publisher: Option<String>,
        /// The original article's address, `source.url` (one source only)
        #[arg(long, value_name = "URL")]
        url: Option<String>,
        /// The publication date: YYYY-MM-DD, YYYY-MM or YYYY (one source only)
        #[arg(long, value_name = "DATE", value_parser = date)]
        published: Option<String>,
        /// The article's slug, its file name without .md (one source only)
        #[arg(long, value_parser = slug)]
        slug: Option<String>,
    },
    /// Create a small working dossier in DIR (which must be new or empty)
    #[command(after_help = "Examples:\n  dossier new my-dossier && dossier serve my-dossier")]
    New {
        /// The folder to create
        dir: PathBuf,
    },
}

/// A `--site-url` value, checked as `book.toml`'s `site-url` is: a wrong
/// one is a usage error.
fn site_url(value: &str) -> Result<String, String> {
    match dossier::config::site_url_problem(value) {
        Some(problem) => Err(format!("{problem}; {}", dossier::config::SITE_URL_HINT)),
        None => Ok(value.to_string()),
    }
}

/// A `--published` value: a date as the front matter takes it.
fn date(value: &str) -> Result<String, String> {
    dossier::model::PartialDate::parse(value)
        .map(|_| value.to_string())
        .map_err(|e| format!("{e}; write YYYY-MM-DD, YYYY-MM or YYYY"))
}

/// A `--slug` value: lowercase ASCII letters, digits and hyphens.
fn slug(value: &str) -> Result<String, String> {
    if dossier::load::is_valid_slug(value) {
        Ok(value.to_string())
    } else {
        Err("a slug is lowercase ASCII letters, digits and hyphens, starting with a letter or digit".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_parses() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
