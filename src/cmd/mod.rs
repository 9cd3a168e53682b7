//! One module per subcommand. Each `run` takes the parsed arguments and the
//! terminal, does the work through the library, prints, and gives the exit
//! status: 0 success, 1 content or config errors (2, usage errors, is
//! clap's).

pub(crate) mod add;
pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod new;
#[cfg(feature = "serve")]
pub(crate) mod serve;

use std::process::ExitCode;

/// The exit status of a run that reported errors.
fn failure() -> ExitCode {
    ExitCode::from(1)
}
