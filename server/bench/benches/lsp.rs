//! Latency of the real language server over stdio: from a `didChange` to the matching
//! `publishDiagnostics`, p50 and p99 over 200+ edits, for a 50-profile config + credentials
//! pair and for a 10,000-profile config; the time from start to the `initialize` result; and
//! resident memory with the large file open.
//!
//! Run: `cargo build --release -p aws-config-lsp && cargo bench -p aws-config-lsp-bench --bench lsp`
//! (or set `AWS_CONFIG_LSP_BIN` to the binary to measure).

#[path = "../../../tests/lsp/client.rs"]
#[allow(dead_code)]
mod client;

use aws_config_lsp_bench::{generate_config, generate_credentials};
use client::{Home, Options, Server};
use serde_json::json;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const EDITS: usize = 240;

fn binary() -> PathBuf {
    let path = std::env::var_os("AWS_CONFIG_LSP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/release/aws-config-lsp")
        });
    assert!(
        path.exists(),
        "{} is missing: run `cargo build --release -p aws-config-lsp` first",
        path.display()
    );
    path
}

fn options() -> Options<'static> {
    Options {
        binary: Some(binary()),
        log: "error",
        ..Options::default()
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Edits the value of line `line` back and forth (append a character, remove it) and times
/// each edit until its diagnostics arrive.
fn edit_latencies(server: &mut Server, uri: &str, line: u32, column: u32) -> Vec<Duration> {
    let mut latencies = Vec::with_capacity(EDITS);
    for i in 0..EDITS {
        let version = i as i64 + 2;
        let change = if i % 2 == 0 {
            json!({"range": client_range(line, column, line, column), "text": "x"})
        } else {
            json!({"range": client_range(line, column, line, column + 1), "text": ""})
        };
        let start = Instant::now();
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        server.diagnostics(uri, Some(version));
        // Arrival of the whole message, not the end of parsing it in this client.
        latencies.push(server.arrived.duration_since(start));
        server.clear();
    }
    latencies.sort();
    latencies
}

fn client_range(l1: u32, c1: u32, l2: u32, c2: u32) -> serde_json::Value {
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}

/// The end of the first `region = ...` line: where the edits go.
fn region_line(text: &str) -> (u32, u32) {
    let (index, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("region = "))
        .expect("a region line");
    (index as u32, line.len() as u32)
}

fn rss_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is not supported here.
    let mut startups = Vec::new();
    let home = Home::new("bench-start", None, None);
    for _ in 0..20 {
        let start = Instant::now();
        let (server, _) = Server::start(&home.path, options());
        startups.push(start.elapsed());
        server.shutdown();
    }
    startups.sort();

    let config = generate_config(50);
    let credentials = generate_credentials(50);
    let pair = Home::new("bench-pair", Some(&config), Some(&credentials));
    let (mut server, _) = Server::start(&pair.path, options());
    let (uri, credentials_uri) = (pair.uri("config"), pair.uri("credentials"));
    server.open(&uri, "aws-config", 1, &config);
    server.diagnostics(&uri, Some(1));
    server.open(&credentials_uri, "aws-credentials", 1, &credentials);
    server.diagnostics(&credentials_uri, Some(1));
    let (line, column) = region_line(&config);
    let small = edit_latencies(&mut server, &uri, line, column);
    server.shutdown();

    let large_text = generate_config(10_000);
    let large = Home::new("bench-large", Some(&large_text), None);
    let (mut server, _) = Server::start(&large.path, options());
    let uri = large.uri("config");
    let open = Instant::now();
    server.open(&uri, "aws-config", 1, &large_text);
    server.diagnostics(&uri, Some(1));
    let open_time = server.arrived.duration_since(open);
    let rss_open = rss_kib(server.pid(), "VmRSS:");
    let (line, column) = region_line(&large_text);
    let big = edit_latencies(&mut server, &uri, line, column);
    let rss = rss_kib(server.pid(), "VmRSS:");
    let peak = rss_kib(server.pid(), "VmHWM:");
    // What stays once typing pauses: the server frees old analyses when idle. A request
    // answered after the pause shows the server has had its idle moment.
    std::thread::park_timeout(Duration::from_millis(300));
    server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}),
    );
    let settled = rss_kib(server.pid(), "VmRSS:");
    server.shutdown();

    println!("aws-config-lsp over stdio ({} edits each)", EDITS);
    println!(
        "start to initialize result: p50 {} p99 {} (20 starts)",
        ms(percentile(&startups, 0.5)),
        ms(percentile(&startups, 0.99))
    );
    println!(
        "didChange to publishDiagnostics, 50-profile pair ({} + {} bytes): p50 {} p99 {}",
        config.len(),
        credentials.len(),
        ms(percentile(&small, 0.5)),
        ms(percentile(&small, 0.99))
    );
    println!(
        "didChange to publishDiagnostics, 10,000-profile config ({} bytes): p50 {} p99 {} (first open {})",
        large_text.len(),
        ms(percentile(&big, 0.5)),
        ms(percentile(&big, 0.99)),
        ms(open_time)
    );
    if let (Some(open), Some(rss), Some(peak), Some(settled)) = (rss_open, rss, peak, settled) {
        println!(
            "resident memory with the large file open: {:.1} MB after opening, {:.1} MB right after the edits ({:.1} MB peak), {:.1} MB once typing pauses",
            open as f64 / 1024.0,
            rss as f64 / 1024.0,
            peak as f64 / 1024.0,
            settled as f64 / 1024.0
        );
    }
}
