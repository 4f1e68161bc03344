//! The language server, driven over stdio exactly as an editor drives it: the real binary,
//! JSON-RPC messages in, whole JSON messages compared out.

// Shared with the latency benchmark (server/bench/benches/lsp.rs): each uses part of it.
#[allow(dead_code)]
mod client;
mod features;
// Each suite uses part of it.
#[allow(dead_code)]
#[path = "../support/files.rs"]
mod files;
mod large;
mod machine;
mod protocol;
mod robustness;
mod sync;
mod vocabulary;

use serde_json::{json, Value};

/// A config file with one mistake (an inline comment the AWS CLI keeps in the value) and a
/// role chain into the credentials file.
pub const CONFIG: &str = "\
[default]
region = eu-west-1
output = json

[profile dev]
source_profile = base
role_arn = arn:aws:iam::123456789012:role/dev
region = eu-west-1 # Ireland

[profile ops]
source_profile = base
role_arn = arn:aws:iam::123456789012:role/ops
";

pub const CREDENTIALS: &str = "\
[base]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
";

/// The secret of [`CREDENTIALS`]: it must never appear in any message or log.
pub const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

pub fn position(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

pub fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({"start": position(start.0, start.1), "end": position(end.0, end.1)})
}

pub fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": position(line, character)})
}

/// The codes of a `publishDiagnostics` message, in order.
pub fn codes(params: &Value) -> Vec<String> {
    params["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}
