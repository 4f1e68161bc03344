//! The AWS SDK for JavaScript v3's loader from npm (`@smithy/shared-ini-file-loader`), against
//! `dump --view js`.

use super::botocore::READING_CODES;
use super::cases::{check_reports, json, run, sdk_view, workspace_root, Case, Outcome};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The folder with the modelled loader: AWS_CONFIG_LSP_JS_READER, or the one of
/// tests/js/setup.sh (which this runs when it is missing, once for all the tests).
fn reader_dir() -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        if let Some(dir) = std::env::var_os("AWS_CONFIG_LSP_JS_READER") {
            return PathBuf::from(dir);
        }
        let dir = workspace_root().join("target/js-reader");
        let installed = |dir: &Path| {
            dir.join("node_modules/@smithy/shared-ini-file-loader/package.json")
                .is_file()
        };
        if !installed(&dir) {
            let setup = Command::new("bash")
                .arg(workspace_root().join("tests/js/setup.sh"))
                .status();
            assert!(
                setup.is_ok_and(|s| s.success()) && installed(&dir),
                "@smithy/shared-ini-file-loader is not installed: run `bash tests/js/setup.sh` (it \
                 installs it from npm into target/js-reader), or set AWS_CONFIG_LSP_JS_READER"
            );
        }
        dir
    })
    .clone()
}

/// The JavaScript SDK's reading of every folder.
pub fn read(dirs: &[PathBuf]) -> Vec<Value> {
    let mut command = Command::new("node");
    command
        .arg(workspace_root().join("tests/js/read.mjs"))
        .arg(reader_dir());
    super::cases::ask(command, dirs)
}

/// The SDKs' view in the JavaScript SDK's shape: a block (`s3 =` then `key = value` lines) as
/// `s3.key` keys, a key with an empty value left out (the JavaScript SDK stores nothing for
/// `key =`), and so a section with no key left out (an empty section and none read alike).
fn sdk_as_js(dir: &Path) -> Value {
    let mut view = sdk_view(dir);
    if view.get("error").is_some() {
        return view;
    }
    for kind in ["profiles", "sso_sessions", "services"] {
        for (_, section) in view[kind].as_object_mut().unwrap().iter_mut() {
            let mut flat = serde_json::Map::new();
            for (key, value) in section.as_object().unwrap() {
                let text = value.as_str().unwrap_or("");
                if text.is_empty() {
                    continue;
                }
                if !text.starts_with('\n') {
                    flat.insert(key.clone(), value.clone());
                    continue;
                }
                for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                    let (k, v) = line.split_once('=').unwrap_or((line, ""));
                    if !v.trim().is_empty() {
                        flat.insert(
                            format!("{key}.{}", k.trim()),
                            Value::String(v.trim().to_string()),
                        );
                    }
                }
            }
            *section = Value::Object(flat);
        }
        // The JavaScript SDK makes a section when a key is set: an empty one is not there.
        view[kind]
            .as_object_mut()
            .unwrap()
            .retain(|_, section| section.as_object().is_some_and(|s| !s.is_empty()));
    }
    view
}

/// One case: `dump --view js` against the npm loader, and where the SDKs read it otherwise,
/// whether `check` says so.
pub fn one_case(case: &Case, dir: &Path, theirs: &Value) -> Outcome {
    let ours = json(
        &run(dir, &["dump", "--view", "js", "--show-secrets"]),
        "dump --view js",
        dir,
    );
    let view_differs = (ours != *theirs)
        .then(|| case.show(&format!("javascript: {theirs}\n  ours:       {ours}")));
    let sdk = sdk_as_js(dir);
    // Where the SDKs refuse the files the JavaScript SDK reads them: that is a divergence too.
    let differs = sdk.get("error").is_some()
        || ["profiles", "sso_sessions", "services"]
            .iter()
            .any(|kind| sdk[kind] != theirs[kind]);
    let mut unreported = None;
    if differs {
        // A key with capitals that no tool reads is `unknown-key`'s (its rename fixes the case).
        let codes: Vec<&str> = READING_CODES
            .iter()
            .copied()
            .chain(["unknown-key"])
            .collect();
        let (reported, check) = check_reports(dir, &codes);
        if !reported {
            unreported = Some(case.show(&format!(
                "javascript: {theirs}\n  sdks:       {sdk}\n  check:      {check}"
            )));
        }
    }
    Outcome {
        view_differs,
        sdk_differs: differs,
        unreported,
        refused: false,
    }
}
