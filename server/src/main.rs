//! `aws-config-lsp`: one binary for the language server and the command line.

mod cli;
mod lsp;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
