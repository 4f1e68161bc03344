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

/// Applies the options to the diagnostics of every rule, masks what looks like a secret in
/// their texts, sorts them by file and position, and caps them per file.
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
    cap_per_file(&mut out, options);
    out.iter_mut().for_each(redact);
    out
}

/// A secret-shaped value that a message, a related note or a fix title quotes is masked,
/// whatever key it sat under (`region = <a secret access key>`). Fix edits keep the text:
/// they are the user's own, applied to the user's file.
fn redact(d: &mut Diagnostic) {
    fn masked(text: &mut String) {
        if let std::borrow::Cow::Owned(redacted) = crate::text::redact_secrets(text) {
            *text = redacted;
        }
    }
    masked(&mut d.message);
    d.related.iter_mut().for_each(|r| masked(&mut r.message));
    d.fixes.iter_mut().for_each(|f| masked(&mut f.title));
}

/// At most this many diagnostics per file: beyond it no one reads them, and editors and
/// terminals slow down. The most severe are kept (errors first), and a `too-many-findings`
/// note says how many of each severity were left out.
pub const MAX_DIAGNOSTICS_PER_FILE: usize = 10_000;

fn cap_per_file(sorted: &mut Vec<Diagnostic>, options: &LintOptions) {
    // Built only for a file over the cap: which diagnostics stay.
    let mut keep: Vec<bool> = Vec::new();
    let mut notes = Vec::new();
    let mut start = 0;
    while start < sorted.len() {
        let file = sorted[start].file;
        let end = start + sorted[start..].partition_point(|d| d.file == file);
        if end - start > MAX_DIAGNOSTICS_PER_FILE {
            if keep.is_empty() {
                keep = vec![true; sorted.len()];
            }
            notes.extend(cap_file(
                &sorted[start..end],
                &mut keep[start..end],
                options,
            ));
        }
        start = end;
    }
    if keep.is_empty() {
        return;
    }
    let mut keep = keep.into_iter();
    sorted.retain(|_| keep.next().unwrap_or(true));
    sorted.extend(notes);
    sorted.sort_by(|a, b| {
        (a.file, a.span.start, a.span.end, a.code).cmp(&(b.file, b.span.start, b.span.end, b.code))
    });
}

/// Chooses which of one file's diagnostics stay (`keep`): whole severities, most severe
/// first, while they fit; of the first that does not, the first ones in file order. Returns
/// the note that says what was left out.
fn cap_file(file: &[Diagnostic], keep: &mut [bool], options: &LintOptions) -> Option<Diagnostic> {
    let rank = |s: Severity| s as usize;
    let mut found = [0usize; 4];
    for d in file {
        found[rank(d.severity)] += 1;
    }
    let mut room = MAX_DIAGNOSTICS_PER_FILE;
    let mut kept = [0usize; 4];
    for (severity, count) in found.iter().enumerate() {
        kept[severity] = (*count).min(room);
        room -= kept[severity];
    }
    let mut seen = [0usize; 4];
    for (d, keep) in file.iter().zip(keep.iter_mut()) {
        let severity = rank(d.severity);
        seen[severity] += 1;
        *keep = seen[severity] <= kept[severity];
    }
    let code = Code::TooManyFindings;
    if options.disabled.contains(&code) {
        return None;
    }
    let left: Vec<String> = [
        (Severity::Error, "errors"),
        (Severity::Warning, "warnings"),
        (Severity::Information, "information"),
        (Severity::Hint, "hints"),
    ]
    .into_iter()
    .filter_map(|(severity, name)| {
        let n = found[rank(severity)] - kept[rank(severity)];
        (n > 0).then(|| format!("{n} {name}"))
    })
    .collect();
    let total: usize = found.iter().sum();
    let note = Diagnostic::new(
        code,
        file[0].file,
        Span::empty(0),
        format!(
            "{total} findings in this file, {} of them left out ({}): at most \
             {MAX_DIAGNOSTICS_PER_FILE} are shown per file, errors first, then warnings. Fix \
             these, or turn off the codes that flood the file, to see the rest.",
            total - MAX_DIAGNOSTICS_PER_FILE,
            left.join(", "),
        ),
    );
    let severity = options
        .severity
        .get(&code)
        .copied()
        .unwrap_or(note.severity);
    Some(note.with_severity(severity))
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
    fn a_capped_file_keeps_errors_first_and_says_what_was_left_out() {
        use super::{check, Code, LintContext, LintOptions, Severity, MAX_DIAGNOSTICS_PER_FILE};
        use crate::model::{Input, Model};
        // 5,001 lines with two warnings each (unknown key, inline comment), then an error.
        let mut text = String::from("[default]\n");
        for n in 0..5_001 {
            text.push_str(&format!("k{n} = v # c\n"));
        }
        text.push_str("no equals sign\n");
        let model = Model::build(&[Input::config(&text)]);
        let run =
            |options: &LintOptions| check(&LintContext::new(&model, vec![text.as_str()]), options);
        let found = run(&LintOptions::default());
        assert_eq!(found.len(), MAX_DIAGNOSTICS_PER_FILE + 1);
        assert_eq!(found[0].code, Code::TooManyFindings);
        assert_eq!(found[0].severity, Severity::Information);
        assert_eq!(
            found[0].message,
            "10003 findings in this file, 3 of them left out (3 warnings): at most 10000 are \
             shown per file, errors first, then warnings. Fix these, or turn off the codes \
             that flood the file, to see the rest."
        );
        assert_eq!(found.last().unwrap().code, Code::MissingEquals);
        assert!(found.windows(2).all(|w| w[0].span.start <= w[1].span.start));
        // The warnings kept are the first ones in the file.
        let last_warning = found.iter().rev().find(|d| d.severity == Severity::Warning);
        assert!(last_warning.unwrap().span.start < text.find("k5000 ").unwrap());
        let mut quiet = LintOptions::default();
        quiet.disabled.insert(Code::TooManyFindings);
        assert_eq!(run(&quiet).len(), MAX_DIAGNOSTICS_PER_FILE);
        quiet.disabled.insert(Code::InlineComment);
        assert!(run(&quiet).len() < MAX_DIAGNOSTICS_PER_FILE);
    }

    #[test]
    fn messages_never_quote_a_secret_under_any_key() {
        use super::{check, LintContext, LintOptions};
        use crate::model::{Input, Model};
        let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        let text =
            format!("[default]\nregion = {secret}\noutput = {secret}\nsso_start_url = {secret}\n");
        let model = Model::build(&[Input::config(&text)]);
        let found = check(
            &LintContext::new(&model, vec![&text]),
            &LintOptions::default(),
        );
        assert!(found.len() >= 3, "{found:#?}");
        for d in &found {
            let texts = std::iter::once(&d.message)
                .chain(d.related.iter().map(|r| &r.message))
                .chain(d.fixes.iter().map(|f| &f.title));
            for t in texts {
                assert!(!t.contains(secret), "{t}");
            }
        }
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
