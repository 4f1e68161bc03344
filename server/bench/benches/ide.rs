//! The editor features of the core on the 10,000-profile pair, against building the model of
//! the same text in the same run (the baseline every request already pays once per edit):
//! semantic tokens (whole file and a screen), inlay hints (whole file, capped, and a screen),
//! document links, workspace symbols and range formatting (a screen).
//!
//! `cargo bench -p aws-config-lsp-bench --bench ide`; medians are in
//! `target/criterion/ide_10k/<function>/new/estimates.json`.

use aws_config_lsp_bench::{generate_config, generate_credentials};
use aws_config_lsp_core::ide::{self, Files};
use aws_config_lsp_core::lint::Host;
use aws_config_lsp_core::text::Span;
use aws_config_lsp_core::{Input, Model};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;

const LARGE: usize = 10_000;
/// Lines on a screen: what editors ask for when they ask for a range.
const SCREEN: usize = 60;

/// Every file exists and every program is found, so that every link is built (the lookups
/// cost nothing here: what is measured is the core).
struct EverythingExists;

impl Host for EverythingExists {
    fn file_exists(&self, _: &str) -> Option<bool> {
        Some(true)
    }
    fn program_on_path(&self, _: &str) -> Option<bool> {
        Some(true)
    }
    fn existing_file(&self, path: &str) -> Option<String> {
        Some(path.to_string())
    }
    fn program_path(&self, program: &str) -> Option<String> {
        Some(format!("/usr/bin/{program}"))
    }
    fn sso_cache_file(&self, _: &str) -> Option<aws_config_lsp_core::machine::CacheFile> {
        None
    }
    fn file_mode(&self, _: &str) -> Option<u32> {
        None
    }
    fn git_status(&self, _: &str) -> Option<aws_config_lsp_core::machine::GitStatus> {
        None
    }
}

/// The span of `SCREEN` lines from the middle of `text`.
fn screen(text: &str) -> Span {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let first = starts.len() / 2;
    Span::new(
        starts[first],
        starts[(first + SCREEN).min(starts.len() - 1)],
    )
}

fn ide(c: &mut Criterion) {
    let config = generate_config(LARGE);
    let credentials = generate_credentials(LARGE);
    let inputs = [Input::config(&config), Input::credentials(&credentials)];
    let model = Model::build(&inputs);
    let texts = [config.as_str(), credentials.as_str()];
    let files = Files {
        model: &model,
        texts: &texts,
    };
    let whole = Span::new(0, config.len());
    let middle = screen(&config);
    let now = Some(1_767_225_600);
    println!(
        "ide_10k: {} + {} bytes; {} semantic tokens, {} inlay hints (capped at {}), {} links, {} workspace symbols for \"dev\"",
        config.len(),
        credentials.len(),
        ide::semantic_tokens(files, 0, None).len(),
        ide::inlay_hints(files, 0, whole, now).len(),
        ide::MAX_INLAY_HINTS,
        ide::document_links(files, 0, &EverythingExists).len(),
        ide::workspace_symbols(files, "dev", usize::MAX).len(),
    );

    let mut group = c.benchmark_group("ide_10k");
    group.throughput(Throughput::Bytes(config.len() as u64));
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("baseline_model_build", |b| {
        b.iter(|| Model::build(black_box(&inputs)))
    });
    group.bench_function("semantic_tokens_full", |b| {
        b.iter(|| ide::semantic_tokens(black_box(files), 0, None))
    });
    group.bench_function("semantic_tokens_screen", |b| {
        b.iter(|| ide::semantic_tokens(black_box(files), 0, Some(middle)))
    });
    group.bench_function("inlay_hints_whole_file", |b| {
        b.iter(|| ide::inlay_hints(black_box(files), 0, whole, now))
    });
    group.bench_function("inlay_hints_screen", |b| {
        b.iter(|| ide::inlay_hints(black_box(files), 0, middle, now))
    });
    group.bench_function("document_links", |b| {
        b.iter(|| ide::document_links(black_box(files), 0, &EverythingExists))
    });
    group.bench_function("workspace_symbols_dev", |b| {
        b.iter(|| ide::workspace_symbols(black_box(files), "dev", ide::MAX_WORKSPACE_SYMBOLS))
    });
    group.bench_function("workspace_symbols_all", |b| {
        b.iter(|| ide::workspace_symbols(black_box(files), "", ide::MAX_WORKSPACE_SYMBOLS))
    });
    group.bench_function("format_range_screen", |b| {
        b.iter(|| ide::format_range(black_box(files), 0, middle))
    });
    group.finish();
}

criterion_group!(benches, ide);
criterion_main!(benches);
