//! Every line that the AWS SDKs and the AWS CLI read differently carries a diagnostic (with
//! the code of its kind), on seeded generated files that mix what the two read differently.
//! The views themselves are checked against botocore by `tests/botocore` (through the binary).

#[path = "../../../tests/support/generator.rs"]
mod generator;
#[path = "../../../tests/support/rng.rs"]
mod rng;

use aws_config_lsp_core::lint::rules::reader_divergence::{class_of, Class};
use aws_config_lsp_core::lint::{check, LintContext, LintOptions};
use aws_config_lsp_core::text::DecodedText;
use aws_config_lsp_core::{FileKind, Input, Model};

#[test]
fn every_divergent_line_carries_a_diagnostic_of_its_kind() {
    let seed = generator::seed();
    let (mut divergences, mut files_with) = (0, 0);
    let mut missing = Vec::new();
    for i in 0..3000u64 {
        let case_seed = seed.wrapping_add(i);
        let generated = generator::generate(case_seed);
        let config = DecodedText::from_bytes(&generated.config);
        let credentials = DecodedText::from_bytes(&generated.credentials);
        let model = Model::build(&[
            Input::decoded(FileKind::Config, &config),
            Input::decoded(FileKind::Credentials, &credentials),
        ]);
        let texts = vec![config.text.as_str(), credentials.text.as_str()];
        let diagnostics = check(&LintContext::new(&model, texts), &LintOptions::default());
        divergences += model.divergences.len();
        files_with += usize::from(!model.divergences.is_empty());
        for divergence in &model.divergences {
            let file = &model.files[divergence.file];
            let line_of = |offset: usize| {
                file.tree
                    .lines
                    .partition_point(|l| l.terminator.end <= offset)
            };
            let on_line = |d: &&aws_config_lsp_core::lint::Diagnostic| {
                d.file == divergence.file
                    && (line_of(d.span.start) == divergence.line
                        || d.related.iter().any(|r| {
                            r.file == divergence.file && line_of(r.span.start) == divergence.line
                        }))
            };
            let class = class_of(&model, divergence);
            let here: Vec<_> = diagnostics.iter().filter(on_line).collect();
            let of_its_kind = match class {
                // The SDKs refuse the line: one of the parse-error codes.
                Class::SdkRefuses => !here.is_empty(),
                class => here.iter().any(|d| d.code == class.code()),
            };
            // A character that `invisible-character` reports stands in for `invalid-name` and
            // `readers-disagree` (its message gives the readings), and `unknown-key` (whose
            // rename fixes the case too) for `uppercase-key`.
            let has = |code: &str| here.iter().any(|d| d.code.as_str() == code);
            let stand_in = (matches!(class, Class::InvalidName | Class::Other)
                && has("invisible-character"))
                || (class == Class::UppercaseKey && has("unknown-key"));
            if !(of_its_kind || stand_in) {
                missing.push(format!(
                    "seed {case_seed}: {:?} line {} ({class:?}): sdk {:?}, cli {:?}; found {:?}",
                    file.kind,
                    divergence.line + 1,
                    divergence.sdk,
                    divergence.cli,
                    here.iter().map(|d| d.code.as_str()).collect::<Vec<_>>()
                ));
            }
        }
    }
    eprintln!(
        "{divergences} divergent lines in {files_with} of 3000 generated pairs (seed {seed})"
    );
    assert!(
        divergences > 1000,
        "the generator makes too few divergences"
    );
    assert!(
        missing.is_empty(),
        "{} divergent lines without a diagnostic of their kind (AWS_CONFIG_LSP_DIFF_SEED={seed}):\n{}",
        missing.len(),
        missing.iter().take(10).cloned().collect::<Vec<_>>().join("\n")
    );
}
