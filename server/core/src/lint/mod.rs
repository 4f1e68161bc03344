//! Diagnostics: rules over the model, each in its own unit under `rules/`, producing plain
//! data ([`Diagnostic`]) that the CLI prints and the language server publishes.
//!
//! A rule is a function `fn check(cx: &LintContext, out: &mut Vec<Diagnostic>)`. It reads the
//! model and the texts, never the disk or the clock: the current time, the environment and
//! file-existence checks come in through [`LintContext`], so every rule is deterministic.

pub mod chains;
mod codes;
mod context;
pub mod fixes;
pub(crate) mod logins;
pub mod rules;
pub use crate::suggest;
#[cfg(test)]
pub(crate) mod test_support;
pub mod timestamp;
pub mod values;

pub use codes::Code;
pub use context::{is_non_aws_url, Environment, Host, LintContext, NoHost};

use crate::text::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "information" | "info" => Some(Severity::Information),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

/// A finding on one span of one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Index into [`crate::Model::files`].
    pub file: usize,
    pub span: Span,
    pub severity: Severity,
    pub code: Code,
    /// One or two sentences: what is wrong, what each tool does with it, how to fix it.
    /// Never contains a secret (at most a masked tail).
    pub message: String,
    /// Other places that matter: the other member of a cycle, the duplicate, the session.
    pub related: Vec<Related>,
    /// Mechanical fixes, each a set of edits the user can accept.
    pub fixes: Vec<Fix>,
    /// The span is text the tools ignore (an ignored section, a dropped key).
    pub unnecessary: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub file: usize,
    pub span: Span,
    pub message: String,
}

/// A set of edits that corrects a finding.
///
/// A fix is **safe** when every tool (the SDKs, botocore and the AWS CLI) reads the files
/// exactly as before it: it only touches what they all trim or compare without case
/// (trailing whitespace, the case of a key). Only safe fixes are applied without asking
/// (`source.fixAll`, fix-on-save, `check --fix`); every other fix is a guess or changes a
/// value, and is offered one at a time as a quick fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
    pub safe: bool,
}

/// Replace `span` of `file` with `new_text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub file: usize,
    pub span: Span,
    pub new_text: String,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity and nothing else attached.
    pub fn new(code: Code, file: usize, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file,
            span,
            severity: code.default_severity(),
            code,
            message: message.into(),
            related: Vec::new(),
            fixes: Vec::new(),
            unnecessary: false,
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn with_related(mut self, file: usize, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            file,
            span,
            message: message.into(),
        });
        self
    }

    /// Adds a fix made of a single edit in the diagnostic's own file.
    pub fn with_fix(
        self,
        title: impl Into<String>,
        span: Span,
        new_text: impl Into<String>,
    ) -> Self {
        let file = self.file;
        self.with_edits(
            title,
            vec![TextEdit {
                file,
                span,
                new_text: new_text.into(),
            }],
        )
    }

    /// Adds a fix that changes what a tool reads, or guesses: offered, never applied without
    /// asking.
    pub fn with_edits(mut self, title: impl Into<String>, edits: Vec<TextEdit>) -> Self {
        self.fixes.push(Fix {
            title: title.into(),
            edits,
            safe: false,
        });
        self
    }

    /// Adds a single-edit fix that keeps what every tool reads (see [`Fix`]): fix-all and
    /// `check --fix` apply it.
    pub fn with_safe_fix(
        mut self,
        title: impl Into<String>,
        span: Span,
        new_text: impl Into<String>,
    ) -> Self {
        let file = self.file;
        self.fixes.push(Fix {
            title: title.into(),
            edits: vec![TextEdit {
                file,
                span,
                new_text: new_text.into(),
            }],
            safe: true,
        });
        self
    }

    pub fn unnecessary(mut self) -> Self {
        self.unnecessary = true;
        self
    }
}

/// What the user changed from the defaults: per-code severities, or codes turned off.
#[derive(Clone, Debug, Default)]
pub struct LintOptions {
    pub severity: std::collections::HashMap<Code, Severity>,
    pub disabled: std::collections::HashSet<Code>,
}

/// Runs every rule and returns the diagnostics sorted by file and position.
pub fn check(cx: &LintContext<'_>, options: &LintOptions) -> Vec<Diagnostic> {
    finish(check_share(cx, 0, 1), options)
}

/// Share `share` of `shares` of the rules (every `shares`-th rule), unsorted and unfiltered:
/// for a caller that runs the shares on several threads, each with its own context over the
/// same model, and then passes everything to [`finish`]. The result equals [`check`]'s.
pub fn check_share(cx: &LintContext<'_>, share: usize, shares: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in rules::ALL.iter().skip(share).step_by(shares.max(1)) {
        rule(cx, &mut out);
    }
    out
}

/// Applies the options to the diagnostics of every rule, sorts them by file and position,
/// and caps them per file.
pub fn finish(mut out: Vec<Diagnostic>, options: &LintOptions) -> Vec<Diagnostic> {
    out.retain(|d| !options.disabled.contains(&d.code));
    for diagnostic in &mut out {
        if let Some(severity) = options.severity.get(&diagnostic.code) {
            diagnostic.severity = *severity;
        }
    }
    out.sort_by(|a, b| {
        (a.file, a.span.start, a.span.end, a.code).cmp(&(b.file, b.span.start, b.span.end, b.code))
    });
    out.dedup();
    cap_per_file(&mut out);
    out
}

/// At most this many diagnostics per file: beyond it no one reads them, and editors and
/// terminals slow down. The first ones, in file order, are kept.
pub const MAX_DIAGNOSTICS_PER_FILE: usize = 10_000;

fn cap_per_file(sorted: &mut Vec<Diagnostic>) {
    let mut kept_in_file = 0;
    let mut file = usize::MAX;
    sorted.retain(|d| {
        if d.file != file {
            file = d.file;
            kept_in_file = 0;
        }
        kept_in_file += 1;
        kept_in_file <= MAX_DIAGNOSTICS_PER_FILE
    });
}

#[cfg(test)]
mod tests {
    use super::test_support::lint;
    use crate::model::FileKind::*;

    #[test]
    fn realistic_clean_files_produce_nothing() {
        let run = lint(
            include_str!("../../../../fixtures/valid/config"),
            include_str!("../../../../fixtures/valid/credentials"),
        );
        assert!(run.diagnostics.is_empty(), "{:#?}", run.diagnostics);
        let crlf = lint(include_str!("../../../../fixtures/valid/config-crlf"), "");
        assert!(crlf.diagnostics.is_empty(), "{:#?}", crlf.diagnostics);
    }

    #[test]
    fn shares_of_the_rules_add_up_to_the_whole() {
        use super::{check, check_share, finish, LintContext, LintOptions};
        use crate::model::{Input, Model};
        let config = include_str!("../../../../fixtures/broken/config");
        let credentials = include_str!("../../../../fixtures/broken/credentials");
        let model = Model::build(&[Input::config(config), Input::credentials(credentials)]);
        let cx = || LintContext::new(&model, vec![config, credentials]);
        let whole = check(&cx(), &LintOptions::default());
        for shares in [2, 3, 7] {
            let all = (0..shares).flat_map(|share| check_share(&cx(), share, shares));
            assert_eq!(finish(all.collect(), &LintOptions::default()), whole);
        }
    }

    /// The bundled broken pair, whole: every finding with its place, so that a change in any
    /// rule shows here as a reviewable diff.
    #[test]
    fn the_broken_example_pair() {
        let run = lint(
            include_str!("../../../../fixtures/broken/config"),
            include_str!("../../../../fixtures/broken/credentials"),
        );
        let found: Vec<_> = run
            .diagnostics
            .iter()
            .map(|d| {
                let text = &run.texts[d.file];
                let line = text[..d.span.start].matches('\n').count() + 1;
                (run.model.files[d.file].kind, line, d.code.as_str())
            })
            .collect();
        assert_eq!(
            found,
            [
                (Config, 3, "inline-comment"),
                (Config, 7, "missing-profile-prefix"),
                (Config, 11, "unknown-sso-session"),
                (Config, 15, "unknown-section-type"),
                (Config, 21, "unknown-source-profile"),
                (Config, 25, "source-profile-cycle"),
                (Config, 29, "source-profile-cycle"),
                (Config, 32, "unknown-region"),
                (Config, 33, "uppercase-key"),
                (Config, 33, "incomplete-credentials"),
                (Config, 34, "unknown-key"),
                (Config, 35, "indented-line"),
                (Credentials, 2, "malformed-access-key-id"),
                (Credentials, 3, "quoted-value"),
                (Credentials, 5, "profile-prefix-in-credentials"),
                (Credentials, 10, "missing-session-token"),
            ]
        );
    }
}
