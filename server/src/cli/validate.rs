//! `aws-config-lsp validate`: ask AWS STS who a profile is, and explain the answer.
//!
//! Exit codes: 0 valid, 1 invalid (AWS or the files say no), 2 could not check (network,
//! timeout, usage or I/O).

use super::files::{self, FileArgs, SourceFile};
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE_OR_IO};
use aws_config_lsp_core::FileKind;
use aws_config_lsp_sts::{describe_offset, Outcome, Request, Timeouts};
use clap::{Args, ValueEnum};
use serde_json::{json, Value};
use std::time::Duration;

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// The profile to validate (default: AWS_PROFILE, else `default`).
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    #[command(flatten)]
    pub files: FileArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[command(flatten)]
    pub timeouts: TimeoutArgs,
}

#[derive(Args, Debug, Clone)]
pub struct TimeoutArgs {
    /// Seconds for the whole check, role chains included.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub timeout: f64,
    /// Seconds to open the connection to STS.
    #[arg(long, value_name = "SECONDS", default_value_t = 3.0)]
    pub connect_timeout: f64,
}

impl TimeoutArgs {
    pub fn timeouts(&self) -> Result<Timeouts, String> {
        let seconds = |value: f64, name: &str| {
            if value.is_finite() && value > 0.0 && value <= 3600.0 {
                Ok(Duration::from_secs_f64(value))
            } else {
                Err(format!(
                    "--{name} must be a number of seconds between 0 and 3600"
                ))
            }
        };
        Ok(Timeouts {
            connect: seconds(self.connect_timeout, "connect-timeout")?,
            total: seconds(self.timeout, "timeout")?,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// The profile the SDKs select: `AWS_PROFILE`, else `default`.
pub fn selected_profile(flag: Option<&str>) -> String {
    flag.map(str::to_string)
        .or_else(|| {
            std::env::var("AWS_PROFILE")
                .ok()
                .filter(|p| !p.trim().is_empty())
        })
        .unwrap_or_else(|| "default".to_string())
}

/// The texts of the config and credentials files ("" for a file not read).
pub fn texts(files: &[SourceFile]) -> (String, String) {
    let text = |kind| {
        files
            .iter()
            .find(|f| f.kind == kind && f.exists && f.decoded.invalid_utf8.is_empty())
            .map(|f| f.decoded.text.clone())
            .unwrap_or_default()
    };
    (text(FileKind::Config), text(FileKind::Credentials))
}

/// Runs a validation to the end on a small runtime of its own.
pub fn run_blocking(request: &Request) -> Result<Outcome, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    Ok(runtime.block_on(aws_config_lsp_sts::validate(request)))
}

/// The exit code of an outcome.
pub fn exit_code(outcome: &Outcome) -> u8 {
    match &outcome.result {
        Ok(_) => EXIT_OK,
        Err(failure) if failure.code.is_inconclusive() => EXIT_USAGE_OR_IO,
        Err(_) => EXIT_FINDINGS,
    }
}

pub fn run(args: &ValidateArgs) -> u8 {
    let timeouts = match args.timeouts.timeouts() {
        Ok(t) => t,
        Err(message) => {
            eprintln!("aws-config-lsp: {message}");
            return EXIT_USAGE_OR_IO;
        }
    };
    let files = match files::read(&args.files) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("aws-config-lsp: {message}");
            return EXIT_USAGE_OR_IO;
        }
    };
    let (config, credentials) = texts(&files);
    let request = Request {
        profile: selected_profile(args.profile.as_deref()),
        config,
        credentials,
        timeouts,
    };
    let outcome = match run_blocking(&request) {
        Ok(outcome) => outcome,
        Err(message) => {
            eprintln!("aws-config-lsp: {message}");
            return EXIT_USAGE_OR_IO;
        }
    };
    match args.format {
        // STS's messages and the profile's name are quoted: nothing in them drives the terminal.
        Format::Human => out!("{}", super::output::terminal_lines(&human(&outcome))),
        Format::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&to_json(&outcome)).expect("JSON")
        ),
    }
    exit_code(&outcome)
}

/// The outcome for a terminal.
pub fn human(outcome: &Outcome) -> String {
    let mut out = format!("Profile '{}': {}\n", outcome.profile, outcome.message());
    let mut facts = Vec::new();
    if let Some(region) = &outcome.region {
        facts.push(format!("region {region}"));
    }
    if let Some(endpoint) = &outcome.endpoint {
        facts.push(format!("endpoint {endpoint}"));
    }
    if let Some(c) = &outcome.credentials {
        facts.push(format!(
            "credentials {} ({}{}) from {}",
            c.access_key_id,
            c.key_kind.as_str(),
            if c.has_session_token {
                ", with a session token"
            } else {
                ""
            },
            c.provider
        ));
    }
    if let Some(offset) = outcome.clock_offset_secs {
        facts.push(format!("clock {} the server", describe_offset(offset)));
    }
    if !facts.is_empty() {
        out.push_str(&format!("  ({})\n", facts.join("; ")));
    }
    out
}

/// The outcome as JSON (no secret: the key id is masked).
pub fn to_json(outcome: &Outcome) -> Value {
    let (identity, error) = match &outcome.result {
        Ok(identity) => (
            json!({"arn": identity.arn, "account": identity.account, "user_id": identity.user_id}),
            Value::Null,
        ),
        Err(f) => (
            Value::Null,
            json!({
                "code": f.code.as_str(),
                "summary": f.summary,
                "step": f.step,
                "service_code": f.service_code,
                "service_message": f.service_message,
                "causes": f.causes,
                "fix": f.fix,
                "at": f.at.as_ref().map(|(profile, key)| json!({"profile": profile, "key": key})),
            }),
        ),
    };
    json!({
        "profile": outcome.profile,
        "valid": outcome.result.is_ok(),
        "message": outcome.message(),
        "identity": identity,
        "error": error,
        "region": outcome.region,
        "endpoint": outcome.endpoint,
        "credentials": outcome.credentials.as_ref().map(|c| json!({
            "access_key_id": c.access_key_id,
            "kind": match c.key_kind {
                aws_config_lsp_sts::KeyKind::LongTerm => "long-term",
                aws_config_lsp_sts::KeyKind::Temporary => "temporary",
                aws_config_lsp_sts::KeyKind::Other => "other",
            },
            "session_token": c.has_session_token,
            "provider": c.provider,
            "expires_at": c.expires_at,
        })),
        "clock_offset_seconds": outcome.clock_offset_secs,
        "clock_skewed": outcome.clock_skewed(),
        "checked_at": outcome.checked_at,
    })
}
