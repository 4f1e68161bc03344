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

#[test]
fn answers_about_huge_files_have_size_limits_that_say_what_they_leave_out() {
    let home = Home::new("answer-limits", None, None);
    let (mut server, _) = Server::start(&home.path, Options::default());

    // 20,000 sections of one name: the outline stops at 5,000 entries, the last of which
    // says what it leaves out; folding ranges stop there too.
    let same = "[profile a]\nregion = eu-west-1\n".repeat(20_000);
    let uri = home.uri("config");
    server.open(&uri, "aws-config", 1, &same);
    server.diagnostics(&uri, Some(1));
    let symbols = server.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let symbols = symbols.as_array().unwrap();
    assert_eq!(symbols.len(), 5_000);
    assert!(symbols[..4_999].iter().all(|s| s["name"] == "a"));
    let note = &symbols[4_999];
    assert_eq!(note["kind"], 21, "{note}");
    assert_eq!(
        note["name"],
        "… 15001 more sections and 20000 keys not listed (the outline stops at 5000 entries)"
    );
    assert_eq!(note["range"], range((9_998, 0), (40_000, 0)));
    let folds = server.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(folds.as_array().unwrap().len(), 5_000);

    // A section name of 5 MB: a hover of at most 32 KiB and a note, not of 10 MB.
    let name = "a".repeat(5 * 1024 * 1024);
    let big = home.uri("big/config");
    server.open(
        &big,
        "aws-config",
        1,
        &format!("[profile {name}]\nregion = eu-west-1\n"),
    );
    server.diagnostics(&big, Some(1));
    let hover = server.request("textDocument/hover", at(&big, 0, 3));
    let markdown = hover["contents"]["value"].as_str().unwrap();
    assert!(markdown.len() < 33 * 1024, "{}", markdown.len());
    assert!(markdown.starts_with(&format!("**Profile `{}…`**", &name[..100])));
    let symbols = server.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": big}}),
    );
    assert_eq!(symbols[0]["name"], format!("{}…", &name[..100]));

    // 3,000 profile names: completion of `source_profile =` gives 1,000 and says the list is
    // incomplete; what is typed narrows it down to a complete list.
    let mut names: String = (0..3_000)
        .map(|i| format!("[profile team-{i}]\nregion = eu-west-1\n"))
        .collect();
    names.push_str("[profile x]\nsource_profile = \n");
    let many = home.uri("many/config");
    server.open(&many, "aws-config", 1, &names);
    server.diagnostics(&many, Some(1));
    let line = 6_001;
    let list = server.request("textDocument/completion", at(&many, line, 17));
    assert_eq!(list["isIncomplete"], true, "{}", &list.to_string()[..200]);
    assert_eq!(list["items"].as_array().unwrap().len(), 1_000);
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": many, "version": 2}, "contentChanges": [
            {"range": range((line, 17), (line, 17)), "text": "team-2999"}
        ]}),
    );
    server.diagnostics(&many, Some(2));
    let items = server.request("textDocument/completion", at(&many, line, 26));
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["team-2999"]);
    server.shutdown();
}
