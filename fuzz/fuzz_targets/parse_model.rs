//! Arbitrary bytes through decoding, parsing, the model and role-chain resolution, checking the
//! invariants every consumer of the core relies on. Any panic is a crash.
//!
//! The input is read twice: whole, as one config file; and split at the first 0x00 byte into a
//! config file (before) and a credentials file (after), each decoded on its own as the server
//! decodes the files it reads.

#![no_main]

use aws_config_lsp_core::chain::{resolve_chain, ProfileChain};
use aws_config_lsp_core::ide;
use aws_config_lsp_core::lint::{self, Environment, LintContext, LintOptions};
use aws_config_lsp_core::model::{Model, ProfileSet};
use aws_config_lsp_core::syntax::{LineKind, Property, SyntaxTree};
use aws_config_lsp_core::text::{
    mask_secret, ColumnEncoding, DecodedText, LineIndex, Position, Span,
};
use aws_config_lsp_core::Input;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let whole = decode(data);
    check_model(&[Input::config(&whole.text)]);
    check_line_index(&whole.text, data);

    let (config_bytes, credentials_bytes) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let config = decode(config_bytes);
    let credentials = decode(credentials_bytes);
    check_model(&[
        Input::config(&config.text),
        Input::credentials(&credentials.text),
    ]);
});

fn decode(bytes: &[u8]) -> DecodedText {
    let decoded = DecodedText::from_bytes(bytes);
    let text = &decoded.text;
    match std::str::from_utf8(bytes) {
        Ok(valid) => {
            assert_eq!(text, valid, "valid UTF-8 must decode unchanged");
            assert!(decoded.invalid_utf8.is_empty());
        }
        Err(_) => assert!(
            !decoded.invalid_utf8.is_empty(),
            "invalid UTF-8 not recorded"
        ),
    }
    let mut previous_end = 0;
    for span in &decoded.invalid_utf8 {
        check_span(text, *span, "invalid_utf8");
        assert!(
            span.start >= previous_end,
            "invalid_utf8 spans out of order"
        );
        assert_eq!(span.slice(text), "\u{fffd}");
        previous_end = span.end;
    }
    decoded
}

fn check_model(inputs: &[Input<'_>]) {
    let model = Model::build(inputs);
    assert_eq!(model.files.len(), inputs.len());
    for (file, input) in model.files.iter().zip(inputs) {
        assert_eq!(file.kind, input.kind);
        check_tree(input.text, &file.tree);
        for section in &file.sections {
            assert!(section.line < file.tree.lines.len());
            check_span(input.text, section.name_span, "section name");
            assert_eq!(section.name_span.slice(input.text), &*section.name);
            for property in &section.properties {
                assert!(property.line <= property.last_line);
                assert!(property.last_line < file.tree.lines.len());
                check_span(input.text, property.key_span, "property key");
                check_span(input.text, property.value_span, "property value");
                assert_eq!(
                    property.key_span.slice(input.text).to_ascii_lowercase(),
                    *property.key
                );
                assert!(property
                    .value
                    .starts_with(property.value_span.slice(input.text)));
                for sub in &property.sub_properties {
                    // A sub-property may sit on the key's own line (`s3 = k=v` in `[services]`).
                    assert!(sub.line >= property.line && sub.line <= property.last_line);
                    check_span(input.text, sub.key_span, "sub-property key");
                    check_span(input.text, sub.value_span, "sub-property value");
                }
            }
        }
    }

    match model.load_error() {
        Some(error) => {
            let tree = &model.files[error.file].tree;
            assert_eq!(tree.errors.first(), Some(&error.error));
            assert!(model.files[..error.file]
                .iter()
                .all(|f| f.tree.errors.is_empty()));
            assert!(!error.error.kind.sdk_message().is_empty());
        }
        None => assert!(model.files.iter().all(|f| f.tree.errors.is_empty())),
    }

    check_profiles(&model, &model.profiles.profiles);
    check_profiles(&model, &model.profiles.sso_sessions);
    check_profiles(&model, &model.profiles.services);

    for name in model.profiles.profiles.keys() {
        check_chain(&model.profiles, name);
    }
    check_chain(&model.profiles, "default");
    check_chain(&model.profiles, "no such profile \u{1f600}");
    check_lint(&model, inputs);
    check_ide(&model, inputs);
}

/// Every editor feature answers at any offset with spans on the text, and formatting keeps
/// what the SDKs read and is idempotent.
fn check_ide(model: &Model, inputs: &[Input<'_>]) {
    let texts: Vec<&str> = inputs.iter().map(|i| i.text).collect();
    let files = ide::Files {
        model,
        texts: &texts,
    };
    // The values under secret keys (long enough not to occur by chance).
    let secrets: Vec<String> = model
        .files
        .iter()
        .flat_map(|f| &f.sections)
        .flat_map(|s| &s.properties)
        .filter(|p| aws_config_lsp_core::model::is_secret_key(&p.key))
        .map(|p| p.value.trim().to_string())
        .filter(|v| v.len() >= 8)
        // A value written elsewhere too (under a key that is not secret) may be shown there.
        .filter(|v| {
            texts
                .iter()
                .map(|t| t.matches(v.as_str()).count())
                .sum::<usize>()
                == 1
        })
        // So may a word of the catalogue (`Ec2InstanceMetadata` under a garbled key).
        .filter(|v| {
            !aws_config_lsp_core::knowledge::settings().any(|s| match s.kind {
                aws_config_lsp_core::knowledge::ValueKind::Enum { values, .. } => {
                    values.iter().any(|w| w.eq_ignore_ascii_case(v))
                }
                _ => false,
            })
        })
        .collect();
    for (file, text) in texts.iter().enumerate() {
        let mut offsets: Vec<usize> = (0..text.len()).step_by(7).collect();
        offsets.push(text.len());
        offsets.push(text.len() + 3);
        for offset in offsets {
            if let Some(hover) = ide::hover(files, file, offset) {
                check_span(texts[hover.range.file], hover.range.span, "hover");
                for secret in &secrets {
                    assert!(
                        !hover.markdown.contains(secret.as_str()),
                        "a secret in a hover"
                    );
                }
            }
            for item in ide::completions(files, file, offset) {
                check_span(text, item.replace, "completion");
            }
            for reference in ide::references(files, file, offset) {
                check_span(texts[reference.at.file], reference.at.span, "reference");
            }
            if let Ok(edits) = ide::rename(files, file, offset, "renamed") {
                for (at, _) in edits {
                    check_span(texts[at.file], at.span, "rename");
                }
            }
            for span in ide::selection_ranges(files, file, offset) {
                check_span(text, span, "selection");
            }
        }
        for symbol in ide::symbols(files, file) {
            check_span(text, symbol.range, "symbol");
            check_span(text, symbol.selection, "symbol selection");
        }
        let edits = ide::format(files, file);
        for pair in edits.windows(2) {
            assert!(pair[0].0.end <= pair[1].0.start, "overlapping format edits");
        }
        for (span, _) in &edits {
            check_span(text, *span, "format edit");
        }
    }
    let formatted: Vec<String> = (0..texts.len())
        .map(|file| ide::apply_edits(texts[file], &ide::format(files, file)))
        .collect();
    let formatted_inputs: Vec<Input> = inputs
        .iter()
        .zip(&formatted)
        .map(|(input, text)| Input::new(input.kind, text))
        .collect();
    let after = Model::build(&formatted_inputs);
    assert!(
        after.profiles == model.profiles,
        "formatting changed the profiles"
    );
    assert_eq!(
        after.load_error().map(|e| e.error.kind),
        model.load_error().map(|e| e.error.kind),
        "formatting changed the SDK error"
    );
    let again_texts: Vec<&str> = formatted.iter().map(String::as_str).collect();
    let again = ide::Files {
        model: &after,
        texts: &again_texts,
    };
    for file in 0..texts.len() {
        assert!(
            ide::format(again, file).is_empty(),
            "formatting is not idempotent"
        );
    }
}

/// Every rule runs on anything: diagnostics, related places and fix edits lie on the text,
/// the edits of one fix do not overlap, and applying a fix gives text the parser reads.
fn check_lint(model: &Model, inputs: &[Input<'_>]) {
    let texts: Vec<&str> = inputs.iter().map(|i| i.text).collect();
    let mut cx = LintContext::new(model, texts.clone());
    cx.now = Some(1_767_225_600);
    cx.env = Environment::from_pairs([("AWS_ACCESS_KEY_ID", "x"), ("AWS_SECRET_ACCESS_KEY", "y")]);
    for diagnostic in lint::check(&cx, &LintOptions::default()) {
        assert!(!diagnostic.message.is_empty());
        check_span(texts[diagnostic.file], diagnostic.span, "diagnostic");
        for related in &diagnostic.related {
            check_span(texts[related.file], related.span, "related");
        }
        for fix in &diagnostic.fixes {
            let mut edits = fix.edits.clone();
            for edit in &edits {
                check_span(texts[edit.file], edit.span, "fix edit");
            }
            edits.sort_by_key(|e| (e.file, e.span.start, e.span.end));
            for pair in edits.windows(2) {
                assert!(
                    pair[0].file != pair[1].file || pair[0].span.end <= pair[1].span.start,
                    "overlapping edits in a fix of {}",
                    diagnostic.code.as_str()
                );
            }
            let mut fixed: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
            for edit in edits.iter().rev() {
                fixed[edit.file].replace_range(edit.span.range(), &edit.new_text);
            }
            for text in &fixed {
                let _ = aws_config_lsp_core::syntax::parse(text);
            }
        }
    }
}

/// Every merged value points back at the entry it came from.
fn check_profiles(model: &Model, set: &aws_config_lsp_core::model::Sections) {
    for (name, profile) in set {
        assert_eq!(**name, *profile.name);
        for (key, value) in &profile.properties {
            let origin = value.origin.expect("a parsed value has an origin");
            let (_, section, entry) = model.entry(origin).expect("origin resolves");
            assert_eq!(*section.name, **name);
            assert_eq!(*entry.key, **key);
            assert_eq!(*entry.value, *value.value);
            assert_eq!(profile.get(key), Some(&*value.value));
            assert!(entry.valid_key);
            let _ = mask_secret(&value.value);
        }
    }
}

fn check_chain(set: &ProfileSet, name: &str) {
    match resolve_chain(set, name) {
        Ok(chain) => check_resolved(set, name, &chain),
        Err(error) => {
            let _ = error.to_string();
            let _ = format!("{error:?}");
            let root = error.root_cause();
            let _ = root.to_string();
        }
    }
}

fn check_resolved(set: &ProfileSet, name: &str, chain: &ProfileChain<'_>) {
    let _ = format!("{chain:?}");
    assert_eq!(chain.profiles.first().copied(), Some(name));
    assert_eq!(Some(chain.base.profile()), chain.profiles.last().copied());
    assert!(chain.roles.len() <= chain.profiles.len());
    for profile in &chain.profiles {
        assert!(set.profile(profile).is_some());
    }
}

fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} span {span:?} outside text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} span {span:?} not on char boundaries"
    );
}

/// A span of a line's content must lie within that line (without its terminator).
fn check_in_line(text: &str, line: Span, span: Span, what: &str) {
    check_span(text, span, what);
    assert!(
        line.start <= span.start && span.end <= line.end,
        "{what} span {span:?} outside its line {line:?}"
    );
}

fn check_property(text: &str, line: Span, property: &Property, what: &str) {
    check_in_line(text, line, property.key, what);
    check_in_line(text, line, property.value, what);
    if let Some(eq) = property.eq {
        check_in_line(text, line, eq, what);
        assert_eq!(eq.slice(text), "=");
        assert!(property.key.end <= eq.start && eq.end <= property.value.start);
    }
    if let Some(comment) = property.comment {
        check_in_line(text, line, comment, what);
        assert!(property.value.end <= comment.start);
    }
}

fn check_tree(text: &str, tree: &SyntaxTree) {
    // The lines and their terminators tile the text.
    let mut at = 0;
    for (index, line) in tree.lines.iter().enumerate() {
        assert_eq!(
            line.span.start, at,
            "line {index} does not start where the previous ended"
        );
        assert_eq!(
            line.span.end, line.terminator.start,
            "line {index} and its terminator"
        );
        check_span(text, line.span, "line");
        check_span(text, line.terminator, "terminator");
        let last = index + 1 == tree.lines.len();
        match line.terminator.slice(text) {
            "\n" | "\r\n" => {}
            "" => assert!(last, "empty terminator on line {index}, not the last"),
            other => panic!("terminator {other:?}"),
        }
        assert!(!line.span.slice(text).contains('\n'));
        at = line.terminator.end;
    }
    assert_eq!(at, text.len(), "the lines do not cover the text");

    for line in &tree.lines {
        let ls = line.span;
        match &line.kind {
            LineKind::Blank => {}
            LineKind::Comment(span) => check_in_line(text, ls, *span, "comment"),
            LineKind::Header(header) => {
                check_in_line(text, ls, header.open, "header open");
                assert_eq!(header.open.slice(text), "[");
                check_in_line(text, ls, header.inner, "header inner");
                if let Some(prefix) = header.prefix {
                    check_in_line(text, ls, prefix, "header prefix");
                }
                check_in_line(text, ls, header.name, "header name");
                if let Some(close) = header.close {
                    check_in_line(text, ls, close, "header close");
                    assert_eq!(close.slice(text), "]");
                }
                if let Some(trailing) = header.trailing {
                    check_in_line(text, ls, trailing, "header trailing");
                }
                if let Some(comment) = header.comment {
                    check_in_line(text, ls, comment, "header comment");
                }
            }
            LineKind::Property(property) => check_property(text, ls, property, "property"),
            LineKind::Continuation(continuation) => {
                check_in_line(text, ls, continuation.text, "continuation");
                if let Some(parent) = continuation.parent {
                    assert!(parent < tree.lines.len());
                }
            }
            LineKind::SubProperty(sub) => {
                check_property(text, ls, &sub.property, "sub-property");
                check_in_line(text, ls, sub.text, "sub-property text");
                assert!(sub.parent < tree.lines.len());
            }
        }
    }
    for error in &tree.errors {
        assert!(
            error.line < tree.lines.len(),
            "error on line {} of {}",
            error.line,
            tree.lines.len()
        );
        check_in_line(text, tree.lines[error.line].span, error.span, "error");
    }
}

/// Positions and offsets never panic, and a char-boundary offset survives a round trip.
fn check_line_index(text: &str, data: &[u8]) {
    let index = LineIndex::new(text);
    // Lines end at `\n`, `\r\n` or a lone `\r`, as LSP counts them.
    let lone_cr = text.matches('\r').count() - text.matches("\r\n").count();
    assert_eq!(index.line_count(), text.matches('\n').count() + lone_cr + 1);
    let len = text.len();
    let step = (len / 128).max(1);
    let offsets = (0..=len)
        .step_by(step)
        .chain([len, len + 1, len + 1000, usize::MAX])
        .chain(data.iter().take(16).map(|&b| b as usize));
    for offset in offsets {
        let line = index.line_of(offset);
        assert!(line < index.line_count());
        assert!(index.line_start(line) <= offset.min(len));
        for encoding in [ColumnEncoding::Utf8, ColumnEncoding::Utf16] {
            let position = index.position(text, offset, encoding);
            let back = index
                .offset(text, position, encoding)
                .expect("the line of a position exists");
            assert!(back <= len && text.is_char_boundary(back));
            let clamped = offset.min(len);
            let inside_crlf = clamped > 0 && text.get(clamped - 1..=clamped) == Some("\r\n");
            if inside_crlf {
                // Between `\r` and `\n`: no position, the end of the line's text.
                assert_eq!(back, clamped - 1);
            } else if text.is_char_boundary(clamped) {
                assert_eq!(
                    back, clamped,
                    "round trip of offset {offset} via {position:?}"
                );
            } else {
                assert!(back < clamped);
            }
        }
    }
    // Arbitrary positions, including lines and columns past the end.
    let lines = index.line_count() as u32;
    for (i, chunk) in data.chunks(2).take(16).enumerate() {
        let line =
            (i as u32 % (lines + 2)).saturating_add(if i % 5 == 4 { u32::MAX / 2 } else { 0 });
        let character = chunk.iter().fold(0u32, |acc, &b| acc << 8 | b as u32);
        for encoding in [ColumnEncoding::Utf8, ColumnEncoding::Utf16] {
            let position = Position { line, character };
            match index.offset(text, position, encoding) {
                Some(offset) => {
                    assert!((line as usize) < index.line_count());
                    assert!(offset <= len && text.is_char_boundary(offset));
                }
                None => assert!(line as usize >= index.line_count()),
            }
        }
    }
}
