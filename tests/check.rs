//! `aws-config-lsp check` and `explain`, driven as a user or a CI job runs them: the real
//! binary on files on disk, asserting on exit codes and whole lines of output.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_aws-config-lsp"));
    // Tests must not depend on the developer's AWS_* variables.
    for (key, _) in std::env::vars() {
        if key.starts_with("AWS_") {
            command.env_remove(key);
        }
    }
    command.env("NO_COLOR", "1");
    // Nor on the developer's home (its SSO token cache): an empty one, unless a test sets its
    // own.
    let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join("check-empty-home");
    std::fs::create_dir_all(&home).unwrap();
    command.env("HOME", home);
    command.current_dir(repo());
    command
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn scratch_dir(label: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("check-{label}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

fn check_broken(format: &str) -> Output {
    binary()
        .args([
            "check",
            "--format",
            format,
            "--config",
            "fixtures/broken/config",
            "--credentials",
            "fixtures/broken/credentials",
        ])
        .output()
        .unwrap()
}

#[test]
fn human_output_points_at_the_line_with_a_caret() {
    let output = check_broken("human");
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    let expected = "\
fixtures/broken/config:3:20: warning[inline-comment]: The SDKs read `region` = `us-east-1`; the AWS CLI and boto3 read `region` = `us-east-1 # N. Virginia`. Put the comment on its own line.
  |
3 | region = us-east-1 # N. Virginia
  |                    ^^^^^^^^^^^^^
  = fix: Move the comment to its own line
";
    assert!(stdout.contains(expected), "{stdout}");
    assert!(
        stdout.contains("fixtures/broken/config:7:2: error[missing-profile-prefix]"),
        "{stdout}"
    );
    assert!(
        stdout.contains("fixtures/broken/credentials:5:2: error[profile-prefix-in-credentials]"),
        "{stdout}"
    );
    let summary = stdout.lines().last().unwrap();
    assert!(summary.ends_with(" in 2 files."), "{summary}");
    assert!(!stdout.contains(SECRET), "a secret leaked:\n{stdout}");
    assert!(
        !stdout.contains('\x1b'),
        "no colour when NO_COLOR is set or stdout is not a terminal"
    );
}

#[test]
fn secrets_are_masked_in_source_lines() {
    let output = check_broken("human");
    let (stdout, _) = text(&output);
    assert!(
        stdout.contains("aws_secret_access_key = ****************KEY\""),
        "{stdout}"
    );
}

#[test]
fn no_output_format_shows_a_secret_wherever_it_was_pasted() {
    let dir = scratch_dir("pasted");
    let credentials = dir.join("credentials");
    std::fs::write(
        &credentials,
        format!(
            "[a]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE,{SECRET}\n[b]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = {SECRET}x # old\naws_session_token = \"FAKE-SESSION-TOKEN-SECRET\"\n"
        ),
    )
    .unwrap();
    for format in ["human", "json", "sarif"] {
        let output = binary()
            .args(["check", "--format", format])
            .arg(&credentials)
            .output()
            .unwrap();
        let (stdout, stderr) = text(&output);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(
            !stdout.contains(SECRET),
            "{format} leaked the secret:\n{stdout}"
        );
        assert!(
            !stdout.contains("FAKE-SESSION-TOKEN"),
            "{format} leaked the token:\n{stdout}"
        );
    }
    let dump = binary()
        .args(["dump", "--credentials"])
        .arg(&credentials)
        .output()
        .unwrap();
    let (stdout, _) = text(&dump);
    assert!(
        !stdout.contains(SECRET) && !stdout.contains("FAKE-SESSION-TOKEN"),
        "{stdout}"
    );
    assert!(
        stdout.contains("AKIAIOSFODNN7EXAMPLE****************"),
        "{stdout}"
    );
}

#[test]
fn json_output_has_lsp_ranges_in_utf16() {
    let dir = scratch_dir("json");
    let config = dir.join("config");
    std::fs::write(&config, "[profile dev]\ncli_pager = é # 😀\n").unwrap();
    let output = binary()
        .args(["check", "--format", "json"])
        .arg(&config)
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}{stderr}");
    let json: Value = serde_json::from_str(&stdout).unwrap();
    let comment = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "inline-comment")
        .expect("an inline-comment diagnostic");
    assert_eq!(comment["severity"], "warning");
    assert_eq!(comment["file"], config.display().to_string());
    assert_eq!(
        comment["range"]["start"],
        serde_json::json!({"line": 1, "character": 14})
    );
    // `é` is two bytes but one UTF-16 unit; the emoji is two UTF-16 units.
    assert_eq!(
        comment["range"]["end"],
        serde_json::json!({"line": 1, "character": 18})
    );
    let edits = &comment["fixes"][0]["edits"];
    assert_eq!(edits.as_array().unwrap().len(), 2);
    assert!(edits[0]["newText"].as_str().unwrap().starts_with("# 😀"));
}

#[test]
fn sarif_output_has_every_rule_and_results_with_regions() {
    let output = check_broken("sarif");
    let (stdout, _) = text(&output);
    assert_eq!(output.status.code(), Some(1));
    let sarif: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "aws-config-lsp");
    assert_eq!(run["tool"]["driver"]["rules"].as_array().unwrap().len(), 57);
    let results = run["results"].as_array().unwrap();
    let inline = results
        .iter()
        .find(|r| r["ruleId"] == "inline-comment")
        .unwrap();
    assert_eq!(inline["level"], "warning");
    let location = &inline["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "fixtures/broken/config"
    );
    assert_eq!(
        location["region"],
        serde_json::json!({"startLine": 3, "startColumn": 20, "endLine": 3, "endColumn": 33})
    );
    let rule_index = inline["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(
        run["tool"]["driver"]["rules"][rule_index]["id"],
        "inline-comment"
    );
    assert!(!stdout.contains(SECRET), "a secret leaked into SARIF");
}

#[test]
fn json_output_never_carries_a_secret_even_in_fixes() {
    let output = check_broken("json");
    let (stdout, _) = text(&output);
    assert!(
        !stdout.contains(SECRET),
        "a secret leaked into JSON:\n{stdout}"
    );
}

#[test]
fn severities_can_be_changed_and_codes_disabled() {
    let output = binary()
        .args([
            "check",
            "--format",
            "json",
            "--config",
            "fixtures/broken/config",
        ])
        .args([
            "--disable",
            "inline-comment",
            "--severity",
            "missing-profile-prefix=error",
        ])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert!(diagnostics.iter().all(|d| d["code"] != "inline-comment"));
    let prefix = diagnostics
        .iter()
        .find(|d| d["code"] == "missing-profile-prefix")
        .unwrap();
    assert_eq!(prefix["severity"], "error");
    assert_eq!(output.status.code(), Some(1));

    let bad = binary()
        .args([
            "check",
            "--disable",
            "no-such-code",
            "--config",
            "fixtures/broken/config",
        ])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad).1.contains("unknown code `no-such-code`"));
}

#[test]
fn bare_files_are_classified_by_name_and_grouped_by_folder() {
    let dir = scratch_dir("bare");
    std::fs::write(dir.join("config"), "[profile a]\nregion = us-east-1\n").unwrap();
    std::fs::write(dir.join("credentials"), "[profile a]\n").unwrap();
    let output = binary()
        .args(["check", "--format", "json"])
        .arg(dir.join("config"))
        .arg(dir.join("credentials"))
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let prefix = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "profile-prefix-in-credentials")
        .expect("the file named credentials is read as a credentials file");
    assert!(prefix["file"].as_str().unwrap().ends_with("credentials"));
}

#[test]
fn a_file_named_alone_is_read_with_its_partner_beside_it() {
    // What pre-commit does when only the config file changed: `check config`. Its role chain
    // ends in the credentials file, which must be read (the SDKs read it), but not reported on.
    let dir = scratch_dir("partner");
    std::fs::write(
        dir.join("config"),
        "[profile app]\nrole_arn = arn:aws:iam::123456789012:role/app\nsource_profile = base\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("credentials"),
        format!("[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = {SECRET}\n[broken]\naws_access_key_id = AKIA\n"),
    )
    .unwrap();
    let output = binary()
        .arg("check")
        .arg(dir.join("config"))
        .output()
        .unwrap();
    let (stdout, _) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    let partner = dir.join("credentials");
    assert_eq!(
        stdout,
        format!(
            "Read together with {}, the credentials file beside it (not reported on).\nNo problems found in 1 file.\n",
            partner.display()
        )
    );
    // JSON says which files were read, and which were checked.
    let output = binary()
        .args(["check", "--format", "json"])
        .arg(dir.join("config"))
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["diagnostics"], serde_json::json!([]));
    let files: Vec<(String, String, bool)> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["kind"].as_str().unwrap().to_string(),
                f["checked"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        files,
        [
            (
                dir.join("config").display().to_string(),
                "config".to_string(),
                true
            ),
            (
                partner.display().to_string(),
                "credentials".to_string(),
                false
            ),
        ]
    );
    // The other way round: the credentials file alone is read with the config beside it, and
    // its own findings are reported.
    let output = binary().arg("check").arg(&partner).output().unwrap();
    let (stdout, _) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("error[malformed-access-key-id]"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "Read together with {}, the config file beside it",
            dir.join("config").display()
        )),
        "{stdout}"
    );
    // `--fix` leaves the partner alone.
    std::fs::write(dir.join("credentials"), "[base]   \n").unwrap();
    let before = std::fs::read_to_string(&partner).unwrap();
    binary()
        .args(["check", "--fix"])
        .arg(dir.join("config"))
        .output()
        .unwrap();
    assert_eq!(std::fs::read_to_string(&partner).unwrap(), before);
    // Without a partner, the file is read alone, as before.
    let alone = scratch_dir("alone");
    std::fs::write(alone.join("config"), "[profile a]\nregion = us-east-1\n").unwrap();
    let output = binary()
        .arg("check")
        .arg(alone.join("config"))
        .output()
        .unwrap();
    assert_eq!(text(&output).0, "No problems found in 1 file.\n");
}

#[test]
fn io_and_usage_problems_exit_2() {
    let output = binary()
        .args(["check", "/no/such/file/config"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output)
        .1
        .contains("cannot read config file /no/such/file/config"));
    let output = binary()
        .args(["check", "--format", "yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn with_no_file_named_it_checks_the_sdk_default_files() {
    let home = scratch_dir("home");
    std::fs::create_dir_all(home.join(".aws")).unwrap();
    std::fs::write(home.join(".aws/config"), "[default]\nregion = eu-west1\n").unwrap();
    let output = binary()
        .args(["check"])
        .env("HOME", &home)
        .output()
        .unwrap();
    let (stdout, _) = text(&output);
    assert!(
        stdout.contains(".aws/config:2:10: warning[unknown-region]"),
        "{stdout}"
    );
    assert_eq!(output.status.code(), Some(0), "warnings only");
}

#[test]
fn explain_prints_the_docs_of_a_code() {
    let output = binary()
        .args(["explain", "inline-comment"])
        .output()
        .unwrap();
    let (stdout, _) = text(&output);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout.starts_with("## `inline-comment`"), "{stdout}");
    assert!(stdout.contains("**Bad**") && stdout.contains("**Good**"));
    assert!(!stdout.contains("## `",) || stdout.matches("## `").count() == 1);

    let list = binary().args(["explain", "--list"]).output().unwrap();
    assert_eq!(text(&list).0.lines().count(), 57);

    let unknown = binary().args(["explain", "nope"]).output().unwrap();
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn a_long_line_is_shown_around_the_finding() {
    let dir = scratch_dir("long-line");
    let config = dir.join("config");
    let before = "a".repeat(5_000);
    let after = "b".repeat(5_000);
    std::fs::write(
        &config,
        format!("[default]\nregion = eu-west-1\ncli_pager = {before}\u{a0}{after}\n"),
    )
    .unwrap();
    let output = binary().arg("check").arg(&config).output().unwrap();
    let (stdout, _) = text(&output);
    let lines: Vec<&str> = stdout.lines().collect();
    let source = lines.iter().position(|l| l.starts_with("3 | ")).unwrap();
    // Sixty characters before the finding, two hundred in all, cut ends marked.
    let shown = format!("3 | …{}?{}…", "a".repeat(60), "b".repeat(139));
    assert_eq!(lines[source], shown);
    assert_eq!(lines[source + 1], format!("  | {}^", " ".repeat(61)));
}
