//! `aws-config-lsp`: one binary for the language server and the command line.

use std::process::ExitCode;

fn main() -> ExitCode {
    aws_config_lsp::cli::run()
}
