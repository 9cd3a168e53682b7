//! What the command line prints, and how: every message goes to stderr
//! (stdout carries only `check --format json`), styled with `anstyle` and
//! written through `anstream`, which drops the styles on a pipe or file and
//! when NO_COLOR, CLICOLOR=0 or TERM=dumb asks it to (CLICOLOR_FORCE keeps
//! them). The stage progress bar shows only on a terminal.

use anstyle::{AnsiColor, Style};
use dossier::{Diagnostics, Stage};
use std::fmt::{self, Display};
use std::io::IsTerminal;
use std::time::Duration;

/// The word that opens a success line (`done:`, `ok:`, `rebuilt`).
const GOOD: Style = AnsiColor::Green.on_default().bold();
/// Stage times, under the success line.
const QUIET: Style = Style::new().dimmed();
const ERROR: Style = AnsiColor::Red.on_default().bold();
const BOLD: Style = Style::new().bold();
/// Gutters and arrows of a diagnostic.
const GUTTER: Style = AnsiColor::Blue.on_default().bold();
const HINT: Style = AnsiColor::Cyan.on_default().bold();

/// Where and how messages go: `quiet` keeps only errors, `verbose` adds the
/// time of each stage.
#[derive(Clone, Copy)]
pub(crate) struct Out {
    pub quiet: bool,
    pub verbose: bool,
}

impl Out {
    /// A line of information (left out when quiet).
    pub(crate) fn info(&self, msg: impl Display) {
        if !self.quiet {
            anstream::eprintln!("{msg}");
        }
    }

    /// A line of information that opens with `word` in green.
    pub(crate) fn success(&self, word: &str, rest: impl Display) {
        self.info(format_args!("{GOOD}{word}{GOOD:#} {rest}"));
    }

    /// When verbose: the time of each stage and, where `peaks` has it, the
    /// peak memory when the stage ended (where a build's memory goes), then
    /// the peak memory of the whole run.
    pub(crate) fn stages(&self, stages: &[(Stage, Duration)], peaks: &[Option<u64>]) {
        if !self.verbose || stages.is_empty() {
            return;
        }
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
        anstream::eprintln!("  {QUIET}{}{QUIET:#}", parts.join(" · "));
    }
}

/// Prints the diagnostics of a run, then `tail` on their summary line
/// (`"; nothing was written"` after a failed build).
///
/// The one place the binary prints [`Diagnostics`]: the library renders
/// them styled, and `anstream` drops the styles where colour is off.
pub(crate) fn print_diagnostics(diagnostics: &Diagnostics, tail: &str) {
    anstream::eprintln!("{}{tail}", diagnostics.render(true));
}

/// Prints the diagnostics of a run that failed, then `tail`: when quiet,
/// only its errors, if it has any (warnings then are not what failed it).
pub(crate) fn print_failure(out: &Out, diagnostics: &Diagnostics, tail: &str) {
    if out.quiet && diagnostics.has_errors() {
        let mut errors = Diagnostics::new();
        for d in diagnostics.iter().filter(|d| d.is_error()) {
            errors.push(d.clone());
        }
        print_diagnostics(&errors, tail);
    } else {
        print_diagnostics(diagnostics, tail);
    }
}

/// Prints the warnings of a run that succeeded (none when quiet, which
/// prints only errors), before its success line.
pub(crate) fn print_warnings(out: &Out, warnings: &Diagnostics) {
    if !out.quiet && !warnings.is_empty() {
        print_diagnostics(warnings, "");
    }
}

/// Prints an error that is not about the dossier's content (a port in use),
/// in the same shape as a diagnostic: `error: …` and `= hint: …`.
#[cfg_attr(not(feature = "serve"), allow(dead_code))]
pub(crate) fn print_error(message: &str, hint: Option<&str>) {
    anstream::eprintln!("{ERROR}error{ERROR:#}{BOLD}: {message}{BOLD:#}");
    if let Some(hint) = hint {
        anstream::eprintln!("  {GUTTER}={GUTTER:#} {HINT}hint{HINT:#}: {hint}");
    }
}

/// A number of things, the noun in the plural unless there is one:
/// `Count(3, "page")` shows as `3 pages`.
pub(crate) struct Count(pub usize, pub &'static str);

impl Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Count(n, noun) = *self;
        write!(f, "{n} {noun}{}", if n == 1 { "" } else { "s" })
    }
}

/// A stage progress bar on stderr, only on a terminal and when not quiet.
pub(crate) struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    pub(crate) fn new(out: &Out, stages: u64) -> Self {
        let shown = !out.quiet && std::io::stderr().is_terminal();
        let bar = shown.then(|| {
            let bar = indicatif::ProgressBar::new(stages);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} [{pos}/{len}] {msg}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            bar.set_message("loading content");
            bar.enable_steady_tick(Duration::from_millis(80));
            bar
        });
        Progress { bar }
    }

    /// Moves on past the stage `done`.
    pub(crate) fn stage(&mut self, done: Stage) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            bar.set_message(match done {
                Stage::Load => "linking mentions and annotations",
                Stage::Link => "looking for warnings",
                Stage::Lint => "rendering pages",
                Stage::Render => "writing the site",
                Stage::Write => "done",
            });
        }
    }

    pub(crate) fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The process's peak resident memory so far, where the system tells it
/// (Linux: `VmHWM` in /proc/self/status).
pub(crate) fn peak_memory_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_singular_only_for_one() {
        assert_eq!(Count(0, "page").to_string(), "0 pages");
        assert_eq!(Count(1, "page").to_string(), "1 page");
        assert_eq!(Count(12, "file").to_string(), "12 files");
    }
}
