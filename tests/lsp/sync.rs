//! Document synchronisation: incremental edits over several versions, the partner file (open
//! or on disk), and a property test that incremental results equal a fresh analysis.

use crate::client::{Home, Options, Server};
use crate::*;
use serde_json::{json, Value};

fn change(server: &mut Server, uri: &str, version: i64, changes: Value) {
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
    );
}

#[test]
fn incremental_changes_over_several_versions() {
    let home = Home::new("versions", Some(CONFIG), Some(CREDENTIALS));
    let (mut server, _) = Server::start(&home.path, Options::default());
    let config = home.uri("config");
    server.open(&config, "aws-config", 1, CONFIG);
    assert_eq!(
        codes(&server.diagnostics(&config, Some(1))),
        vec!["inline-comment"]
    );

    // v2: trailing spaces after `output = json`.
    change(
        &mut server,
        &config,
        2,
        json!([{"range": range((2, 13), (2, 13)), "text": "  "}]),
    );
    assert_eq!(
        codes(&server.diagnostics(&config, Some(2))),
        vec!["trailing-whitespace", "inline-comment"]
    );
    // v3: two changes in one message: remove the comment, then the spaces.
    change(
        &mut server,
        &config,
        3,
        json!([
            {"range": range((7, 18), (7, 28)), "text": ""},
            {"range": range((2, 13), (2, 15)), "text": ""}
        ]),
    );
    assert_eq!(
        codes(&server.diagnostics(&config, Some(3))),
        Vec::<String>::new()
    );
    // v4: a full replacement.
    change(
        &mut server,
        &config,
        4,
        json!([{"text": "[profile x]\nsource_profile = nowhere\nrole_arn = arn:aws:iam::123456789012:role/x\n"}]),
    );
    let published = server.diagnostics(&config, Some(4));
    assert_eq!(codes(&published), vec!["unknown-source-profile"]);
    // A stale version is ignored; the next real change still applies.
    change(&mut server, &config, 4, json!([{"text": "garbage"}]));
    change(
        &mut server,
        &config,
        5,
        json!([{"range": range((1, 17), (1, 24)), "text": "base"}]),
    );
    assert_eq!(
        codes(&server.diagnostics(&config, Some(5))),
        Vec::<String>::new()
    );
    server.shutdown();
}

#[test]
fn an_edit_in_the_credentials_file_rechecks_the_config_file() {
    let home = Home::new("partner", Some(CONFIG), Some(CREDENTIALS));
    let (mut server, _) = Server::start(&home.path, Options::default());
    let config = home.uri("config");
    let credentials = home.uri("credentials");
    server.open(&config, "aws-config", 1, CONFIG);
    server.diagnostics(&config, Some(1));
    server.open(&credentials, "aws-credentials", 1, CREDENTIALS);
    server.diagnostics(&credentials, Some(1));
    server.clear();
    // Rename [base] to [bas] in the credentials buffer (unsaved): the chains break.
    change(
        &mut server,
        &credentials,
        2,
        json!([{"range": range((0, 4), (0, 5)), "text": ""}]),
    );
    let published = server.diagnostics_with(
        &config,
        &[
            // One finding for the missing profile, the other reference related to it.
            "unknown-source-profile",
            "inline-comment",
        ],
    );
    assert_eq!(published["version"], 1);
    let related = &published["diagnostics"][0];
    assert!(
        related["message"].as_str().unwrap().contains("base"),
        "{related}"
    );
    server.shutdown();
}

#[test]
fn a_change_on_disk_to_the_partner_rechecks_when_watched() {
    let home = Home::new("watched", Some(CONFIG), Some(CREDENTIALS));
    let (mut server, _) = Server::start(
        &home.path,
        Options {
            capabilities: json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
            ..Options::default()
        },
    );
    let config = home.uri("config");
    server.open(&config, "aws-config", 1, CONFIG);
    assert_eq!(
        codes(&server.diagnostics(&config, Some(1))),
        vec!["inline-comment"]
    );
    std::fs::write(home.path.join(".aws/credentials"), "[other]\n").unwrap();
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": home.uri("credentials"), "type": 2}]}),
    );
    server.diagnostics_with(
        &config,
        &[
            // One finding for the missing profile, the other reference related to it.
            "unknown-source-profile",
            "inline-comment",
        ],
    );
    server.shutdown();
}

#[test]
fn configured_paths_anywhere_are_partners_and_are_watched() {
    let home = Home::new("configured", None, None);
    let custom = home.path.join("elsewhere");
    std::fs::create_dir_all(&custom).unwrap();
    let (config_path, credentials_path) = (custom.join("my-config"), custom.join("my-creds"));
    std::fs::write(&credentials_path, CREDENTIALS).unwrap();
    let settings = json!({
        "configFile": config_path.display().to_string(),
        "credentialsFile": credentials_path.display().to_string(),
    });
    let (mut server, _) = Server::start(
        &home.path,
        Options {
            capabilities: json!({"workspace": {
                "configuration": true,
                "didChangeWatchedFiles": {"dynamicRegistration": true}
            }}),
            initialization_options: Some(settings.clone()),
            ..Options::default()
        },
    );
    server.settings = settings;
    let uri = format!("file://{}", config_path.display());
    // No language id, a name that says nothing: the configured path makes it a config file,
    // and the configured credentials file is its partner.
    server.open(&uri, "", 1, CONFIG);
    server.diagnostics_with(&uri, &["inline-comment"]);
    let registration = server.server_request("client/registerCapability");
    let globs: Vec<&str> = registration["params"]["registrations"][0]["registerOptions"]
        ["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["globPattern"].as_str().unwrap())
        .collect();
    assert!(
        globs.contains(&credentials_path.to_str().unwrap()),
        "{globs:?}"
    );
    std::fs::write(&credentials_path, "[other]\n").unwrap();
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("file://{}", credentials_path.display()), "type": 2}]}),
    );
    server.diagnostics_with(
        &uri,
        &[
            // One finding for the missing profile, the other reference related to it.
            "unknown-source-profile",
            "inline-comment",
        ],
    );
    server.shutdown();
}

/// A tiny deterministic generator: the property test must be reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "[profile a]\n",
    "[default]\n",
    "[sso-session s]\n",
    "source_profile = a\n",
    "region = eu-west-1\n",
    "aws_access_key_id = ASIAIOSFODNN7EXAMPLE\n",
    " # note",
    "\"",
    "=",
    " ",
    "\t",
    "\n",
    "\r\n",
    "é",
    "😀",
    "\u{a0}",
    "x",
    "role_arn = arn:aws:iam::123456789012:role/r\n",
    "  indented\n",
    "[",
];

/// UTF-16 position of a char index in `text`.
fn utf16_position(text: &[char], index: usize) -> (u32, u32) {
    let mut line = 0;
    let mut character = 0;
    for ch in &text[..index] {
        if *ch == '\n' {
            line += 1;
            character = 0;
        } else {
            character += ch.len_utf16() as u32;
        }
    }
    (line, character)
}

#[test]
fn after_random_edits_diagnostics_equal_a_fresh_analysis() {
    let home = Home::new("property", None, Some(CREDENTIALS));
    let (mut server, _) = Server::start(&home.path, Options::default());
    let uri = home.uri("config");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for case in 0..12 {
        let mut text: Vec<char> = CONFIG.chars().collect();
        let mut version = 1;
        server.open(&uri, "aws-config", version, CONFIG);
        for _ in 0..25 {
            // A random replacement that never splits a CRLF pair or a character.
            let mut start = rng.below(text.len() + 1);
            let mut end = (start + rng.below(6)).min(text.len());
            let piece: Vec<char> = PIECES[rng.below(PIECES.len())].chars().collect();
            if start > 0 && start < text.len() && text[start - 1] == '\r' && text[start] == '\n' {
                start -= 1;
            }
            if end > 0 && end < text.len() && text[end - 1] == '\r' && text[end] == '\n' {
                end += 1;
            }
            let (from, to) = (utf16_position(&text, start), utf16_position(&text, end));
            text.splice(start..end, piece.iter().copied());
            version += 1;
            change(
                &mut server,
                &uri,
                version,
                json!([{"range": range(from, to), "text": piece.iter().collect::<String>()}]),
            );
        }
        let incremental = server.diagnostics(&uri, Some(version));
        let final_text: String = text.iter().collect();
        server.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
        server.diagnostics(&uri, None);
        server.open(&uri, "aws-config", 1000 + case, &final_text);
        let fresh = server.diagnostics(&uri, Some(1000 + case));
        assert_eq!(
            incremental["diagnostics"], fresh["diagnostics"],
            "case {case}: final text {final_text:?}"
        );
        server.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
        server.diagnostics(&uri, None);
        server.clear();
    }
    server.shutdown();
}
