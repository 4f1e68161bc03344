//! botocore (the AWS CLI, boto3) from PyPI, against `dump --view cli`.

use super::cases::{check_reports, json, run, sdk_view, workspace_root, Case, Outcome};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const BOTOCORE: &str = "botocore==1.44.18";

/// A Python with the modelled botocore: AWS_CONFIG_LSP_BOTOCORE_PYTHON, or the venv of
/// tests/botocore/setup.sh (which this runs when it is missing, once for all the tests).
pub fn python() -> PathBuf {
    static PYTHON: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    PYTHON
        .get_or_init(|| {
            super::cases::venv_python(super::cases::Venv {
                package: BOTOCORE,
                module: "botocore",
                override_variable: "AWS_CONFIG_LSP_BOTOCORE_PYTHON",
                venv: "target/botocore-venv",
                setup: "tests/botocore/setup.sh",
            })
        })
        .clone()
}

/// botocore's reading of every folder.
pub fn read(dirs: &[PathBuf]) -> Vec<Value> {
    let mut command = Command::new(python());
    command.arg(workspace_root().join("tests/botocore/read.py"));
    super::cases::ask(command, dirs)
}

/// Equal, except that where Python's exception carries no line (`ValueError` from a nested
/// block, `UnicodeDecodeError`) ours may say which line it is.
fn agree(ours: &Value, theirs: &Value) -> bool {
    match (ours.get("error"), theirs.get("error")) {
        (Some(ours), Some(theirs)) if theirs["line"].is_null() => {
            ours["class"] == theirs["class"] && ours["file"] == theirs["file"]
        }
        _ => ours == theirs,
    }
}

/// The SDKs' view in botocore's shape: a value that starts with a line break (a block of
/// `key = value` lines, which the SDKs keep as written) parsed the way botocore parses it.
fn sdk_as_botocore(dir: &Path) -> Value {
    let mut view = sdk_view(dir);
    if view.get("error").is_some() {
        return view;
    }
    for kind in ["profiles", "sso_sessions", "services"] {
        for (_, section) in view[kind].as_object_mut().unwrap().iter_mut() {
            for (_, value) in section.as_object_mut().unwrap().iter_mut() {
                let Some(text) = value.as_str().filter(|t| t.starts_with('\n')) else {
                    continue;
                };
                let mut nested = serde_json::Map::new();
                for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                    let (k, v) = line.split_once('=').unwrap_or((line, ""));
                    nested.insert(k.trim().to_string(), Value::String(v.trim().to_string()));
                }
                *value = Value::Object(nested);
            }
        }
    }
    view
}

/// Whether the SDKs and botocore read the files alike (both refusing counts as alike): the
/// profiles, sso-sessions and services sections.
fn sdk_agrees(sdk: &Value, botocore: &Value) -> bool {
    match (sdk.get("error"), botocore.get("error")) {
        (Some(_), Some(_)) => true,
        (None, None) => ["profiles", "sso_sessions", "services"]
            .iter()
            .all(|kind| sdk[kind] == botocore[kind]),
        _ => false,
    }
}

/// The profiles whose static keys the SDKs and botocore read differently: the SDKs take the
/// merged profile's `aws_access_key_id`, `aws_secret_access_key` and `aws_session_token`;
/// botocore one file's (`static_keys`), with `aws_security_token` first.
fn keys_differ(sdk: &Value, botocore: &Value) -> Vec<String> {
    let (Some(sdk_profiles), Some(keys)) = (
        sdk["profiles"].as_object(),
        botocore["static_keys"].as_object(),
    ) else {
        return Vec::new();
    };
    let mut differ = Vec::new();
    for (name, profile) in sdk_profiles {
        let sdk_keys = (
            profile.get("aws_access_key_id"),
            profile.get("aws_secret_access_key"),
            profile.get("aws_session_token"),
        );
        let alike = match (sdk_keys, keys.get(name)) {
            ((None, _, _), None) => true,
            // A key id without a secret fails for both.
            ((Some(_), None, _), Some(found)) => found.get("error").is_some(),
            ((Some(id), Some(secret), token), Some(found)) if found.get("error").is_none() => {
                Some(id) == found.get("aws_access_key_id")
                    && Some(secret) == found.get("aws_secret_access_key")
                    && token == found["token"].get("value")
            }
            _ => false,
        };
        if !alike {
            differ.push(name.clone());
        }
    }
    differ
}

/// The codes that report static keys that the SDKs and the AWS CLI read differently.
const KEY_CODES: &[&str] = &[
    "incomplete-credentials",
    "missing-session-token",
    "legacy-security-token",
    "unexpected-session-token",
    "empty-value",
];

/// The codes that report a line the readers read differently (or refuse).
pub const READING_CODES: &[&str] = &[
    "readers-disagree",
    "cli-parse-error",
    "invalid-encoding",
    "inline-comment",
    "indented-line",
    "duplicate-section",
    "duplicate-key",
    "default-profile-conflict",
    "profile-prefix-in-credentials",
    "section-not-allowed-in-credentials",
    "invalid-name",
    "unknown-section-type",
    "invalid-section-header",
    "property-outside-section",
    "missing-equals",
    "empty-key",
    "orphan-continuation",
    "invalid-sub-property",
    "invisible-character",
    "uppercase-key",
];

/// One case: `dump --view cli` against botocore, and where the SDKs read it otherwise, whether
/// `check` says so.
pub fn one_case(case: &Case, dir: &Path, theirs: &Value) -> Outcome {
    let ours = json(
        &run(dir, &["dump", "--view", "cli", "--show-secrets"]),
        "dump --view cli",
        dir,
    );
    let view_differs = (!agree(&ours, theirs))
        .then(|| case.show(&format!("botocore: {theirs}\n  ours:     {ours}")));
    let sdk = sdk_as_botocore(dir);
    let sections_differ = !sdk_agrees(&sdk, theirs);
    let keys = if sections_differ {
        Vec::new()
    } else {
        keys_differ(&sdk, theirs)
    };
    let mut unreported = None;
    if sections_differ || !keys.is_empty() {
        let codes = if sections_differ {
            READING_CODES
        } else {
            KEY_CODES
        };
        let (reported, check) = check_reports(dir, codes);
        if !reported {
            unreported = Some(case.show(&format!(
                "botocore: {theirs}\n  sdks:     {sdk}\n  keys read differently: {keys:?}\n  check:    {check}"
            )));
        }
    }
    Outcome {
        view_differs,
        sdk_differs: sections_differ || !keys.is_empty(),
        unreported,
        refused: theirs.get("error").is_some(),
    }
}
