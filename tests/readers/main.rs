//! Each reader's view against the reader itself: `dump --view cli` against botocore (PyPI),
//! `dump --view js` against the AWS SDK for JavaScript v3's loader (npm). The real binary and
//! the real libraries read the same files and must agree exactly; and wherever the SDKs' view
//! and a reader disagree, `check` must say so.
//!
//! Inputs: the AWS SDKs' shared parser vectors and the other readers' test files of the
//! conformance folder (`tests/support/conformance.rs`; skipped, with a message, when absent),
//! and seeded generated files (`tests/support/generator.rs`) that mix every construct the
//! readers treat differently. `AWS_CONFIG_LSP_DIFF_CASES` sets how many (default 2,000);
//! `AWS_CONFIG_LSP_DIFF_SEED` fixes the seed, which otherwise changes with every run and is
//! printed on failure.
//!
//! The AWS CLI's `aws s3` transfer settings too (`awscli.rs`): the AWS CLI version 1 from PyPI
//! reads sizes, rates and counts as the catalogue says.
//!
//! The catalogue of settings too (`catalogue.rs`): what it says botocore reads, under which
//! environment variables and defaults, against botocore's own declarations.
//!
//! The SSO token cache too (`sso_cache.rs`): botocore's own token provider reads the cases of
//! `tests/support/sso_scenarios.rs` as the model says.
//!
//! The readers come from the registries: `tests/botocore/setup.sh` (PyPI, into
//! target/botocore-venv) and `tests/js/setup.sh` (npm, into target/js-reader); the tests run
//! them when they are missing.

#[path = "../support/conformance.rs"]
mod conformance;
#[path = "../support/generator.rs"]
mod generator;
#[path = "../support/rng.rs"]
mod rng;
#[path = "../support/sso_scenarios.rs"]
mod sso_scenarios;

mod awscli;
mod botocore;
mod cases;
mod catalogue;
mod js;
mod sso_cache;

use cases::{assert_none, in_threads, write_cases, Case};

fn fixed_cases() -> Vec<Case> {
    let mut cases = cases::vector_cases();
    cases.extend(cases::peer_cases());
    cases
}

fn generated() -> (Vec<Case>, u64) {
    let seed = generator::seed();
    eprintln!("seed: AWS_CONFIG_LSP_DIFF_SEED={seed}");
    (cases::generated_cases(seed), seed)
}

#[test]
fn botocore_reads_the_sdk_vectors_and_peer_files_as_the_cli_view_says() {
    let cases = fixed_cases();
    let (root, dirs) = write_cases("botocore-fixed", &cases);
    let theirs = botocore::read(&dirs);
    let outcomes = in_threads(&cases, &dirs, &theirs, botocore::one_case);
    assert_none("vectors and peers", "botocore", &outcomes, None);
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn botocore_reads_generated_files_as_the_cli_view_says() {
    let (cases, seed) = generated();
    let (root, dirs) = write_cases("botocore-generated", &cases);
    let theirs = botocore::read(&dirs);
    let outcomes = in_threads(&cases, &dirs, &theirs, botocore::one_case);
    assert_none("generated", "botocore", &outcomes, Some(seed));
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn the_javascript_sdk_reads_the_sdk_vectors_and_peer_files_as_the_js_view_says() {
    let cases = fixed_cases();
    let (root, dirs) = write_cases("js-fixed", &cases);
    let theirs = js::read(&dirs);
    let outcomes = in_threads(&cases, &dirs, &theirs, js::one_case);
    assert_none("vectors and peers", "the JavaScript SDK", &outcomes, None);
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn the_javascript_sdk_reads_generated_files_as_the_js_view_says() {
    let (cases, seed) = generated();
    let (root, dirs) = write_cases("js-generated", &cases);
    let theirs = js::read(&dirs);
    let outcomes = in_threads(&cases, &dirs, &theirs, js::one_case);
    assert_none("generated", "the JavaScript SDK", &outcomes, Some(seed));
    let _ = std::fs::remove_dir_all(root);
}
