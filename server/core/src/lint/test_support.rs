//! Helpers for rule tests: lint a config/credentials pair and look at what came out.

use super::{check, Code, Diagnostic, Host, LintContext, LintOptions};
use crate::model::{FileKind, Input, Model};

/// 2026-01-01T00:00:00Z, the fixed "now" of rule tests.
pub const TEST_NOW: i64 = 1_767_225_600;

pub struct Run {
    pub model: Model,
    pub texts: [String; 2],
    pub diagnostics: Vec<Diagnostic>,
}

/// Lints `config` (file 0) and `credentials` (file 1) at [`TEST_NOW`], empty environment,
/// no disk.
pub fn lint(config: &str, credentials: &str) -> Run {
    lint_with(config, credentials, |_| {})
}

/// Like [`lint`], for files given as bytes that may not be UTF-8.
pub fn lint_decoded(config: &[u8], credentials: &[u8]) -> Run {
    let config = crate::text::DecodedText::from_bytes(config);
    let credentials = crate::text::DecodedText::from_bytes(credentials);
    let model = Model::build(&[
        Input::decoded(FileKind::Config, &config),
        Input::decoded(FileKind::Credentials, &credentials),
    ]);
    let diagnostics = {
        let mut cx = LintContext::new(&model, vec![&config.text, &credentials.text]);
        cx.now = Some(TEST_NOW);
        check(&cx, &LintOptions::default())
    };
    Run {
        model,
        texts: [config.text.clone(), credentials.text.clone()],
        diagnostics,
    }
}

/// Like [`lint`], letting the test change the context (time, environment, host).
pub fn lint_with(
    config: &str,
    credentials: &str,
    configure: impl FnOnce(&mut LintContext<'_>),
) -> Run {
    let model = Model::build(&[Input::config(config), Input::credentials(credentials)]);
    let diagnostics = {
        let mut cx = LintContext::new(&model, vec![config, credentials]);
        cx.now = Some(TEST_NOW);
        configure(&mut cx);
        check(&cx, &LintOptions::default())
    };
    Run {
        model,
        texts: [config.to_string(), credentials.to_string()],
        diagnostics,
    }
}

impl Run {
    /// The findings of one code as (file, one-based line, text under the span).
    pub fn found(&self, code: Code) -> Vec<(FileKind, usize, String)> {
        self.of(code)
            .into_iter()
            .map(|d| {
                let text = &self.texts[d.file];
                let line = text[..d.span.start.min(text.len())].matches('\n').count() + 1;
                (
                    self.model.files[d.file].kind,
                    line,
                    d.span.slice(text).to_string(),
                )
            })
            .collect()
    }

    pub fn of(&self, code: Code) -> Vec<&Diagnostic> {
        self.diagnostics.iter().filter(|d| d.code == code).collect()
    }

    /// The only diagnostic of `code`; panics (with all findings) when there is not exactly one.
    pub fn one(&self, code: Code) -> &Diagnostic {
        let found = self.of(code);
        assert_eq!(
            found.len(),
            1,
            "expected one {}: {:#?}",
            code.as_str(),
            self.diagnostics
        );
        found[0]
    }

    /// The codes found, in order, for tests that a clean file stays clean.
    pub fn codes(&self) -> Vec<&'static str> {
        self.diagnostics.iter().map(|d| d.code.as_str()).collect()
    }

    /// The two texts after applying fix `index` of `diagnostic`.
    pub fn apply(&self, diagnostic: &Diagnostic, index: usize) -> [String; 2] {
        let mut texts = self.texts.clone();
        let mut edits = diagnostic.fixes[index].edits.clone();
        // Apply from the end so earlier spans stay valid.
        edits.sort_by_key(|e| std::cmp::Reverse((e.file, e.span.start)));
        for edit in edits {
            texts[edit.file].replace_range(edit.span.range(), &edit.new_text);
        }
        texts
    }
}

/// A host that answers from fixed lists, for `file-not-found` tests.
pub struct FakeHost {
    pub files: &'static [&'static str],
    pub programs: &'static [&'static str],
}

impl Host for FakeHost {
    fn file_exists(&self, path: &str) -> Option<bool> {
        Some(self.files.contains(&path))
    }
    fn program_on_path(&self, program: &str) -> Option<bool> {
        Some(self.programs.contains(&program))
    }
}
