//! The AWS CLI's view (`dump --view cli`) against botocore itself, from PyPI: the real binary
//! and the real library read the same files, and must agree exactly (the profiles,
//! sso-sessions and services with every value, or the same error class, file and lines).
//!
//! Inputs: the AWS SDKs' shared parser vectors and the other readers' test files in
//! `../shared/conformance/` (skipped, with a message, when absent), and seeded generated files
//! (`tests/support/generator.rs`) that mix every construct the two readers treat differently.
//! `AWS_CONFIG_LSP_DIFF_CASES` sets how many (default 2,000); `AWS_CONFIG_LSP_DIFF_SEED` fixes
//! the seed, which otherwise changes with every run and is printed on failure.
//!
//! The SSO token cache too (`sso_cache.py`): botocore's own token provider and legacy
//! credential fetcher read the cases of `tests/support/sso_scenarios.rs` (fixed, and seeded
//! generated ones), and what they do (a token, renewed or not; an expired login; a refusal) must
//! be what the model (`machine::sso_cache`, the AWS CLI's reading) says.
//!
//! botocore comes from PyPI: `bash tests/botocore/setup.sh` installs the modelled version in
//! target/botocore-venv; the test runs it itself when that is missing.

#[path = "../support/conformance.rs"]
mod conformance;
#[path = "../support/generator.rs"]
mod generator;
#[path = "../support/sso_scenarios.rs"]
mod sso_scenarios;

use aws_config_lsp_core::machine::LoginKey;
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BOTOCORE: &str = "botocore==1.44.18";

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A Python with the modelled botocore: AWS_CONFIG_LSP_BOTOCORE_PYTHON, or the venv of
/// tests/botocore/setup.sh (which this runs when it is missing, once for all the tests).
fn python() -> PathBuf {
    static PYTHON: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    PYTHON.get_or_init(find_python).clone()
}

fn find_python() -> PathBuf {
    let version = BOTOCORE.trim_start_matches("botocore==");
    let has_botocore = |python: &Path| {
        Command::new(python)
            .args([
                "-c",
                &format!("import botocore, sys; sys.exit(botocore.__version__ != {version:?})"),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if let Some(python) = std::env::var_os("AWS_CONFIG_LSP_BOTOCORE_PYTHON") {
        let python = PathBuf::from(python);
        assert!(
            has_botocore(&python),
            "{} has no {BOTOCORE}",
            python.display()
        );
        return python;
    }
    let venv = workspace_root().join("target/botocore-venv/bin/python");
    if has_botocore(&venv) {
        return venv;
    }
    let setup = Command::new("bash")
        .arg(workspace_root().join("tests/botocore/setup.sh"))
        .status();
    assert!(
        setup.is_ok_and(|s| s.success()) && has_botocore(&venv),
        "{BOTOCORE} is not installed: run `bash tests/botocore/setup.sh` (it installs it from PyPI \
         into target/botocore-venv), or set AWS_CONFIG_LSP_BOTOCORE_PYTHON"
    );
    venv
}

struct Case {
    name: String,
    config: Vec<u8>,
    credentials: Vec<u8>,
}

fn vector_cases() -> Vec<Case> {
    let Some(dir) = conformance::suite("aws-sdk") else {
        return Vec::new();
    };
    let path = dir.join("profile-parser-tests.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let json: Value = serde_json::from_str(&text).expect("vectors are JSON");
    json["tests"]
        .as_array()
        .expect("tests")
        .iter()
        .map(|test| Case {
            name: format!("vector: {}", test["name"].as_str().unwrap_or("?")),
            config: test["input"]["configFile"]
                .as_str()
                .unwrap_or("")
                .as_bytes()
                .to_vec(),
            credentials: test["input"]["credentialsFile"]
                .as_str()
                .unwrap_or("")
                .as_bytes()
                .to_vec(),
        })
        .collect()
}

fn peer_cases() -> Vec<Case> {
    let Some(root) = conformance::suite("peers") else {
        return Vec::new();
    };
    let suites = std::fs::read_dir(&root).unwrap();
    let mut cases = Vec::new();
    let mut suites: Vec<PathBuf> = suites
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    suites.sort();
    for suite in suites {
        let mut folders: Vec<PathBuf> = std::fs::read_dir(&suite)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        folders.sort();
        for folder in folders {
            cases.push(Case {
                name: format!("peer: {}", folder.strip_prefix(&root).unwrap().display()),
                config: std::fs::read(folder.join("config")).unwrap_or_default(),
                credentials: std::fs::read(folder.join("credentials")).unwrap_or_default(),
            });
        }
    }
    cases
}

fn generated_cases(seed: u64) -> Vec<Case> {
    let count = std::env::var("AWS_CONFIG_LSP_DIFF_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000u64);
    (0..count)
        .map(|i| {
            let generated = generator::generate(seed.wrapping_add(i));
            Case {
                name: format!("generated: seed {}", seed.wrapping_add(i)),
                config: generated.config,
                credentials: generated.credentials,
            }
        })
        .collect()
}

/// botocore's reading of every case, keyed by case index.
fn botocore(dirs: &[PathBuf]) -> Vec<Value> {
    let mut child = Command::new(python())
        .arg(workspace_root().join("tests/botocore/read.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python runs");
    let mut stdin = child.stdin.take().unwrap();
    let requests: String = dirs
        .iter()
        .enumerate()
        .map(|(i, dir)| format!("{}\n", serde_json::json!({"id": i, "dir": dir})))
        .collect();
    let writer = std::thread::spawn(move || {
        stdin.write_all(requests.as_bytes()).unwrap();
    });
    let mut results = vec![Value::Null; dirs.len()];
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let mut value: Value = serde_json::from_str(&line.unwrap()).unwrap();
        let id = value["id"].as_u64().unwrap() as usize;
        value.as_object_mut().unwrap().remove("id");
        results[id] = value;
    }
    writer.join().unwrap();
    assert!(child.wait().unwrap().success(), "read.py failed");
    results
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_aws-config-lsp"))
        .args(args)
        .arg("--config")
        .arg(dir.join("config"))
        .arg("--credentials")
        .arg(dir.join("credentials"))
        .output()
        .unwrap()
}

fn json(output: &std::process::Output, what: &str, dir: &Path) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{what} printed no JSON ({e}) for {}: {}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        )
    })
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

/// The SDKs' view (`dump --view sdk`) in botocore's shape: a refusal is `{"error": …}`, and a
/// value that starts with a line break (a block of `key = value` lines, which the SDKs keep as
/// written) is parsed the way botocore parses it.
fn sdk_view(dir: &Path) -> Value {
    let output = run(dir, &["dump", "--show-secrets"]);
    if output.status.code() == Some(1) {
        return serde_json::json!({"error": "refused"});
    }
    let mut view = json(&output, "dump --view sdk", dir);
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
        let theirs = keys.get(name);
        let alike = match (sdk_keys, theirs) {
            ((None, _, _), None) => true,
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

/// The codes that report a line the two read differently (or refuse).
const READING_CODES: &[&str] = &[
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
];

struct Outcome {
    /// `dump --view cli` differs from botocore.
    cli_differs: Option<String>,
    /// The SDKs and botocore disagree, and whether `check` says anything about it.
    sdk_differs: bool,
    unreported: Option<String>,
    refused: bool,
}

fn one_case(case: &Case, dir: &Path, theirs: &Value) -> Outcome {
    let ours = json(
        &run(dir, &["dump", "--view", "cli", "--show-secrets"]),
        "dump --view cli",
        dir,
    );
    let show = |extra: &str| {
        format!(
            "{}\n  config: {:?}\n  credentials: {:?}\n  botocore: {theirs}\n  {extra}",
            case.name,
            String::from_utf8_lossy(&case.config),
            String::from_utf8_lossy(&case.credentials),
        )
    };
    let cli_differs = (!agree(&ours, theirs)).then(|| show(&format!("ours:     {ours}")));
    let sdk = sdk_view(dir);
    let sdk_differs = !sdk_agrees(&sdk, theirs);
    let keys = if sdk_differs {
        Vec::new()
    } else {
        keys_differ(&sdk, theirs)
    };
    let mut unreported = None;
    if sdk_differs || !keys.is_empty() {
        let check = json(
            &run(dir, &["check", "--format", "json"]),
            "check --format json",
            dir,
        );
        let codes = if sdk_differs {
            READING_CODES
        } else {
            KEY_CODES
        };
        let reported = check["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| codes.contains(&d["code"].as_str().unwrap_or("")));
        if !reported {
            unreported = Some(show(&format!(
                "sdks:     {sdk}\n  keys read differently: {keys:?}\n  check:    {check}"
            )));
        }
    }
    Outcome {
        cli_differs,
        sdk_differs: sdk_differs || !keys.is_empty(),
        unreported,
        refused: theirs.get("error").is_some(),
    }
}

struct Report {
    cli_differences: Vec<String>,
    unreported: Vec<String>,
}

/// Runs `cases` through botocore, through `dump --view cli`, and where the SDKs read them
/// otherwise through `check`.
fn compare(label: &str, cases: &[Case]) -> Report {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("botocore-{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let dirs: Vec<PathBuf> = cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            let dir = root.join(i.to_string());
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("config"), &case.config).unwrap();
            std::fs::write(dir.join("credentials"), &case.credentials).unwrap();
            dir
        })
        .collect();
    let theirs = botocore(&dirs);
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(4);
    let outcomes: Vec<Outcome> = std::thread::scope(|scope| {
        let chunk = cases.len().div_ceil(threads).max(1);
        let handles: Vec<_> = cases
            .chunks(chunk)
            .zip(dirs.chunks(chunk))
            .zip(theirs.chunks(chunk))
            .map(|((cases, dirs), theirs)| {
                scope.spawn(move || {
                    cases
                        .iter()
                        .zip(dirs)
                        .zip(theirs)
                        .map(|((case, dir), theirs)| one_case(case, dir, theirs))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let refused = outcomes.iter().filter(|o| o.refused).count();
    let sdk_differs = outcomes.iter().filter(|o| o.sdk_differs).count();
    let report = Report {
        cli_differences: outcomes
            .iter()
            .filter_map(|o| o.cli_differs.clone())
            .collect(),
        unreported: outcomes
            .iter()
            .filter_map(|o| o.unreported.clone())
            .collect(),
    };
    eprintln!(
        "{label}: {} cases ({refused} refused by botocore); dump --view cli vs botocore: {} disagreements; \
         the SDKs vs botocore: {sdk_differs} disagreements, {} without a diagnostic",
        cases.len(),
        report.cli_differences.len(),
        report.unreported.len()
    );
    if report.cli_differences.is_empty() && report.unreported.is_empty() {
        let _ = std::fs::remove_dir_all(&root);
    }
    report
}

fn assert_none(label: &str, report: Report, seed: Option<u64>) {
    let seed = seed.map_or(String::new(), |s| {
        format!(" (AWS_CONFIG_LSP_DIFF_SEED={s})")
    });
    let first = |found: &[String]| found.iter().take(8).cloned().collect::<Vec<_>>().join("\n");
    assert!(
        report.cli_differences.is_empty(),
        "{label}: `dump --view cli` disagrees with botocore {} times{seed}; the first ones:\n{}",
        report.cli_differences.len(),
        first(&report.cli_differences)
    );
    assert!(
        report.unreported.is_empty(),
        "{label}: the SDKs and botocore read {} cases differently without a diagnostic that says so{seed}; the first ones:\n{}",
        report.unreported.len(),
        first(&report.unreported)
    );
}

#[test]
fn the_sdk_vectors_and_peer_files_read_as_botocore_reads_them() {
    let mut cases = vector_cases();
    cases.extend(peer_cases());
    assert_none("vectors and peers", compare("fixed", &cases), None);
}

#[test]
fn generated_files_read_as_botocore_reads_them() {
    let seed = generator::seed();
    eprintln!("seed: AWS_CONFIG_LSP_DIFF_SEED={seed}");
    let cases = generated_cases(seed);
    assert_none("generated", compare("generated", &cases), Some(seed));
}

/// What botocore does with each SSO token cache case: `{"result", "renewed", "error"}`.
fn botocore_logins(root: &Path, scenarios: &[sso_scenarios::Scenario]) -> Vec<Value> {
    let mut requests = String::new();
    for (i, scenario) in scenarios.iter().enumerate() {
        let dir = root.join(i.to_string());
        std::fs::create_dir_all(&dir).unwrap();
        let (session, start_url) = login_names(i);
        let key = if scenario.session {
            LoginKey::Session(session.clone())
        } else {
            LoginKey::StartUrl(start_url.clone())
        };
        if let Some(bytes) = &scenario.file {
            std::fs::write(dir.join(key.file_name()), bytes).unwrap();
        }
        requests.push_str(&format!(
            "{}\n",
            serde_json::json!({
                "id": i,
                "dir": dir,
                "session": scenario.session.then_some(session),
                "start_url": start_url,
                "now": scenario.now,
            })
        ));
    }
    let mut child = Command::new(python())
        .arg(workspace_root().join("tests/botocore/sso_cache.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python runs");
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()).unwrap());
    let mut results = vec![Value::Null; scenarios.len()];
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let value: Value = serde_json::from_str(&line.unwrap()).unwrap();
        let id = value["id"].as_u64().unwrap() as usize;
        results[id] = value;
    }
    writer.join().unwrap();
    assert!(child.wait().unwrap().success(), "sso_cache.py failed");
    results
}

/// The sso-session name and legacy start URL of case `i`: each case has its own cache file.
fn login_names(i: usize) -> (String, String) {
    (
        format!("session-{i}"),
        format!("https://d-{i:010}.awsapps.com/start"),
    )
}

/// What the model says botocore does: (result, renewed), or `None` where it does not know.
fn modelled_login(scenario: &sso_scenarios::Scenario) -> Option<(&'static str, bool)> {
    use aws_config_lsp_core::machine::sso_cache::{read, Kind, Outcome};
    let Some(bytes) = &scenario.file else {
        return Some(("refused", false));
    };
    let kind = if scenario.session {
        Kind::Session
    } else {
        Kind::Legacy
    };
    match read(bytes).cli_outcome(kind, scenario.now) {
        Outcome::Valid { renews, .. } => Some(("token", renews)),
        Outcome::Renews { .. } => Some(("token", true)),
        Outcome::Expired { .. } => Some(("expired", false)),
        Outcome::Refused(_) => Some(("refused", false)),
        Outcome::Unknown => None,
    }
}

fn compare_logins(label: &str, scenarios: &[sso_scenarios::Scenario]) {
    let root =
        std::env::temp_dir().join(format!("aws-config-lsp-sso-{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let theirs = botocore_logins(&root, scenarios);
    let mut unknown = 0;
    let mut disagree = Vec::new();
    for (scenario, theirs) in scenarios.iter().zip(&theirs) {
        let Some((result, renewed)) = modelled_login(scenario) else {
            unknown += 1;
            continue;
        };
        let their_result = theirs["result"].as_str().unwrap_or("?");
        let their_renewed = theirs["renewed"].as_bool().unwrap_or(false);
        if result != their_result || (result == "token" && renewed != their_renewed) {
            disagree.push(format!(
                "{} ({}, now {}): model {result} renewed={renewed}; botocore {their_result} renewed={their_renewed} {}\n  file: {}",
                scenario.name,
                if scenario.session { "session" } else { "legacy" },
                scenario.now,
                theirs["error"],
                scenario
                    .file
                    .as_ref()
                    .map_or("(none)".into(), |f| String::from_utf8_lossy(f).into_owned())
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&root);
    eprintln!(
        "{label}: {} SSO cache cases, {} judged, {unknown} outside the model",
        scenarios.len(),
        scenarios.len() - unknown
    );
    assert!(
        disagree.is_empty(),
        "{label}: the model and botocore disagree on {} of {} cases:\n{}",
        disagree.len(),
        scenarios.len(),
        disagree.join("\n")
    );
}

#[test]
fn sso_logins_as_botocore_uses_them() {
    let fixed = sso_scenarios::fixed();
    compare_logins("fixed", &fixed);
    let seed = generator::seed();
    eprintln!("seed: AWS_CONFIG_LSP_DIFF_SEED={seed}");
    compare_logins("generated", &sso_scenarios::generated(seed, 1_000));
}
