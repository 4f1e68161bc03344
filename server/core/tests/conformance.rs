//! The AWS SDKs' shared test vectors, read from `../shared/conformance/aws-sdk/` at test time
//! (or under `AWS_CONFIG_LSP_CONFORMANCE`, see `tests/support/conformance.rs`): every parser
//! case through the model, every assume-role case through chain resolution, and every
//! file-location case through path resolution. Without the vectors these tests say so and
//! skip; with the variable set, a missing vector file fails them.

#[path = "../../../tests/support/conformance.rs"]
mod conformance;

use aws_config_lsp_core::chain::{resolve_chain, BaseProvider, ProfileChain};
use aws_config_lsp_core::location::{locate, Platform};
use aws_config_lsp_core::model::{Input, Model, ProfileSet};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// One file of the AWS SDKs' vectors, or `None` (the test skips) when they are not here.
fn vectors(name: &str) -> Option<Value> {
    let path = conformance::suite("aws-sdk")?.join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the AWS SDK conformance vectors must be at {}: {e}",
            path.display()
        )
    });
    Some(serde_json::from_str(&text).expect("vectors are JSON"))
}

fn profiles_json(set: &ProfileSet) -> (Value, Value) {
    let profiles: BTreeMap<_, _> = set
        .profiles
        .iter()
        .map(|(k, p)| (k.as_str(), p.to_map()))
        .collect();
    let sessions: BTreeMap<_, _> = set
        .sso_sessions
        .iter()
        .map(|(k, p)| (k.as_str(), p.to_map()))
        .collect();
    (json!(profiles), json!(sessions))
}

/// The files of a parser test case, config first.
fn inputs_of(case: &Value) -> Vec<Input<'_>> {
    let mut inputs = Vec::new();
    if let Some(text) = case["input"]["configFile"].as_str() {
        inputs.push(Input::config(text));
    }
    if let Some(text) = case["input"]["credentialsFile"].as_str() {
        inputs.push(Input::credentials(text));
    }
    inputs
}

#[test]
fn profile_parser_vectors() {
    let Some(suite) = vectors("profile-parser-tests.json") else {
        return;
    };
    let cases = suite["tests"].as_array().expect("tests");
    assert_eq!(cases.len(), 65, "the suite has 65 cases");
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let inputs = inputs_of(case);
        let model = Model::build(&inputs);
        let output = &case["output"];
        if let Some(expected) = output["errorContaining"].as_str() {
            match model.load_error() {
                Some(error) if error.error.kind.sdk_message().contains(expected) => {}
                other => failures.push(format!(
                    "{name}: expected error {expected:?}, got {other:?}"
                )),
            }
            continue;
        }
        if let Some(error) = model.load_error() {
            failures.push(format!("{name}: unexpected error {error:?}"));
            continue;
        }
        let (profiles, sessions) = profiles_json(&model.profiles);
        if profiles != output["config"]["profiles"] {
            failures.push(format!(
                "{name}: profiles {profiles} != {}",
                output["config"]["profiles"]
            ));
        }
        if let Some(expected) = output["config"].get("sso_sessions") {
            if &sessions != expected {
                failures.push(format!("{name}: sso_sessions {sessions} != {expected}"));
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

fn string_maps(value: &Value) -> Vec<(&str, Vec<(&str, &str)>)> {
    value
        .as_object()
        .map(|o| {
            o.iter()
                .map(|(name, props)| {
                    let props = props
                        .as_object()
                        .unwrap()
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str().unwrap()))
                        .collect();
                    (name.as_str(), props)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The chain in the vectors' shape: optional fields appear only when set.
fn chain_json(chain: &ProfileChain<'_>) -> Value {
    fn object(fields: &[(&str, Option<&str>)]) -> Value {
        let map: Map<String, Value> = fields
            .iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_string(), json!(v))))
            .collect();
        Value::Object(map)
    }
    let base = match &chain.base {
        BaseProvider::NamedSource { name, .. } => json!({ "NamedSource": name }),
        BaseProvider::AccessKey {
            access_key_id,
            secret_access_key,
            session_token,
            account_id,
            ..
        } => json!({
            "AccessKey": object(&[
                ("access_key_id", Some(access_key_id)),
                ("secret_access_key", Some(secret_access_key)),
                ("session_token", *session_token),
                ("account_id", *account_id),
            ])
        }),
        BaseProvider::WebIdentityToken {
            role_arn,
            web_identity_token_file,
            role_session_name,
            ..
        } => json!({
            "WebIdentityToken": object(&[
                ("role_arn", Some(role_arn)),
                ("web_identity_token_file", Some(web_identity_token_file)),
                ("role_session_name", *role_session_name),
            ])
        }),
        BaseProvider::Sso {
            sso_session,
            sso_region,
            sso_start_url,
            sso_account_id,
            sso_role_name,
            ..
        } => json!({
            "Sso": object(&[
                ("sso_session", *sso_session),
                ("sso_region", Some(sso_region)),
                ("sso_start_url", Some(sso_start_url)),
                ("sso_account_id", *sso_account_id),
                ("sso_role_name", *sso_role_name),
            ])
        }),
        BaseProvider::LoginSession { login_session, .. } => {
            json!({ "LoginSession": login_session })
        }
        BaseProvider::CredentialProcess { command, .. } => json!({ "CredentialProcess": command }),
    };
    let mut out = vec![base];
    for role in &chain.roles {
        out.push(json!({
            "AssumeRole": object(&[
                ("role_arn", Some(role.role_arn)),
                ("external_id", role.external_id),
                ("role_session_name", role.role_session_name),
            ])
        }));
    }
    Value::Array(out)
}

#[test]
fn assume_role_vectors() {
    let Some(suite) = vectors("assume-role-tests.json") else {
        return;
    };
    let cases = suite.as_array().expect("a list of cases");
    assert_eq!(cases.len(), 28, "the suite has 28 cases");
    let mut failures = Vec::new();
    for case in cases {
        let docs = case["docs"].as_str().unwrap();
        let input = &case["input"];
        let set = ProfileSet::from_maps(
            string_maps(&input["profiles"]),
            string_maps(&input["sso_sessions"]),
        );
        let selected = input["selected_profile"].as_str().unwrap();
        let result = resolve_chain(&set, selected);
        match (
            &case["output"]["ProfileChain"],
            case["output"]["Error"].as_str(),
            result,
        ) {
            (expected @ Value::Array(_), None, Ok(chain)) => {
                let actual = chain_json(&chain);
                if &actual != expected {
                    failures.push(format!("{docs}: chain {actual} != {expected}"));
                }
            }
            (_, Some(expected), Err(error)) => {
                if !error.to_string().contains(expected) {
                    failures.push(format!(
                        "{docs}: error {error:?} does not contain {expected:?}"
                    ));
                }
            }
            (_, _, result) => failures.push(format!("{docs}: unexpected {result:?}")),
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
fn file_location_vectors() {
    let Some(suite) = vectors("file-location-tests.json") else {
        return;
    };
    let cases = suite["tests"].as_array().expect("tests");
    assert_eq!(cases.len(), 9, "the suite has 9 cases");
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let env: BTreeMap<String, String> =
            serde_json::from_value(case["environment"].clone()).unwrap();
        let platform = match case["platform"].as_str() {
            Some("windows") => Platform::Windows,
            _ => Platform::Unix,
        };
        let found = locate(|var| env.get(var).cloned(), platform);
        assert_eq!(
            found.config,
            case["configLocation"].as_str().unwrap(),
            "{name}"
        );
        assert_eq!(
            found.credentials,
            case["credentialsLocation"].as_str().unwrap(),
            "{name}"
        );
        if let Some(profile) = case["profile"].as_str() {
            assert_eq!(found.profile, profile, "{name}");
        }
    }
}

/// The AWS CLI's view of `inputs` without where each value comes from: the error class, or
/// every profile, sso-session and services section with its values.
#[allow(clippy::type_complexity)]
fn cli_view(inputs: &[Input<'_>]) -> Result<Vec<(String, Vec<(String, String)>)>, &'static str> {
    use aws_config_lsp_core::views::botocore::{CliInput, CliValue, CliView};
    let view = CliView::build(
        &inputs
            .iter()
            .map(|i| CliInput {
                kind: i.kind,
                text: i.text,
                invalid_utf8: None,
            })
            .collect::<Vec<_>>(),
    );
    if let Some((_, error)) = &view.error {
        return Err(error.class);
    }
    let texts: Vec<&str> = inputs.iter().map(|i| i.text).collect();
    let merged = view.profiles(&texts);
    let sections = [&merged.profiles, &merged.sso_sessions, &merged.services];
    Ok(sections
        .iter()
        .flat_map(|map| map.iter())
        .map(|(name, section)| {
            let values = section
                .values
                .iter()
                .map(|(key, value, _)| {
                    let value = match value {
                        CliValue::Text(text) => text.clone(),
                        CliValue::Nested(pairs) => format!("{pairs:?}"),
                    };
                    (key.clone(), value)
                })
                .collect();
            (name.clone(), values)
        })
        .collect())
}

/// Formats every file of `inputs` and checks that the SDK view (profiles, sso-sessions,
/// services, the error the SDKs stop at) and the AWS CLI's divergences stay the same, and that
/// formatting again changes nothing.
fn check_formatting_keeps_meaning(name: &str, inputs: &[Input<'_>], failures: &mut Vec<String>) {
    use aws_config_lsp_core::ide::{apply_edits, format, Files};
    use aws_config_lsp_core::views::compare::{Reading, SectionReading};
    let model = Model::build(inputs);
    let texts: Vec<&str> = inputs.iter().map(|i| i.text).collect();
    let files = Files {
        model: &model,
        texts: &texts,
    };
    let formatted: Vec<String> = (0..inputs.len())
        .map(|file| apply_edits(texts[file], &format(files, file)))
        .collect();
    let formatted_inputs: Vec<Input> = inputs
        .iter()
        .zip(&formatted)
        .map(|(input, text)| Input::new(input.kind, text))
        .collect();
    let after = Model::build(&formatted_inputs);
    if after.profiles != model.profiles {
        failures.push(format!("{name}: formatting changed the profiles"));
    }
    let error_kind = |m: &Model| m.load_error().map(|e| e.error.kind);
    if error_kind(&after) != error_kind(&model) {
        failures.push(format!("{name}: formatting changed the SDK error"));
    }
    if cli_view(&formatted_inputs) != cli_view(inputs) {
        failures.push(format!("{name}: formatting changed what the AWS CLI reads"));
    }
    // Where a replacing section starts moves with the formatting: not part of the reading.
    let unplaced = |r: &Reading| -> Reading {
        match r {
            Reading::Section(SectionReading::Replaced { name, lost, .. }) => {
                Reading::Section(SectionReading::Replaced {
                    name: name.clone(),
                    by: 0,
                    lost: lost.clone(),
                })
            }
            other => other.clone(),
        }
    };
    let readings = |m: &Model| -> Vec<_> {
        m.divergences
            .iter()
            .map(|d| (d.file, unplaced(&d.sdk), unplaced(&d.cli)))
            .collect()
    };
    if readings(&after) != readings(&model) {
        failures.push(format!(
            "{name}: formatting changed what the SDKs and the AWS CLI read differently"
        ));
    }
    let again_texts: Vec<&str> = formatted.iter().map(String::as_str).collect();
    let again = Files {
        model: &after,
        texts: &again_texts,
    };
    for file in 0..inputs.len() {
        if !format(again, file).is_empty() {
            failures.push(format!(
                "{name}: formatting is not idempotent (file {file})"
            ));
        }
    }
}

#[test]
fn formatting_keeps_the_meaning_of_every_parser_vector_and_fixture() {
    let mut failures = Vec::new();
    // Without the vectors, the fixtures below are still checked.
    let suite = vectors("profile-parser-tests.json").unwrap_or_default();
    for case in suite["tests"].as_array().into_iter().flatten() {
        let name = case["name"].as_str().unwrap();
        let inputs = inputs_of(case);
        check_formatting_keeps_meaning(name, &inputs, &mut failures);
    }
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    for dir in ["valid", "broken"] {
        let read = |name: &str| std::fs::read_to_string(fixtures.join(dir).join(name)).unwrap();
        let (config, credentials) = (read("config"), read("credentials"));
        let inputs = [Input::config(&config), Input::credentials(&credentials)];
        check_formatting_keeps_meaning(dir, &inputs, &mut failures);
    }
    let crlf = std::fs::read_to_string(fixtures.join("valid/config-crlf")).unwrap();
    check_formatting_keeps_meaning("config-crlf", &[Input::config(&crlf)], &mut failures);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
