//! `aws-config-lsp check` and `explain`, driven as a user or a CI job runs them: the real
//! binary on files on disk, asserting on exit codes and whole lines of output.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

// Each suite uses part of it.
#[allow(dead_code)]
#[path = "support/files.rs"]
mod files;
use files::apply_edits;

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
    files::scratch_dir("check", label)
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
fixtures/broken/config:3:20: warning[inline-comment]: The AWS SDKs for Rust and Java, and the AWS SDK for JavaScript and the AWS CDK, read `region` = `us-east-1`; the AWS CLI and boto3 read `region` = `us-east-1 # N. Virginia`. Put the comment on its own line.
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
    assert_eq!(run["tool"]["driver"]["rules"].as_array().unwrap().len(), 58);
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
    assert_eq!(text(&list).0.lines().count(), 58);

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

/// Runs a command and waits for it at most 20 s: a command that blocks fails the test
/// instead of hanging it.
fn output_within_deadline(command: &mut Command) -> Output {
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("{command:?} did not end within 20 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

/// A FIFO, a device, a directory and a file larger than the limit are refused with exit 2
/// before they are read (a FIFO blocked `check` forever, `/dev/zero` grew it by gigabytes).
#[test]
fn what_is_not_a_regular_file_or_is_too_large_is_refused_before_it_is_read() {
    let dir = scratch_dir("special");
    let fifo = dir.join("config");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let large = dir.join("large").join("config");
    std::fs::create_dir_all(large.parent().unwrap()).unwrap();
    // Sparse: no disk used.
    std::fs::File::create(&large)
        .unwrap()
        .set_len(128 * 1024 * 1024 + 1)
        .unwrap();
    let cases: [(&Path, &str); 4] = [
        (
            &fifo,
            "not a regular file (a pipe, a device or a socket); only regular files are read",
        ),
        (
            Path::new("/dev/zero"),
            "not a regular file (a pipe, a device or a socket); only regular files are read",
        ),
        (&dir, "a directory; only regular files are read"),
        (&large, "134217729 bytes, larger than the limit of 128 MiB"),
    ];
    for (path, why) in cases {
        for args in [
            vec!["check"],
            vec!["check", "--config"],
            vec!["dump", "--config"],
        ] {
            let output = output_within_deadline(binary().args(&args).arg(path));
            let (stdout, stderr) = text(&output);
            assert_eq!(
                output.status.code(),
                Some(2),
                "{args:?} {path:?}: {stdout}{stderr}"
            );
            assert_eq!(
                stderr,
                format!("aws-config-lsp: config file {}: {why}\n", path.display())
            );
        }
    }
    // The same through the environment, for the commands that read the default files.
    for args in [vec!["check"], vec!["doctor", "--offline"], vec!["dump"]] {
        let output = output_within_deadline(
            binary()
                .args(&args)
                .env("HOME", &dir)
                .env("AWS_CONFIG_FILE", &fifo),
        );
        let (stdout, stderr) = text(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stdout}{stderr}");
        assert!(
            format!("{stdout}{stderr}").contains("only regular files are read"),
            "{args:?}: {stdout}{stderr}"
        );
    }
}

/// A secret after `key:`, on a continuation line, on an indented `aws_secret_access_key =`
/// line, or under a key that does not say so: masked in every format and in `doctor`; the
/// fixes that touch it are shared as edits that do not carry it, and still fix the file.
#[test]
fn secrets_on_colon_continuation_and_indented_lines_never_show() {
    let dir = scratch_dir("secret-lines");
    let credentials = dir.join("credentials");
    let text = format!(
        "[default]\n\
         aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n\
         aws_secret_access_key: {SECRET}\n\
         [two]\n\
         aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n\
         aws_secret_access_key = wJalrXUtnFEMI\n  \"{SECRET}\"\n\
         region = us-east-1\n    aws_secret_access_key = {SECRET}\n\
         output = \"{SECRET}\"\n"
    );
    std::fs::write(&credentials, &text).unwrap();
    for format in ["human", "json", "sarif"] {
        let output = binary()
            .args(["check", "--format", format])
            .arg(&credentials)
            .output()
            .unwrap();
        let (stdout, stderr) = text_of(&output);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        for needle in [SECRET, "wJalrXUtnFEMI", "EXAMPLEKEY"] {
            assert!(!stdout.contains(needle), "{format}: {needle} in\n{stdout}");
        }
    }
    // The colon fix and the unquoting fix, as JSON shares them, still fix the file.
    let json: Value = serde_json::from_str(
        &text_of(
            &binary()
                .args(["check", "--format", "json"])
                .arg(&credentials)
                .output()
                .unwrap(),
        )
        .0,
    )
    .unwrap();
    let fix_of = |code: &str, line: u64| -> Vec<&Value> {
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == code && d["range"]["start"]["line"] == line)
            .unwrap_or_else(|| panic!("{code} on line {line}: {json}"))["fixes"][0]["edits"]
            .as_array()
            .unwrap()
            .iter()
            .collect()
    };
    let fixed = apply_edits(&text, fix_of("missing-equals", 2));
    assert!(
        fixed.contains(&format!("\naws_secret_access_key = {SECRET}\n")),
        "{fixed}"
    );
    let fixed = apply_edits(&text, fix_of("quoted-value", 9));
    assert!(fixed.contains(&format!("\noutput = {SECRET}\n")), "{fixed}");

    let output = binary()
        .args(["doctor", "--offline", "--profile", "two", "--credentials"])
        .arg(&credentials)
        .env("HOME", &dir)
        .output()
        .unwrap();
    let (stdout, _) = text_of(&output);
    assert!(stdout.contains("region = us-east-1"), "{stdout}");
    for needle in [SECRET, "wJalrXUtnFEMI", "EXAMPLEKEY"] {
        assert!(!stdout.contains(needle), "doctor: {needle} in\n{stdout}");
    }
    let dump = binary()
        .args(["dump", "--credentials"])
        .arg(&credentials)
        .output()
        .unwrap();
    assert!(
        !text_of(&dump).0.contains("EXAMPLEKEY"),
        "{}",
        text_of(&dump).0
    );
}

fn text_of(output: &Output) -> (String, String) {
    text(output)
}

/// The file: 5,001 lines with two warnings each, then a line the SDKs refuse. The
/// error is shown (and check exits 1); a note says what was left out.
#[test]
fn a_capped_file_shows_its_errors_first_and_what_was_left_out() {
    let dir = scratch_dir("capped");
    let config = dir.join("config");
    let mut text = String::from("[default]\n");
    for n in 0..5_001 {
        text.push_str(&format!("k{n} = v # c\n"));
    }
    text.push_str("no equals sign\n");
    std::fs::write(&config, &text).unwrap();
    let output = binary().arg("check").arg(&config).output().unwrap();
    let (stdout, _) = text_of(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout.contains(&format!(
            "{}:1:1: information[too-many-findings]: 10003 findings in this file, 3 of them left out (3 warnings)",
            config.display()
        )),
        "{}",
        &stdout[..2000]
    );
    assert!(stdout.contains("error[missing-equals]"));
    assert!(
        stdout.ends_with("1 error, 9999 warnings, 1 other in 1 file.\n"),
        "{}",
        &stdout[stdout.len() - 300..]
    );
}

/// What a file holds never reaches the terminal raw: `[\e[2J\e[31mstaging]` is printed with
/// its escapes visible, in messages, fix titles and source lines.
#[test]
fn terminal_escapes_in_a_file_are_shown_not_obeyed() {
    let dir = scratch_dir("escapes");
    let name = "\u{1b}[2J\u{1b}[31mstaging";
    let config = dir.join("config");
    std::fs::write(&config, format!("[{name}]\nregion = eu-west-1\r\u{9b}2J\n")).unwrap();
    let profile = dir.join("profile").join("config");
    std::fs::create_dir_all(profile.parent().unwrap()).unwrap();
    std::fs::write(
        &profile,
        format!("[profile {name}]\nregion = eu-west-1\r\u{9b}2J\n"),
    )
    .unwrap();
    // (command, file, whether the output quotes the name in a message)
    let runs = [
        (vec!["check"], &config, true),
        // The readers disagree on this header: the message names the profile.
        (vec!["check"], &profile, true),
        (
            vec!["doctor", "--offline", "--profile", name, "--config"],
            &profile,
            true,
        ),
    ];
    for (args, file, quoted) in runs {
        let output = binary()
            .args(&args)
            .arg(file)
            .env("HOME", &dir)
            .output()
            .unwrap();
        let (stdout, _) = text(&output);
        assert!(
            !stdout.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?}: {stdout:?}"
        );
        // Source lines show control characters as `?`; messages quote them escaped.
        assert!(stdout.contains("?[2J?[31mstaging"), "{args:?}: {stdout}");
        assert_eq!(
            stdout.contains("\\u{1b}[2J\\u{1b}[31mstaging"),
            quoted,
            "{args:?}: {stdout}"
        );
    }
}

/// A reader that goes away (`check | head`) ends the output quietly: no panic, and the
/// command's own exit code.
#[test]
fn a_closed_output_pipe_ends_the_output_quietly() {
    let runs: [(&[&str], i32); 4] = [
        (
            &[
                "check",
                "fixtures/broken/config",
                "fixtures/broken/credentials",
            ],
            1,
        ),
        (&["check", "--format", "sarif", "fixtures/broken/config"], 1),
        (&["explain", "inline-comment"], 0),
        (&["dump", "--config", "fixtures/valid/config"], 0),
    ];
    for (args, code) in runs {
        let mut child = binary()
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}
