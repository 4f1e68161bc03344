//! The command line: argument parsing, reading files, and exit codes.
//!
//! Exit codes: 0 success, 1 the files have a problem (the SDK would refuse them), 2 a usage or
//! I/O problem.

/// `print!` to standard output that survives a reader that went away (`check | head`): the
/// rest of the output is dropped and the command still ends with its own exit code.
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::write_stdout(format_args!($($arg)*)) };
}

/// [`out!`] with a line end, like `println!`.
macro_rules! outln {
    ($($arg:tt)*) => { $crate::cli::write_stdout(format_args!("{}\n", format_args!($($arg)*))) };
}

mod check;
mod doctor;
mod dump;
mod explain;
mod files;
pub(crate) mod host;
mod output;
pub(crate) mod validate;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "aws-config-lsp",
    version,
    about = "Language server and checker for AWS shared config and credentials files"
)]
struct Cli {
    /// With no command, serve LSP over stdio.
    #[command(subcommand)]
    command: Option<Command>,
    /// Accepted and ignored: LSP clients (vscode-languageclient, others) pass it to say the
    /// transport is stdio, the only one there is.
    #[arg(long, global = true, hide = true)]
    stdio: bool,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Speak the Language Server Protocol over stdin/stdout (the default with no command).
    Serve,
    /// Print the profiles and sso-sessions as the AWS SDK for Rust sees them, as JSON.
    ///
    /// With no file named, reads the files the SDKs would read: AWS_CONFIG_FILE and
    /// AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials (a missing file
    /// is empty, as for the SDKs). Exits 1 with the SDK's reason when the SDK would refuse
    /// the files.
    Dump(dump::DumpArgs),
    /// Report the mistakes in the files: human, json or sarif output.
    ///
    /// Exits 0 when no error is found, 1 when any error is, 2 on a usage or I/O problem.
    Check(check::CheckArgs),
    /// Explain a diagnostic code: what it catches, a bad and a good example.
    Explain(explain::ExplainArgs),
    /// Ask AWS STS who a profile is (GetCallerIdentity) and explain the answer.
    ///
    /// Exits 0 when valid, 1 when invalid, 2 when it could not be checked.
    Validate(validate::ValidateArgs),
    /// Walk the whole troubleshooting path of a profile: files, environment, settings,
    /// static findings, the STS answer, and the fix.
    Doctor(doctor::DoctorArgs),
}

/// Writes to standard output. A closed pipe ends the output quietly (no panic, as `print!`
/// has); any other error is said on standard error.
pub(crate) fn write_stdout(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = stdout.write_fmt(args).and_then(|()| stdout.flush()) {
        if error.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("aws-config-lsp: cannot write the output: {error}");
        }
    }
}

/// Exit codes shared by every command.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_USAGE_OR_IO: u8 = 2;

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() {
                EXIT_USAGE_OR_IO
            } else {
                EXIT_OK
            };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    let code = match cli.command {
        None | Some(Command::Serve) => return crate::lsp::serve(),
        Some(Command::Dump(args)) => dump::run(&args),
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Explain(args)) => explain::run(&args),
        Some(Command::Validate(args)) => validate::run(&args),
        Some(Command::Doctor(args)) => doctor::run(&args),
    };
    ExitCode::from(code)
}
