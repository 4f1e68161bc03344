//! Bad input gets a clear error response or a diagnostic: never a panic, never a hang.

use crate::client::{Home, Options, Server};
use crate::*;
use serde_json::{json, Value};

#[test]
fn requests_about_unknown_documents_get_invalid_params() {
    let home = Home::new("unknown", None, None);
    let (mut server, _) = Server::start(&home.path, Options::default());
    let response = server.request_message("textDocument/hover", at("file:///nowhere/config", 0, 0));
    assert_eq!(response["error"]["code"], -32602);
    assert_eq!(
        response["error"]["message"],
        "unknown document file:///nowhere/config: it is not open"
    );
    // A change to a document that was never opened is ignored.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere/config", "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    let stderr = server.shutdown();
    assert!(
        stderr.contains("change to a document that is not open"),
        "{stderr}"
    );
}

#[test]
fn out_of_range_positions_are_clamped() {
    let home = Home::new("range", None, None);
    let (mut server, _) = Server::start(&home.path, Options::default());
    let uri = home.uri("config");
    server.open(&uri, "aws-config", 1, "[default]\nregion = eu-west-1\n");
    server.diagnostics(&uri, Some(1));
    assert_eq!(
        server.request("textDocument/hover", at(&uri, 999, 999)),
        Value::Null
    );
    let end_of_line = server.request("textDocument/hover", at(&uri, 1, 999));
    assert_eq!(end_of_line["range"], range((1, 9), (1, 18)));
    // An edit past the end appends.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": range((50, 3), (60, 0)), "text": "output = json  \n"}
        ]}),
    );
    assert_eq!(
        codes(&server.diagnostics(&uri, Some(2))),
        vec!["trailing-whitespace"]
    );
    server.shutdown();
}

#[test]
fn malformed_messages_get_error_responses_and_the_server_goes_on() {
    let home = Home::new("malformed", None, None);
    let (mut server, _) = Server::start(&home.path, Options::default());
    let body = b"{not json";
    server.send_raw(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    server.send_raw(body);
    let parse_error = server.wait(|m| m["error"]["code"] == -32700);
    assert_eq!(parse_error["id"], Value::Null);
    let bad_params = server.request_message("textDocument/hover", json!({"textDocument": 3}));
    assert_eq!(bad_params["error"]["code"], -32602);
    let unknown = server.request_message("aws/unknownMethod", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let uri = home.uri("config");
    server.open(&uri, "aws-config", 1, "[default]\nregion = eu-west-1\n");
    assert_eq!(
        codes(&server.diagnostics(&uri, Some(1))),
        Vec::<String>::new()
    );
    server.shutdown();
}

#[test]
fn binary_text_huge_lines_crlf_and_bom_give_diagnostics() {
    let home = Home::new("hostile", None, None);
    let (mut server, _) = Server::start(&home.path, Options::default());
    let uri = home.uri("config");
    let huge = format!("[default]\nregion = {}\n", "x".repeat(2_000_000));
    let inputs = [
        "\u{feff}[default]\r\nregion = eu-west-1\r\n".to_string(),
        "\u{0}\u{1}\u{2}[\u{0}]\n=\n\u{7f}".to_string(),
        huge,
        "[".repeat(100_000),
    ];
    for (version, text) in inputs.iter().enumerate() {
        let version = version as i64 + 1;
        server.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "aws-config", "version": version, "text": text}}),
        );
        let published = server.diagnostics(&uri, Some(version));
        assert!(published["diagnostics"].is_array());
        let hover = server.request_message("textDocument/hover", at(&uri, 0, 1));
        assert!(hover.get("error").is_none(), "{hover}");
        server.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
        server.diagnostics(&uri, None);
    }
    server.shutdown();
}

#[test]
fn secrets_never_reach_the_log_or_any_message() {
    let home = Home::new("secrets", Some(CONFIG), Some(CREDENTIALS));
    let (mut server, _) = Server::start(&home.path, Options::default());
    let credentials = home.uri("credentials");
    let quoted = CREDENTIALS.replace(SECRET, &format!("\"{SECRET}\" "));
    server.open(&credentials, "aws-credentials", 1, &quoted);
    let published = server.diagnostics(&credentials, Some(1));
    assert!(!published.to_string().contains(SECRET), "{published}");
    for line in 0..3 {
        for character in [0, 5, 30, 40] {
            let hover =
                server.request_message("textDocument/hover", at(&credentials, line, character));
            assert!(!hover.to_string().contains(SECRET), "{hover}");
        }
    }
    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": credentials}, "range": range((0, 0), (3, 0)), "context": {"diagnostics": []}}),
    );
    // A fix may rewrite the secret's line: the edit text is the user's own file content,
    // but titles and diagnostics never show it.
    for action in actions.as_array().unwrap() {
        assert!(!action["title"].to_string().contains(SECRET), "{action}");
        assert!(
            !action["diagnostics"].to_string().contains(SECRET),
            "{action}"
        );
    }
    let stderr = server.shutdown();
    assert!(!stderr.contains(SECRET), "{stderr}");
    assert!(!stderr.contains("wJalrXUtnFEMI"), "{stderr}");
}

/// A whole session at `trace`, the most verbose level, with both files open, edits that type
/// a secret and a session token, and every request: neither appears in the log, in clear or
/// in part.
#[test]
fn the_log_at_trace_level_holds_no_secret() {
    let token = format!("IQoJb3JpZ2luX2VjEXAMPLETOKEN{}", "Ab3Cd5".repeat(30));
    let credentials_text = format!("{CREDENTIALS}aws_session_token = {token}\n");
    let home = Home::new("trace", Some(CONFIG), Some(&credentials_text));
    let (mut server, _) = Server::start(
        &home.path,
        Options {
            log: "trace",
            ..Options::default()
        },
    );
    let config = home.uri("config");
    let credentials = home.uri("credentials");
    server.open(&config, "aws-config", 1, CONFIG);
    server.open(&credentials, "aws-credentials", 1, &credentials_text);
    server.diagnostics(&credentials, Some(1));
    // A secret typed into the config file under a key that does not say so, and on a line
    // of its own; then the credentials file replaced whole.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": config, "version": 2}, "contentChanges": [
            {"range": range((1, 9), (1, 18)), "text": SECRET},
            {"range": range((3, 0), (3, 0)), "text": format!("aws_secret_access_key: {SECRET}\n  {token}\n")},
        ]}),
    );
    server.diagnostics(&config, Some(2));
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": credentials, "version": 2}, "contentChanges": [
            {"text": credentials_text.replace("[base]", "[base2]")},
        ]}),
    );
    server.diagnostics(&credentials, Some(2));
    // Every answer: no secret but in the text of an edit, which is the user's own text.
    let mut answers = Vec::new();
    for (uri, line, character) in [
        (&config, 0, 3),
        (&config, 1, 12),
        (&config, 3, 30),
        (&config, 4, 5),
        (&credentials, 0, 2),
        (&credentials, 2, 30),
        (&credentials, 3, 30),
    ] {
        answers.push(server.request("textDocument/hover", at(uri, line, character)));
        answers.push(server.request("textDocument/completion", at(uri, line, character)));
    }
    for uri in [&config, &credentials] {
        answers.push(server.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range((0, 0), (9, 0)), "context": {"diagnostics": []}}),
        ));
        answers.push(server.request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
        ));
        answers.push(server.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        ));
    }
    for profile in ["base2", "default"] {
        answers.push(server.request(
            "workspace/executeCommand",
            json!({"command": "aws-config-lsp.effectiveProfile", "arguments": [profile]}),
        ));
    }
    for answer in &answers {
        assert_no_secret(answer, &[SECRET, &token], false);
    }
    // A malformed message that carries the secret.
    server.send_raw(format!("Content-Length: 5\r\n{SECRET}\r\n\r\n{{}}").as_bytes());
    server.wait(|m| m["error"]["code"] == -32700);
    let stderr = server.shutdown();
    assert!(stderr.contains("TRACE"), "{stderr}");
    for needle in [SECRET, "wJalrXUtnFEMI", "EXAMPLEKEY", &token, &token[..40]] {
        assert!(!stderr.contains(needle), "{needle} in:\n{stderr}");
    }
}

/// LSP counts a lone `\r` as a line end: positions, formatting edits and incremental edits
/// follow it, as a conforming client applies them.
#[test]
fn a_lone_carriage_return_is_a_line_end_for_positions_and_edits() {
    let home = Home::new("lone-cr", None, None);
    let (mut server, _) = Server::start(&home.path, Options::default());
    let uri = home.uri("config");
    let text = "# note\rmore\n[default]\nregion = us-east-1\noutput = json  \n";
    server.open(&uri, "aws-config", 1, text);
    let published = server.diagnostics(&uri, Some(1));
    // `more` before any section header: botocore refuses the file (a true finding).
    assert_eq!(
        codes(&published),
        vec!["cli-parse-error", "trailing-whitespace"]
    );
    assert_eq!(
        published["diagnostics"][1]["range"],
        range((4, 13), (4, 15))
    );
    let edits = server.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    assert_eq!(
        crate::features::apply(text, &edits),
        "# note\rmore\n[default]\nregion = us-east-1\noutput = json\n"
    );
    let hover = server.request("textDocument/hover", at(&uri, 3, 2));
    assert_eq!(hover["range"], range((3, 0), (3, 6)));
    let folding = server.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(folding[0]["startLine"], 2);
    assert_eq!(folding[0]["endLine"], 4);
    // An incremental edit on line 4 lands on `output`, not on `region`.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": range((4, 13), (4, 15)), "text": ""}
        ]}),
    );
    assert_eq!(
        codes(&server.diagnostics(&uri, Some(2))),
        vec!["cli-parse-error"]
    );
    let effective = server.request(
        "workspace/executeCommand",
        json!({"command": "aws-config-lsp.effectiveProfile", "arguments": ["default"]}),
    );
    assert!(
        effective.as_str().unwrap().contains("us-east-1"),
        "{effective}"
    );
    server.shutdown();
}

/// No secret anywhere in a message but in the text of an edit.
fn assert_no_secret(value: &Value, secrets: &[&str], in_edit: bool) {
    match value {
        Value::String(text) if !in_edit => {
            for secret in secrets {
                assert!(!text.contains(secret), "{secret} in {text}");
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|v| assert_no_secret(v, secrets, in_edit)),
        Value::Object(map) => {
            for (key, v) in map {
                assert_no_secret(v, secrets, in_edit || key == "newText");
            }
        }
        _ => {}
    }
}

/// A file with thousands of profiles: completion answers at most 1,000 names, marked
/// incomplete, those that match what is typed.
#[test]
fn completion_answers_are_capped_and_filtered_by_what_is_typed() {
    let home = Home::new("many-completions", None, None);
    let (mut server, _) = Server::start(&home.path, Options::default());
    let uri = home.uri("config");
    let mut text = String::from("[profile main]\nsource_profile = \n");
    for n in 0..3_000 {
        text.push_str(&format!("[profile p{n}]\nregion = eu-west-1\n"));
    }
    server.open(&uri, "aws-config", 1, &text);
    server.diagnostics(&uri, Some(1));
    let all = server.request("textDocument/completion", at(&uri, 1, 17));
    assert_eq!(all["isIncomplete"], true);
    assert_eq!(all["items"].as_array().unwrap().len(), 1_000);
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": range((1, 17), (1, 17)), "text": "p2999"}
        ]}),
    );
    server.diagnostics(&uri, Some(2));
    let typed = server.request("textDocument/completion", at(&uri, 1, 22));
    // Few names match now: a plain array (a complete list) or a list object.
    let labels: Vec<&str> = typed
        .get("items")
        .unwrap_or(&typed)
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"p2999"), "{labels:?}");
    assert!(labels.len() < 1_000, "{}", labels.len());
    server.shutdown();
}

/// A secret where no key says so (a section name, text glued by lone `\r`s, a method name)
/// is masked in every answer: symbols, hovers, completion, errors.
#[test]
fn answers_never_quote_a_secret_wherever_it_sits() {
    let home = Home::new("secret-anywhere", None, None);
    let (mut server, _) = Server::start(&home.path, Options::default());
    let uri = home.uri("config");
    let text = format!(
        "[profile {SECRET}]\nregion = eu-west-1\n[default\r= {SECRET}\raws_secret_access_key = {SECRET}\r[default]\noutput = json\n"
    );
    server.open(&uri, "aws-config", 1, &text);
    server.diagnostics(&uri, Some(1));
    let mut answers = vec![
        server.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        ),
        server.request_message(&format!("aws/{SECRET}"), json!({})),
    ];
    for line in 0..6 {
        for character in [1, 12, 30] {
            answers.push(server.request_message("textDocument/hover", at(&uri, line, character)));
            answers
                .push(server.request_message("textDocument/completion", at(&uri, line, character)));
        }
    }
    for answer in &answers {
        assert_no_secret(answer, &[SECRET], false);
    }
    server.shutdown();
}
