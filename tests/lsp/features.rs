//! Every feature through the real binary, with whole messages compared.

use crate::client::{Home, Options, Server};
use crate::*;
use serde_json::{json, Value};

fn started(name: &str) -> (Home, Server, String, String) {
    let home = Home::new(name, Some(CONFIG), Some(CREDENTIALS));
    let (mut server, _) = Server::start(&home.path, Options::default());
    let config = home.uri("config");
    let credentials = home.uri("credentials");
    server.open(&config, "aws-config", 1, CONFIG);
    server.diagnostics(&config, Some(1));
    (home, server, config, credentials)
}

#[test]
fn initialize_announces_every_capability() {
    let home = Home::new("init", None, None);
    let (server, result) = Server::start(&home.path, Options::default());
    assert_eq!(
        result,
        json!({
            "capabilities": {
                "positionEncoding": "utf-16",
                "textDocumentSync": {"openClose": true, "change": 2, "save": true},
                "hoverProvider": true,
                "completionProvider": {"triggerCharacters": ["[", "="]},
                "definitionProvider": true,
                "referencesProvider": true,
                "documentHighlightProvider": true,
                "renameProvider": {"prepareProvider": true},
                "documentSymbolProvider": true,
                "foldingRangeProvider": true,
                "selectionRangeProvider": true,
                "documentFormattingProvider": true,
                "documentRangeFormattingProvider": true,
                "semanticTokensProvider": {
                    "legend": {
                        "tokenTypes": ["namespace", "keyword", "property", "string", "number", "enumMember", "comment", "operator"],
                        "tokenModifiers": ["declaration", "defaultLibrary"]
                    },
                    "range": true,
                    "full": true
                },
                "inlayHintProvider": true,
                "documentLinkProvider": {"resolveProvider": false},
                "workspaceSymbolProvider": true,
                "diagnosticProvider": {"identifier": "aws-config-lsp", "interFileDependencies": true, "workspaceDiagnostics": false},
                "codeActionProvider": {"codeActionKinds": ["quickfix", "source.fixAll"]},
                "codeLensProvider": {"resolveProvider": false},
                "executeCommandProvider": {"commands": ["aws-config-lsp.effectiveProfile", "aws-config-lsp.validateProfile"]}
            },
            "serverInfo": {"name": "aws-config-lsp", "version": env!("CARGO_PKG_VERSION")}
        })
    );
    server.shutdown();
}

#[test]
fn diagnostics_are_whole_lsp_diagnostics_with_code_link_and_version() {
    let home = Home::new("diag", Some(CONFIG), Some(CREDENTIALS));
    let (mut server, _) = Server::start(&home.path, Options::default());
    let config = home.uri("config");
    server.open(&config, "aws-config", 7, CONFIG);
    let published = server.diagnostics(&config, None);
    assert_eq!(published["version"], 7);
    let diagnostics = published["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{published}");
    let message = diagnostics[0]["message"].as_str().unwrap().to_string();
    assert_eq!(
        diagnostics[0],
        json!({
            "range": range((7, 19), (7, 28)),
            "severity": 2,
            "code": "inline-comment",
            "codeDescription": {"href": "https://github.com/aws-config-lsp/aws-config-lsp/blob/main/docs/diagnostics.md#inline-comment"},
            "source": "aws-config-lsp",
            "message": message,
        })
    );
    assert!(message.contains("AWS CLI"), "{message}");
    server.shutdown();
}

#[test]
fn hover_explains_a_key_a_value_and_a_header() {
    let (_home, mut server, config, _) = started("hover");
    let key = server.request("textDocument/hover", at(&config, 1, 2));
    assert_eq!(key["range"], range((1, 0), (1, 6)));
    assert_eq!(key["contents"]["kind"], "markdown");
    let text = key["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**`region`** — "), "{text}");
    assert!(text.contains("Overridden by: `AWS_REGION`"), "{text}");

    let region = server.request("textDocument/hover", at(&config, 1, 12));
    assert_eq!(
        region,
        json!({
            "contents": {"kind": "markdown", "value": "**`eu-west-1`**: Europe (Ireland) (partition `aws`)\n"},
            "range": range((1, 9), (1, 18))
        })
    );

    let source = server.request("textDocument/hover", at(&config, 5, 18));
    let text = source["contents"]["value"].as_str().unwrap();
    assert!(
        text.starts_with("**profile `base`** (credentials line 1)"),
        "{text}"
    );
    assert!(
        text.contains("| `aws_secret_access_key` | `****************EKEY` | credentials line 3 |"),
        "{text}"
    );
    assert!(
        text.contains("**Credentials:** long-term access key `AKIAIOSFODNN7EXAMPLE`"),
        "{text}"
    );
    assert!(
        text.contains("then assume `arn:aws:iam::123456789012:role/dev` (from `dev`)"),
        "{text}"
    );

    let header = server.request("textDocument/hover", at(&config, 4, 3));
    let text = header["contents"]["value"].as_str().unwrap();
    assert!(
        text.starts_with("**Profile `dev`** as the AWS SDKs see it"),
        "{text}"
    );
    assert_eq!(
        server.request("textDocument/hover", at(&config, 3, 0)),
        Value::Null
    );
    assert!(!server.shutdown().contains(SECRET));
}

#[test]
fn completion_offers_keys_values_names_and_snippets() {
    let (_home, mut server, config, _) = started("complete");
    let edit = json!({"textDocument": {"uri": config, "version": 2}, "contentChanges": [
        {"range": range((12, 0), (12, 0)), "text": "[profile new]\nsource_profile = \nre"}
    ]});
    server.notify("textDocument/didChange", edit);
    server.diagnostics(&config, Some(2));

    let keys = server.request("textDocument/completion", at(&config, 14, 2));
    let role = keys
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "role_arn")
        .unwrap();
    let documentation = role["documentation"]["value"].as_str().unwrap().to_string();
    assert_eq!(
        role,
        &json!({
            "label": "role_arn",
            "kind": 10,
            "detail": role["detail"],
            "documentation": {"kind": "markdown", "value": documentation},
            "sortText": role["sortText"],
            "insertTextFormat": 1,
            "textEdit": {"range": range((14, 0), (14, 2)), "newText": "role_arn = "}
        })
    );
    assert!(documentation.starts_with("**`role_arn`**"));

    let names = server.request("textDocument/completion", at(&config, 13, 17));
    let labels: Vec<&str> = names
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, vec!["default", "dev", "ops", "base"]);

    // Without snippet support in the client, no snippet is offered.
    let headers = server.request("textDocument/completion", at(&config, 12, 1));
    let labels: Vec<&str> = headers
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, vec!["[profile ", "[sso-session ", "[services "]);
    server.shutdown();
}

#[test]
fn definition_references_and_highlight_cross_both_files() {
    let (_home, mut server, config, credentials) = started("navigate");
    let definition = server.request("textDocument/definition", at(&config, 5, 18));
    assert_eq!(
        definition,
        json!([{"uri": credentials, "range": range((0, 1), (0, 5))}])
    );

    let mut params = at(&config, 5, 18);
    params["context"] = json!({"includeDeclaration": true});
    let references = server.request("textDocument/references", params);
    assert_eq!(
        references,
        json!([
            {"uri": credentials, "range": range((0, 1), (0, 5))},
            {"uri": config, "range": range((5, 17), (5, 21))},
            {"uri": config, "range": range((10, 17), (10, 21))}
        ])
    );
    let highlight = server.request("textDocument/documentHighlight", at(&config, 10, 18));
    assert_eq!(
        highlight,
        json!([
            {"range": range((5, 17), (5, 21)), "kind": 2},
            {"range": range((10, 17), (10, 21)), "kind": 2}
        ])
    );
    server.shutdown();
}

#[test]
fn rename_updates_the_header_in_one_file_and_every_use_in_the_other() {
    let (_home, mut server, config, credentials) = started("rename");
    let prepared = server.request("textDocument/prepareRename", at(&config, 10, 19));
    assert_eq!(
        prepared,
        json!({"range": range((10, 17), (10, 21)), "placeholder": "base"})
    );
    let mut params = at(&config, 10, 19);
    params["newName"] = json!("root");
    let edit = server.request("textDocument/rename", params);
    let mut config_edits = edit["changes"][&config].as_array().unwrap().clone();
    config_edits.sort_by_key(|e| e["range"]["start"]["line"].as_u64());
    assert_eq!(
        config_edits,
        vec![
            json!({"range": range((5, 17), (5, 21)), "newText": "root"}),
            json!({"range": range((10, 17), (10, 21)), "newText": "root"})
        ]
    );
    assert_eq!(
        edit["changes"][&credentials],
        json!([{"range": range((0, 1), (0, 5)), "newText": "root"}])
    );

    let not_a_name = server.request("textDocument/prepareRename", at(&config, 1, 2));
    assert_eq!(not_a_name, Value::Null);
    let mut params = at(&config, 10, 19);
    params["newName"] = json!("dev");
    let refused = server.request_message("textDocument/rename", params);
    assert_eq!(refused["error"]["code"], -32602);
    assert_eq!(
        refused["error"]["message"],
        "`dev` already exists: renaming would merge two sections into one"
    );
    server.shutdown();
}

#[test]
fn outline_folding_and_selection_ranges() {
    let (_home, mut server, config, _) = started("outline");
    let symbols = server.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": config}}),
    );
    assert_eq!(symbols.as_array().unwrap().len(), 3);
    assert_eq!(
        symbols[0],
        json!({
            "name": "default", "kind": 3,
            "range": range((0, 0), (2, 13)), "selectionRange": range((0, 1), (0, 8)),
            "children": [
                {"name": "region", "kind": 7, "range": range((1, 0), (1, 18)), "selectionRange": range((1, 0), (1, 6))},
                {"name": "output", "kind": 7, "range": range((2, 0), (2, 13)), "selectionRange": range((2, 0), (2, 6))}
            ]
        })
    );
    assert_eq!(symbols[1]["detail"], "profile");
    let folding = server.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": config}}),
    );
    assert_eq!(
        folding,
        json!([
            {"startLine": 0, "endLine": 2, "kind": "region"},
            {"startLine": 4, "endLine": 7, "kind": "region"},
            {"startLine": 9, "endLine": 11, "kind": "region"}
        ])
    );
    let selection = server.request(
        "textDocument/selectionRange",
        json!({"textDocument": {"uri": config}, "positions": [position(1, 12)]}),
    );
    assert_eq!(
        selection,
        json!([{
            "range": range((1, 9), (1, 18)),
            "parent": {"range": range((1, 0), (1, 18)), "parent": {
                "range": range((0, 0), (2, 13)), "parent": {"range": range((0, 0), (12, 0))}}}
        }])
    );
    server.shutdown();
}

#[test]
fn formatting_normalises_spacing_whitespace_and_blank_lines() {
    let home = Home::new("format", None, None);
    let (mut server, _) = Server::start(&home.path, Options::default());
    let uri = home.uri("config");
    server.open(
        &uri,
        "aws-config",
        1,
        "[default]\nregion=eu-west-1  \n\n\n[profile dev]\noutput   =  json",
    );
    server.diagnostics(&uri, Some(1));
    let edits = server.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    assert_eq!(
        edits,
        json!([
            {"range": range((1, 6), (1, 7)), "newText": " = "},
            {"range": range((1, 16), (1, 18)), "newText": ""},
            {"range": range((2, 0), (4, 0)), "newText": "\n"},
            {"range": range((5, 6), (5, 12)), "newText": " = "},
            {"range": range((5, 16), (5, 16)), "newText": "\n"}
        ])
    );
    server.shutdown();
}

#[test]
fn code_actions_carry_every_fix_and_a_fix_all_of_safe_fixes_only() {
    let (_home, mut server, config, _) = started("actions");
    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": config}, "range": range((7, 20), (7, 20)), "context": {"diagnostics": []}}),
    );
    let actions = actions.as_array().unwrap();
    let quick: Vec<&Value> = actions.iter().filter(|a| a["kind"] == "quickfix").collect();
    assert!(!quick.is_empty(), "{actions:?}");
    for action in &quick {
        assert_eq!(action["diagnostics"][0]["code"], "inline-comment");
        assert!(action["edit"]["changes"][&config].is_array(), "{action}");
        // Moving the comment changes what the AWS CLI reads: offered, not preferred.
        assert_eq!(action["isPreferred"], false, "{action}");
    }
    // Nothing here can be fixed without changing what a tool reads: no fix-all.
    assert!(
        !actions.iter().any(|a| a["kind"] == "source.fixAll"),
        "{actions:?}"
    );

    // A region typo (a guess), a capitalised key (a guess: the JavaScript and Java SDKs would
    // read it anew) and trailing spaces (safe).
    let text = "[default]\nregion = us-east-7  \nOutput = json\n";
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": config, "version": 2}, "contentChanges": [{"text": text}]}),
    );
    server.diagnostics(&config, Some(2));
    let only = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": config}, "range": range((0, 0), (0, 0)),
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    assert_eq!(only.as_array().unwrap().len(), 1, "{only}");
    assert_eq!(only[0]["kind"], "source.fixAll");
    assert_eq!(
        only[0]["edit"]["changes"][&config],
        json!([
            {"range": range((1, 18), (1, 20)), "newText": ""}
        ])
    );
    server.shutdown();
}

#[test]
fn effective_profile_command_merges_both_files_and_masks_secrets() {
    let (_home, mut server, _, _) = started("command");
    let text = server.request(
        "workspace/executeCommand",
        json!({"command": "aws-config-lsp.effectiveProfile", "arguments": ["base"]}),
    );
    let text = text.as_str().unwrap();
    assert!(
        text.starts_with("**Profile `base`** as the AWS SDKs see it"),
        "{text}"
    );
    assert!(
        text.contains("`****************EKEY`") && !text.contains(SECRET),
        "{text}"
    );
    let missing = server.request_message(
        "workspace/executeCommand",
        json!({"command": "aws-config-lsp.effectiveProfile", "arguments": ["nope"]}),
    );
    assert_eq!(
        missing["error"]["message"],
        "no open file defines the profile `nope`"
    );
    assert!(!server.shutdown().contains(SECRET));
}

#[test]
fn settings_from_initialization_options_and_workspace_configuration() {
    let home = Home::new("settings", Some(CONFIG), Some(CREDENTIALS));
    let options = Options {
        capabilities: json!({"workspace": {"configuration": true}}),
        initialization_options: Some(json!({"disable": ["inline-comment"]})),
        ..Options::default()
    };
    let (mut server, _) = Server::start(&home.path, options);
    // With configuration support the server pulls `awsConfigLsp`: disable wins until then.
    server.settings = json!({"disable": ["inline-comment"]});
    let config = home.uri("config");
    server.open(&config, "aws-config", 1, CONFIG);
    server.diagnostics_with(&config, &[]);

    server.settings = json!({"severity": {"inline-comment": "error"}});
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    let published = server.diagnostics_with(&config, &["inline-comment"]);
    assert_eq!(published["diagnostics"][0]["severity"], 1);
    server.shutdown();
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let home = Home::new("utf8", None, None);
    let text = "[default]\nrole_session_name = é😀 \n";
    for (offered, expected_encoding, end) in [
        (json!(["utf-8", "utf-16"]), "utf-8", 27),
        (json!(["utf-16"]), "utf-16", 24),
    ] {
        let options = Options {
            capabilities: json!({"general": {"positionEncodings": offered}}),
            ..Options::default()
        };
        let (mut server, result) = Server::start(&home.path, options);
        assert_eq!(
            result["capabilities"]["positionEncoding"],
            expected_encoding
        );
        let uri = home.uri("config");
        server.open(&uri, "aws-config", 1, text);
        let published = server.diagnostics(&uri, Some(1));
        let trailing = published["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "trailing-whitespace")
            .unwrap_or_else(|| panic!("{published}"))
            .clone();
        assert_eq!(
            trailing["range"],
            range((1, end - 1), (1, end)),
            "{expected_encoding}"
        );
        server.shutdown();
    }
}

/// Applies LSP text edits (an array of them) to a text, as a conforming client does.
pub fn apply(text: &str, edits: &Value) -> String {
    crate::files::apply_edits(text, edits.as_array().unwrap())
}

fn dump(config: &std::path::Path, credentials: &std::path::Path) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_aws-config-lsp"))
        .args(["dump", "--show-secrets", "--config"])
        .arg(config)
        .arg("--credentials")
        .arg(credentials)
        .output()
        .unwrap();
    format!(
        "{}{}{:?}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
        output.status.code()
    )
}

/// A fixture with its spacing undone: `key=value` with trailing blanks, and extra blank lines
/// before headers, so that formatting has work to do.
fn unformatted(text: &str) -> String {
    text.lines()
        .map(|line| {
            if line.starts_with('[') {
                format!("\n\n{line}\n")
            } else if !line.starts_with([' ', '\t', '#', ';']) && line.contains(" = ") {
                format!("{}  \n", line.replacen(" = ", "=", 1))
            } else {
                format!("{line}\n")
            }
        })
        .collect()
}

#[test]
fn formatting_every_fixture_leaves_dump_unchanged() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures");
    for (dir, mess) in [
        ("valid", false),
        ("broken", false),
        ("valid", true),
        ("broken", true),
    ] {
        let read = |name: &str| {
            let text = std::fs::read_to_string(fixtures.join(dir).join(name)).unwrap();
            if mess {
                unformatted(&text)
            } else {
                text
            }
        };
        let (config, credentials) = (read("config"), read("credentials"));
        let home = Home::new(
            &format!("format-{dir}-{mess}"),
            Some(&config),
            Some(&credentials),
        );
        let before = dump(
            &home.path.join(".aws/config"),
            &home.path.join(".aws/credentials"),
        );
        let (mut server, _) = Server::start(&home.path, Options::default());
        for (name, text) in [("config", &config), ("credentials", &credentials)] {
            let uri = home.uri(name);
            server.open(&uri, "", 1, text);
            let edits = server.request(
                "textDocument/formatting",
                json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
            );
            let formatted = apply(text, &edits);
            if mess {
                assert_ne!(&formatted, text, "{dir}/{name}: nothing was formatted");
            }
            std::fs::write(home.path.join(".aws").join(name), &formatted).unwrap();
        }
        let after = dump(
            &home.path.join(".aws/config"),
            &home.path.join(".aws/credentials"),
        );
        assert_eq!(before, after, "{dir}: formatting changed what dump prints");
        // Formatting the formatted files changes nothing.
        for name in ["config", "credentials"] {
            let uri = home.uri(name);
            let text = std::fs::read_to_string(home.path.join(".aws").join(name)).unwrap();
            server.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": text}]}),
            );
            let edits = server.request(
                "textDocument/formatting",
                json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
            );
            assert_eq!(
                edits,
                json!([]),
                "{dir}/{name}: formatting is not idempotent"
            );
        }
        server.shutdown();
    }
}
