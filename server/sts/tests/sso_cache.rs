//! The SSO token cache against the AWS SDK for Rust itself: aws-config's own profile provider
//! (its SSO credentials provider and SSO token provider) reads the cases of
//! `tests/support/sso_scenarios.rs` from a temporary home, at each case's time, and what it
//! does (a token used, renewed first or not; an expired login refused; a cache file it cannot
//! load) must be what the model (`machine::sso_cache`, the SDK's reading) says.
//!
//! Nothing is sent: the HTTP client records each request's URL and fails it at once. A
//! renewal shows as a request to SSO OIDC (`CreateToken`), a token in use as one to the SSO
//! portal (`GetRoleCredentials`). One test in this binary: it sets `HOME`, which the SDK reads.

#[path = "support/offline.rs"]
mod offline;
#[path = "../../../tests/support/rng.rs"]
mod rng;
#[path = "../../../tests/support/sso_scenarios.rs"]
mod sso_scenarios;

use aws_config::provider_config::ProviderConfig;
use aws_config::retry::RetryConfig;
use aws_config_lsp_core::machine::sso_cache::{read, Kind, Outcome};
use aws_config_lsp_core::machine::LoginKey;
use aws_credential_types::provider::ProvideCredentials;
use aws_smithy_types::error::display::DisplayErrorContext;
use aws_types::sdk_config::TimeSource;
use offline::Recorder;
use sso_scenarios::Scenario;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Debug)]
struct At(i64);

impl TimeSource for At {
    fn now(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(self.0 as u64)
    }
}

/// What the SDK did: ("token" | "expired" | "refused", renewed first).
async fn sdk_login(index: usize, scenario: &Scenario) -> (String, bool, String) {
    let (session, start_url) = (
        format!("session-{index}"),
        format!("https://d-{index:010}.awsapps.com/start"),
    );
    let config = if scenario.session {
        format!(
            "[profile p]\nsso_session = {session}\nsso_account_id = 123456789012\nsso_role_name = Dev\n\n\
             [sso-session {session}]\nsso_start_url = {start_url}\nsso_region = us-east-1\n"
        )
    } else {
        format!(
            "[profile p]\nsso_start_url = {start_url}\nsso_region = us-east-1\n\
             sso_account_id = 123456789012\nsso_role_name = Dev\n"
        )
    };
    let recorder = Recorder::default();
    let provider_config = ProviderConfig::without_region()
        .with_http_client(recorder.clone())
        .with_time_source(At(scenario.now))
        .with_retry_config(RetryConfig::disabled());
    let provider = offline::profile_provider(&provider_config, config, "p");
    let result = provider.provide_credentials().await;
    let requests = recorder.0.lock().unwrap().clone();
    let renewed = requests.iter().any(|u| u.contains("oidc."));
    let used = requests.iter().any(|u| u.contains("portal.sso."));
    let error = match &result {
        Ok(_) => String::new(),
        Err(e) => format!("{}", DisplayErrorContext(e)),
    };
    let outcome = if used {
        "token"
    } else if error.contains("has expired and cannot be refreshed") {
        "expired"
    } else {
        "refused"
    };
    (outcome.to_string(), renewed, error)
}

/// What the model says the SDK does. A legacy profile's token is sent as it is, expired or
/// not (the SSO portal refuses an expired one).
fn modelled(scenario: &Scenario) -> (&'static str, bool) {
    let Some(bytes) = &scenario.file else {
        return ("refused", false);
    };
    let kind = if scenario.session {
        Kind::Session
    } else {
        Kind::Legacy
    };
    match read(bytes).sdk_outcome(kind, scenario.now) {
        Outcome::Valid { renews, .. } => ("token", renews),
        Outcome::Renews { .. } => ("token", true),
        Outcome::Expired { .. } if kind == Kind::Legacy => ("token", false),
        Outcome::Expired { .. } => ("expired", false),
        Outcome::Refused(_) => ("refused", false),
        Outcome::Unknown => unreachable!("the SDK's reading is always known"),
    }
}

async fn compare(label: &str, home: &std::path::Path, scenarios: &[Scenario]) {
    let cache = home.join(".aws/sso/cache");
    std::fs::create_dir_all(&cache).unwrap();
    let mut disagree = Vec::new();
    for (index, scenario) in scenarios.iter().enumerate() {
        let key = if scenario.session {
            LoginKey::Session(format!("session-{index}"))
        } else {
            LoginKey::StartUrl(format!("https://d-{index:010}.awsapps.com/start"))
        };
        let path = cache.join(key.file_name());
        let _ = std::fs::remove_file(&path);
        if let Some(bytes) = &scenario.file {
            std::fs::write(&path, bytes).unwrap();
        }
        let (result, renewed) = modelled(scenario);
        let (sdk_result, sdk_renewed, error) = sdk_login(index, scenario).await;
        if result != sdk_result || (result == "token" && renewed != sdk_renewed) {
            disagree.push(format!(
                "{} ({}, now {}): model {result} renewed={renewed}; SDK {sdk_result} renewed={sdk_renewed} ({error})\n  file: {}",
                scenario.name,
                if scenario.session { "session" } else { "legacy" },
                scenario.now,
                scenario
                    .file
                    .as_ref()
                    .map_or("(none)".into(), |f| String::from_utf8_lossy(f).into_owned())
            ));
        }
    }
    eprintln!("{label}: {} SSO cache cases", scenarios.len());
    assert!(
        disagree.is_empty(),
        "{label}: the model and the AWS SDK for Rust disagree on {} of {} cases:\n{}",
        disagree.len(),
        scenarios.len(),
        disagree.join("\n")
    );
}

#[tokio::test]
async fn sso_logins_as_the_sdk_for_rust_uses_them() {
    let home = std::env::temp_dir().join(format!("aws-config-lsp-sso-sdk-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(&home).unwrap();
    // The SDK finds the cache under HOME; this binary has no other test.
    std::env::set_var("HOME", &home);
    compare("fixed", &home, &sso_scenarios::fixed()).await;
    let seed = std::env::var("AWS_CONFIG_LSP_DIFF_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    eprintln!("seed: AWS_CONFIG_LSP_DIFF_SEED={seed}");
    compare("generated", &home, &sso_scenarios::generated(seed, 500)).await;
    let _ = std::fs::remove_dir_all(&home);
}
