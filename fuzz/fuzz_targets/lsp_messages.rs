//! Random JSON-RPC sessions into the language server's message loop: the bytes choose a
//! sequence of messages an editor (or a careless client) sends — opens, incremental and whole
//! edits of config and credentials texts with every kind of line end, every request at any
//! position, settings, answers to the server's requests, cancellations, `$/` requests,
//! malformed bodies and frames, `shutdown`, `exit` — cut into chunks at random points.
//!
//! Checks, besides those of `session.rs`: when the session ends at the end of the input,
//! every request with an id got exactly one answer, and no answer has an id that was not
//! asked.

#![no_main]

#[path = "session.rs"]
mod session;

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};
use session::{Ending, SECRET};
use std::collections::HashMap;

const URIS: [&str; 4] = [
    "file:///fuzz/.aws/config",
    "file:///fuzz/.aws/credentials",
    "file:///elsewhere/notes.ini",
    "untitled:Untitled-1",
];

const LINES: &[&str] = &[
    "[default]",
    "[profile dev]",
    "[ profile  ops ]",
    "[sso-session corp]",
    "[services local]",
    "[profile x] # comment",
    "[",
    "]",
    "region = us-east-1",
    "region = eu-west-1 # Ireland",
    "output = json  ",
    "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
    "aws_access_key_id = ASIAIOSFODNN7EXAMPLE",
    "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "aws_secret_access_key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "  wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "region = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "aws_session_token = IQoJb3JpZ2luX2VjEXAMPLETOKEN",
    "source_profile = dev",
    "source_profile = default",
    "role_arn = arn:aws:iam::123456789012:role/dev",
    "credential_source = Ec2InstanceMetadata",
    "sso_session = corp",
    "sso_start_url = https://example.awsapps.com/start",
    "s3 =",
    "  max_concurrent_requests = 10",
    "  endpoint_url = http://localhost:4566",
    "cli_pager = \u{a0}",
    "key\u{200b} = value",
    "\u{feff}[default]",
    "\u{1b}[2J",
    "x = \"quoted\"",
    "=",
    "no equals",
    "# comment",
    "; comment",
    "",
    "   ",
    "日本語 = é😀",
];

const METHODS: &[&str] = &[
    "textDocument/hover",
    "textDocument/completion",
    "textDocument/definition",
    "textDocument/references",
    "textDocument/documentHighlight",
    "textDocument/prepareRename",
    "textDocument/rename",
    "textDocument/documentSymbol",
    "textDocument/foldingRange",
    "textDocument/selectionRange",
    "textDocument/formatting",
    "textDocument/codeAction",
    "textDocument/codeLens",
    "workspace/executeCommand",
    "textDocument/semanticTokens/full",
    "textDocument/semanticTokens/range",
    "textDocument/inlayHint",
    "textDocument/documentLink",
    "textDocument/diagnostic",
    "textDocument/rangeFormatting",
    "workspace/symbol",
    "textDocument/unknown",
    "$/aws/request",
];

struct Session {
    bytes: Vec<u8>,
    next_id: i64,
    /// Ids of requests sent whole (they must be answered once), and how often answered.
    asked: HashMap<i64, usize>,
    /// False after a malformed frame: what follows it may be swallowed by it.
    tracking: bool,
    versions: HashMap<&'static str, i32>,
    exited: bool,
}

impl Session {
    fn frame(&mut self, body: &[u8]) {
        self.bytes
            .extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        self.bytes.extend_from_slice(body);
    }

    fn send(&mut self, message: Value) {
        self.frame(message.to_string().as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        if self.tracking {
            self.asked.insert(id, 0);
        }
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }
}

fn text(u: &mut Unstructured) -> Result<String> {
    let mut out = String::new();
    for _ in 0..u.int_in_range(0..=24)? {
        out.push_str(u.choose(LINES)?);
        out.push_str(u.choose(&["\n", "\n", "\n", "\r\n", "\r", ""])?);
    }
    if u.ratio(1, 8)? {
        let length = u.int_in_range(0..=32)?;
        out.push_str(&String::from_utf8_lossy(u.bytes(length)?));
    }
    Ok(out)
}

fn position(u: &mut Unstructured) -> Result<Value> {
    let line = if u.ratio(1, 16)? {
        u.arbitrary::<u32>()?
    } else {
        u.int_in_range(0..=26)?
    };
    let character = if u.ratio(1, 16)? {
        u.arbitrary::<u32>()?
    } else {
        u.int_in_range(0..=60)?
    };
    Ok(json!({"line": line, "character": character}))
}

fn range(u: &mut Unstructured) -> Result<Value> {
    Ok(json!({"start": position(u)?, "end": position(u)?}))
}

fn initialize(u: &mut Unstructured, s: &mut Session) -> Result<()> {
    let mut capabilities = json!({});
    if u.arbitrary()? {
        capabilities["general"] = json!({"positionEncodings": ["utf-8", "utf-16"]});
    }
    if u.arbitrary()? {
        capabilities["workspace"] = json!({
            "configuration": true,
            "didChangeWatchedFiles": {"dynamicRegistration": true}
        });
    }
    if u.arbitrary()? {
        capabilities["textDocument"] =
            json!({"completion": {"completionItem": {"snippetSupport": true}}});
    }
    if u.arbitrary()? {
        capabilities["window"] = json!({"workDoneProgress": true});
    }
    let mut params = json!({"processId": null, "rootUri": null, "capabilities": capabilities});
    if u.ratio(1, 4)? {
        params["initializationOptions"] = settings(u)?;
    }
    s.request("initialize", params);
    if u.ratio(7, 8)? {
        s.notify("initialized", json!({}));
    }
    Ok(())
}

fn settings(u: &mut Unstructured) -> Result<Value> {
    Ok(match u.int_in_range(0..=4)? {
        0 => json!({"awsConfigLsp": {"disable": ["trailing-whitespace"]}}),
        1 => {
            json!({"awsConfigLsp": {"severity": {"inline-comment": "error", "unknown-key": "off"}}})
        }
        2 => {
            json!({"awsConfigLsp": {"configFile": "/fuzz/.aws/config", "credentialsFile": "/fuzz/other/credentials"}})
        }
        3 => {
            json!({"awsConfigLsp": {"sts": {"timeoutSeconds": -1}, "severity": 3, "disable": "x"}})
        }
        _ => json!(u.arbitrary::<String>()?),
    })
}

fn step(u: &mut Unstructured, s: &mut Session) -> Result<()> {
    let uri = *u.choose(&URIS)?;
    match u.int_in_range(0..=19)? {
        0..=2 => {
            let version = s.versions.entry(uri).or_insert(0);
            *version += 1;
            let language = *u.choose(&["aws-config", "aws-credentials", "ini", ""])?;
            let version = *version;
            let text = text(u)?;
            s.notify(
                "textDocument/didOpen",
                json!({"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}),
            );
        }
        3..=6 => {
            let version = s.versions.entry(uri).or_insert(0);
            *version += if u.ratio(1, 10)? { 0 } else { 1 };
            let version = *version;
            let mut changes = Vec::new();
            for _ in 0..u.int_in_range(1..=4)? {
                changes.push(if u.ratio(1, 6)? {
                    json!({"text": text(u)?})
                } else {
                    let line = *u.choose(LINES)?;
                    let end = *u.choose(&["", "\n", "\r\n", "\r"])?;
                    json!({"range": range(u)?, "text": format!("{line}{end}")})
                });
            }
            s.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
            );
        }
        7 => s.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        ),
        8..=12 => {
            let method = *u.choose(METHODS)?;
            let document = json!({"uri": uri});
            let params = match method {
                "textDocument/rename" => {
                    let name = *u.choose(&["new", "", "a b", "[x]"])?;
                    json!({"textDocument": document, "position": position(u)?, "newName": name})
                }
                "textDocument/references" => {
                    json!({"textDocument": document, "position": position(u)?, "context": {"includeDeclaration": u.arbitrary::<bool>()?}})
                }
                "textDocument/documentSymbol"
                | "textDocument/foldingRange"
                | "textDocument/codeLens"
                | "textDocument/semanticTokens/full"
                | "textDocument/documentLink" => json!({"textDocument": document}),
                "textDocument/semanticTokens/range" | "textDocument/inlayHint" => {
                    json!({"textDocument": document, "range": range(u)?})
                }
                "textDocument/rangeFormatting" => {
                    json!({"textDocument": document, "range": range(u)?, "options": {"tabSize": 4, "insertSpaces": true}})
                }
                "textDocument/diagnostic" => {
                    let previous = *u.choose(&[None, Some("0"), Some("x")])?;
                    json!({"textDocument": document, "previousResultId": previous})
                }
                "workspace/symbol" => {
                    let query = *u.choose(&["", "dev", "p", "\u{0}", "日本"])?;
                    json!({"query": query})
                }
                "textDocument/formatting" => {
                    json!({"textDocument": document, "options": {"tabSize": 4, "insertSpaces": true}})
                }
                "textDocument/selectionRange" => {
                    json!({"textDocument": document, "positions": [position(u)?, position(u)?]})
                }
                "textDocument/codeAction" => {
                    let only = u
                        .choose(&[
                            json!(null),
                            json!(["quickfix"]),
                            json!(["source.fixAll"]),
                            json!(["source"]),
                        ])?
                        .clone();
                    let mut context = json!({"diagnostics": []});
                    if !only.is_null() {
                        context["only"] = only;
                    }
                    json!({"textDocument": document, "range": range(u)?, "context": context})
                }
                "workspace/executeCommand" => {
                    let command = *u.choose(&[
                        "aws-config-lsp.effectiveProfile",
                        "aws-config-lsp.validateProfile",
                        "unknown",
                    ])?;
                    let argument = *u.choose(&["default", "dev", "base", "nope"])?;
                    json!({"command": command, "arguments": [argument, uri]})
                }
                _ => json!({"textDocument": document, "position": position(u)?}),
            };
            let id = s.request(method, params);
            if u.ratio(1, 8)? {
                s.notify("$/cancelRequest", json!({"id": id}));
            }
        }
        13 => {
            let params = settings(u)?;
            s.notify(
                "workspace/didChangeConfiguration",
                json!({"settings": params}),
            );
        }
        14 => s.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": uri, "type": u.int_in_range(1..=3)?}]}),
        ),
        15 => {
            // An answer to one of the server's requests, or to none.
            let id = u.int_in_range(0..=8)?;
            let answer = u.choose(&[
                json!({"jsonrpc": "2.0", "id": id, "result": [null]}),
                json!({"jsonrpc": "2.0", "id": id, "result": [{"awsConfigLsp": {"disable": ["unknown-key"]}}]}),
                json!({"jsonrpc": "2.0", "id": id, "error": {"code": -32601, "message": "no"}}),
                json!({"id": id, "result": null}),
            ])?
            .clone();
            s.send(answer);
        }
        16 => {
            // Malformed, at every level.
            match u.int_in_range(0..=6)? {
                0 => {
                    let length = u.int_in_range(0..=40)?;
                    s.frame(u.bytes(length)?)
                }
                1 => s.frame(b"{}"),
                2 => s.frame(br#"{"jsonrpc":"2.0","id":{},"method":"textDocument/hover"}"#),
                3 => s.bytes.extend_from_slice(b"Content-Length: abc\r\n\r\n{}"),
                4 => s
                    .bytes
                    .extend_from_slice(b"Content-Length: 400\r\n\r\n{\"jsonrpc\":\"2.0\"}"),
                5 => {
                    let length = u.int_in_range(0..=40)?;
                    s.bytes.extend_from_slice(u.bytes(length)?)
                }
                _ => s.frame(
                    format!("{{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"{SECRET}\"")
                        .as_bytes(),
                ),
            }
            s.tracking = false;
        }
        17 => {
            s.request("shutdown", json!(null));
        }
        18 if u.ratio(1, 8)? => {
            s.notify("exit", json!(null));
            s.exited = true;
        }
        _ => {
            let id = s.request("$/aws/whatever", json!({}));
            let _ = id;
        }
    }
    Ok(())
}

fn build(u: &mut Unstructured) -> Result<(Session, Vec<Vec<u8>>)> {
    let mut s = Session {
        bytes: Vec::new(),
        next_id: 1,
        asked: HashMap::new(),
        tracking: true,
        versions: HashMap::new(),
        exited: false,
    };
    if u.ratio(15, 16)? {
        initialize(u, &mut s)?;
    }
    for _ in 0..u.int_in_range(0..=40)? {
        if s.exited {
            break;
        }
        step(u, &mut s)?;
    }
    let mut chunks = Vec::new();
    let mut rest = &s.bytes[..];
    while !rest.is_empty() {
        let size = if u.is_empty() {
            rest.len()
        } else {
            u.int_in_range(1..=rest.len().min(4096))?
        };
        chunks.push(rest[..size].to_vec());
        rest = &rest[size..];
    }
    Ok((s, chunks))
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok((session, chunks)) = build(&mut u) else {
        return;
    };
    let outcome = session::run(chunks);
    let mut answered = session.asked.clone();
    for message in &outcome.messages {
        if message.get("method").is_some() {
            continue;
        }
        match &message["id"] {
            Value::Null => {}
            id => {
                let id = id.as_i64().expect("ids we sent are integers");
                assert!(
                    id < session.next_id,
                    "an answer to a request never sent: {message}"
                );
                if let Some(count) = answered.get_mut(&id) {
                    *count += 1;
                }
            }
        }
    }
    if matches!(outcome.ending, Ending::EndOfInput { .. }) {
        for (id, count) in answered {
            assert_eq!(count, 1, "request {id} answered {count} times");
        }
    }
});
