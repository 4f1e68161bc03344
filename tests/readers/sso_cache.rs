//! The SSO token cache as botocore uses it: botocore's own token provider and legacy
//! credential fetcher (`tests/botocore/sso_cache.py`) read the cases of
//! `tests/support/sso_scenarios.rs` (fixed, and seeded generated ones), and what they do (a
//! token, renewed or not; an expired login; a refusal) must be what the model
//! (`machine::sso_cache`, the AWS CLI's reading) says.

use super::botocore::python;
use super::{generator, sso_scenarios};
use aws_config_lsp_core::machine::LoginKey;
use serde_json::Value;
use std::path::Path;

/// What botocore does with each SSO token cache case: `{"result", "renewed", "error"}`.
fn botocore_logins(root: &Path, scenarios: &[sso_scenarios::Scenario]) -> Vec<Value> {
    let mut requests = Vec::new();
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
        requests.push(serde_json::json!({
            "dir": dir,
            "session": scenario.session.then_some(session),
            "start_url": start_url,
            "now": scenario.now,
        }));
    }
    super::cases::ask_script(&python(), "tests/botocore/sso_cache.py", requests)
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
