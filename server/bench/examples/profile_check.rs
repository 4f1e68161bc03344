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
//! of a model built once), `rules` (the fastest of N runs of each rule, slowest first),
//! `codes` (how many diagnostics of each code), or `versus` (N rounds that time, in turn, our
//! model, our model + lint, and aws-config's loader on the same text; the fastest and the
//! median of each, and their ratios: on a busy machine the fastest runs are the ones nothing
//! interrupted). Prefixed with `pair` (`pair`, `pairlint`,
//! `pairrules`, `paircodes`), the credentials file is analysed too. Subtract a run with N = 0
//! to leave out generating the files.

use aws_config_lsp_bench::sdk::SdkLoader;
use aws_config_lsp_bench::{generate_config, generate_credentials};
use aws_config_lsp_core::lint::{self, Diagnostic, LintContext, LintOptions};
use aws_config_lsp_core::{Input, Model};
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
    let pair = [Input::config(&config), Input::credentials(&credentials)];
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
        "versus" => {
            let loader =
                SdkLoader::new(Some(inputs[0].text), inputs.get(1).map(|input| input.text));
            let time = |f: &dyn Fn()| {
                let start = Instant::now();
                f();
                start.elapsed()
            };
            let mut runs: [Vec<Duration>; 3] = Default::default();
            for _ in 0..n.max(1) {
                runs[0].push(time(&|| drop(black_box(Model::build(black_box(inputs))))));
                runs[1].push(time(&|| {
                    black_box(lint(&Model::build(black_box(inputs))));
                }));
                runs[2].push(time(&|| drop(black_box(loader.load()))));
            }
            let ms = |d: Duration| d.as_secs_f64() * 1e3;
            let mut summary = Vec::new();
            for (label, runs) in ["model (and drop)", "model + lint", "aws-config load"]
                .iter()
                .zip(&mut runs)
            {
                runs.sort();
                let (fastest, median) = (runs[0], runs[runs.len() / 2]);
                println!(
                    "{label:18} fastest {:7.3} ms  median {:7.3} ms",
                    ms(fastest),
                    ms(median)
                );
                summary.push((fastest, median));
            }
            let ratio = |a: Duration, b: Duration| b.as_secs_f64() / a.as_secs_f64();
            println!(
                "aws-config load / our model: fastest {:.2}x, median {:.2}x",
                ratio(summary[0].0, summary[2].0),
                ratio(summary[0].1, summary[2].1)
            );
            println!(
                "aws-config load / our model + lint: fastest {:.2}x, median {:.2}x",
                ratio(summary[1].0, summary[2].0),
                ratio(summary[1].1, summary[2].1)
            );
        }
        "codes" => {
            let mut counts = std::collections::BTreeMap::new();
            for diagnostic in lint(&built) {
                *counts.entry(diagnostic.code.as_str()).or_insert(0) += 1;
            }
            println!("{counts:?}");
        }
        other => {
            eprintln!("unknown mode {other:?}: config, model, lint, rules, codes or versus");
            std::process::exit(2);
        }
    }
}
