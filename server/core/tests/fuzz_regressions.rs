//! Inputs found by the fuzzers (`tests/fuzz-regressions/`) and the fuzz seeds (`fuzz/seeds/`),
//! through everything the core does with a file: decode, parse, model, chain resolution and
//! every lint rule, and formatting. Nothing may panic, every span handed out must lie on the
//! text, and formatting must not change what the SDKs read.

use aws_config_lsp_core::chain::resolve_chain;
use aws_config_lsp_core::ide;
use aws_config_lsp_core::lint::{self, LintContext, LintOptions};
use aws_config_lsp_core::text::{DecodedText, Span};
use aws_config_lsp_core::{Input, Model};
use std::path::Path;

fn inputs_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{} must exist: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .map(|path| (path.display().to_string(), std::fs::read(&path).unwrap()))
        .collect();
    files.sort();
    files
}

fn assert_on_text(what: &str, text: &str, span: Span) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} splits a character"
    );
}

/// A 0x00 byte splits an input into config and credentials text, as in the fuzz targets.
fn run(name: &str, bytes: &[u8]) {
    let (config, credentials) = match bytes.iter().position(|&b| b == 0) {
        Some(at) => (&bytes[..at], &bytes[at + 1..]),
        None => (bytes, &[][..]),
    };
    let config = DecodedText::from_bytes(config);
    let credentials = DecodedText::from_bytes(credentials);
    let texts = [config.text.as_str(), credentials.text.as_str()];
    let model = Model::build(&[Input::config(texts[0]), Input::credentials(texts[1])]);
    for (file, text) in model.files.iter().zip(texts) {
        let mut at = 0;
        for line in &file.tree.lines {
            assert_eq!(line.span.start, at, "{name}: lines must tile the text");
            at = line.terminator.end;
        }
        assert_eq!(at, text.len(), "{name}: lines must cover the text");
    }
    let _ = model.load_error();
    for profile in model.profiles.profiles.keys() {
        let _ = format!("{:?}", resolve_chain(&model.profiles, profile));
    }
    let mut cx = LintContext::new(&model, texts.to_vec());
    cx.now = Some(1_767_225_600);
    for diagnostic in lint::check(&cx, &LintOptions::default()) {
        let what = format!("{name}: {}", diagnostic.code.as_str());
        assert_on_text(&what, texts[diagnostic.file], diagnostic.span);
        for related in &diagnostic.related {
            assert_on_text(&what, texts[related.file], related.span);
        }
        for fix in &diagnostic.fixes {
            for edit in &fix.edits {
                assert_on_text(&what, texts[edit.file], edit.span);
            }
        }
    }
    formatting_keeps_meaning(name, &model, &texts);
}

/// Formatting the files leaves the SDK view and the SDK error as they were.
fn formatting_keeps_meaning(name: &str, model: &Model, texts: &[&str; 2]) {
    let files = ide::Files {
        model,
        texts: &texts[..],
    };
    let formatted: Vec<String> = (0..2)
        .map(|file| ide::apply_edits(texts[file], &ide::format(files, file)))
        .collect();
    let after = Model::build(&[
        Input::config(&formatted[0]),
        Input::credentials(&formatted[1]),
    ]);
    assert!(
        after.profiles == model.profiles,
        "{name}: formatting changed the profiles"
    );
    assert_eq!(
        after.load_error().map(|e| e.error.kind),
        model.load_error().map(|e| e.error.kind),
        "{name}: formatting changed the SDK error"
    );
}

#[test]
fn fuzz_findings_and_seeds_go_through_everything() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs = inputs_in(&here.join("tests/fuzz-regressions"));
    inputs.extend(inputs_in(&here.join("../../fuzz/seeds")));
    assert!(
        inputs.len() >= 10,
        "expected the fuzz seeds and findings, found {}",
        inputs.len()
    );
    for (name, bytes) in &inputs {
        run(name, bytes);
    }
}

/// Inputs shaped to make a careless rule quadratic or a report explode. Sizes are small so
/// the test stays quick in a debug build; what is checked is the shape of the result.
#[test]
fn hostile_inputs_give_bounded_reports() {
    let many_keys: String = std::iter::once("[profile a]\n".to_string())
        .chain((0..3000).map(|i| format!("k{i} = v\n")))
        .collect();
    let long_loop: String = (0..500)
        .map(|i| {
            format!(
                "[profile p{i}]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = p{}\n",
                (i + 1) % 500
            )
        })
        .collect();
    let dangling: String = (0..2000)
        .map(|i| format!("[profile p{i}]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = gone{i}\n"))
        .collect();
    let binary: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();

    for (name, bytes) in [
        ("many keys", many_keys.into_bytes()),
        ("long loop", long_loop.into_bytes()),
        ("dangling", dangling.into_bytes()),
        ("binary", binary),
    ] {
        let text = DecodedText::from_bytes(&bytes).text;
        let model = Model::build(&[Input::config(&text)]);
        let mut cx = LintContext::new(&model, vec![&text]);
        cx.now = Some(1_767_225_600);
        let found = lint::check(&cx, &LintOptions::default());
        assert!(
            found.len() <= lint::MAX_DIAGNOSTICS_PER_FILE,
            "{name}: {}",
            found.len()
        );
        assert!(
            found.iter().all(|d| d.related.len() <= 10),
            "{name}: too much related information"
        );
        match name {
            "long loop" => assert_eq!(found.len(), 500, "one diagnostic per link of the one loop"),
            "binary" => {
                let invisible = found
                    .iter()
                    .filter(|d| d.code.as_str() == "invisible-character")
                    .count();
                assert_eq!(invisible, 1, "a binary file gets one diagnostic saying so");
            }
            _ => {}
        }
    }
}
