//! The catalogue's claims about how the AWS SDKs read a setting's value, against the AWS SDK
//! for Rust itself: aws-config loads a config whose profile sets `key = value` for each listed
//! value of each setting with a fixed set of values that it reads, the same value in upper and
//! lower case, and a word that is none of them; what it then uses must be what the catalogue
//! says (`knowledge::EnumCase`: `Insensitive` and `InsensitiveInSdksOnly` mean any case is
//! read, `Sensitive` that only the listed spelling is), and a value it lists as refused by the
//! SDK for Rust (`Setting::refused_by_rust_sdk`) is not read. botocore's side is
//! `tests/readers/catalogue.rs`.
//!
//! Nothing is sent: loading a config and building a credentials provider make no request,
//! and the HTTP client fails any at once.

#[path = "support/offline.rs"]
mod offline;

use aws_config::provider_config::ProviderConfig;
use aws_config::retry::RetryConfig;
use aws_config::BehaviorVersion;
use aws_config_lsp_core::knowledge::{self, EnumCase, ValueKind};
use aws_credential_types::provider::ProvideCredentials;
use aws_smithy_types::error::display::DisplayErrorContext;
use offline::Recorder;

/// The settings aws-config reads, and how to see what it made of the value.
const PROBED: &[&str] = &[
    "account_id_endpoint_mode",
    "credential_source",
    "request_checksum_calculation",
    "response_checksum_validation",
    "retry_mode",
];

/// The booleans aws-config reads into its `SdkConfig`.
const BOOLEANS: &[&str] = &[
    "disable_request_compression",
    "use_dualstack_endpoint",
    "use_fips_endpoint",
];

/// `WhenSupported` -> `when_supported`.
fn snake(debug: String) -> String {
    let mut out = String::new();
    for (i, c) in debug.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// What aws-config uses for `key` when the profile says `key = value` (`None`: the line is
/// absent): `Ok(Some(value))`, the value it uses; `Ok(None)`, none; `Err`, it refuses (panics
/// or fails).
async fn sdk_reading(key: &str, value: Option<&str>) -> Result<Option<String>, String> {
    let line = value.map(|v| format!("{key} = {v}\n")).unwrap_or_default();
    if key == "credential_source" {
        let config = format!("[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\n{line}");
        let provider_config = ProviderConfig::without_region()
            .with_http_client(Recorder::default())
            .with_retry_config(RetryConfig::disabled());
        let provider = offline::profile_provider(&provider_config, config, "p");
        // A source it knows is used (and finds no credentials here, or fails offline); one it
        // does not know is refused by name.
        return match provider.provide_credentials().await {
            Err(e) if format!("{}", DisplayErrorContext(&e)).contains("not supported") => {
                Err(format!("{}", DisplayErrorContext(&e)))
            }
            _ => Ok(value.map(str::to_string)),
        };
    }
    let config = format!("[default]\nregion = us-east-1\n{line}");
    let key = key.to_string();
    // aws-config panics on a retry mode it does not know: a task of its own catches it.
    let loaded = tokio::spawn(async move {
        let sdk = aws_config::defaults(BehaviorVersion::latest())
            .http_client(Recorder::default())
            .profile_files(offline::config_files(config))
            .load()
            .await;
        match key.as_str() {
            "account_id_endpoint_mode" => sdk
                .account_id_endpoint_mode()
                .map(|v| snake(format!("{v:?}"))),
            "request_checksum_calculation" => sdk
                .request_checksum_calculation()
                .map(|v| snake(format!("{v:?}"))),
            "response_checksum_validation" => sdk
                .response_checksum_validation()
                .map(|v| snake(format!("{v:?}"))),
            "retry_mode" => sdk.retry_config().map(|r| snake(format!("{:?}", r.mode()))),
            "max_attempts" => sdk.retry_config().map(|r| r.max_attempts().to_string()),
            "use_fips_endpoint" => sdk.use_fips().map(|b| b.to_string()),
            "use_dualstack_endpoint" => sdk.use_dual_stack().map(|b| b.to_string()),
            "disable_request_compression" => {
                sdk.disable_request_compression().map(|b| b.to_string())
            }
            other => panic!("no probe for {other}"),
        }
    })
    .await;
    loaded.map_err(|e| format!("aws-config panicked: {e}"))
}

/// The environment variables that would override the profile's values.
const OVERRIDES: &[&str] = &[
    "AWS_ACCOUNT_ID_ENDPOINT_MODE",
    "AWS_REQUEST_CHECKSUM_CALCULATION",
    "AWS_RESPONSE_CHECKSUM_VALIDATION",
    "AWS_RETRY_MODE",
    "AWS_MAX_ATTEMPTS",
    "AWS_PROFILE",
    "AWS_CONFIG_FILE",
    "AWS_USE_FIPS_ENDPOINT",
    "AWS_USE_DUALSTACK_ENDPOINT",
    "AWS_DISABLE_REQUEST_COMPRESSION",
];

#[tokio::test]
async fn the_sdk_for_rust_takes_the_values_and_cases_the_catalogue_says_it_takes() {
    // One test in this binary: nothing else reads the environment meanwhile.
    for name in OVERRIDES {
        std::env::remove_var(name);
    }
    // aws-config's panics are expected answers here; their messages would only be noise.
    std::panic::set_hook(Box::new(|_| {}));
    let mut problems = Vec::new();
    let mut checked = 0;
    for key in PROBED {
        let setting = knowledge::setting(key).expect("a catalogued setting");
        let ValueKind::Enum { values, case } = setting.kind else {
            panic!("{key} has no fixed set of values");
        };
        let absent = sdk_reading(key, None).await;
        let mut cases: Vec<(String, Option<&str>)> = Vec::new();
        for value in values {
            // A value the catalogue says the SDK for Rust refuses is not read, in any case.
            let refused = setting.refused_by_rust_sdk.contains(value);
            cases.push((value.to_string(), (!refused).then_some(*value)));
            for other in [value.to_uppercase(), value.to_lowercase()] {
                if other != *value && !cases.iter().any(|(v, _)| *v == other) {
                    // Every case the catalogue allows in the SDKs is read as the value.
                    let expected = (case != EnumCase::Sensitive && !refused).then_some(*value);
                    cases.push((other, expected));
                }
            }
        }
        cases.push(("not-a-value".to_string(), None));
        for (written, expected) in &cases {
            checked += 1;
            let reading = sdk_reading(key, Some(written)).await;
            // A panic only where the catalogue says so (`Setting::rust_sdk_panics`).
            if reading.as_ref().is_err_and(|e| e.contains("panicked")) && !setting.rust_sdk_panics {
                problems.push(format!(
                    "`{key} = {written}`: aws-config panics: {reading:?}"
                ));
            }
            // A value it drops, falling back to what it uses without the line, is not read.
            let read_as = match &reading {
                Ok(Some(v))
                    if absent == Ok(Some(v.clone())) && !v.eq_ignore_ascii_case(written) =>
                {
                    None
                }
                Ok(v) => v.clone(),
                Err(_) => None,
            };
            let ok = match expected {
                Some(value) => read_as
                    .as_deref()
                    .is_some_and(|r| r.eq_ignore_ascii_case(value)),
                None => read_as
                    .as_deref()
                    .is_none_or(|r| !values.iter().any(|v| v.eq_ignore_ascii_case(r))),
            };
            if !ok {
                problems.push(format!(
                    "`{key} = {written}`: the catalogue says the SDKs read it as {expected:?}; aws-config: {reading:?}"
                ));
            }
        }
    }
    // Booleans: `true` and `false` in any case; the SDK for Rust ignores anything else (the
    // message of `invalid-value` says so).
    for key in BOOLEANS {
        let setting = knowledge::setting(key).expect("a catalogued setting");
        assert_eq!(setting.kind, ValueKind::Bool, "{key}");
        let absent = sdk_reading(key, None).await;
        for written in ["true", "false", "TRUE", "False", "yes", "no", "1", "on"] {
            checked += 1;
            let expected = match knowledge::shapes::parse_bool(written) {
                Some(b) => Ok(Some(b.to_string())),
                None => absent.clone(),
            };
            let reading = sdk_reading(key, Some(written)).await;
            if reading != expected {
                problems.push(format!(
                    "`{key} = {written}`: the catalogue says the SDK for Rust reads {expected:?}; aws-config: {reading:?}"
                ));
            }
        }
    }
    // Where the catalogue says aws-config panics on a value of the wrong kind, it does; and
    // `max_attempts` below its minimum.
    for setting in knowledge::settings().filter(|s| s.rust_sdk_panics) {
        let key = setting.name;
        let mut wrong = vec!["not-a-value".to_string()];
        if let ValueKind::Integer { min: Some(min), .. } = setting.kind {
            wrong.push((min - 1).to_string());
        }
        for written in &wrong {
            checked += 1;
            let reading = sdk_reading(key, Some(written)).await;
            if !reading.as_ref().is_err_and(|e| e.contains("panicked")) {
                problems.push(format!(
                    "`{key} = {written}`: the catalogue says aws-config panics; it read {reading:?}"
                ));
            }
        }
    }
    let _ = std::panic::take_hook();
    assert!(
        problems.is_empty(),
        "aws-config reads these values otherwise than the catalogue says:\n  {}",
        problems.join("\n  ")
    );
    eprintln!(
        "aws-config read {checked} values of {} settings as the catalogue says",
        PROBED
            .iter()
            .chain(BOOLEANS)
            .copied()
            .chain(
                knowledge::settings()
                    .filter(|s| s.rust_sdk_panics)
                    .map(|s| s.name)
            )
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    );
}
