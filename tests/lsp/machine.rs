//! What the machine knows, through the language server: the SSO token cache of the server's
//! home in diagnostics and hovers, a login that comes while the file is open, and a
//! credentials file others can read. Tokens appear in no message and no log line.

use crate::client::{Home, Options, Server};
use crate::*;
use aws_config_lsp_core::machine::LoginKey;
use serde_json::json;

/// What a token cache file holds besides times: never in any message or log.
const NEVER_SHOWN: &str = "SHOULD-NEVER-BE-SHOWN";

const SSO_CONFIG: &str = "\
[profile dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Developer

[sso-session corp]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = eu-west-1
";

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn utc(at: i64) -> String {
    let (y, m, d) = aws_config_lsp_core::lint::timestamp::civil_from_days(at.div_euclid(86_400));
    let rest = at.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

fn write_token(home: &Home, expires_at: i64) -> String {
    let key = LoginKey::Session("corp".to_string());
    let dir = home.path.join(".aws/sso/cache");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(key.file_name());
    std::fs::write(
        &path,
        format!(
            "{{\"startUrl\": \"https://d-1234567890.awsapps.com/start\", \"region\": \"eu-west-1\", \"accessToken\": \"ACCESS-{NEVER_SHOWN}\", \"expiresAt\": \"{}\", \"clientId\": \"CLIENT-{NEVER_SHOWN}\", \"clientSecret\": \"SECRET-{NEVER_SHOWN}\"}}",
            utc(expires_at)
        ),
    )
    .unwrap();
    format!("file://{}", path.display())
}

#[test]
fn an_expired_login_then_a_login_while_the_file_is_open() {
    let home = Home::new("machine-sso-login", Some(SSO_CONFIG), None);
    write_token(&home, now() - 3 * 3600 - 60);
    let (mut server, _) = Server::start(
        &home.path,
        Options {
            capabilities: json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
            ..Options::default()
        },
    );
    let config = home.uri("config");
    server.open(&config, "aws-config", 1, SSO_CONFIG);
    let published = server.diagnostics_with(&config, &["sso-login-expired"]);
    let diagnostic = &published["diagnostics"][0];
    assert_eq!(diagnostic["range"], range((5, 13), (5, 17)));
    assert_eq!(diagnostic["severity"], 2);
    let message = diagnostic["message"].as_str().unwrap();
    assert!(
        message.starts_with("The login for sso-session `corp` expired 3 hours ago")
            && message.ends_with("Run `aws sso login --sso-session corp`."),
        "{message}"
    );
    // The state in the hover, on the header and on the value that names the session.
    for (line, character) in [(5, 16), (1, 15)] {
        let hover = server.request("textDocument/hover", at(&config, line, character));
        let text = hover["contents"]["value"].as_str().unwrap();
        assert!(
            text.contains("**SSO login** (`~/.aws/sso/cache/")
                && text.contains("**expired** 3 hours ago"),
            "{text}"
        );
    }
    // The server watches the cache; a login writes a fresh token, and the warning goes.
    let registration = server.server_request("client/registerCapability");
    assert!(
        registration
            .to_string()
            .contains("**/.aws/sso/cache/*.json"),
        "{registration}"
    );
    let cache = write_token(&home, now() + 8 * 3600);
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": cache, "type": 2}]}),
    );
    server.diagnostics_with(&config, &[]);
    let hover = server.request("textDocument/hover", at(&config, 5, 16));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("valid until"), "{text}");
    let log = server.shutdown();
    assert!(!log.contains(NEVER_SHOWN), "{log}");
}

#[test]
fn no_login_on_this_machine() {
    let home = Home::new("machine-sso-missing", Some(SSO_CONFIG), None);
    let (mut server, _) = Server::start(&home.path, Options::default());
    let config = home.uri("config");
    server.open(&config, "aws-config", 1, SSO_CONFIG);
    let published = server.diagnostics_with(&config, &["sso-login-missing"]);
    assert_eq!(published["diagnostics"][0]["severity"], 3);
    server.shutdown();
}

#[cfg(unix)]
#[test]
fn a_credentials_file_others_can_read() {
    use std::os::unix::fs::PermissionsExt;
    let secret = "FAKEsecretFAKEsecretFAKEsecretFAKEsecret";
    let text = format!(
        "[default]\naws_access_key_id = AKIAFAKEFAKEFAKEFAKE\naws_secret_access_key = {secret}\n"
    );
    let home = Home::new("machine-modes", None, Some(&text));
    let path = home.path.join(".aws/credentials");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (mut server, _) = Server::start(&home.path, Options::default());
    let uri = home.uri("credentials");
    server.open(&uri, "aws-credentials", 1, &text);
    let published = server.diagnostics_with(
        &uri,
        &["long-term-access-key", "secrets-readable-by-others"],
    );
    let message = published["diagnostics"][1]["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("Run `chmod 600 {}`", path.display())),
        "{message}"
    );
    assert!(!published.to_string().contains(secret));
    let log = server.shutdown();
    assert!(!log.contains(secret), "{log}");
}
