//! `aws-config-lsp dump`: the profiles as the AWS SDK for Rust sees them.

use super::files::{self, FileArgs};
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE_OR_IO};
use aws_config_lsp_core::model::{Model, Sections};
use aws_config_lsp_core::redact::display_value;
use aws_config_lsp_core::Input;
use serde_json::json;
use std::collections::BTreeMap;

#[derive(clap::Args, Debug)]
pub struct DumpArgs {
    #[command(flatten)]
    pub files: FileArgs,
    /// Print secret access keys and session tokens in full (masked by default, like
    /// `aws configure list`: ****************ABCD).
    #[arg(long)]
    pub show_secrets: bool,
}

pub fn run(args: &DumpArgs) -> u8 {
    let files = match files::read(&args.files) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("aws-config-lsp: {message}");
            return EXIT_USAGE_OR_IO;
        }
    };
    // The SDK for Rust reads a file that is not valid UTF-8 as an empty file (it only logs a
    // warning), so that is what we show, and we say it louder than the SDK does.
    let inputs: Vec<Input> = files
        .iter()
        .map(|file| match file.first_invalid_utf8() {
            _ if !file.exists => {
                eprintln!("note: {} does not exist; the AWS SDKs read it as empty", file.path.display());
                Input { kind: file.kind, text: "" }
            }
            Some(at) => {
                eprintln!(
                    "warning: {} is not valid UTF-8 (first invalid byte at {at}): the AWS SDKs ignore the whole file",
                    file.path.display()
                );
                Input { kind: file.kind, text: "" }
            }
            None => Input { kind: file.kind, text: &file.decoded.text },
        })
        .collect();
    let model = Model::build(&inputs);
    if let Some(error) = model.load_error() {
        let file = &files[error.file];
        eprintln!(
            "error parsing {} on line {}:\n  {}",
            file.path.display(),
            error.error.line + 1,
            error.error.kind.sdk_message()
        );
        eprintln!("The AWS SDKs refuse to load these files: no profile from them is used.");
        return EXIT_FINDINGS;
    }
    let maps = |sections: &Sections| -> BTreeMap<String, BTreeMap<String, String>> {
        sections
            .iter()
            .map(|(name, profile)| {
                let properties = profile
                    .to_map()
                    .into_iter()
                    .map(|(k, v)| {
                        let v = if args.show_secrets {
                            v.to_string()
                        } else {
                            display_value(k, v).into_owned()
                        };
                        (k.to_string(), v)
                    })
                    .collect();
                (name.to_string(), properties)
            })
            .collect()
    };
    let output = json!({
        "profiles": maps(&model.profiles.profiles),
        "sso_sessions": maps(&model.profiles.sso_sessions),
    });
    println!(
        "{}",
        serde_json::to_string_pretty(&output).expect("JSON of strings")
    );
    EXIT_OK
}
