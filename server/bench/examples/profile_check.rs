//! What `aws-config-lsp check` does on the generated 10,000-profile files, in a loop, for
//! profilers that count (`valgrind --tool=callgrind`, `perf stat`) or sample (`perf record`):
//! criterion's wall-clock figures move with the machine's load, instruction counts do not.
//!
//! ```text
//! cargo build --release -p aws-config-lsp-bench --example profile_check
//! target/release/examples/profile_check MODE [N]
//! ```
//!
//! MODE: `config` (model + lint of the config, N times), `model` (model only), `lint` (lint
//! of a model built once), `rules` (the fastest of N runs of each rule, slowest first), or
//! `codes` (how many diagnostics of each code). Prefixed with `pair` (`pair`, `pairlint`,
//! `pairrules`, `paircodes`), the credentials file is analysed too. Subtract a run with N = 0
//! to leave out generating the files.

use aws_config_lsp_bench::{generate_config, generate_credentials};
use aws_config_lsp_core::lint::{self, Diagnostic, LintContext, LintOptions};
use aws_config_lsp_core::{FileKind, Input, Model};
use std::hint::black_box;
use std::time::{Duration, Instant};

const NOW: i64 = 1_767_225_600;

/// What `check` passes to the rules: the texts, and a fixed time.
fn context<'a>(model: &'a Model, inputs: &[Input<'a>]) -> LintContext<'a> {
    let mut cx = LintContext::new(model, inputs.iter().map(|input| input.text).collect());
    cx.now = Some(NOW);
    cx
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "config".into());
    let n: usize = args
        .next()
        .map_or(10, |n| n.parse().expect("N is a number"));
    let config = generate_config(10_000);
    let credentials = generate_credentials(10_000);
    let pair = [
        Input {
            kind: FileKind::Config,
            text: &config,
        },
        Input {
            kind: FileKind::Credentials,
            text: &credentials,
        },
    ];
    let (inputs, mode) = match mode.strip_prefix("pair") {
        Some("") => (&pair[..], "config"),
        Some(rest) => (&pair[..], rest),
        None => (&pair[..1], mode.as_str()),
    };
    let lint = |model: &Model| lint::check(&context(model, inputs), &LintOptions::default());
    let built = Model::build(inputs);
    match mode {
        "config" => {
            let total: usize = (0..n)
                .map(|_| lint(&Model::build(black_box(inputs))).len())
                .sum();
            println!("{total} diagnostics");
        }
        "model" => {
            let total: usize = (0..n)
                .map(|_| Model::build(black_box(inputs)).profiles.profiles.len())
                .sum();
            println!("{total} profiles");
        }
        "lint" => {
            let total: usize = (0..n).map(|_| lint(black_box(&built)).len()).sum();
            println!("{total} diagnostics");
        }
        "rules" => {
            let mut fastest = vec![Duration::MAX; lint::rules::ALL.len()];
            for _ in 0..n {
                // A new context each time: caches are built by the first rule that asks.
                let cx = context(&built, inputs);
                for (i, rule) in lint::rules::ALL.iter().enumerate() {
                    let mut out: Vec<Diagnostic> = Vec::new();
                    let start = Instant::now();
                    rule(&cx, &mut out);
                    fastest[i] = fastest[i].min(start.elapsed());
                    black_box(out);
                }
            }
            let mut order: Vec<usize> = (0..fastest.len()).collect();
            order.sort_by_key(|&i| std::cmp::Reverse(fastest[i]));
            for i in order {
                println!("rule {i:2}: {:.3} ms", fastest[i].as_secs_f64() * 1e3);
            }
            let total: Duration = fastest.iter().sum();
            println!("total: {:.3} ms", total.as_secs_f64() * 1e3);
        }
        "codes" => {
            let mut counts = std::collections::BTreeMap::new();
            for diagnostic in lint(&built) {
                *counts.entry(diagnostic.code.as_str()).or_insert(0) += 1;
            }
            println!("{counts:?}");
        }
        other => {
            eprintln!("unknown mode {other:?}: config, model, lint, rules or codes");
            std::process::exit(2);
        }
    }
}
