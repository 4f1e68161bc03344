//! `aws-config-lsp dump` driven as a user runs it: the real binary, real files on disk.
//! Every profile-parser vector of the AWS SDKs goes through it and must print what the SDK
//! sees (or exit 1 with the SDK's reason); the vectors are read as `tests/support/conformance.rs`
//! says.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

// Each suite uses part of it.
#[allow(dead_code)]
#[path = "support/files.rs"]
mod files;

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_aws-config-lsp"))
}

/// A fresh folder for one test case.
fn scratch_dir(label: &str) -> PathBuf {
    files::scratch_dir("dump", label)
}

fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn stdout_json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

#[path = "support/conformance.rs"]
mod conformance;

#[test]
fn every_parser_vector_through_the_binary() {
    // Third-party data beside the repository: skipped, and said so, when absent.
    let Some(dir) = conformance::suite("aws-sdk") else {
        return;
    };
    let path = dir.join("profile-parser-tests.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the AWS SDK conformance vectors must be at {}: {e}",
            path.display()
        )
    });
    let suite: Value = serde_json::from_str(&text).unwrap();
    let cases = suite["tests"].as_array().unwrap();
    assert_eq!(cases.len(), 65);
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let name = case["name"].as_str().unwrap();
        let dir = scratch_dir(&format!("vector{i}"));
        let mut command = binary();
        command.arg("dump").arg("--show-secrets");
        if let Some(text) = case["input"]["configFile"].as_str() {
            command.arg("--config").arg(write(&dir, "config", text));
        }
        if let Some(text) = case["input"]["credentialsFile"].as_str() {
            command
                .arg("--credentials")
                .arg(write(&dir, "credentials", text));
        }
        let output = command.output().unwrap();
        let expected = &case["output"];
        if let Some(message) = expected["errorContaining"].as_str() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            if output.status.code() != Some(1)
                || !stderr.contains(message)
                || !output.stdout.is_empty()
            {
                failures.push(format!(
                    "{name}: expected exit 1 and {message:?}, got {:?} {stderr}",
                    output.status
                ));
            }
            continue;
        }
        if output.status.code() != Some(0) {
            failures.push(format!(
                "{name}: exit {:?}: {}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            ));
            continue;
        }
        let actual = stdout_json(&output);
        if actual["profiles"] != expected["config"]["profiles"] {
            failures.push(format!(
                "{name}: {} != {}",
                actual["profiles"], expected["config"]["profiles"]
            ));
        }
        if let Some(sessions) = expected["config"].get("sso_sessions") {
            if &actual["sso_sessions"] != sessions {
                failures.push(format!(
                    "{name}: sso_sessions {} != {sessions}",
                    actual["sso_sessions"]
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn secrets_are_masked_unless_asked_for() {
    let dir = scratch_dir("secrets");
    let credentials = write(
        &dir,
        "credentials",
        "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\naws_session_token = FAKE-SESSION-TOKEN-0123456789\n",
    );
    let output = binary()
        .arg("dump")
        .arg("--credentials")
        .arg(&credentials)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(!stdout.contains("wJalrXUtnFEMI"), "{stdout}");
    assert!(!stdout.contains("FAKE-SESSION-TOKEN"), "{stdout}");
    let json: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        json["profiles"]["default"]["aws_secret_access_key"],
        "****************EKEY"
    );
    assert_eq!(
        json["profiles"]["default"]["aws_access_key_id"],
        "AKIAIOSFODNN7EXAMPLE"
    );
}

#[test]
fn default_locations_come_from_the_environment_and_missing_files_are_empty() {
    let home = scratch_dir("home");
    std::fs::create_dir_all(home.join(".aws")).unwrap();
    write(
        &home.join(".aws"),
        "config",
        "[profile from-home]\nregion = eu-west-1\n",
    );
    let other = write(
        &home,
        "elsewhere-credentials",
        "[from-env]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n",
    );
    let output = binary()
        .arg("dump")
        .env_clear()
        .env("HOME", &home)
        .env("AWS_SHARED_CREDENTIALS_FILE", &other)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json = stdout_json(&output);
    assert_eq!(json["profiles"]["from-home"]["region"], "eu-west-1");
    assert!(json["profiles"]["from-env"].is_object());

    // Nothing there at all: empty, like the SDKs, with a note saying so.
    let empty_home = scratch_dir("empty-home");
    let output = binary()
        .arg("dump")
        .env_clear()
        .env("HOME", &empty_home)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout_json(&output),
        serde_json::json!({"profiles": {}, "sso_sessions": {}, "services": {}})
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("does not exist"));
}

#[test]
fn a_named_file_that_cannot_be_read_is_an_io_error() {
    let dir = scratch_dir("missing");
    let output = binary()
        .arg("dump")
        .arg("--config")
        .arg(dir.join("nope"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read config file"));
    assert!(output.stdout.is_empty());
}

#[test]
fn invalid_utf8_makes_the_sdk_ignore_the_file() {
    let dir = scratch_dir("utf8");
    let config = write(&dir, "config", b"[profile a]\nregion = eu\xff-west-1\n");
    let credentials = write(&dir, "credentials", "[b]\nregion = us-east-1\n");
    let output = binary()
        .arg("dump")
        .arg("--config")
        .arg(&config)
        .arg("--credentials")
        .arg(&credentials)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let json = stdout_json(&output);
    assert_eq!(
        json["profiles"],
        serde_json::json!({"b": {"region": "us-east-1"}})
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("not valid UTF-8 (first invalid byte at 2:12)"),
        "{stderr}"
    );
}

#[test]
fn a_refused_file_names_the_line_and_the_sdk_reason() {
    let dir = scratch_dir("refused");
    let config = write(&dir, "config", "\u{feff}[default]\nregion = us-east-1\n");
    let output = binary()
        .arg("dump")
        .arg("--config")
        .arg(&config)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("on line 1:\n  Expected a profile definition"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let output = binary().arg("dump").arg("--bogus").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}
