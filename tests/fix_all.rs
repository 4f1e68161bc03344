//! Fix-all never changes what the tools read: `check --fix` (the safe fixes that
//! `source.fixAll` and fix-on-save apply too) is run by the real binary on copies of every
//! fixture, every AWS SDK parser test vector and every peer case of the conformance folder (`tests/support/conformance.rs`),
//! and what `dump` prints (output and exit code) must be the same before and after, for every
//! view in [`VIEWS`].

#[path = "support/conformance.rs"]
mod conformance;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

// Each suite uses part of it.
#[allow(dead_code)]
#[path = "support/files.rs"]
mod files;

/// The arguments that select each view of `dump`. Adding a reader's view is one line here.
const VIEWS: &[&[&str]] = &[
    // The AWS SDK for Rust's view (the default).
    &[],
    // The AWS CLI's view (botocore).
    &["--view", "cli"],
    // The AWS SDK for JavaScript's view.
    &["--view", "js"],
];

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_aws-config-lsp"))
}

fn scratch_dir(label: &str) -> PathBuf {
    files::scratch_dir("fix-all", label)
}

/// One case: a config and/or a credentials file.
struct Case {
    name: String,
    config: Option<Vec<u8>>,
    credentials: Option<Vec<u8>>,
}

/// `dump` of the files in `dir` for one view: stdout, stderr and the exit code, with the
/// folder's path taken out of the messages.
fn dump(dir: &Path, case: &Case, view: &[&str]) -> (String, String, Option<i32>) {
    let mut command = binary();
    command.arg("dump").args(view).arg("--show-secrets");
    if case.config.is_some() {
        command.arg("--config").arg(dir.join("config"));
    }
    if case.credentials.is_some() {
        command.arg("--credentials").arg(dir.join("credentials"));
    }
    let output: Output = command.output().unwrap();
    let scrub =
        |bytes: &[u8]| String::from_utf8_lossy(bytes).replace(&dir.display().to_string(), "<dir>");
    (
        scrub(&output.stdout),
        scrub(&output.stderr),
        output.status.code(),
    )
}

fn check_fix(dir: &Path, case: &Case) -> Output {
    let mut command = binary();
    command
        .arg("check")
        .arg("--fix")
        .arg("--format")
        .arg("json")
        .env("AWS_CONFIG_LSP_LOG", "error");
    if case.config.is_some() {
        command.arg("--config").arg(dir.join("config"));
    }
    if case.credentials.is_some() {
        command.arg("--credentials").arg(dir.join("credentials"));
    }
    command.output().unwrap()
}

/// Runs every case; returns how many had a safe fix applied.
fn run_cases(cases: &[Case]) -> usize {
    let mut failures = Vec::new();
    let mut fixed = 0;
    for (i, case) in cases.iter().enumerate() {
        let dir = scratch_dir(&format!("case{i}"));
        for (name, bytes) in [("config", &case.config), ("credentials", &case.credentials)] {
            if let Some(bytes) = bytes {
                std::fs::write(dir.join(name), bytes).unwrap();
            }
        }
        let before: Vec<_> = VIEWS.iter().map(|v| dump(&dir, case, v)).collect();
        let output = check_fix(&dir, case);
        assert_ne!(
            output.status.code(),
            Some(2),
            "{}: check --fix failed: {}",
            case.name,
            String::from_utf8_lossy(&output.stderr)
        );
        let changed = [("config", &case.config), ("credentials", &case.credentials)]
            .iter()
            .any(|(name, bytes)| {
                bytes
                    .as_ref()
                    .is_some_and(|b| std::fs::read(dir.join(name)).unwrap() != *b)
            });
        if changed {
            fixed += 1;
        }
        for (view, before) in VIEWS.iter().zip(&before) {
            let after = dump(&dir, case, view);
            if &after != before {
                failures.push(format!(
                    "{} (view {view:?}): before {before:?}\nafter {after:?}",
                    case.name
                ));
            }
        }
        // A second run has nothing left to fix.
        if changed {
            let again = check_fix(&dir, case);
            assert!(
                !String::from_utf8_lossy(&again.stderr).contains("fixed "),
                "{}: a second --fix still fixed something",
                case.name
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    fixed
}

#[test]
fn fixtures_read_the_same_after_fix_all() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures");
    let mut cases = Vec::new();
    for folder in ["valid", "broken"] {
        let dir = root.join(folder);
        let credentials = std::fs::read(dir.join("credentials")).ok();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name == "credentials" || name.ends_with(".md") {
                continue;
            }
            cases.push(Case {
                name: format!("fixtures/{folder}/{name}"),
                config: Some(std::fs::read(&path).unwrap()),
                credentials: credentials.clone(),
            });
        }
    }
    // Hand-made: every safe fix there is, next to guesses that must stay.
    cases.push(Case {
        name: "safe fixes next to guesses".into(),
        config: Some(
            b"[default]  \nRegion = us-east-7 \t\ncli_pager = \n  \n[profile b]\nOutput = json # c  \ns3 =\n  Max_Queue_Size = 10 \n"
                .to_vec(),
        ),
        credentials: Some(
            b"[b]\nAWS_ACCESS_KEY_ID = AKIAIOSFODNN7EXAMPLE \naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\t\n"
                .to_vec(),
        ),
    });
    // Trailing whitespace is the one safe fix; the hand-made case holds it.
    assert!(
        run_cases(&cases) >= 1,
        "the fixtures must exercise the fixes"
    );
}

#[test]
fn sdk_parser_vectors_read_the_same_after_fix_all() {
    let Some(dir) = conformance::suite("aws-sdk") else {
        return;
    };
    let text = std::fs::read_to_string(dir.join("profile-parser-tests.json")).unwrap();
    let suite: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cases: Vec<Case> = suite["tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|case| Case {
            name: format!("vector {}", case["name"].as_str().unwrap()),
            config: case["input"]["configFile"]
                .as_str()
                .map(|s| s.as_bytes().to_vec()),
            credentials: case["input"]["credentialsFile"]
                .as_str()
                .map(|s| s.as_bytes().to_vec()),
        })
        .collect();
    assert_eq!(cases.len(), 65);
    run_cases(&cases);
}

#[test]
fn peer_cases_read_the_same_after_fix_all() {
    let Some(root) = conformance::suite("peers") else {
        return;
    };
    let suites = std::fs::read_dir(&root).unwrap();
    let mut cases = Vec::new();
    for suite in suites {
        let suite = suite.unwrap().path();
        if !suite.is_dir() {
            continue;
        }
        for case in std::fs::read_dir(&suite).unwrap() {
            let dir = case.unwrap().path();
            if !dir.is_dir() {
                continue;
            }
            cases.push(Case {
                name: dir.strip_prefix(&root).unwrap().display().to_string(),
                config: std::fs::read(dir.join("config")).ok(),
                credentials: std::fs::read(dir.join("credentials")).ok(),
            });
        }
    }
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(cases.len() > 100, "{} peer cases", cases.len());
    run_cases(&cases);
}

/// `check --fix` writes in place, atomically, keeping the file's permissions and a symbolic
/// link that points at it; it leaves guesses alone and reports what is left.
#[cfg(unix)]
#[test]
fn check_fix_writes_safely() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch_dir("write");
    let real = dir.join("real-config");
    std::fs::write(&real, "[default]\nregion = us-east-7   \nOutput = json\n").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.join("config");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let output = binary()
        .args(["check", "--fix", "--config"])
        .arg(&link)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("fixed 1 problem"), "{stderr}");
    // The region guess is still reported (a warning), and nothing else.
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("unknown-region"), "{stdout}");
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(&real).unwrap(),
        "[default]\nregion = us-east-7\nOutput = json\n"
    );
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o640
    );
    // No temporary file left behind.
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
