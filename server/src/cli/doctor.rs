//! `aws-config-lsp doctor`: the whole troubleshooting path of a profile in one run, each step
//! with its verdict: files, environment, profile selection, effective settings, static
//! findings, the STS answer, then the fix for whatever failed.
//!
//! Exit codes: 0 nothing wrong, 1 a problem found, 2 could not check (network, usage, I/O).

use super::check::Group;
use super::files::{self, FileArgs, SourceFile};
use super::host::RealHost;
use super::validate::{self, TimeoutArgs};
use super::{output, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE_OR_IO};
use aws_config_lsp_core::chain::{resolve_chain, BaseProvider};
use aws_config_lsp_core::lint::{self, Environment, LintContext, LintOptions, Severity};
use aws_config_lsp_core::redact::display_value;
use aws_config_lsp_core::text::{escape_controls, redact_secrets, ColumnEncoding, LineIndex};
use aws_config_lsp_core::{FileKind, Input, Model};
use aws_config_lsp_sts::{describe_offset, mask_key_id, Request};
use clap::Args;

#[derive(Args, Debug)]
pub struct DoctorArgs {
    /// The profile to examine (default: AWS_PROFILE, else `default`).
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    #[command(flatten)]
    pub files: FileArgs,
    /// Skip the STS call (no network).
    #[arg(long)]
    pub offline: bool,
    #[command(flatten)]
    pub timeouts: TimeoutArgs,
}

const OK: &str = "ok  ";
const WARN: &str = "warn";
const FAIL: &str = "FAIL";
const INFO: &str = "    ";

/// Environment variables that change what the tools do, and how to show their value.
const VARIABLES: &[(&str, Shown)] = &[
    ("AWS_PROFILE", Shown::Plain),
    ("AWS_DEFAULT_PROFILE", Shown::Plain),
    ("AWS_ACCESS_KEY_ID", Shown::KeyId),
    ("AWS_SECRET_ACCESS_KEY", Shown::Secret),
    ("AWS_SESSION_TOKEN", Shown::Secret),
    ("AWS_SECURITY_TOKEN", Shown::Secret),
    ("AWS_REGION", Shown::Plain),
    ("AWS_DEFAULT_REGION", Shown::Plain),
    ("AWS_ENDPOINT_URL", Shown::Plain),
    ("AWS_ENDPOINT_URL_STS", Shown::Plain),
    ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", Shown::Plain),
    ("AWS_CONFIG_FILE", Shown::Plain),
    ("AWS_SHARED_CREDENTIALS_FILE", Shown::Plain),
    ("AWS_ROLE_ARN", Shown::Plain),
    ("AWS_WEB_IDENTITY_TOKEN_FILE", Shown::Plain),
    ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", Shown::Plain),
    ("AWS_CONTAINER_CREDENTIALS_FULL_URI", Shown::Plain),
    ("AWS_CA_BUNDLE", Shown::Plain),
    ("AWS_USE_FIPS_ENDPOINT", Shown::Plain),
    ("AWS_STS_REGIONAL_ENDPOINTS", Shown::Plain),
    ("HTTPS_PROXY", Shown::Url),
    ("https_proxy", Shown::Url),
    ("NO_PROXY", Shown::Plain),
];

#[derive(Clone, Copy)]
enum Shown {
    Plain,
    KeyId,
    Secret,
    /// A URL may carry a password: show it without the user info.
    Url,
}

fn show(value: &str, shown: Shown) -> String {
    match shown {
        Shown::Plain => value.to_string(),
        Shown::KeyId => mask_key_id(value.trim()),
        Shown::Secret => format!("set ({} characters, not shown)", value.len()),
        Shown::Url => match (value.find("://"), value.rfind('@')) {
            (Some(scheme), Some(at)) if at > scheme => {
                format!("{}****{}", &value[..scheme + 3], &value[at..])
            }
            _ => value.to_string(),
        },
    }
}

struct Report {
    out: String,
    problems: Vec<String>,
    inconclusive: bool,
}

impl Report {
    fn step(&mut self, title: &str) {
        self.out.push_str(&format!(
            "\n== {}\n",
            escape_controls(&redact_secrets(title))
        ));
    }
    /// A line of the report, and its continuation lines. What the files and the environment
    /// hold is quoted here: secret-shaped text is masked and control characters escaped.
    fn line(&mut self, verdict: &str, text: impl AsRef<str>) {
        let text = redact_secrets(text.as_ref());
        let mut lines = text.lines().map(escape_controls);
        if let Some(first) = lines.next() {
            self.out.push_str(&format!("[{verdict}] {first}\n"));
        }
        for rest in lines {
            self.out.push_str(&format!("       {rest}\n"));
        }
    }
    fn problem(&mut self, fix: impl Into<String>) {
        let fix = fix.into();
        if !self.problems.contains(&fix) {
            self.problems.push(fix);
        }
    }
}

pub fn run(args: &DoctorArgs) -> u8 {
    let timeouts = match args.timeouts.timeouts() {
        Ok(t) => t,
        Err(message) => {
            eprintln!("aws-config-lsp: {message}");
            return EXIT_USAGE_OR_IO;
        }
    };
    let mut r = Report {
        out: String::new(),
        problems: Vec::new(),
        inconclusive: false,
    };
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let profile = validate::selected_profile(args.profile.as_deref());

    // 1. Files.
    r.step("Files the SDKs read");
    let files = match files::read(&args.files) {
        Ok(files) => files,
        Err(message) => {
            r.line(FAIL, &message);
            out!("{}", r.out);
            return EXIT_USAGE_OR_IO;
        }
    };
    for kind in [FileKind::Config, FileKind::Credentials] {
        let (var, flag) = match kind {
            FileKind::Config => ("AWS_CONFIG_FILE", args.files.config.is_some()),
            FileKind::Credentials => (
                "AWS_SHARED_CREDENTIALS_FILE",
                args.files.credentials.is_some(),
            ),
        };
        let Some(file) = files.iter().find(|f| f.kind == kind) else {
            r.line(
                INFO,
                format!("{kind} file: not read (another file was named)"),
            );
            continue;
        };
        let from = if flag {
            "named on the command line".to_string()
        } else if env(var).is_some() {
            format!("from {var}")
        } else {
            "the default location".to_string()
        };
        let path = file.path.display();
        if !file.exists {
            r.line(
                INFO,
                format!("{kind} file {path} ({from}): does not exist; the SDKs read it as empty"),
            );
        } else if let Some(at) = file.first_invalid_utf8() {
            r.line(FAIL, format!("{kind} file {path} ({from}): not valid UTF-8 (first invalid byte at {at}); the AWS SDK for Rust ignores the whole file"));
            r.problem(format!("save {path} as UTF-8"));
        } else {
            r.line(
                OK,
                format!(
                    "{kind} file {path} ({from}): {} bytes, {} lines",
                    file.decoded.text.len(),
                    file.decoded.text.lines().count()
                ),
            );
        }
    }
    let (config, credentials) = validate::texts(&files);
    let inputs = [Input::config(&config), Input::credentials(&credentials)];
    let model = Model::build(&inputs);
    if let Some(error) = model.load_error() {
        let kind = inputs[error.file].kind;
        r.line(
            FAIL,
            format!(
                "the SDKs refuse the {kind} file: line {}: {}",
                error.error.line + 1,
                error.error.kind.sdk_message()
            ),
        );
        r.problem(format!(
            "fix line {} of the {kind} file (see `aws-config-lsp check`)",
            error.error.line + 1
        ));
    }

    // 2. Environment and profile selection.
    r.step("Environment");
    let mut any = false;
    for (name, shown) in VARIABLES {
        if let Some(value) = env(name) {
            any = true;
            r.line(INFO, format!("{name} = {}", show(&value, *shown)));
        }
    }
    if !any {
        r.line(OK, "no AWS variable is set: the files decide");
    }
    if env("AWS_ACCESS_KEY_ID").is_some() || env("AWS_SECRET_ACCESS_KEY").is_some() {
        r.line(WARN, "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are set: the SDKs and the AWS CLI use them before any profile (the CLI's --profile option is the only way past them); what this report validates is the profile, not these keys");
        r.problem("unset AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN if the profile is meant to be used");
    }
    let aws_profile = env("AWS_PROFILE");
    let default_profile = env("AWS_DEFAULT_PROFILE");
    let sdk = aws_profile.clone().unwrap_or_else(|| "default".to_string());
    let cli = default_profile
        .clone()
        .or_else(|| aws_profile.clone())
        .unwrap_or_else(|| "default".to_string());
    r.line(INFO, format!("profile selected by the AWS SDKs (Rust, Java, Go, JavaScript, ...): '{sdk}' (AWS_PROFILE, else default)"));
    r.line(INFO, format!("profile selected by the AWS CLI v1 and v2 and boto3 (botocore): '{cli}' (AWS_DEFAULT_PROFILE, then AWS_PROFILE, else default; v2 documents only AWS_PROFILE)"));
    if sdk != cli {
        r.line(
            WARN,
            format!("the SDKs and the AWS CLI select different profiles ('{sdk}' and '{cli}')"),
        );
        r.problem("set only AWS_PROFILE (unset AWS_DEFAULT_PROFILE) so that every tool selects the same profile");
    }
    r.line(INFO, format!("examined here: '{profile}'"));

    // 3. Effective settings.
    r.step(&format!("Profile '{profile}' as the SDKs see it"));
    let chain_profiles: Vec<String> = match model.profiles.profile(&profile) {
        None => {
            let known: Vec<&str> = model.profiles.profiles.keys().map(|k| &**k).collect();
            r.line(
                FAIL,
                format!(
                    "no profile '{profile}' in the files (profiles: {})",
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                ),
            );
            r.problem(format!(
                "add a [profile {profile}] section (or [{profile}] in the credentials file), or select an existing profile"
            ));
            vec![profile.clone()]
        }
        Some(p) => {
            for (key, value) in p.properties.iter() {
                let shown = display_value(key, &value.value).into_owned();
                let shown = if *key == "aws_access_key_id" {
                    mask_key_id(value.value.trim())
                } else {
                    shown
                };
                let from = value
                    .origin
                    .and_then(|o| model.entry(o))
                    .map(|(file, _, entry)| {
                        let path = files
                            .iter()
                            .find(|f| f.kind == file.kind)
                            .map(|f| f.path.display().to_string())
                            .unwrap_or_else(|| file.kind.to_string());
                        format!("{path}:{}", entry.line + 1)
                    })
                    .unwrap_or_default();
                let overridden = match &**key {
                    "region" => {
                        env("AWS_REGION").map(|v| format!(" (overridden by AWS_REGION={v})"))
                    }
                    "endpoint_url" => env("AWS_ENDPOINT_URL_STS")
                        .map(|v| format!(" (overridden for STS by AWS_ENDPOINT_URL_STS={v})")),
                    _ => None,
                }
                .unwrap_or_default();
                r.line(INFO, format!("{key} = {shown}   [{from}]{overridden}"));
            }
            if p.get("region").is_none() {
                match env("AWS_REGION").or_else(|| env("AWS_DEFAULT_REGION")) {
                    Some(region) => r.line(INFO, format!("region = {region}   [environment]")),
                    None => r.line(INFO, "region: none set; STS is called in us-east-1"),
                }
            }
            match resolve_chain(&model.profiles, &profile) {
                Ok(chain) => {
                    let mut text = format!("credentials: {}", describe_base(&chain.base));
                    for role in &chain.roles {
                        text.push_str(&format!(
                            "\n  then AssumeRole {} (profile '{}')",
                            role.role_arn, role.profile
                        ));
                    }
                    r.line(OK, text);
                    chain.profiles.iter().map(|p| p.to_string()).collect()
                }
                Err(error) => {
                    r.line(FAIL, format!("credentials: the SDK fails: {error}"));
                    r.problem(format!("{error}"));
                    vec![profile.clone()]
                }
            }
        }
    };

    // 4. Static findings for the profile and its chain.
    r.step("Static findings for the profile and its chain");
    let host = RealHost::from_env();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let diagnostics = {
        let mut cx = LintContext::new(&model, inputs.iter().map(|i| i.text).collect());
        cx.now = Some(now);
        cx.env = Environment::from_pairs(std::env::vars());
        cx.host = &host;
        lint::check(&cx, &LintOptions::default())
    };
    let relevant: Vec<_> = diagnostics
        .into_iter()
        .filter(|d| match section_of(&model, d.file, d.span.start) {
            Some(name) => chain_profiles.contains(&name),
            None => true,
        })
        .collect();
    let errors: Vec<String> = relevant
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let text = inputs[d.file].text;
            let line = LineIndex::new(text)
                .position(text, d.span.start, ColumnEncoding::Utf8)
                .line
                + 1;
            let what = match d.fixes.first() {
                Some(fix) => fix.title.clone(),
                None => d.message.clone(),
            };
            format!(
                "{} line {line}: {what} [{}]",
                inputs[d.file].kind,
                d.code.as_str()
            )
        })
        .collect();
    if relevant.is_empty() {
        r.line(OK, "nothing found");
    } else {
        // Rendered against the files as read (same texts, same indexes).
        let group = Group {
            files: both_files(files),
            model,
            diagnostics: relevant,
            context: Vec::new(),
        };
        let verdict = if errors.is_empty() { WARN } else { FAIL };
        r.line(
            verdict,
            output::human(std::slice::from_ref(&group), false).trim_end(),
        );
        for error in errors {
            r.problem(error);
        }
    }

    // 5. STS.
    r.step("AWS STS (GetCallerIdentity)");
    if args.offline {
        r.line(INFO, "skipped (--offline)");
    } else {
        let request = Request {
            profile: profile.clone(),
            config,
            credentials,
            timeouts,
        };
        match validate::run_blocking(&request) {
            Err(message) => {
                r.line(FAIL, message);
                r.inconclusive = true;
            }
            Ok(outcome) => {
                let verdict = match &outcome.result {
                    Ok(_) if outcome.clock_skewed() => WARN,
                    Ok(_) => OK,
                    Err(f) if f.code.is_inconclusive() => WARN,
                    Err(_) => FAIL,
                };
                r.line(verdict, validate::human(&outcome).trim_end());
                match &outcome.clock_offset_secs {
                    Some(offset) => r.line(
                        if outcome.clock_skewed() { FAIL } else { OK },
                        format!(
                            "clock: {} the server (AWS allows 5 minutes)",
                            describe_offset(*offset)
                        ),
                    ),
                    None => r.line(INFO, "clock: no answer to compare with"),
                }
                if outcome.clock_skewed() {
                    r.problem("synchronise this machine's clock (e.g. `timedatectl set-ntp true`)");
                }
                if let Err(failure) = &outcome.result {
                    if failure.code.is_inconclusive() {
                        r.inconclusive = true;
                    }
                    r.problem(
                        failure
                            .fix
                            .clone()
                            .unwrap_or_else(|| failure.summary.clone()),
                    );
                }
            }
        }
    }

    // 6. The fix.
    r.step("What to do");
    if r.problems.is_empty() {
        r.line(OK, "nothing: the profile works");
    } else {
        for (i, fix) in r.problems.clone().iter().enumerate() {
            r.line(FAIL, format!("{}. {fix}", i + 1));
        }
    }
    out!("{}", r.out.trim_start());
    if !r.problems.is_empty() && !r.inconclusive {
        EXIT_FINDINGS
    } else if r.inconclusive {
        EXIT_USAGE_OR_IO
    } else {
        EXIT_OK
    }
}

/// The config and the credentials file in model order (a file not read is empty), so that
/// diagnostic indexes match the files shown.
fn both_files(mut files: Vec<SourceFile>) -> Vec<SourceFile> {
    [FileKind::Config, FileKind::Credentials]
        .into_iter()
        .map(|kind| match files.iter().position(|f| f.kind == kind) {
            Some(i) => files.remove(i),
            None => SourceFile {
                kind,
                path: std::path::PathBuf::from(format!("({kind} file not read)")),
                decoded: Default::default(),
                exists: false,
            },
        })
        .collect()
}

/// The name of the section a byte offset is in, if any.
fn section_of(model: &Model, file: usize, offset: usize) -> Option<String> {
    let file = model.files.get(file)?;
    file.sections
        .iter()
        .rev()
        .find(|s| {
            file.tree
                .lines
                .get(s.line)
                .is_some_and(|l| l.span.start <= offset)
        })
        .map(|s| s.name.to_string())
}

/// The base of a chain in words, without secrets.
fn describe_base(base: &BaseProvider<'_>) -> String {
    match base {
        BaseProvider::AccessKey {
            profile,
            access_key_id,
            session_token,
            ..
        } => format!(
            "access key {} ({}) of profile '{profile}'{}",
            mask_key_id(access_key_id.trim()),
            aws_config_lsp_sts::KeyKind::of(access_key_id.trim()).as_str(),
            if session_token.is_some() {
                ", with a session token"
            } else {
                ""
            }
        ),
        BaseProvider::NamedSource { profile, name } => {
            format!("credential_source = {name} (profile '{profile}')")
        }
        BaseProvider::WebIdentityToken {
            profile,
            role_arn,
            web_identity_token_file,
            ..
        } => format!(
            "web identity token {web_identity_token_file} for {role_arn} (profile '{profile}')"
        ),
        BaseProvider::Sso {
            profile,
            sso_start_url,
            sso_account_id,
            sso_role_name,
            ..
        } => format!(
            "SSO {sso_start_url}, account {}, role {} (profile '{profile}'; needs `aws sso login --profile {profile}`)",
            sso_account_id.unwrap_or("?"),
            sso_role_name.unwrap_or("?")
        ),
        BaseProvider::LoginSession {
            profile,
            login_session,
        } => format!("console login session {login_session} (profile '{profile}')"),
        BaseProvider::CredentialProcess { profile, command, .. } => format!(
            "credential_process `{}` (profile '{profile}')",
            command.split_whitespace().next().unwrap_or("")
        ),
    }
}
