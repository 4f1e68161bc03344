//! Every case through `aws-config-lsp validate`, and `doctor` on a broken profile.

use crate::fixtures::{self, Dir, EXAMPLE_SECRET};
use serde_json::Value;
use std::process::{Command, Output};

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_aws-config-lsp")
}

/// Runs the binary with a clean environment (HOME in `dir`).
fn run(dir: &Dir, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(binary());
    command
        .env_clear()
        .env("HOME", &dir.0)
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .args(args);
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().expect("run aws-config-lsp")
}

fn no_secret(output: &Output, secrets: &[&str]) {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    for secret in secrets {
        assert!(
            !stdout.contains(secret) && !stderr.contains(secret),
            "a secret was printed:\n{stdout}\n{stderr}"
        );
    }
}

#[test]
fn validate_gives_every_case_its_code_message_and_exit_status() {
    let files = fixtures::files();
    let moto = fixtures::moto();
    let dir = Dir::new("cli", &files);
    for case in &files.cases {
        let timeout = case.timeout.map(|t| t.to_string());
        let mut args = vec!["validate", "--profile", case.profile, "--format", "json"];
        if let Some(t) = &timeout {
            args.extend(["--timeout", t]);
        }
        let output = run(&dir, &args, &[]);
        no_secret(
            &output,
            &[EXAMPLE_SECRET, &moto.secret, &moto.deleted_secret],
        );
        let json: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "{}: not JSON ({e}): {}\n{}",
                case.profile,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            )
        });
        let code = json["error"]["code"].as_str().unwrap_or("valid");
        assert_eq!(code, case.code, "{}: {json:#}", case.profile);
        let message = json["message"].as_str().unwrap();
        assert!(
            message.contains(&case.says),
            "{}: expected {:?} in:\n{message}",
            case.profile,
            case.says
        );
        let expected_status = match case.code {
            "valid" => 0,
            "sts-unreachable" | "sts-timeout" => 2,
            _ => 1,
        };
        assert_eq!(
            output.status.code(),
            Some(expected_status),
            "{}: {json:#}",
            case.profile
        );
        if let Some(key) = case.at_key {
            assert_eq!(
                json["error"]["at"]["key"], key,
                "{}: {json:#}",
                case.profile
            );
        }
        if case.code == "valid" || case.code.starts_with("sts-invalid") {
            // Every answer reports the clock offset; moto's clock is this machine's.
            let offset = json["clock_offset_seconds"].as_i64().unwrap();
            assert!(offset.abs() < 300, "{json:#}");
            assert_eq!(json["clock_skewed"], false);
        }
    }
}

#[test]
fn validate_prints_a_human_verdict_and_takes_the_profile_from_aws_profile() {
    let files = fixtures::files();
    let dir = Dir::new("human", &files);
    let output = run(&dir, &["validate"], &[("AWS_PROFILE", "dev")]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.starts_with("Profile 'dev': Valid: arn:aws:sts::123456789012:assumed-role/dev/"),
        "{stdout}"
    );
    assert!(stdout.contains("from AssumeRoleProvider"), "{stdout}");

    let skewed = run(&dir, &["validate", "--profile", "skewed"], &[]);
    let stdout = String::from_utf8_lossy(&skewed.stdout);
    assert_eq!(skewed.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("clock 20 min"), "{stdout}");

    let usage = run(&dir, &["validate", "--timeout", "0"], &[]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn doctor_walks_a_broken_profile_to_its_fix() {
    let files = fixtures::files();
    let moto = fixtures::moto();
    let dir = Dir::new("doctor", &files);
    let output = run(
        &dir,
        &["doctor"],
        &[
            ("AWS_PROFILE", "akia-with-token"),
            ("AWS_DEFAULT_PROFILE", "alice"),
        ],
    );
    no_secret(
        &output,
        &[EXAMPLE_SECRET, &moto.secret, "IQoJb3JpZ2luX2VjEXAMPLETOKEN"],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    for step in [
        "== Files the SDKs read",
        "== Environment",
        "== Profile 'akia-with-token' as the SDKs see it",
        "== Static findings for the profile and its chain",
        "== AWS STS (GetCallerIdentity)",
        "== What to do",
    ] {
        assert!(stdout.contains(step), "missing {step:?} in:\n{stdout}");
    }
    let config = dir.0.join(".aws/config");
    assert!(
        stdout.contains(&format!(
            "config file {} (the default location)",
            config.display()
        )),
        "{stdout}"
    );
    // AWS_PROFILE and AWS_DEFAULT_PROFILE pick different profiles in the SDKs and the CLI.
    assert!(
        stdout.contains(
            "the SDKs and the AWS CLI select different profiles ('akia-with-token' and 'alice')"
        ),
        "{stdout}"
    );
    // The effective settings with where each comes from, the token masked.
    assert!(
        stdout.contains("aws_session_token = ****************OKEN"),
        "{stdout}"
    );
    // The static rule and STS agree: the fix is to drop the token.
    assert!(stdout.contains("unexpected-session-token"), "{stdout}");
    assert!(
        stdout.contains("Fix: remove `aws_session_token` from profile 'akia-with-token'"),
        "{stdout}"
    );
    let fixes = stdout.split("== What to do").nth(1).unwrap();
    assert!(
        fixes.contains("remove `aws_session_token` from profile 'akia-with-token'"),
        "{fixes}"
    );

    let fine = run(&dir, &["doctor", "--profile", "alice"], &[]);
    let stdout = String::from_utf8_lossy(&fine.stdout);
    assert_eq!(fine.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("nothing: the profile works"), "{stdout}");
}

#[test]
fn endpoint_and_region_come_from_the_environment_as_the_sdk_reads_them() {
    let files = fixtures::files();
    let moto = fixtures::moto();
    let dir = Dir::new("endpoint", &files);
    // A profile with keys and no endpoint_url: the environment names moto.
    std::fs::write(
        dir.0.join(".aws/credentials"),
        format!(
            "[plain]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
            moto.key_id, moto.secret
        ),
    )
    .unwrap();
    std::fs::write(dir.0.join(".aws/config"), "[profile plain]\n").unwrap();
    let json = |output: Output| -> Value {
        serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&output.stdout)))
    };
    let args = ["validate", "--profile", "plain", "--format", "json"];
    for var in ["AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL"] {
        let out = json(run(&dir, &args, &[(var, &moto.endpoint)]));
        assert_eq!(out["valid"], true, "{var}: {out:#}");
        assert_eq!(out["endpoint"], moto.endpoint.as_str());
        assert_eq!(out["region"], "us-east-1", "no region set: us-east-1");
    }
    // The service-specific variable wins over the general one; AWS_REGION sets the region.
    let closed = fixtures::closed_port();
    let out = json(run(
        &dir,
        &args,
        &[
            ("AWS_ENDPOINT_URL", closed.as_str()),
            ("AWS_ENDPOINT_URL_STS", moto.endpoint.as_str()),
            ("AWS_REGION", "eu-west-3"),
        ],
    ));
    assert_eq!(out["valid"], true, "{out:#}");
    assert_eq!(out["region"], "eu-west-3");
    // The profile's endpoint_url counts too, below the environment.
    std::fs::write(
        dir.0.join(".aws/config"),
        format!("[profile plain]\nendpoint_url = {closed}\nregion = ap-south-1\n"),
    )
    .unwrap();
    let out = json(run(&dir, &args, &[]));
    assert_eq!(out["error"]["code"], "sts-unreachable", "{out:#}");
    assert_eq!(out["region"], "ap-south-1");
    let out = json(run(
        &dir,
        &args,
        &[("AWS_ENDPOINT_URL_STS", moto.endpoint.as_str())],
    ));
    assert_eq!(out["valid"], true, "{out:#}");
}

#[test]
fn a_valid_answer_from_a_skewed_clock_still_reports_the_offset() {
    let files = fixtures::files();
    let dir = Dir::new("skewed-success", &files);
    let endpoint = fixtures::responder(fixtures::Answer::SkewedSuccess);
    std::fs::write(
        dir.0.join(".aws/config"),
        format!("[default]\nendpoint_url = {endpoint}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.0.join(".aws/credentials"),
        format!(
            "[default]\naws_access_key_id = {}\naws_secret_access_key = {EXAMPLE_SECRET}\n",
            fixtures::EXAMPLE_KEY
        ),
    )
    .unwrap();
    let output = run(&dir, &["validate", "--format", "json"], &[]);
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{json:#}");
    assert_eq!(
        json["identity"]["arn"],
        "arn:aws:iam::123456789012:user/carol"
    );
    let offset = json["clock_offset_seconds"].as_i64().unwrap();
    assert!((1190..=1210).contains(&offset), "{json:#}");
    assert_eq!(json["clock_skewed"], true);
    let message = json["message"].as_str().unwrap();
    assert!(
        message.contains("Clock: this machine's clock is 20 min"),
        "{message}"
    );
}
