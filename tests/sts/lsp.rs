//! Every case through the language server: the code action on the header, its command, the
//! progress, and the diagnostic it leaves (gone when the profile's text changes).

use crate::client::{Home, Options, Server};
use crate::fixtures::{self, section_lines, EXAMPLE_SECRET};
use serde_json::{json, Value};

fn start(name: &str, files: &fixtures::Files) -> (Home, Server, String, String) {
    let home = Home::new(
        &format!("sts-{name}"),
        Some(&files.config),
        Some(&files.credentials),
    );
    let (mut server, init) = Server::start(
        &home.path,
        Options {
            capabilities: json!({"window": {"workDoneProgress": true}}),
            ..Options::default()
        },
    );
    assert!(
        init["capabilities"]["executeCommandProvider"]["commands"]
            .as_array()
            .unwrap()
            .contains(&json!("aws-config-lsp.validateProfile")),
        "{init}"
    );
    assert_eq!(
        init["capabilities"]["codeLensProvider"],
        json!({"resolveProvider": false})
    );
    let config = home.uri("config");
    let credentials = home.uri("credentials");
    server.open(&config, "aws-config", 1, &files.config);
    server.diagnostics(&config, Some(1));
    server.open(&credentials, "aws-credentials", 1, &files.credentials);
    server.diagnostics(&credentials, Some(1));
    (home, server, config, credentials)
}

/// The "Validate profile" code action on the profile's header line in the config file.
fn validate_action(server: &mut Server, config: &str, line: usize, profile: &str) -> Value {
    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": config},
               "range": {"start": {"line": line, "character": 2}, "end": {"line": line, "character": 2}},
               "context": {"diagnostics": []}}),
    );
    let title = format!("Validate profile '{profile}' with AWS STS");
    let action = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("no {title:?} in {actions}"))
        .clone();
    assert_eq!(
        action["command"],
        json!({"title": title, "command": "aws-config-lsp.validateProfile", "arguments": [profile]})
    );
    action
}

/// The first STS diagnostic published for `uri` on `line`.
fn sts_diagnostic(server: &mut Server, uri: &str, line: usize) -> Value {
    let published = server.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"].as_array().is_some_and(|d| {
                d.iter().any(|d| {
                    d["source"] == "aws-config-lsp (STS)" && d["range"]["start"]["line"] == line
                })
            })
    });
    published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["source"] == "aws-config-lsp (STS)" && d["range"]["start"]["line"] == line)
        .unwrap()
        .clone()
}

#[test]
fn every_case_through_code_action_command_and_diagnostic() {
    let files = fixtures::files();
    let moto = fixtures::moto();
    let (_home, mut server, config, credentials) = start("cases", &files);
    for case in &files.cases {
        let (header, _) = section_lines(&files.config, &format!("[profile {}]", case.profile))
            .unwrap_or_else(|| panic!("no header for {}", case.profile));
        let action = validate_action(&mut server, &config, header, case.profile);
        let mut arguments = action["command"]["arguments"].clone();
        if let Some(t) = case.timeout {
            arguments
                .as_array_mut()
                .unwrap()
                .push(json!({"timeoutSeconds": t}));
        }
        let answer = server.request(
            "workspace/executeCommand",
            json!({"command": action["command"]["command"], "arguments": arguments}),
        );
        assert_eq!(
            answer,
            json!(format!(
                "Validating profile '{}' with AWS STS",
                case.profile
            ))
        );
        // Progress: created by the server, begun, ended with the verdict.
        let begin =
            server.wait(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "begin");
        assert_eq!(
            begin["params"]["value"]["title"],
            format!("Validating profile '{}' with AWS STS", case.profile)
        );
        assert_eq!(begin["params"]["value"]["cancellable"], true);
        let token = begin["params"]["token"].clone();
        server.wait(|m| {
            m["method"] == "$/progress"
                && m["params"]["token"] == token
                && m["params"]["value"]["kind"] == "end"
        });
        let (uri, line) = match case.at_key {
            Some(key) => {
                let in_credentials =
                    section_lines(&files.credentials, &format!("[{}]", case.profile))
                        .and_then(|(_, keys)| keys.into_iter().find(|(k, _)| k == key));
                match in_credentials {
                    Some((_, line)) => (&credentials, line),
                    None => {
                        let (_, keys) =
                            section_lines(&files.config, &format!("[profile {}]", case.profile))
                                .unwrap();
                        let line = keys.iter().find(|(k, _)| k == key).unwrap().1;
                        (&config, line)
                    }
                }
            }
            None => (&config, header),
        };
        let diagnostic = sts_diagnostic(&mut server, uri, line);
        let message = diagnostic["message"].as_str().unwrap();
        assert!(
            message.contains(&case.says),
            "{}: expected {:?} in {diagnostic:#}",
            case.profile,
            case.says
        );
        match case.code {
            "valid" => {
                assert_eq!(diagnostic["severity"], 3, "{diagnostic:#}");
                assert_eq!(diagnostic["code"], "sts-valid");
            }
            "sts-unreachable" | "sts-timeout" => {
                assert_eq!(diagnostic["severity"], 2, "{diagnostic:#}");
                assert_eq!(diagnostic["code"], case.code);
            }
            code => {
                assert_eq!(diagnostic["severity"], 1, "{diagnostic:#}");
                assert_eq!(diagnostic["code"], code);
            }
        }
        // The same in a message.
        let shown = server.wait(|m| {
            m["method"] == "window/showMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|t| t.starts_with(&format!("Profile '{}': ", case.profile)))
        });
        let expected_type = match case.code {
            "valid" => 3,
            "sts-unreachable" | "sts-timeout" => 2,
            _ => 1,
        };
        assert_eq!(shown["params"]["type"], expected_type, "{shown}");
        server.clear();
    }
    let stderr = server.shutdown();
    for secret in [
        EXAMPLE_SECRET,
        moto.secret.as_str(),
        moto.deleted_secret.as_str(),
    ] {
        assert!(!stderr.contains(secret), "a secret was logged");
    }
}

#[test]
fn the_result_goes_when_the_profile_changes_and_lenses_show_it() {
    let files = fixtures::files();
    let (_home, mut server, config, _) = start("lifecycle", &files);
    let (header, keys) = section_lines(&files.config, "[profile alice]").unwrap();
    let lenses = server.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": config}}),
    );
    let lens = lenses
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["range"]["start"]["line"] == header)
        .unwrap()
        .clone();
    assert_eq!(
        lens["command"],
        json!({"title": "Validate with AWS STS", "command": "aws-config-lsp.validateProfile", "arguments": ["alice"]})
    );
    server.request(
        "workspace/executeCommand",
        json!({"command": "aws-config-lsp.validateProfile", "arguments": ["alice"]}),
    );
    let diagnostic = sts_diagnostic(&mut server, &config, header);
    assert_eq!(diagnostic["severity"], 3);
    let lenses = server.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": config}}),
    );
    let title = lenses
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["range"]["start"]["line"] == header)
        .unwrap()["command"]["title"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        title.starts_with("STS: valid (arn:aws:iam::123456789012:user/alice)"),
        "{title}"
    );

    // An edit elsewhere keeps it; an edit of the profile removes it.
    let last_line = files.config.lines().count();
    server.clear();
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": config, "version": 2},
               "contentChanges": [{"range": {"start": {"line": last_line, "character": 0}, "end": {"line": last_line, "character": 0}}, "text": "# end\n"}]}),
    );
    let kept = server.diagnostics(&config, Some(2));
    assert!(
        kept["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "sts-valid"),
        "{kept}"
    );
    let (_, line) = keys[0];
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": config, "version": 3},
               "contentChanges": [{"range": {"start": {"line": line + 1, "character": 0}, "end": {"line": line + 1, "character": 0}}, "text": "region = eu-west-1\n"}]}),
    );
    let gone = server.diagnostics(&config, Some(3));
    assert!(
        !gone["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "sts-valid"),
        "{gone}"
    );
    server.shutdown();
}

#[test]
fn a_check_can_be_cancelled_and_never_blocks_other_requests() {
    let files = fixtures::files();
    let (_home, mut server, config, _) = start("cancel", &files);
    // "silent" never answers: with the default 10 s timeout the check stays under way.
    server.request(
        "workspace/executeCommand",
        json!({"command": "aws-config-lsp.validateProfile", "arguments": ["silent"]}),
    );
    let begin =
        server.wait(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "begin");
    let token = begin["params"]["token"].clone();
    // Other requests are answered meanwhile.
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": config}, "position": {"line": 1, "character": 2}}),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("endpoint_url"),
        "{hover}"
    );
    server.notify("window/workDoneProgress/cancel", json!({"token": token}));
    let end = server.wait(|m| {
        m["method"] == "$/progress"
            && m["params"]["token"] == token
            && m["params"]["value"]["kind"] == "end"
    });
    assert_eq!(
        end["params"]["value"]["message"],
        "Validation of profile 'silent' cancelled"
    );
    // An unknown argument is refused.
    let refused = server.request_message(
        "workspace/executeCommand",
        json!({"command": "aws-config-lsp.validateProfile", "arguments": []}),
    );
    assert_eq!(refused["error"]["code"], -32602, "{refused}");
    server.shutdown();
}

#[test]
fn timeouts_come_from_the_settings() {
    let files = fixtures::files();
    let home = Home::new(
        "sts-settings",
        Some(&files.config),
        Some(&files.credentials),
    );
    let (mut server, _) = Server::start(
        &home.path,
        Options {
            initialization_options: Some(
                json!({"awsConfigLsp": {"sts": {"timeoutSeconds": 1, "connectTimeoutSeconds": 1}}}),
            ),
            ..Options::default()
        },
    );
    let config = home.uri("config");
    server.open(&config, "aws-config", 1, &files.config);
    server.diagnostics(&config, Some(1));
    // No progress token (the client did not offer window.workDoneProgress).
    server.request(
        "workspace/executeCommand",
        json!({"command": "aws-config-lsp.validateProfile", "arguments": ["silent"]}),
    );
    let (header, _) = section_lines(&files.config, "[profile silent]").unwrap();
    let diagnostic = sts_diagnostic(&mut server, &config, header);
    assert_eq!(diagnostic["code"], "sts-timeout", "{diagnostic:#}");
    assert!(
        diagnostic["message"]
            .as_str()
            .unwrap()
            .starts_with("Could not check: no answer within 1 s"),
        "{diagnostic:#}"
    );
    server.shutdown();
}
