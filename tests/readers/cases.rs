//! What the differential tests of the readers share: the cases (the AWS SDKs' parser vectors,
//! the other readers' test files, seeded generated pairs), the real binary, and a reader that
//! answers JSON lines (botocore in Python, the JavaScript SDK's loader in Node.js).

use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{conformance, generator};

pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub struct Case {
    pub name: String,
    pub config: Vec<u8>,
    pub credentials: Vec<u8>,
}

impl Case {
    /// The case as a failure message shows it, with what each side read.
    pub fn show(&self, details: &str) -> String {
        format!(
            "{}\n  config: {:?}\n  credentials: {:?}\n  {details}",
            self.name,
            String::from_utf8_lossy(&self.config),
            String::from_utf8_lossy(&self.credentials),
        )
    }
}

pub fn vector_cases() -> Vec<Case> {
    let Some(dir) = conformance::suite("aws-sdk") else {
        return Vec::new();
    };
    let path = dir.join("profile-parser-tests.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let json: Value = serde_json::from_str(&text).expect("vectors are JSON");
    let text_of = |value: &Value| value.as_str().unwrap_or("").as_bytes().to_vec();
    json["tests"]
        .as_array()
        .expect("tests")
        .iter()
        .map(|test| Case {
            name: format!("vector: {}", test["name"].as_str().unwrap_or("?")),
            config: text_of(&test["input"]["configFile"]),
            credentials: text_of(&test["input"]["credentialsFile"]),
        })
        .collect()
}

pub fn peer_cases() -> Vec<Case> {
    let Some(root) = conformance::suite("peers") else {
        return Vec::new();
    };
    let folders_in = |dir: &Path| -> Vec<PathBuf> {
        let mut folders: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        folders.sort();
        folders
    };
    let mut cases = Vec::new();
    for suite in folders_in(&root) {
        for folder in folders_in(&suite) {
            cases.push(Case {
                name: format!("peer: {}", folder.strip_prefix(&root).unwrap().display()),
                config: std::fs::read(folder.join("config")).unwrap_or_default(),
                credentials: std::fs::read(folder.join("credentials")).unwrap_or_default(),
            });
        }
    }
    cases
}

pub fn generated_cases(seed: u64) -> Vec<Case> {
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

/// Each case in a folder of its own, as `config` and `credentials`.
pub fn write_cases(label: &str, cases: &[Case]) -> (PathBuf, Vec<PathBuf>) {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("readers-{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let dirs = cases
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
    (root, dirs)
}

/// The real binary on a case's folder.
pub fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_aws-config-lsp"))
        .args(args)
        .arg("--config")
        .arg(dir.join("config"))
        .arg("--credentials")
        .arg(dir.join("credentials"))
        .output()
        .unwrap()
}

pub fn json(output: &std::process::Output, what: &str, dir: &Path) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{what} printed no JSON ({e}) for {}: {}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// A reader's answer for every folder: `command` reads `{"id", "dir"}` JSON lines and answers
/// one JSON line per case with the same `id`.
pub fn ask(mut command: Command, dirs: &[PathBuf]) -> Vec<Value> {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the reader runs");
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
    assert!(child.wait().unwrap().success(), "the reader failed");
    results
}

/// `f` on every case, on as many threads as there are cores (at most 4).
pub fn in_threads<T: Send>(
    cases: &[Case],
    dirs: &[PathBuf],
    theirs: &[Value],
    f: impl Fn(&Case, &Path, &Value) -> T + Sync,
) -> Vec<T> {
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(4);
    let chunk = cases.len().div_ceil(threads).max(1);
    let f = &f;
    std::thread::scope(|scope| {
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
                        .map(|((case, dir), theirs)| f(case, dir, theirs))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    })
}

/// The SDKs' view (`dump --view sdk`): `{"error": "refused"}` where the SDKs refuse the files.
pub fn sdk_view(dir: &Path) -> Value {
    let output = run(dir, &["dump", "--show-secrets"]);
    if output.status.code() == Some(1) {
        return serde_json::json!({"error": "refused"});
    }
    json(&output, "dump --view sdk", dir)
}

/// What a run found, per case.
pub struct Outcome {
    /// Our view of the reader differs from the reader itself: what each read.
    pub view_differs: Option<String>,
    /// The SDKs and the reader read the case differently.
    pub sdk_differs: bool,
    /// ... and `check` says nothing about it: what each read, and what `check` said.
    pub unreported: Option<String>,
    pub refused: bool,
}

/// Whether `check` reports a diagnostic with one of `codes` for the case.
pub fn check_reports(dir: &Path, codes: &[&str]) -> (bool, Value) {
    let check = json(
        &run(dir, &["check", "--format", "json"]),
        "check --format json",
        dir,
    );
    let reported = check["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| codes.contains(&d["code"].as_str().unwrap_or("")));
    (reported, check)
}

/// Fails with the first few of each kind of finding; prints the counts.
pub fn assert_none(label: &str, reader: &str, outcomes: &[Outcome], seed: Option<u64>) {
    let refused = outcomes.iter().filter(|o| o.refused).count();
    let sdk_differs = outcomes.iter().filter(|o| o.sdk_differs).count();
    let view: Vec<&String> = outcomes
        .iter()
        .filter_map(|o| o.view_differs.as_ref())
        .collect();
    let unreported: Vec<&String> = outcomes
        .iter()
        .filter_map(|o| o.unreported.as_ref())
        .collect();
    eprintln!(
        "{label} ({reader}): {} cases ({refused} refused); our view vs {reader}: {} disagreements; \
         the SDKs vs {reader}: {sdk_differs} disagreements, {} without a diagnostic",
        outcomes.len(),
        view.len(),
        unreported.len()
    );
    let seed = seed.map_or(String::new(), |s| {
        format!(" (AWS_CONFIG_LSP_DIFF_SEED={s})")
    });
    let first = |found: &[&String]| {
        found
            .iter()
            .take(8)
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        view.is_empty(),
        "{label}: our view disagrees with {reader} {} times{seed}; the first ones:\n{}",
        view.len(),
        first(&view)
    );
    assert!(
        unreported.is_empty(),
        "{label}: the SDKs and {reader} read {} cases differently without a diagnostic that says so{seed}; the first ones:\n{}",
        unreported.len(),
        first(&unreported)
    );
}

/// A Python package a differential test runs, and where it comes from.
pub struct Venv {
    /// `name==version`, as the setup script installs it.
    pub package: &'static str,
    /// The module that has `__version__`.
    pub module: &'static str,
    /// A variable naming another Python that has the package.
    pub override_variable: &'static str,
    /// The virtual environment, from the repository root.
    pub venv: &'static str,
    /// The script that makes it (from PyPI).
    pub setup: &'static str,
}

/// A Python with the package: the one `override_variable` names, or the venv, made by the
/// setup script when it is missing.
pub fn venv_python(spec: Venv) -> PathBuf {
    let version = spec.package.split("==").nth(1).expect("name==version");
    let has_package = |python: &Path| {
        Command::new(python)
            .args([
                "-c",
                &format!(
                    "import {m}, sys; sys.exit({m}.__version__ != {version:?})",
                    m = spec.module
                ),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if let Some(python) = std::env::var_os(spec.override_variable) {
        let python = PathBuf::from(python);
        assert!(
            has_package(&python),
            "{} has no {}",
            python.display(),
            spec.package
        );
        return python;
    }
    let venv = workspace_root().join(spec.venv).join("bin/python");
    if has_package(&venv) {
        return venv;
    }
    let setup = Command::new("bash")
        .arg(workspace_root().join(spec.setup))
        .status();
    assert!(
        setup.is_ok_and(|s| s.success()) && has_package(&venv),
        "{} is not installed: run `bash {}` (it installs it from PyPI into {}), or set {}",
        spec.package,
        spec.setup,
        spec.venv,
        spec.override_variable
    );
    venv
}

/// Runs `script` (from the repository root) with `python`, one JSON request a line on its
/// standard input, each given its index as `"id"`; returns the script's answers (one JSON line
/// each, with the request's `"id"`) in the order of the requests.
pub fn ask_script(python: &Path, script: &str, mut requests: Vec<Value>) -> Vec<Value> {
    let mut lines = String::new();
    for (id, request) in requests.iter_mut().enumerate() {
        request["id"] = id.into();
        lines.push_str(&format!("{request}\n"));
    }
    let mut child = Command::new(python)
        .arg(workspace_root().join(script))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python runs");
    let mut stdin = child.stdin.take().unwrap();
    // Written from a thread: the script answers while it reads, and a full pipe each way
    // would block both.
    let writer = std::thread::spawn(move || stdin.write_all(lines.as_bytes()).unwrap());
    let mut answers = vec![Value::Null; requests.len()];
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let answer: Value = serde_json::from_str(&line.unwrap()).unwrap();
        let id = answer["id"].as_u64().expect("an id") as usize;
        answers[id] = answer;
    }
    writer.join().unwrap();
    assert!(child.wait().unwrap().success(), "{script} failed");
    assert!(
        answers.iter().all(|a| !a.is_null()),
        "{script} left requests unanswered"
    );
    answers
}
