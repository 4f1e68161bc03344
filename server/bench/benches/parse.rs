//! Parse + model with our core against the AWS SDK for Rust's own profile loader, on the same
//! in-memory text, plus role-chain resolution for every profile of a large file.
//!
//! `cargo bench -p aws-config-lsp-bench`; medians are in
//! `target/criterion/<group>/<function>/new/estimates.json`.

use aws_config_lsp_bench::sdk::SdkLoader;
use aws_config_lsp_bench::{generate_config, generate_credentials};
use aws_config_lsp_core::chain::resolve_chain;
use aws_config_lsp_core::lint::{self, LintContext, LintOptions};
use aws_config_lsp_core::{Input, Model};
use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;

const LARGE: usize = 10_000;
const TYPICAL: usize = 50;

/// Both implementations must accept the input and see the same number of profiles, or the
/// comparison means nothing.
fn check_same_profiles(model: &Model, loader: &SdkLoader) {
    assert!(
        model.load_error().is_none(),
        "core: {:?}",
        model.load_error()
    );
    let sdk = loader.load().expect("aws-config loads the generated files");
    assert_eq!(model.profiles.profiles.len(), sdk.profiles().count());
    assert_eq!(
        model.profiles.sso_sessions.len(),
        sdk.sso_sessions().count()
    );
}

/// Ours and aws-config's on the same text: first the parse and model alone (the result is
/// dropped outside the timing), then including the drop, which is what replacing a document's
/// model costs.
fn compare(group: &mut BenchmarkGroup<'_, WallTime>, inputs: &[Input<'_>], loader: &SdkLoader) {
    group.bench_function("ours_model_build", |b| {
        b.iter_with_large_drop(|| Model::build(black_box(inputs)))
    });
    group.bench_function("aws_config_load", |b| {
        b.iter_with_large_drop(|| black_box(loader).load())
    });
    group.bench_function("ours_model_build_and_drop", |b| {
        b.iter(|| Model::build(black_box(inputs)))
    });
    group.bench_function("aws_config_load_and_drop", |b| {
        b.iter(|| black_box(loader).load())
    });
}

fn large_config(c: &mut Criterion) {
    let config = generate_config(LARGE);
    let inputs = [Input::config(&config)];
    let loader = SdkLoader::new(Some(&config), None);
    check_same_profiles(&Model::build(&inputs), &loader);
    println!(
        "config_10k: {LARGE} profiles, {} bytes ({:.2} MiB), {} lines",
        config.len(),
        config.len() as f64 / (1024.0 * 1024.0),
        config.lines().count()
    );

    let mut group = c.benchmark_group("config_10k");
    group.throughput(Throughput::Bytes(config.len() as u64));
    group.sample_size(50);
    group.measurement_time(Duration::from_secs(6));
    compare(&mut group, &inputs, &loader);
    group.finish();
}

fn typical_pair(c: &mut Criterion) {
    let config = generate_config(TYPICAL);
    let credentials = generate_credentials(TYPICAL);
    let inputs = [Input::config(&config), Input::credentials(&credentials)];
    let loader = SdkLoader::new(Some(&config), Some(&credentials));
    check_same_profiles(&Model::build(&inputs), &loader);
    println!(
        "pair_50: {TYPICAL} config profiles; config {} bytes + credentials {} bytes",
        config.len(),
        credentials.len()
    );

    let mut group = c.benchmark_group("pair_50");
    group.throughput(Throughput::Bytes((config.len() + credentials.len()) as u64));
    compare(&mut group, &inputs, &loader);
    group.finish();
}

fn chains(c: &mut Criterion) {
    let config = generate_config(LARGE);
    let credentials = generate_credentials(LARGE);
    let model = Model::build(&[Input::config(&config), Input::credentials(&credentials)]);
    let names: Vec<&str> = model
        .profiles
        .profiles
        .keys()
        .map(|name| name.as_str())
        .collect();
    let resolved = names
        .iter()
        .filter(|name| resolve_chain(&model.profiles, name).is_ok())
        .count();
    println!(
        "chain_10k: {} profiles (config {LARGE} + credentials-only), {resolved} resolve, {} are errors",
        names.len(),
        names.len() - resolved
    );

    let mut group = c.benchmark_group("chain_10k");
    group.throughput(Throughput::Elements(names.len() as u64));
    group.bench_function("resolve_every_profile", |b| {
        b.iter(|| {
            let set = black_box(&model.profiles);
            let mut ok = 0usize;
            for name in &names {
                ok += usize::from(resolve_chain(set, name).is_ok());
            }
            ok
        })
    });
    group.finish();
}

/// What `aws-config-lsp check` does on the 10,000-profile config (alone, as the issue states
/// the target, and with its credentials file), without the I/O and the printing: parse,
/// model, and every lint rule.
fn check(c: &mut Criterion) {
    let config = generate_config(LARGE);
    let credentials = generate_credentials(LARGE);
    let pair = [Input::config(&config), Input::credentials(&credentials)];
    let mut group = c.benchmark_group("check_10k");
    for (label, inputs) in [
        ("config", &pair[..1]),
        ("config_and_credentials", &pair[..]),
    ] {
        let lint = |model: &Model| {
            let texts = inputs.iter().map(|input| input.text).collect();
            let mut cx = LintContext::new(model, texts);
            cx.now = Some(1_767_225_600);
            lint::check(&cx, &LintOptions::default())
        };
        let model = Model::build(inputs);
        println!(
            "check_10k/{label}: {} bytes, {} diagnostics",
            inputs.iter().map(|i| i.text.len()).sum::<usize>(),
            lint(&model).len()
        );
        group.bench_function(format!("{label}/lint_rules"), |b| {
            b.iter(|| lint(black_box(&model)))
        });
        // The same with a machine behind the host, as `check` and the language server have
        // one: the rules that read the SSO token cache (every login missing: each sso-session
        // and legacy profile is looked up and reported), file modes and git run in full.
        let on_a_machine = |model: &Model| {
            let texts = inputs.iter().map(|input| input.text).collect();
            let mut cx = LintContext::new(model, texts);
            cx.now = Some(1_767_225_600);
            cx.host = &Machine;
            cx.paths = vec![
                Some("/home/u/.aws/config"),
                Some("/home/u/.aws/credentials"),
            ];
            cx.paths.truncate(inputs.len());
            lint::check(&cx, &LintOptions::default())
        };
        println!(
            "check_10k/{label}: {} diagnostics on a machine",
            on_a_machine(&model).len()
        );
        group.bench_function(format!("{label}/lint_rules_on_a_machine"), |b| {
            b.iter(|| on_a_machine(black_box(&model)))
        });
        group.bench_function(format!("{label}/model_and_lint_rules"), |b| {
            b.iter(|| lint(&Model::build(black_box(inputs))).len())
        });
    }
    group.finish();
}

/// A machine with no SSO login cached, files of mode 600 outside any git repository: every
/// question has an answer, at no cost, so the benchmark measures the rules.
struct Machine;

impl aws_config_lsp_core::lint::Host for Machine {
    fn file_exists(&self, _: &str) -> Option<bool> {
        Some(true)
    }
    fn program_on_path(&self, _: &str) -> Option<bool> {
        Some(true)
    }
    fn sso_cache_file(&self, _: &str) -> Option<aws_config_lsp_core::machine::CacheFile> {
        Some(aws_config_lsp_core::machine::CacheFile::Missing)
    }
    fn file_mode(&self, _: &str) -> Option<u32> {
        Some(0o600)
    }
    fn git_status(&self, _: &str) -> Option<aws_config_lsp_core::machine::GitStatus> {
        Some(aws_config_lsp_core::machine::GitStatus::NotInRepository)
    }
}

criterion_group!(benches, large_config, typical_pair, chains, check);
criterion_main!(benches);
