//! Large files: quick edits supersede the analysis of older versions, and answers have size
//! limits that say what they leave out. Complexity-independent checks only: how long things
//! take is measured by the latency benchmark (`server/bench/benches/lsp.rs`), not here.

use crate::client::{Home, Options, Server};
use crate::*;
use serde_json::json;

/// A config file of about `profiles` × 120 bytes: role profiles chained to the one before,
/// the first with static keys in the config file.
fn large_config(profiles: usize) -> String {
    let mut text = String::from(
        "[default]\nregion = eu-west-1\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
    );
    for i in 1..profiles {
        let source = if i == 1 {
            "default".to_string()
        } else {
            format!("p{}", i - 1)
        };
        text.push_str(&format!(
            "\n[profile p{i}]\nrole_arn = arn:aws:iam::123456789012:role/r{i}\nsource_profile = {source}\nregion = eu-west-1\n"
        ));
    }
    text
}

/// The `publishDiagnostics` of `uri` up to and including the one of `version`, in order.
fn published_until(server: &mut Server, uri: &str, version: i64) -> Vec<serde_json::Value> {
    let mut published = Vec::new();
    loop {
        let params = server.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        })["params"]
            .clone();
        let done = params["version"] == version;
        published.push(params);
        if done {
            return published;
        }
    }
}

#[test]
fn quick_edits_to_a_large_file_publish_the_last_version_and_skip_stale_ones() {
    let text = large_config(10_000);
    assert!(text.len() > 1_000_000, "{}", text.len());
    let home = Home::new("quick-edits", None, None);
    let (mut server, _) = Server::start(&home.path, Options::default());
    let uri = home.uri("config");
    server.open(&uri, "aws-config", 1, &text);
    assert_eq!(
        codes(&server.diagnostics(&uri, Some(1))),
        Vec::<String>::new()
    );
    // 300 characters typed at the end of `region = eu-west-1` of [default], each its own
    // didChange, as fast as the pipe takes them.
    const EDITS: i64 = 300;
    for i in 0..EDITS {
        let column = 18 + i as u32;
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2 + i}, "contentChanges": [
                {"range": range((1, column), (1, column)), "text": "x"}
            ]}),
        );
    }
    let last = 1 + EDITS;
    let published = published_until(&mut server, &uri, last);
    let versions: Vec<i64> = published
        .iter()
        .map(|p| p["version"].as_i64().unwrap())
        .collect();
    // Never an older version after a newer one, and most versions never analysed: each
    // analysis of this file takes longer than the whole burst of edits takes to arrive.
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    assert!(versions.len() < (EDITS / 2) as usize, "{versions:?}");
    assert_eq!(codes(published.last().unwrap()), vec!["unknown-region"]);

    // The last version's diagnostics equal those of a fresh analysis of the same text.
    let final_text = text.replacen(
        "region = eu-west-1\n",
        &format!("region = eu-west-1{}\n", "x".repeat(EDITS as usize)),
        1,
    );
    let fresh_uri = home.uri("fresh/config");
    server.open(&fresh_uri, "aws-config", 1, &final_text);
    let fresh = server.diagnostics(&fresh_uri, Some(1));
    assert_eq!(
        published.last().unwrap()["diagnostics"],
        fresh["diagnostics"]
    );
    server.shutdown();
}
