//! No fix, safe or not, makes a file that the SDKs load into one they refuse: every fix of
//! every finding on the fixtures, the AWS SDK parser vectors and the peer cases of
//! `../shared/conformance/` is applied alone and the result parsed again.

use aws_config_lsp_core::lint::{self, LintContext, LintOptions};
use aws_config_lsp_core::{FileKind, Input, Model};
use std::path::{Path, PathBuf};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

fn check_case(name: &str, config: &str, credentials: &str, failures: &mut Vec<String>) {
    let texts = [config.to_string(), credentials.to_string()];
    let model = Model::build(&[Input::config(config), Input::credentials(credentials)]);
    if model.load_error().is_some() {
        return;
    }
    let diagnostics = lint::check(
        &LintContext::new(&model, vec![config, credentials]),
        &LintOptions::default(),
    );
    for d in &diagnostics {
        for fix in &d.fixes {
            let mut fixed = texts.clone();
            for (file, text) in fixed.iter_mut().enumerate() {
                let edits: Vec<_> = fix.edits.iter().filter(|e| e.file == file).collect();
                *text = lint::fixes::apply(text, &edits);
            }
            let after = Model::build(&[
                Input::new(FileKind::Config, &fixed[0]),
                Input::credentials(&fixed[1]),
            ]);
            if let Some(error) = after.load_error() {
                failures.push(format!(
                    "{name}: `{}` fix {:?} makes the file unloadable ({})",
                    d.code.as_str(),
                    fix.title,
                    error.error.kind.sdk_message()
                ));
            }
        }
    }
}

#[test]
fn no_fix_makes_a_loadable_file_unloadable() {
    let mut failures = Vec::new();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    for (config, credentials) in [
        ("valid/config", "valid/credentials"),
        ("valid/config-crlf", "valid/credentials"),
        ("broken/config", "broken/credentials"),
    ] {
        let read = |p: &str| std::fs::read_to_string(fixtures.join(p)).unwrap();
        check_case(config, &read(config), &read(credentials), &mut failures);
    }
    // Issue 13, item 8.
    check_case(
        "non-breaking space as the whole value, continued",
        "[default]\nregion = us-east-1\ncli_pager = \u{a0}\n  less\n",
        "",
        &mut failures,
    );
    let vectors = shared().join("conformance/aws-sdk/profile-parser-tests.json");
    match std::fs::read_to_string(&vectors) {
        Ok(text) => {
            let suite: serde_json::Value = serde_json::from_str(&text).unwrap();
            for case in suite["tests"].as_array().unwrap() {
                check_case(
                    case["name"].as_str().unwrap(),
                    case["input"]["configFile"].as_str().unwrap_or(""),
                    case["input"]["credentialsFile"].as_str().unwrap_or(""),
                    &mut failures,
                );
            }
        }
        Err(_) => eprintln!(
            "SKIPPED: the AWS SDK test vectors are not at {} (../shared is absent)",
            vectors.display()
        ),
    }
    let peers = shared().join("conformance/peers");
    match std::fs::read_dir(&peers) {
        Ok(suites) => {
            for suite in suites.flatten().filter(|s| s.path().is_dir()) {
                for case in std::fs::read_dir(suite.path()).unwrap().flatten() {
                    let dir = case.path();
                    let read = |name: &str| {
                        std::fs::read(dir.join(name))
                            .map(|b| String::from_utf8_lossy(&b).into_owned())
                            .unwrap_or_default()
                    };
                    check_case(
                        &dir.display().to_string(),
                        &read("config"),
                        &read("credentials"),
                        &mut failures,
                    );
                }
            }
        }
        Err(_) => eprintln!(
            "SKIPPED: the peer cases are not at {} (../shared is absent)",
            peers.display()
        ),
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
