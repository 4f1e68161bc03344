//! `aws-config-lsp dump`: the profiles as the AWS SDK for Rust sees them (`--view sdk`), or as
//! the AWS CLI and boto3 see them (`--view cli`, botocore's reading).

use super::files::{self, FileArgs};
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE_OR_IO};
use aws_config_lsp_core::model::{Model, Sections};
use aws_config_lsp_core::redact::display_value;
use aws_config_lsp_core::views::botocore::{
    CliInput, CliKeys, CliSection, CliValue, CliView, InvalidUtf8,
};
use aws_config_lsp_core::Input;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Which reader's view to print.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// The AWS SDKs (the SDK for Rust, which follows the SDKs' shared specification).
    #[default]
    Sdk,
    /// The AWS CLI and boto3 (botocore 1.44 on Python's configparser).
    Cli,
    /// The AWS SDK for JavaScript v3 and the AWS CDK (@smithy/shared-ini-file-loader 4.7).
    Js,
}

#[derive(clap::Args, Debug)]
pub struct DumpArgs {
    #[command(flatten)]
    pub files: FileArgs,
    /// Print secret access keys and session tokens in full (masked by default, like
    /// `aws configure list`: ****************ABCD).
    #[arg(long)]
    pub show_secrets: bool,
    /// Whose reading to print: `sdk` (the AWS SDKs for Rust and Java), `cli` (the AWS CLI and
    /// boto3) or `js` (the AWS SDK for JavaScript and the AWS CDK).
    #[arg(long, value_enum, default_value_t = View::Sdk)]
    pub view: View,
}

pub fn run(args: &DumpArgs) -> u8 {
    let files = match files::read(&args.files) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("aws-config-lsp: {message}");
            return EXIT_USAGE_OR_IO;
        }
    };
    match args.view {
        View::Cli => return cli_view(&files, args.show_secrets),
        View::Js => return js_view(&files, args.show_secrets),
        View::Sdk => {}
    }
    // The SDK for Rust reads a file that is not valid UTF-8 as an empty file (it only logs a
    // warning), so that is what we show, and we say it louder than the SDK does.
    let inputs: Vec<Input> = files
        .iter()
        .map(|file| match file.first_invalid_utf8() {
            _ if !file.exists => {
                eprintln!("note: {} does not exist; the AWS SDKs read it as empty", file.path.display());
                Input::new(file.kind, "")
            }
            Some(at) => {
                eprintln!(
                    "warning: {} is not valid UTF-8 (first invalid byte at {at}): the AWS SDKs ignore the whole file",
                    file.path.display()
                );
                Input::new(file.kind, "")
            }
            None => Input::new(file.kind, &file.decoded.text),
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
                    .map(|(k, v)| (k.to_string(), shown(k, v, args.show_secrets)))
                    .collect();
                (name.to_string(), properties)
            })
            .collect()
    };
    let output = json!({
        "profiles": maps(&model.profiles.profiles),
        "sso_sessions": maps(&model.profiles.sso_sessions),
        "services": maps(&model.profiles.services),
    });
    outln!(
        "{}",
        serde_json::to_string_pretty(&output).expect("JSON of strings")
    );
    EXIT_OK
}

/// `dump --view cli`: what botocore's `Session.full_config` holds (profiles, sso-sessions,
/// services), or botocore's error (exit 1): its class, the file and the line, on standard
/// error, and as `{"error": …}` on standard output.
fn cli_view(files: &[super::files::SourceFile], show_secrets: bool) -> u8 {
    // botocore skips a file that does not exist.
    let inputs: Vec<CliInput> = files
        .iter()
        .map(|file| CliInput {
            kind: file.kind,
            text: if file.exists { &file.decoded.text } else { "" },
            invalid_utf8: InvalidUtf8::of(&file.decoded),
        })
        .collect();
    let view = CliView::build(&inputs);
    if let Some((index, error)) = &view.error {
        let file = &files[*index];
        let line = error.lines.first().map(|l| l + 1);
        // A byte that cannot be decoded has no line in Python's error; say where it is.
        let shown_line = line.or_else(|| {
            let text = &file.decoded.text;
            Some(
                text[..error.span.start.min(text.len())]
                    .matches(['\n', '\r'])
                    .count()
                    + 1,
            )
            .filter(|_| error.class == "UnicodeDecodeError")
        });
        let position = match shown_line {
            Some(line) => format!(" on line {line}"),
            None => String::new(),
        };
        eprintln!(
            "error parsing {}{position}:\n  botocore.exceptions.ConfigParseError: Unable to parse config file: {}\n  caused by {}: {}",
            file.path.display(),
            file.path.display(),
            error.class,
            error.detail,
        );
        eprintln!("The AWS CLI and boto3 refuse to run with these files.");
        let output = json!({
            "error": {
                "class": error.class,
                "file": file.kind.as_str(),
                "line": line,
                "lines": error.lines.iter().map(|l| l + 1).collect::<Vec<_>>(),
            }
        });
        outln!(
            "{}",
            serde_json::to_string_pretty(&output).expect("JSON of strings")
        );
        return EXIT_FINDINGS;
    }
    let maps = |sections: &BTreeMap<String, CliSection>| -> Value {
        let mut out = serde_json::Map::new();
        for (name, section) in sections {
            let mut properties = BTreeMap::new();
            for (key, value, _) in &section.values {
                let shown = |k: &str, v: &str| shown(k, v, show_secrets);
                let value = match value {
                    CliValue::Text(text) => Value::String(shown(key, text)),
                    CliValue::Nested(pairs) => Value::Object(
                        pairs
                            .iter()
                            .map(|(k, v)| (k.clone(), Value::String(shown(k, v))))
                            .collect(),
                    ),
                };
                properties.insert(key.clone(), value);
            }
            out.insert(name.clone(), json!(properties));
        }
        Value::Object(out)
    };
    let texts: Vec<&str> = inputs.iter().map(|i| i.text).collect();
    let merged = view.profiles(&texts);
    // Where the static keys of each profile come from, as botocore's providers read them.
    let mut keys = serde_json::Map::new();
    for name in merged.profiles.keys() {
        let shown = |k: &str, v: &str| shown(k, v, show_secrets);
        let entry = match view.static_keys(&texts, name) {
            None => continue,
            Some(CliKeys::Partial { file }) => json!({
                "file": files[file].kind.as_str(),
                "error": "PartialCredentialsError",
            }),
            Some(CliKeys::Found {
                file,
                access_key_id,
                secret_access_key,
                token,
            }) => json!({
                "file": files[file].kind.as_str(),
                "aws_access_key_id": shown("aws_access_key_id", &access_key_id),
                "aws_secret_access_key": shown("aws_secret_access_key", &secret_access_key),
                "token": token.map(|(value, key)| json!({"key": key, "value": shown(key, &value)})),
            }),
        };
        keys.insert(name.clone(), entry);
    }
    let output = json!({
        "profiles": maps(&merged.profiles),
        "sso_sessions": maps(&merged.sso_sessions),
        "services": maps(&merged.services),
        "static_keys": keys,
    });
    outln!(
        "{}",
        serde_json::to_string_pretty(&output).expect("JSON of strings")
    );
    EXIT_OK
}

/// `dump --view js`: what the AWS SDK for JavaScript v3 reads: the profiles of both files
/// merged, the sso-sessions and services sections of the config file. It never refuses a file
/// (a file it cannot read is empty for it); a block of `key = value` lines shows as
/// `block.key` keys, as it stores them.
fn js_view(files: &[super::files::SourceFile], show_secrets: bool) -> u8 {
    use aws_config_lsp_core::views::js::{profiles, JsFile};
    // Node.js decodes a bad byte as U+FFFD, as the text here already shows it.
    let read: Vec<(JsFile, &str)> = files
        .iter()
        .map(|file| {
            let text: &str = if file.exists { &file.decoded.text } else { "" };
            (JsFile::read(file.kind, text), text)
        })
        .collect();
    let pairs: Vec<(&JsFile, &str)> = read.iter().map(|(file, text)| (file, *text)).collect();
    let seen = profiles(&pairs);
    let maps = |sections: &BTreeMap<String, BTreeMap<String, String>>| -> Value {
        let mut out = serde_json::Map::new();
        for (name, values) in sections {
            let values: serde_json::Map<String, Value> = values
                .iter()
                .map(|(k, v)| {
                    let shown = shown(k, v, show_secrets);
                    (k.clone(), Value::String(shown))
                })
                .collect();
            out.insert(name.clone(), Value::Object(values));
        }
        Value::Object(out)
    };
    let output = json!({
        "profiles": maps(&seen.profiles),
        "sso_sessions": maps(&seen.sso_sessions),
        "services": maps(&seen.services),
    });
    outln!(
        "{}",
        serde_json::to_string_pretty(&output).expect("JSON of strings")
    );
    EXIT_OK
}

/// A value as `dump` prints it: secrets masked ([`display_value`]) unless `--show-secrets`.
fn shown(key: &str, value: &str, show_secrets: bool) -> String {
    if show_secrets {
        value.to_string()
    } else {
        display_value(key, value).into_owned()
    }
}
