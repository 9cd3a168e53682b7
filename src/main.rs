//! The `dossier` command line: parses arguments and calls the library.

// mimalloc: a build makes and frees millions of small strings and JSON
// values on several threads; glibc's allocator spends a sixth of the time
// there and keeps freed memory in per-thread arenas.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand, ValueEnum};
use dossier::serve::{self, Report};
use dossier::{Diagnostics, Stage};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

const EXAMPLES: &str = "\
Examples:
  dossier new my-dossier          start a dossier from a small working example
  dossier serve my-dossier --open build, serve on http://127.0.0.1:3000/ and reload on save
  dossier check                   validate the dossier in the current folder, write nothing
  dossier check --format json     the same, as JSON for editors and CI
  dossier build -d public         build into public/ instead of book/

Exit status: 0 success, 1 content or config errors, 2 usage errors.";

#[derive(Parser)]
#[command(
    name = "dossier",
    version,
    about = "Build annotated dossiers of source articles as static websites",
    after_help = EXAMPLES
)]
struct Cli {
    /// Print only errors
    #[arg(
        short,
        long,
        global = true,
        conflicts_with = "verbose",
        display_order = 100
    )]
    quiet: bool,
    /// Also print the time of each stage
    #[arg(short, long, global = true, display_order = 101)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Build the dossier at ROOT into DIR
    #[command(
        after_help = "Examples:\n  dossier build\n  dossier build path/to/dossier -d public"
    )]
    Build {
        /// The dossier's root folder (where book.toml is)
        #[arg(default_value = ".")]
        root: PathBuf,
        /// Output directory (default: [build] build-dir, `book`)
        #[arg(short = 'd', long = "dest-dir")]
        dest: Option<PathBuf>,
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
    },
    /// Build, serve on 127.0.0.1, rebuild on change and reload open pages
    #[command(
        after_help = "Watches content/, seeds/, templates/ and book.toml. The site is served from memory; \
the build folder is not touched. A change that does not build keeps the last good site up and shows the errors \
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
    /// Create a small working dossier in DIR (which must be new or empty)
    #[command(after_help = "Examples:\n  dossier new my-dossier && dossier serve my-dossier")]
    New {
        /// The folder to create
        dir: PathBuf,
    },
}

/// Where and how messages go: stderr, coloured only on a terminal without
/// NO_COLOR.
#[derive(Clone, Copy)]
struct Out {
    quiet: bool,
    verbose: bool,
    color: bool,
    tty: bool,
}

impl Out {
    fn info(&self, msg: impl std::fmt::Display) {
        if !self.quiet {
            eprintln!("{msg}");
        }
    }

    fn stages(&self, stages: &[(Stage, Duration)]) {
        self.stages_with_peaks(stages, &[]);
    }

    /// The time of each stage and, where `peaks` has it, the peak memory
    /// when the stage ended (where a build's memory goes).
    fn stages_with_peaks(&self, stages: &[(Stage, Duration)], peaks: &[Option<u64>]) {
        if self.verbose && !stages.is_empty() {
            let mut parts: Vec<String> = stages
                .iter()
                .enumerate()
                .map(|(i, (s, d))| match peaks.get(i).copied().flatten() {
                    Some(mb) => format!("{} {:.1?} (peak {mb} MB)", s.name(), d),
                    None => format!("{} {:.1?}", s.name(), d),
                })
                .collect();
            if let Some(mb) = peak_memory_mb() {
                parts.push(format!("peak memory {mb} MB"));
            }
            eprintln!("  {}", self.dim(&parts.join(" · ")));
        }
    }

    fn dim(&self, s: &str) -> String {
        if self.color {
            format!("\x1b[2m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn green(&self, s: &str) -> String {
        if self.color {
            format!("\x1b[1;32m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    /// The diagnostics, coloured by the library's renderer, then `tail` on
    /// the summary line.
    fn diagnostics(&self, d: &Diagnostics, tail: &str) {
        eprintln!("{}{tail}", d.render(self.color));
    }

    fn error(&self, text: &str) {
        eprintln!("{}", paint(text, self.color));
    }
}

/// Colours rustc-style diagnostics text: `error` red, gutters and arrows
/// blue, the caret red, `hint` cyan.
fn paint(text: &str, color: bool) -> String {
    if !color {
        return text.to_string();
    }
    const RED: &str = "\x1b[1;31m";
    const BLUE: &str = "\x1b[1;34m";
    const CYAN: &str = "\x1b[1;36m";
    const BOLD: &str = "\x1b[1m";
    const RESET: &str = "\x1b[0m";
    let mut out = String::with_capacity(text.len() + 64);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        if let Some(rest) = line.strip_prefix("error:") {
            out.push_str(&format!("{RED}error{RESET}{BOLD}:{rest}{RESET}"));
        } else if let Some(rest) = trimmed.strip_prefix("--> ") {
            out.push_str(&format!("{indent}{BLUE}-->{RESET} {rest}"));
        } else if let Some(rest) = trimmed.strip_prefix("= hint:") {
            out.push_str(&format!("{indent}{BLUE}={RESET} {CYAN}hint{RESET}:{rest}"));
        } else if let Some(bar) = line
            .find('|')
            .filter(|&b| line[..b].chars().all(|c| c.is_ascii_digit() || c == ' '))
        {
            let (gutter, rest) = line.split_at(bar + 1);
            if !rest.trim().is_empty() && rest.trim() == "^" {
                out.push_str(&format!(
                    "{BLUE}{gutter}{RESET}{}",
                    rest.replace('^', &format!("{RED}^{RESET}"))
                ));
            } else {
                out.push_str(&format!("{BLUE}{gutter}{RESET}{rest}"));
            }
        } else if trimmed.ends_with("nothing was written") && trimmed.contains("error") {
            out.push_str(&format!("{RED}{line}{RESET}"));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// A stage progress bar on stderr, only on a terminal.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    last: std::time::Instant,
}

impl Progress {
    fn new(out: &Out, stages: u64) -> Self {
        let bar = (out.tty && !out.quiet).then(|| {
            let bar = indicatif::ProgressBar::new(stages);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} [{pos}/{len}] {msg}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            bar.set_message("loading content");
            bar.enable_steady_tick(Duration::from_millis(80));
            bar
        });
        Progress {
            bar,
            last: std::time::Instant::now(),
        }
    }

    fn stage(&mut self, done: Stage) {
        self.last = std::time::Instant::now();
        if let Some(bar) = &self.bar {
            bar.inc(1);
            bar.set_message(match done {
                Stage::Load => "linking mentions and annotations",
                Stage::Link => "rendering pages",
                Stage::Render => "writing the site",
                Stage::Write => "done",
            });
        }
    }

    fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let tty = std::io::stderr().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let out = Out {
        quiet: cli.quiet,
        verbose: cli.verbose,
        color: tty && !no_color,
        tty,
    };
    match cli.command {
        Command::Build { root, dest } => build(&out, &root, dest.as_deref()),
        Command::Check { root, format } => check(&out, &root, format),
        Command::Serve { root, port, open } => serve_cmd(&out, root, port, open),
        Command::New { dir } => new(&out, &dir),
    }
}

fn build(out: &Out, root: &Path, dest: Option<&Path>) -> ExitCode {
    let mut stages = Vec::new();
    let mut peaks = Vec::new();
    let mut progress = Progress::new(out, 4);
    let result = dossier::build_with(root, dest, &mut |s, d| {
        progress.stage(s);
        stages.push((s, d));
        if out.verbose {
            peaks.push(peak_memory_mb());
        }
    });
    progress.finish();
    match result {
        Ok(summary) => {
            out.info(format!("{} {summary}", out.green("done:")));
            out.stages_with_peaks(&stages, &peaks);
            ExitCode::SUCCESS
        }
        Err(diags) => {
            out.diagnostics(&diags, "; nothing was written");
            ExitCode::from(1)
        }
    }
}

fn check(out: &Out, root: &Path, format: Format) -> ExitCode {
    let mut stages = Vec::new();
    let quiet = Out {
        quiet: true,
        ..*out
    };
    let mut progress = Progress::new(if format == Format::Json { &quiet } else { out }, 3);
    let result = dossier::check_summary(root, &mut |s, d| {
        progress.stage(s);
        stages.push((s, d));
    });
    progress.finish();
    if format == Format::Json {
        let diagnostics: Vec<serde_json::Value> = match &result {
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
        return if result.is_ok() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        };
    }
    match result {
        Ok(summary) => {
            out.info(format!(
                "{} {} pages ({} files) would be written: {} articles, {} actors, {} events, {} annotations, {} mentions in {:.2?}",
                out.green("ok:"),
                summary.pages,
                summary.files,
                summary.articles,
                summary.actors,
                summary.events,
                summary.annotations,
                summary.mentions,
                summary.elapsed
            ));
            out.stages(&stages);
            ExitCode::SUCCESS
        }
        Err(diags) => {
            out.diagnostics(&diags, "");
            ExitCode::from(1)
        }
    }
}

fn serve_cmd(out: &Out, root: PathBuf, port: u16, open: bool) -> ExitCode {
    let opts = serve::Options { root, port, open };
    let mut first = true;
    let result = serve::serve(&opts, &mut |r| match r {
        Report::Built {
            elapsed,
            pages,
            changed,
            stages,
            trigger,
        } => {
            if first {
                out.info(format!(
                    "{} {pages} pages in {elapsed:.1?}",
                    out.green("built")
                ));
            } else {
                let what = match trigger {
                    [one] => one.display().to_string(),
                    many => format!("{} files", many.len()),
                };
                out.info(format!(
                    "{} in {elapsed:.1?} after a change to {what}: {changed} output file{} changed",
                    out.green("rebuilt"),
                    if changed == 1 { "" } else { "s" }
                ));
            }
            out.stages(stages);
            first = false;
        }
        Report::Failed {
            diagnostics,
            kept_previous,
        } => {
            out.diagnostics(diagnostics, "");
            if kept_previous {
                eprintln!(
                    "still serving the last good build; the errors are shown over the page too"
                );
            } else {
                eprintln!("serving an error page until the dossier builds");
            }
            first = false;
        }
        Report::Listening { url } => {
            out.info(format!(
                "serving at {url} (watching content, seeds, templates and book.toml; Ctrl-C to stop)"
            ));
        }
        Report::Note(note) => out.info(note),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            out.error(&e.to_string());
            ExitCode::from(1)
        }
    }
}

fn new(out: &Out, dir: &Path) -> ExitCode {
    match dossier::scaffold::scaffold(dir) {
        Ok(files) => {
            out.info(format!(
                "{} a dossier in {} ({} files). Next:\n  dossier serve {}",
                out.green("created"),
                dir.display(),
                files.len(),
                shell_word(dir)
            ));
            ExitCode::SUCCESS
        }
        Err(d) => {
            out.diagnostics(&Diagnostics::from(d), "");
            ExitCode::from(1)
        }
    }
}

/// `dir` as one shell word, quoted when it needs to be.
fn shell_word(dir: &Path) -> String {
    let s = dir.display().to_string();
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
    {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// The process's peak resident memory so far, where the system tells it
/// (Linux: `VmHWM` in /proc/self/status).
fn peak_memory_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paint_is_plain_without_colour_and_marks_parts_with() {
        let text = "error: bad\n --> a.md:2:1\n  |\n2 | x\n  | ^\n  = hint: fix it\n1 error found; nothing was written";
        assert_eq!(paint(text, false), text);
        let c = paint(text, true);
        assert!(c.contains("\x1b[1;31merror\x1b[0m"));
        assert!(c.contains("\x1b[1;36mhint\x1b[0m"));
        let stripped: String = {
            let mut s = String::new();
            let mut in_esc = false;
            for ch in c.chars() {
                match (in_esc, ch) {
                    (false, '\x1b') => in_esc = true,
                    (true, 'm') => in_esc = false,
                    (true, _) => {}
                    (false, ch) => s.push(ch),
                }
            }
            s
        };
        assert_eq!(stripped, text);
    }

    #[test]
    fn cli_parses() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
