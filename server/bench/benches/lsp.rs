//! Latency of the real language server over stdio: from a `didChange` to the matching
//! `publishDiagnostics`, p50 and p99 over 200+ edits, for a 50-profile config + credentials
//! pair, for the 10,000-profile config alone and for the 10,000-profile pair; 300 edits typed
//! quickly into the 1 MB config (all at once, and one every 10 ms), until the diagnostics of
//! the last version arrive; the time from start to the `initialize` result; resident
//! memory with the large files open; and the requests of editors' views on the 1 MB config
//! (semantic tokens of the whole file and of a screen, inlay hints and links of a screen,
//! workspace symbols), each from the request to its whole answer.
//!
//! Run: `cargo build --release -p aws-config-lsp && cargo bench -p aws-config-lsp-bench --bench lsp`
//! (or set `AWS_CONFIG_LSP_BIN` to the binary to measure). With `AWS_CONFIG_LSP_BASELINE`
//! set to another build, every case runs on both, one after the other in the same run, and
//! the ratios are printed: on a shared machine only figures from the same run compare.

#[path = "../../../tests/lsp/client.rs"]
#[allow(dead_code)]
mod client;

use aws_config_lsp_bench::{generate_config, generate_credentials};
use client::{Home, Options, Server};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const EDITS: usize = 240;
/// Edits of one quick burst, and rounds of bursts.
const QUICK_EDITS: usize = 300;
const QUICK_ROUNDS: usize = 6;

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

fn options(binary: &Path) -> Options<'static> {
    Options {
        binary: Some(binary.to_path_buf()),
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

/// One burst of quick edits: `QUICK_EDITS` characters typed at the end of line `line`
/// (from `column` on), or removed again when `undo`, one `didChange` each, `every` apart.
/// Returns the time from the last edit to its diagnostics, and how many versions were
/// published.
fn quick_burst(
    server: &mut Server,
    uri: &str,
    first_version: i64,
    (line, column): (u32, u32),
    undo: bool,
    every: Duration,
) -> (Duration, usize) {
    let mut last_sent = Instant::now();
    for i in 0..QUICK_EDITS {
        let version = first_version + i as i64;
        let change = if undo {
            let at = column + (QUICK_EDITS - i) as u32;
            json!({"range": client_range(line, at - 1, line, at), "text": ""})
        } else {
            let at = column + i as u32;
            json!({"range": client_range(line, at, line, at), "text": "x"})
        };
        if !every.is_zero() && i > 0 {
            std::thread::sleep(every.saturating_sub(last_sent.elapsed()));
        }
        last_sent = Instant::now();
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
    }
    let last = first_version + QUICK_EDITS as i64 - 1;
    let mut published = 0;
    loop {
        let params = server.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        published += 1;
        if params["params"]["version"] == last {
            break;
        }
    }
    (server.arrived.duration_since(last_sent), published)
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

fn rss_mb(pid: u32, field: &str) -> f64 {
    let read = || -> Option<f64> {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let line = status.lines().find(|l| l.starts_with(field))?;
        let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib / 1024.0)
    };
    read().unwrap_or(f64::NAN)
}

/// Resident memory: after opening, right after the edits, the peak, and once typing pauses.
#[derive(Clone, Copy, Default)]
struct Memory {
    open: f64,
    edited: f64,
    peak: f64,
    settled: f64,
}

impl Memory {
    fn show(&self) -> String {
        format!(
            "{:.1} MB after opening, {:.1} MB right after the edits ({:.1} MB peak), {:.1} MB once typing pauses",
            self.open, self.edited, self.peak, self.settled
        )
    }
}

/// What stays once typing pauses: the server frees old analyses when idle. A request
/// answered after the pause shows the server has had its idle moment.
fn settled_memory(server: &mut Server, uri: &str) -> f64 {
    std::thread::park_timeout(Duration::from_millis(300));
    server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}),
    );
    rss_mb(server.pid(), "VmRSS:")
}

struct Latency {
    sorted: Vec<Duration>,
}

impl Latency {
    fn p50(&self) -> Duration {
        percentile(&self.sorted, 0.5)
    }
    fn p99(&self) -> Duration {
        percentile(&self.sorted, 0.99)
    }
    fn show(&self) -> String {
        format!("p50 {} p99 {}", ms(self.p50()), ms(self.p99()))
    }
}

/// Everything measured on one binary.
struct Figures {
    startup: Latency,
    small: Latency,
    large: Latency,
    large_open: Duration,
    large_memory: Memory,
    pair: Latency,
    pair_memory: Memory,
    /// Last edit to its diagnostics, all edits at once; versions published per burst.
    burst: Latency,
    burst_published: Vec<usize>,
    /// The same, one edit every 10 ms.
    paced: Latency,
    paced_published: Vec<usize>,
    quick_memory: Memory,
    /// Requests on the 10,000-profile config: name, latency, answer size in bytes.
    requests: Vec<(&'static str, Latency, usize)>,
}

/// Requests of each kind on the 10,000-profile config.
const REQUESTS: usize = 40;

/// Times `REQUESTS` requests of `method`; the answer's size in bytes. `None` when the
/// server answers with an error (a baseline build without the feature).
fn request_latencies(
    server: &mut Server,
    method: &str,
    params: serde_json::Value,
) -> Option<(Latency, usize)> {
    let mut sorted = Vec::with_capacity(REQUESTS);
    let mut size = 0;
    for _ in 0..REQUESTS {
        let start = Instant::now();
        let response = server.request_message(method, params.clone());
        if response.get("error").is_some() {
            return None;
        }
        sorted.push(server.arrived.duration_since(start));
        size = response["result"].to_string().len();
    }
    sorted.sort();
    Some((Latency { sorted }, size))
}

struct Inputs {
    config: String,
    credentials: String,
    large_config: String,
    large_credentials: String,
}

fn measure(binary: &Path, inputs: &Inputs) -> Figures {
    let mut startups = Vec::new();
    let home = Home::new("bench-start", None, None);
    for _ in 0..20 {
        let start = Instant::now();
        let (server, _) = Server::start(&home.path, options(binary));
        startups.push(start.elapsed());
        server.shutdown();
    }
    startups.sort();

    let pair = Home::new(
        "bench-pair",
        Some(&inputs.config),
        Some(&inputs.credentials),
    );
    let (mut server, _) = Server::start(&pair.path, options(binary));
    let (uri, credentials_uri) = (pair.uri("config"), pair.uri("credentials"));
    server.open(&uri, "aws-config", 1, &inputs.config);
    server.diagnostics(&uri, Some(1));
    server.open(&credentials_uri, "aws-credentials", 1, &inputs.credentials);
    server.diagnostics(&credentials_uri, Some(1));
    let (line, column) = region_line(&inputs.config);
    let small = edit_latencies(&mut server, &uri, line, column);
    server.shutdown();

    // The 10,000-profile config alone (its credentials file not on disk).
    let large = Home::new("bench-large", Some(&inputs.large_config), None);
    let (mut server, _) = Server::start(&large.path, options(binary));
    let uri = large.uri("config");
    let open = Instant::now();
    server.open(&uri, "aws-config", 1, &inputs.large_config);
    server.diagnostics(&uri, Some(1));
    let large_open = server.arrived.duration_since(open);
    let mut large_memory = Memory {
        open: rss_mb(server.pid(), "VmRSS:"),
        ..Memory::default()
    };
    let (line, column) = region_line(&inputs.large_config);
    let large_latency = edit_latencies(&mut server, &uri, line, column);
    large_memory.edited = rss_mb(server.pid(), "VmRSS:");
    large_memory.peak = rss_mb(server.pid(), "VmHWM:");
    large_memory.settled = settled_memory(&mut server, &uri);
    // What editors ask for their views, on the same file (a screen: 60 lines in the middle).
    let middle = inputs.large_config.lines().count() as u32 / 2;
    let screen = client_range(middle, 0, middle + 60, 0);
    let document = json!({"textDocument": {"uri": uri}});
    let on_screen = json!({"textDocument": {"uri": uri}, "range": screen});
    let mut requests = Vec::new();
    for (name, method, params) in [
        (
            "semantic tokens, whole file",
            "textDocument/semanticTokens/full",
            document.clone(),
        ),
        (
            "semantic tokens, a screen",
            "textDocument/semanticTokens/range",
            on_screen.clone(),
        ),
        ("inlay hints, a screen", "textDocument/inlayHint", on_screen),
        (
            "document links, whole file",
            "textDocument/documentLink",
            document,
        ),
        (
            "workspace symbols `dev`",
            "workspace/symbol",
            json!({"query": "dev"}),
        ),
    ] {
        if let Some((latency, size)) = request_latencies(&mut server, method, params) {
            requests.push((name, latency, size));
        }
    }
    server.shutdown();

    // The 10,000-profile pair, both open, the config edited.
    let home = Home::new(
        "bench-large-pair",
        Some(&inputs.large_config),
        Some(&inputs.large_credentials),
    );
    let (mut server, _) = Server::start(&home.path, options(binary));
    let (uri, credentials_uri) = (home.uri("config"), home.uri("credentials"));
    server.open(&uri, "aws-config", 1, &inputs.large_config);
    server.diagnostics(&uri, Some(1));
    server.open(
        &credentials_uri,
        "aws-credentials",
        1,
        &inputs.large_credentials,
    );
    server.diagnostics(&credentials_uri, Some(1));
    let mut pair_memory = Memory {
        open: rss_mb(server.pid(), "VmRSS:"),
        ..Memory::default()
    };
    let pair_latency = edit_latencies(&mut server, &uri, line, column);
    pair_memory.edited = rss_mb(server.pid(), "VmRSS:");
    pair_memory.peak = rss_mb(server.pid(), "VmHWM:");
    pair_memory.settled = settled_memory(&mut server, &uri);
    server.shutdown();

    // 300 quick edits into the 1 MB config: typed, then removed again, in turn.
    let home = Home::new("bench-quick", Some(&inputs.large_config), None);
    let (mut server, _) = Server::start(&home.path, options(binary));
    let uri = home.uri("config");
    server.open(&uri, "aws-config", 1, &inputs.large_config);
    server.diagnostics(&uri, Some(1));
    let mut quick_memory = Memory {
        open: rss_mb(server.pid(), "VmRSS:"),
        ..Memory::default()
    };
    let mut version = 2;
    let mut rounds = |every: Duration, server: &mut Server| {
        let mut latencies = Vec::new();
        let mut published = Vec::new();
        for round in 0..QUICK_ROUNDS {
            let (latency, count) =
                quick_burst(server, &uri, version, (line, column), round % 2 == 1, every);
            version += QUICK_EDITS as i64;
            latencies.push(latency);
            published.push(count);
            server.clear();
        }
        latencies.sort();
        (Latency { sorted: latencies }, published)
    };
    let (burst, burst_published) = rounds(Duration::ZERO, &mut server);
    let (paced, paced_published) = rounds(Duration::from_millis(10), &mut server);
    quick_memory.edited = rss_mb(server.pid(), "VmRSS:");
    quick_memory.peak = rss_mb(server.pid(), "VmHWM:");
    quick_memory.settled = settled_memory(&mut server, &uri);
    server.shutdown();

    Figures {
        startup: Latency { sorted: startups },
        small: Latency { sorted: small },
        large: Latency {
            sorted: large_latency,
        },
        large_open,
        large_memory,
        pair: Latency {
            sorted: pair_latency,
        },
        pair_memory,
        burst,
        burst_published,
        paced,
        paced_published,
        quick_memory,
        requests,
    }
}

fn report(label: &str, inputs: &Inputs, f: &Figures) {
    println!("{label}:");
    println!(
        "  start to initialize result: {} (20 starts)",
        f.startup.show()
    );
    println!(
        "  didChange to publishDiagnostics, 50-profile pair ({} + {} bytes): {}",
        inputs.config.len(),
        inputs.credentials.len(),
        f.small.show()
    );
    println!(
        "  didChange to publishDiagnostics, 10,000-profile config ({} bytes): {} (first open {})",
        inputs.large_config.len(),
        f.large.show(),
        ms(f.large_open)
    );
    println!("    memory: {}", f.large_memory.show());
    println!(
        "  didChange to publishDiagnostics, 10,000-profile pair ({} + {} bytes): {}",
        inputs.large_config.len(),
        inputs.large_credentials.len(),
        f.pair.show()
    );
    println!("    memory: {}", f.pair_memory.show());
    println!(
        "  {QUICK_EDITS} quick edits into the 10,000-profile config, last edit to its diagnostics, {QUICK_ROUNDS} rounds: all at once {} (versions published per round {:?}); one every 10 ms {} ({:?})",
        f.burst.show(),
        f.burst_published,
        f.paced.show(),
        f.paced_published
    );
    println!("    memory: {}", f.quick_memory.show());
    for (name, latency, size) in &f.requests {
        println!(
            "  {name} of the 10,000-profile config ({REQUESTS} requests, {size} bytes): {}",
            latency.show()
        );
    }
}

fn ratio(what: &str, ours: Duration, theirs: Duration) {
    println!(
        "  {what}: {} vs {}: {:.2}x",
        ms(ours),
        ms(theirs),
        theirs.as_secs_f64() / ours.as_secs_f64()
    );
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is not supported here.
    let inputs = Inputs {
        config: generate_config(50),
        credentials: generate_credentials(50),
        large_config: generate_config(10_000),
        large_credentials: generate_credentials(10_000),
    };
    let ours = binary();
    let baseline = std::env::var_os("AWS_CONFIG_LSP_BASELINE").map(PathBuf::from);
    println!(
        "aws-config-lsp over stdio ({EDITS} edits per latency case): {}",
        ours.display()
    );
    let figures = measure(&ours, &inputs);
    report("this build", &inputs, &figures);
    let Some(baseline) = baseline else {
        return;
    };
    let base = measure(&baseline, &inputs);
    report(&format!("baseline {}", baseline.display()), &inputs, &base);
    println!("baseline / this build (higher: this build is faster):");
    let pairs = [
        ("50-profile pair p50", &figures.small, &base.small),
        ("10,000-profile config p50", &figures.large, &base.large),
        ("10,000-profile pair p50", &figures.pair, &base.pair),
        ("quick edits, all at once, p50", &figures.burst, &base.burst),
        ("quick edits, every 10 ms, p50", &figures.paced, &base.paced),
    ];
    for (what, ours, theirs) in pairs {
        ratio(what, ours.p50(), theirs.p50());
    }
    println!(
        "  resident memory, 10,000-profile pair once typing pauses: {:.1} MB vs {:.1} MB",
        figures.pair_memory.settled, base.pair_memory.settled
    );
}
