//! What the machine knows, through the real binary: temporary homes holding fresh, expired,
//! renewable, missing and malformed SSO token cache files; credentials files of mode 600 and
//! 644; a git repository with and without `.gitignore`. `check --format json` with a fixed
//! clock; the network is never touched. The language server's side is in `tests/lsp`.

use aws_config_lsp_core::machine::LoginKey;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// 2026-01-01T00:00:00Z, passed as `--now`.
const NOW: i64 = 1_767_225_600;
const HOUR: i64 = 3600;

/// What a token cache file holds besides times: none of it may appear in any output.
const NEVER_SHOWN: &str = "SHOULD-NEVER-BE-SHOWN";

/// An obviously fake long-term key that is not AWS's documentation example (which the
/// security checks leave alone).
const KEY_ID: &str = "AKIAFAKEFAKEFAKEFAKE";
const SECRET: &str = "FAKEsecretFAKEsecretFAKEsecretFAKEsecret";

/// A finding: code, file name, one-based line, severity, message.
type Finding = (String, String, u64, String, String);

fn scratch(label: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("machine-{label}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn binary(home: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_aws-config-lsp"));
    command
        .env_clear()
        .env("HOME", home)
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("NO_COLOR", "1");
    command
}

/// `check --format json --now NOW` of the default files under `home` (or of `extra`): the
/// output, and the findings as (code, file name, one-based line, severity, message).
fn check(home: &Path, extra: &[&str]) -> (Output, Vec<Finding>) {
    check_at(home, NOW, extra)
}

fn check_at(home: &Path, now: i64, extra: &[&str]) -> (Output, Vec<Finding>) {
    let output = binary(home)
        .args(["check", "--format", "json", "--now", &now.to_string()])
        .args(extra)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    for text in [&stdout, &stderr] {
        assert!(!text.contains(NEVER_SHOWN), "a token was shown: {text}");
        assert!(!text.contains(SECRET), "a secret was shown: {text}");
    }
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    let found = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                Path::new(d["file"].as_str().unwrap())
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                d["range"]["start"]["line"].as_u64().unwrap() + 1,
                d["severity"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (output, found)
}

fn utc(at: i64) -> String {
    let days = at.div_euclid(86_400);
    let rest = at.rem_euclid(86_400);
    let (y, m, d) = aws_config_lsp_core::lint::timestamp::civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// A cache file as `aws sso login` writes it, renewable until `renewable_until` if given.
fn token(expires_at: i64, renewable_until: Option<i64>) -> String {
    let mut text = format!(
        "{{\"startUrl\": \"https://d-1234567890.awsapps.com/start\", \"region\": \"eu-west-1\", \"accessToken\": \"ACCESS-{NEVER_SHOWN}\", \"expiresAt\": \"{}\"",
        utc(expires_at)
    );
    if let Some(until) = renewable_until {
        text.push_str(&format!(
            ", \"clientId\": \"CLIENT-{NEVER_SHOWN}\", \"clientSecret\": \"SECRET-{NEVER_SHOWN}\", \"refreshToken\": \"REFRESH-{NEVER_SHOWN}\", \"registrationExpiresAt\": \"{}\"",
            utc(until)
        ));
    }
    text.push('}');
    text
}

fn write_cache(home: &Path, key: &LoginKey, text: &str) {
    let dir = home.join(".aws/sso/cache");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(key.file_name()), text).unwrap();
}

fn session(name: &str) -> LoginKey {
    LoginKey::Session(name.to_string())
}

const SSO_CONFIG: &str = "\
[profile fresh]
sso_session = fresh
sso_account_id = 123456789012
sso_role_name = Dev
[profile expired]
sso_session = expired
sso_account_id = 123456789012
sso_role_name = Dev
[profile renewable]
sso_session = renewable
sso_account_id = 123456789012
sso_role_name = Dev
[profile missing]
sso_session = missing
sso_account_id = 123456789012
sso_role_name = Dev
[profile malformed]
sso_session = malformed
sso_account_id = 123456789012
sso_role_name = Dev
[profile legacy]
sso_start_url = https://old-1234567890.awsapps.com/start
sso_region = eu-west-1
sso_account_id = 123456789012
sso_role_name = Dev

[sso-session fresh]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = eu-west-1
[sso-session expired]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = eu-west-1
[sso-session renewable]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = eu-west-1
[sso-session missing]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = eu-west-1
[sso-session malformed]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = eu-west-1
";

#[test]
fn sso_logins_fresh_expired_renewable_missing_malformed_and_legacy() {
    let home = scratch("sso");
    std::fs::create_dir_all(home.join(".aws")).unwrap();
    std::fs::write(home.join(".aws/config"), SSO_CONFIG).unwrap();
    write_cache(&home, &session("fresh"), &token(NOW + 8 * HOUR, None));
    write_cache(&home, &session("expired"), &token(NOW - 3 * HOUR, None));
    write_cache(
        &home,
        &session("renewable"),
        &token(NOW - 3 * HOUR, Some(NOW + 30 * 24 * HOUR)),
    );
    // Cut short while being written.
    let whole = token(NOW + HOUR, None);
    write_cache(&home, &session("malformed"), &whole[..whole.len() / 2]);
    write_cache(
        &home,
        &LoginKey::StartUrl("https://old-1234567890.awsapps.com/start".to_string()),
        &token(NOW - 2 * 24 * HOUR, Some(NOW + 24 * HOUR)),
    );
    let (output, found) = check(&home, &[]);
    assert_eq!(output.status.code(), Some(0), "never an error: {found:#?}");
    let summary: Vec<(&str, u64, &str)> = found
        .iter()
        .map(|(code, _, line, severity, _)| (code.as_str(), *line, severity.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            ("sso-login-expired", 21, "warning"),
            ("sso-login-expired", 30, "warning"),
            ("sso-login-missing", 36, "information"),
            ("sso-login-unreadable", 39, "warning"),
        ],
        "{found:#?}"
    );
    let message = |line: u64| &found.iter().find(|f| f.2 == line).unwrap().4;
    assert_eq!(
        message(30),
        "The login for sso-session `expired` expired 3 hours ago (2025-12-31 21:00 UTC), and no tool can renew it (the cache holds no refresh token, or its client registration has expired): the AWS CLI and the SDKs fail with it until you log in again. Run `aws sso login --sso-session expired`."
    );
    assert!(
        message(21).starts_with("The login for profile `legacy` expired 2 days ago")
            && message(21).ends_with("Run `aws sso login --profile legacy`."),
        "{}",
        message(21)
    );
    assert_eq!(
        message(36),
        &format!(
            "No login for sso-session `missing` is cached on this machine (`{}` does not exist): the AWS CLI and the SDKs fail with it until you log in. Run `aws sso login --sso-session missing`.",
            session("missing").display_path()
        )
    );
    assert!(
        message(39).starts_with(
            "The AWS CLI and the SDKs cannot use the cached login for sso-session `malformed`"
        ) && message(39).contains("it is not a JSON object"),
        "{}",
        message(39)
    );
    // A later clock: the fresh login has expired too, the renewable one still renews.
    let (_, found) = check_at(&home, NOW + 9 * HOUR, &[]);
    assert!(found
        .iter()
        .any(|f| f.0 == "sso-login-expired" && f.4.contains("`fresh` expired 1 hour ago")));
    assert!(!found.iter().any(|f| f.4.contains("`renewable`")));
    std::fs::remove_dir_all(&home).unwrap();
}

#[test]
fn a_home_without_a_cache_or_without_a_home() {
    let home = scratch("nocache");
    std::fs::create_dir_all(home.join(".aws")).unwrap();
    std::fs::write(home.join(".aws/config"), SSO_CONFIG).unwrap();
    let (_, found) = check(&home, &[]);
    assert_eq!(
        found.iter().filter(|f| f.0 == "sso-login-missing").count(),
        6,
        "{found:#?}"
    );
    // No home directory: the host cannot tell, nothing is said about logins.
    let output = Command::new(env!("CARGO_BIN_EXE_aws-config-lsp"))
        .env_clear()
        .args(["check", "--format", "json", "--config"])
        .arg(home.join(".aws/config"))
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["diagnostics"], Value::Array(Vec::new()), "{report}");
    std::fs::remove_dir_all(&home).unwrap();
}

#[cfg(unix)]
fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn credentials() -> String {
    format!("[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")
}

#[cfg(unix)]
#[test]
fn credentials_files_of_mode_600_and_644() {
    let home = scratch("modes");
    std::fs::create_dir_all(home.join(".aws")).unwrap();
    let path = home.join(".aws/credentials");
    std::fs::write(&path, credentials()).unwrap();
    chmod(&path, 0o644);
    let (output, found) = check(&home, &[]);
    assert_eq!(output.status.code(), Some(0));
    let codes: Vec<(&str, u64)> = found.iter().map(|f| (f.0.as_str(), f.2)).collect();
    assert_eq!(
        codes,
        [
            ("long-term-access-key", 2),
            ("secrets-readable-by-others", 3)
        ],
        "{found:#?}"
    );
    let readable = &found[1];
    assert_eq!(readable.3, "warning");
    assert!(
        readable.4.contains("its mode is 644 (rw-r--r--)")
            && readable
                .4
                .contains(&format!("Run `chmod 600 {}`", path.display())),
        "{}",
        readable.4
    );
    assert!(found[0].4.contains("IAM Identity Center"), "{}", found[0].4);
    // The command it gives works, and the warning goes.
    let status = Command::new("chmod")
        .arg("600")
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success());
    let (_, found) = check(&home, &[]);
    assert!(
        !found.iter().any(|f| f.0 == "secrets-readable-by-others"),
        "{found:#?}"
    );
    // AWS's documentation examples are not secrets.
    std::fs::write(&path, "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n").unwrap();
    chmod(&path, 0o644);
    let (_, found) = check(&home, &[]);
    assert_eq!(found, [], "{found:#?}");
    std::fs::remove_dir_all(&home).unwrap();
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .expect("git, which CI has (it cloned the repository)");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn a_git_repository_with_and_without_gitignore() {
    let home = scratch("git");
    let repo = home.join("repo");
    std::fs::create_dir_all(repo.join("aws")).unwrap();
    git(&repo, &["init", "-q"]);
    let path = repo.join("aws/credentials");
    std::fs::write(&path, credentials()).unwrap();
    #[cfg(unix)]
    chmod(&path, 0o600);
    let file = path.to_str().unwrap();
    let in_repo = |found: &[Finding]| {
        found
            .iter()
            .filter(|f| f.0 == "secrets-in-repository")
            .map(|f| f.4.clone())
            .collect::<Vec<_>>()
    };
    // Untracked, nothing ignores it.
    let (_, found) = check(&home, &[file]);
    let found = in_repo(&found);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("`git add .` would commit them"),
        "{}",
        found[0]
    );
    // Ignored.
    std::fs::write(repo.join(".gitignore"), "aws/credentials\n").unwrap();
    let (_, found) = check(&home, &[file]);
    assert_eq!(in_repo(&found), Vec::<String>::new());
    // Tracked, even though ignored now.
    git(&repo, &["add", "-f", "aws/credentials"]);
    let (_, found) = check(&home, &[file]);
    let found = in_repo(&found);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("git tracks it")
            && found[0].contains(&format!("`git rm --cached {file}`")),
        "{}",
        found[0]
    );
    // Reached through a symbolic link from the home's .aws: the repository still counts.
    #[cfg(unix)]
    {
        std::fs::create_dir_all(home.join(".aws")).unwrap();
        std::os::unix::fs::symlink(&path, home.join(".aws/credentials")).unwrap();
        let (_, found) = check(&home, &[]);
        assert_eq!(in_repo(&found).len(), 1, "{found:#?}");
    }
    // No git on PATH: nothing is said.
    let output = binary(&home)
        .env("PATH", "/nonexistent")
        .args(["check", "--format", "json", file])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        !report.to_string().contains("secrets-in-repository"),
        "{report}"
    );
    std::fs::remove_dir_all(&home).unwrap();
}
