//! The protocol's newer vocabulary through the real binary, whole messages compared: semantic
//! tokens (full and range, UTF-16 and UTF-8), inlay hints, document links, workspace symbols,
//! pull diagnostics (LSP 3.17) and range formatting.

use crate::client::{Home, Options, Server};
use crate::*;
use serde_json::{json, Value};

/// Profiles that each carry something a hint or a link is about.
const CONFIG_V: &str = "\
[default]
region = eu-west-1

[profile dev]
source_profile = base
role_arn = arn:aws:iam::123456789012:role/dev

[profile web]
role_arn = arn:aws:iam::123456789012:role/web
web_identity_token_file = ~/token
ca_bundle = /nonexistent/ca.pem

[profile tool]
credential_process = tool --profile tool

[sso-session corp]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1
";

const CREDENTIALS_V: &str = "\
[base]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
x_security_token_expires = 2000-01-01T00:00:00Z
";

fn doc(uri: &str) -> Value {
    json!({"textDocument": {"uri": uri}})
}

#[test]
fn semantic_tokens_full_and_range_in_utf16_and_utf8() {
    let text = "[profile café] # note\nregion = eu-west-1\nretry_mode = sideways\n";
    for (name, capabilities, cafe) in [
        ("tokens16", json!({}), 4),
        (
            "tokens8",
            json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
            5,
        ),
    ] {
        let home = Home::new(name, None, None);
        let (mut server, _) = Server::start(
            &home.path,
            Options {
                capabilities,
                ..Options::default()
            },
        );
        let uri = home.uri("config");
        server.open(&uri, "aws-config", 1, text);
        server.diagnostics(&uri, Some(1));
        let full = server.request("textDocument/semanticTokens/full", doc(&uri));
        // café is 4 UTF-16 units and 5 UTF-8 bytes.
        #[rustfmt::skip]
        let expected = json!({"data": [
            0, 1, 7, 1, 0, // profile: keyword
            0, 8, cafe, 0, 1, // café: namespace, declaration
            0, cafe + 2, 6, 6, 0, // # note: comment
            1, 0, 6, 2, 2, // region: property, defaultLibrary
            0, 7, 1, 7, 0, // =: operator
            0, 2, 9, 5, 0, // eu-west-1: enumMember (a known Region)
            1, 0, 10, 2, 2, // retry_mode: property, defaultLibrary
            0, 11, 1, 7, 0, // =: operator
            0, 2, 8, 3, 0, // sideways: string (not one of the modes)
        ]});
        assert_eq!(full, expected, "{name}");
        let ranged = server.request(
            "textDocument/semanticTokens/range",
            json!({"textDocument": {"uri": uri}, "range": range((1, 3), (1, 4))}),
        );
        // Line 1 only, its first token relative to the start of the document.
        #[rustfmt::skip]
        let expected = json!({"data": [
            1, 0, 6, 2, 2,
            0, 7, 1, 7, 0,
            0, 2, 9, 5, 0,
        ]});
        assert_eq!(ranged, expected, "{name}");
        server.shutdown();
    }
}

#[test]
fn inlay_hints_decode_accounts_regions_expiry_and_chains_without_secrets() {
    let home = Home::new("hints", Some(CONFIG_V), Some(CREDENTIALS_V));
    let (mut server, _) = Server::start(&home.path, Options::default());
    let config = home.uri("config");
    let credentials = home.uri("credentials");
    server.open(&config, "aws-config", 1, CONFIG_V);
    server.diagnostics(&config, Some(1));
    let hints = server.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": config}, "range": range((0, 0), (20, 0))}),
    );
    let chain_tooltip = "**Credentials:** long-term access key `AKIAIOSFODNN7EXAMPLE` (account 581039954779) from `base`, then assume `arn:aws:iam::123456789012:role/dev` (from `dev`)\n\n**Chain:** `dev` → `base`\n";
    assert_eq!(
        hints,
        json!([
            {"position": position(1, 18), "label": "Europe (Ireland)", "paddingLeft": true},
            {"position": position(4, 21), "label": "→ base: long-term key", "paddingLeft": true,
             "tooltip": {"kind": "markdown", "value": chain_tooltip}},
            {"position": position(17, 22), "label": "US East (N. Virginia)", "paddingLeft": true}
        ])
    );
    // A range gets the hints whose place lies in it.
    let hints = server.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": config}, "range": range((4, 0), (5, 0))}),
    );
    assert_eq!(hints.as_array().map(Vec::len), Some(1), "{hints}");
    assert_eq!(hints[0]["label"], "→ base: long-term key");
    server.open(&credentials, "aws-credentials", 1, CREDENTIALS_V);
    server.diagnostics(&credentials, Some(1));
    let days = || {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        (now - 946_684_800) / 86_400
    };
    let before = days();
    let hints = server.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": credentials}, "range": range((0, 0), (4, 0))}),
    );
    // Midnight may pass during the request.
    let days = if hints[1]["label"] == format!("expired {before} d ago") {
        before
    } else {
        days()
    };
    assert_eq!(
        hints,
        json!([
            {"position": position(1, 40), "label": "account 581039954779", "paddingLeft": true,
             "tooltip": {"kind": "markdown", "value": "The AWS account this key belongs to, decoded offline from the key id."}},
            {"position": position(3, 47), "label": format!("expired {days} d ago"), "paddingLeft": true,
             "tooltip": {"kind": "markdown", "value": "2000-01-01 00:00 UTC"}}
        ])
    );
    assert!(!hints.to_string().contains(SECRET));
    let stderr = server.shutdown();
    assert!(!stderr.contains(SECRET));
}

#[test]
fn document_links_open_the_portal_existing_files_and_the_program() {
    let home = Home::new("links", Some(CONFIG_V), Some(CREDENTIALS_V));
    std::fs::write(home.path.join("token"), "not a real token").unwrap();
    let bin = home.path.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::write(bin.join("tool"), "#!/bin/sh\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(bin.join("tool"), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let (mut server, _) = Server::start(
        &home.path,
        Options {
            env: vec![("PATH", bin.display().to_string())],
            ..Options::default()
        },
    );
    let config = home.uri("config");
    server.open(&config, "aws-config", 1, CONFIG_V);
    server.diagnostics(&config, Some(1));
    let links = server.request("textDocument/documentLink", doc(&config));
    let home_path = home.path.display().to_string();
    // No link for ca_bundle: the file does not exist.
    assert_eq!(
        links,
        json!([
            {"range": range((9, 26), (9, 33)), "target": format!("file://{home_path}/token"),
             "tooltip": "Open the web identity token file"},
            {"range": range((13, 21), (13, 25)), "target": format!("file://{home_path}/bin/tool"),
             "tooltip": format!("Open the program `credential_process` runs ({home_path}/bin/tool)")},
            {"range": range((16, 16), (16, 49)), "target": "https://example.awsapps.com/start",
             "tooltip": "Open the AWS access portal"}
        ])
    );
    server.shutdown();
}

#[test]
fn workspace_symbols_cover_both_files_filtered_like_editors() {
    let home = Home::new("wsymbols", Some(CONFIG_V), Some(CREDENTIALS_V));
    let (mut server, _) = Server::start(&home.path, Options::default());
    let config = home.uri("config");
    server.open(&config, "aws-config", 1, CONFIG_V);
    server.diagnostics(&config, Some(1));
    let all = server.request("workspace/symbol", json!({"query": ""}));
    let symbol = |name: &str, kind: u32, file: &str, line: u32, start: u32| {
        json!({"name": name, "kind": kind, "containerName": file,
               "location": {"uri": home.uri(file), "range": range((line, start), (line, start + name.len() as u32))}})
    };
    // Profiles are namespaces (3), sso-sessions objects (19); the credentials file is read
    // from disk as the partner of the open config file.
    assert_eq!(
        all,
        json!([
            symbol("default", 3, "config", 0, 1),
            symbol("dev", 3, "config", 3, 9),
            symbol("web", 3, "config", 7, 9),
            symbol("tool", 3, "config", 12, 9),
            symbol("corp", 19, "config", 15, 13),
            symbol("base", 3, "credentials", 0, 1),
        ])
    );
    let some = server.request("workspace/symbol", json!({"query": "de"}));
    assert_eq!(
        some,
        json!([
            symbol("default", 3, "config", 0, 1),
            symbol("dev", 3, "config", 3, 9)
        ])
    );
    server.shutdown();
}

#[test]
fn range_formatting_edits_only_the_lines_the_range_touches() {
    let home = Home::new("rangeformat", None, None);
    let (mut server, _) = Server::start(&home.path, Options::default());
    let uri = home.uri("config");
    server.open(
        &uri,
        "aws-config",
        1,
        "[default]\nregion=eu-west-1  \noutput   =  json\n[profile dev]\nregion=eu-west-1\n",
    );
    server.diagnostics(&uri, Some(1));
    let edits = server.request(
        "textDocument/rangeFormatting",
        json!({"textDocument": {"uri": uri}, "range": range((2, 3), (3, 2)), "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    // Line 2's spacing and the blank line before line 3's header; not line 1's trailing
    // blanks nor line 4's spacing, outside the range.
    assert_eq!(
        edits,
        json!([
            {"range": range((2, 6), (2, 12)), "newText": " = "},
            {"range": range((3, 0), (3, 0)), "newText": "\n"}
        ])
    );
    server.shutdown();
}

#[test]
fn pull_diagnostics_give_what_push_publishes_and_unchanged_until_a_partner_changes() {
    let home = Home::new("pull", Some(CONFIG), Some(CREDENTIALS));
    let config = home.uri("config");
    let credentials = home.uri("credentials");
    // What a client that does not pull is sent.
    let (mut pushed_to, _) = Server::start(&home.path, Options::default());
    pushed_to.open(&config, "aws-config", 1, CONFIG);
    let published = pushed_to.diagnostics(&config, Some(1))["diagnostics"].clone();
    pushed_to.shutdown();
    assert_eq!(
        codes(&json!({"diagnostics": published})),
        ["inline-comment"]
    );

    let (mut server, _) = Server::start(
        &home.path,
        Options {
            capabilities: json!({
                "textDocument": {"diagnostic": {}},
                "workspace": {"diagnostics": {"refreshSupport": true}}
            }),
            ..Options::default()
        },
    );
    server.open(&config, "aws-config", 1, CONFIG);
    let report = server.request("textDocument/diagnostic", doc(&config));
    let id = report["resultId"].as_str().unwrap().to_string();
    assert_eq!(
        report,
        json!({"kind": "full", "resultId": id, "items": published})
    );
    let again = server.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": config}, "previousResultId": id}),
    );
    assert_eq!(again, json!({"kind": "unchanged", "resultId": id}));

    // The partner loses the profile the config's roles take their keys from: the client is
    // asked to pull again, and the config's report changes.
    server.open(&credentials, "aws-credentials", 1, CREDENTIALS);
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": credentials, "version": 2},
               "contentChanges": [{"text": "[other]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"}]}),
    );
    server.server_request("workspace/diagnostic/refresh");
    let changed = server.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": config}, "previousResultId": id}),
    );
    assert_eq!(changed["kind"], "full", "{changed}");
    assert_ne!(changed["resultId"], json!(id));
    assert!(
        codes(&json!({"diagnostics": changed["items"]})).len() > 1,
        "{changed}"
    );
    // Nothing was pushed: an editor would show every diagnostic twice.
    assert_eq!(
        server.received("textDocument/publishDiagnostics"),
        Vec::<Value>::new()
    );
    server.shutdown();
}

#[test]
fn a_client_that_cannot_be_asked_to_pull_again_is_pushed_to() {
    let home = Home::new("pullnorefresh", Some(CONFIG), Some(CREDENTIALS));
    let (mut server, init) = Server::start(
        &home.path,
        Options {
            capabilities: json!({"textDocument": {"diagnostic": {}}}),
            ..Options::default()
        },
    );
    assert_eq!(init["capabilities"].get("diagnosticProvider"), None);
    let config = home.uri("config");
    server.open(&config, "aws-config", 1, CONFIG);
    assert_eq!(
        codes(&server.diagnostics(&config, Some(1))),
        ["inline-comment"]
    );
    server.shutdown();
}

#[test]
fn tokens_and_hints_are_requested_again_when_the_partner_of_an_open_file_changes() {
    let home = Home::new("viewsrefresh", Some(CONFIG), Some(CREDENTIALS));
    let (mut server, _) = Server::start(
        &home.path,
        Options {
            capabilities: json!({"workspace": {
                "semanticTokens": {"refreshSupport": true},
                "inlayHint": {"refreshSupport": true}
            }}),
            ..Options::default()
        },
    );
    let config = home.uri("config");
    let credentials = home.uri("credentials");
    server.open(&config, "aws-config", 1, CONFIG);
    server.diagnostics(&config, Some(1));
    // `source_profile = base` names a profile of the credentials file: a namespace, and its
    // chain ends in a long-term key.
    let source = json!({"textDocument": {"uri": config}, "range": range((5, 0), (6, 0))});
    let tokens = server.request("textDocument/semanticTokens/range", source.clone());
    assert_eq!(tokens["data"].as_array().unwrap()[10..15], [0, 2, 4, 0, 0]);
    server.open(&credentials, "aws-credentials", 1, CREDENTIALS);
    server.diagnostics(&credentials, Some(1));
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": credentials, "version": 2},
               "contentChanges": [{"text": "[other]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"}]}),
    );
    server.diagnostics(&credentials, Some(2));
    server.server_request("workspace/semanticTokens/refresh");
    server.server_request("workspace/inlayHint/refresh");
    // Asked again, the config file's answers follow the edited partner.
    let tokens = server.request("textDocument/semanticTokens/range", source);
    assert_eq!(tokens["data"].as_array().unwrap()[10..15], [0, 2, 4, 3, 0]);
    let hints = server.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": config}, "range": range((5, 0), (6, 0))}),
    );
    assert_eq!(hints, json!([]));
    server.shutdown();
}

#[test]
fn an_sso_session_value_shows_the_state_of_its_login_never_the_token() {
    use aws_config_lsp_core::lint::timestamp::format_utc_minute;
    use aws_config_lsp_core::machine::LoginKey;
    let config = "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Developer\n\n[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\n";
    let home = Home::new("ssohint", Some(config), None);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let expires = now - 3 * 3600 - 60;
    let key = LoginKey::Session("corp".to_string());
    let cache = home.path.join(".aws/sso/cache");
    std::fs::create_dir_all(&cache).unwrap();
    let (y, m, d) = aws_config_lsp_core::lint::timestamp::civil_from_days(expires / 86_400);
    let rest = expires % 86_400;
    std::fs::write(
        cache.join(key.file_name()),
        format!(
            "{{\"accessToken\": \"FAKE-ACCESS-TOKEN-NEVER-SHOWN\", \"expiresAt\": \"{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z\"}}",
            rest / 3600,
            rest % 3600 / 60,
            rest % 60
        ),
    )
    .unwrap();
    let (mut server, _) = Server::start(&home.path, Options::default());
    let uri = home.uri("config");
    server.open(&uri, "aws-config", 1, config);
    server.diagnostics(&uri, Some(1));
    let hints = server.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": range((0, 0), (2, 0))}),
    );
    assert_eq!(
        hints,
        json!([{
            "position": position(1, 18),
            "label": "login expired 3 h ago",
            "paddingLeft": true,
            "tooltip": {"kind": "markdown", "value": format!(
                "**SSO login** (`{}`): **expired** 3 hours ago ({}) and cannot be renewed: run `aws sso login --sso-session corp`.\n",
                key.display_path(),
                format_utc_minute(expires)
            )}
        }])
    );
    let stderr = server.shutdown();
    assert!(!hints.to_string().contains("NEVER-SHOWN"));
    assert!(!stderr.contains("NEVER-SHOWN"));
}

#[test]
fn reversed_and_out_of_range_ranges_get_plain_answers() {
    let home = Home::new("vocabranges", Some(CONFIG), Some(CREDENTIALS));
    let (mut server, _) = Server::start(&home.path, Options::default());
    let config = home.uri("config");
    server.open(&config, "aws-config", 1, CONFIG);
    server.diagnostics(&config, Some(1));
    for (start, end) in [
        ((5, 3), (1, 0)),
        ((900, 0), (1000, 7)),
        ((0, 999), (0, 1000)),
    ] {
        let at = json!({"textDocument": {"uri": config}, "range": range(start, end)});
        let tokens = server.request("textDocument/semanticTokens/range", at.clone());
        assert!(tokens["data"].is_array(), "{tokens}");
        let hints = server.request("textDocument/inlayHint", at.clone());
        assert!(hints.is_array(), "{hints}");
        let mut format = at;
        format["options"] = json!({"tabSize": 4, "insertSpaces": true});
        let edits = server.request("textDocument/rangeFormatting", format);
        assert_eq!(edits, json!([]));
    }
    // A document that is not open: an error answer, and the server goes on.
    let unknown = home.uri("nowhere");
    for method in [
        "textDocument/semanticTokens/full",
        "textDocument/documentLink",
        "textDocument/diagnostic",
    ] {
        let response = server.request_message(method, json!({"textDocument": {"uri": unknown}}));
        assert_eq!(response["error"]["code"], -32602, "{method}: {response}");
    }
    assert_eq!(
        server.request("workspace/symbol", json!({"query": "zzzz"})),
        json!([])
    );
    server.shutdown();
}
