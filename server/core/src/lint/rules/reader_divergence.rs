//! `readers-disagree` and `cli-parse-error`: lines that the AWS SDKs and the AWS CLI (botocore)
//! read differently, found by comparing the two views ([`crate::views::compare`]).
//!
//! Every divergence is reported exactly once, by the rule of its [`Class`]: the familiar
//! mistakes keep their own codes (`inline-comment`, `indented-line`, `duplicate-key`, …) and
//! rules; this rule reports the rest. Every message states both readings as the views give
//! them ([`crate::views::describe`]), so it can say nothing about a reader that its view
//! does not do.

use crate::lint::{Code, Diagnostic, LintContext, Severity};
use crate::model::{FileModel, IgnoreReason, Model};
use crate::syntax::LineKind;
use crate::text::Span;
use crate::views::compare::{Divergence, NotRead, Reading, Refusal, SectionReading};
use crate::views::describe;

/// Which rule reports a divergence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// The SDKs refuse the file on this line: `parse_errors`, with the AWS CLI's reading.
    SdkRefuses,
    DuplicateSection,
    DuplicateKey,
    CliParseError,
    InlineComment,
    IndentedLine,
    ProfilePrefixInCredentials,
    SectionNotAllowedInCredentials,
    DefaultProfileConflict,
    InvalidName,
    UnknownSectionType,
    /// A key with capitals that the SDKs and the AWS CLI lower-case and the JavaScript SDK
    /// does not: `uppercase-key`.
    UppercaseKey,
    /// Everything else: `readers-disagree`.
    Other,
}

impl Class {
    pub fn code(self) -> Code {
        match self {
            Class::SdkRefuses => Code::MissingEquals, // one of the parse-error codes
            Class::DuplicateSection => Code::DuplicateSection,
            Class::DuplicateKey => Code::DuplicateKey,
            Class::CliParseError => Code::CliParseError,
            Class::InlineComment => Code::InlineComment,
            Class::IndentedLine => Code::IndentedLine,
            Class::ProfilePrefixInCredentials => Code::ProfilePrefixInCredentials,
            Class::SectionNotAllowedInCredentials => Code::SectionNotAllowedInCredentials,
            Class::DefaultProfileConflict => Code::DefaultProfileConflict,
            Class::InvalidName => Code::InvalidName,
            Class::UnknownSectionType => Code::UnknownSectionType,
            Class::UppercaseKey => Code::UppercaseKey,
            Class::Other => Code::ReadersDisagree,
        }
    }
}

pub fn class_of(model: &Model, divergence: &Divergence) -> Class {
    use Reading::*;
    use SectionReading as S;
    if divergence.sdk_refuses() {
        return Class::SdkRefuses;
    }
    match &divergence.cli {
        Refuse(Refusal::Cli { class, .. }) => {
            return match *class {
                "DuplicateSectionError" => Class::DuplicateSection,
                "DuplicateOptionError" => Class::DuplicateKey,
                _ => Class::CliParseError,
            }
        }
        _ if divergence.cli_refuses() => return Class::CliParseError,
        _ => {}
    }
    // The SDKs and the AWS CLI read the line alike: only the JavaScript SDK reads it otherwise.
    if divergence.sdk.alike(&divergence.cli) {
        return match (&divergence.sdk, &divergence.js) {
            (Key { key, .. }, Key { key: written, .. })
                if written != key && written.eq_ignore_ascii_case(key) =>
            {
                Class::UppercaseKey
            }
            (Append { .. }, _) => Class::IndentedLine,
            _ => Class::Other,
        };
    }
    let file = &model.files[divergence.file];
    match (&divergence.sdk, &divergence.cli) {
        (Section(_), Section(S::Replaced { name, .. })) if name == "default" => {
            Class::DefaultProfileConflict
        }
        (Section(S::NotRead(NotRead::Sdk(IgnoreReason::HiddenByProfileDefault))), _) => {
            Class::DefaultProfileConflict
        }
        (Section(_), Section(S::Replaced { .. })) => Class::DuplicateSection,
        (Section(S::NotRead(NotRead::Sdk(reason))), _) => match reason {
            IgnoreReason::ProfilePrefixInCredentials => Class::ProfilePrefixInCredentials,
            IgnoreReason::PrefixedSectionInCredentials if known_prefix(file, divergence.line) => {
                Class::SectionNotAllowedInCredentials
            }
            IgnoreReason::PrefixedSectionInCredentials | IgnoreReason::InvalidName => {
                Class::InvalidName
            }
            IgnoreReason::UnknownPrefix => Class::UnknownSectionType,
            _ => Class::Other,
        },
        (Key { kept: false, .. }, Key { .. }) if colon_split(divergence).is_none() => {
            Class::InvalidName
        }
        (
            Key { key, value, .. },
            Key {
                key: cli_key,
                value: cli_value,
                ..
            },
        ) if key == cli_key
            && inline_comment(file, divergence.line).is_some()
            && cli_value.starts_with(value.as_str()) =>
        {
            Class::InlineComment
        }
        (Append { .. }, Comment | Key { .. }) | (Key { .. }, Append { .. }) => Class::IndentedLine,
        _ => Class::Other,
    }
}

fn known_prefix(file: &FileModel, line: usize) -> bool {
    file.section_at(line)
        .and_then(|s| s.prefix.as_deref())
        .is_some_and(|p| {
            p == crate::model::SSO_SESSION_PREFIX || p == crate::model::SERVICES_PREFIX
        })
}

/// The span of an inline comment on a property line.
pub fn inline_comment(file: &FileModel, line: usize) -> Option<Span> {
    match &file.tree.lines.get(line)?.kind {
        LineKind::Property(property) => property.comment,
        _ => None,
    }
}

/// `key: value = more`: the SDKs take `key: value` as the key, botocore splits at the `:`.
/// Returns botocore's key and value.
fn colon_split(divergence: &Divergence) -> Option<(&str, &str)> {
    match (&divergence.sdk, &divergence.cli) {
        (
            Reading::Key { key, .. },
            Reading::Key {
                key: cli_key,
                value,
                ..
            },
        ) if key.len() > cli_key.len()
            && key.starts_with(cli_key.as_str())
            && key[cli_key.len()..].trim_start().starts_with(':') =>
        {
            Some((cli_key, value))
        }
        _ => None,
    }
}

/// Zero-based line of a byte offset in a file.
pub fn line_of(file: &FileModel) -> impl Fn(usize) -> usize + '_ {
    move |offset| {
        file.tree
            .lines
            .partition_point(|line| line.terminator.end <= offset)
    }
}

/// Every reader's reading of a divergent line, readers that read it alike named together.
pub fn both_readings(cx: &LintContext<'_>, divergence: &Divergence) -> String {
    describe::all(divergence, &line_of(&cx.model.files[divergence.file]))
}

/// The divergences that `class` reports.
pub fn of_class<'a>(
    cx: &'a LintContext<'_>,
    class: Class,
) -> impl Iterator<Item = &'a Divergence> + 'a {
    let model: &'a Model = cx.model;
    model
        .divergences
        .iter()
        .filter(move |d| class_of(model, d) == class)
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    // Per file, found when first needed: whether `invisible-character` reports it as binary.
    let mut binary: Vec<Option<bool>> = vec![None; cx.model.files.len()];
    for divergence in &cx.model.divergences {
        let class = class_of(cx.model, divergence);
        if class == Class::UppercaseKey {
            // A key no tool reads is `unknown-key`'s, whose rename also fixes the case.
            if let Reading::Key { key, .. } = &divergence.sdk {
                if crate::knowledge::setting(key).is_some() {
                    out.push(uppercase_key(cx, divergence));
                }
            }
            continue;
        }
        if class != Class::Other && class != Class::CliParseError {
            continue;
        }
        let file = divergence.file;
        let text = cx.text(file);
        // An invisible character there: `invisible-character` says what each reader reads.
        if class == Class::Other
            && super::invisible_character::reports_line(
                text,
                &cx.model.files[file],
                divergence.line,
            )
            && !*binary[file]
                .get_or_insert_with(|| super::invisible_character::looks_like_binary(text))
        {
            continue;
        }
        let readings = both_readings(cx, divergence);
        let line = &cx.model.files[file].tree.lines[divergence.line];
        let mut diagnostic = if class == Class::CliParseError {
            Diagnostic::new(
                Code::CliParseError,
                file,
                divergence.span,
                format!("{readings} Every AWS CLI command fails with these files (\"Unable to parse config file\") until this line is fixed."),
            )
        } else {
            let (advice, severity) = advice(divergence, bracket_spaces(text, line.span));
            let diagnostic = Diagnostic::new(
                Code::ReadersDisagree,
                file,
                divergence.span,
                format!("{readings}{advice}"),
            );
            match severity {
                Some(severity) => diagnostic.with_severity(severity),
                None => diagnostic,
            }
        };
        // Certain fixes: each makes the AWS CLI read the line as the SDKs already do.
        match (&divergence.sdk, &divergence.cli) {
            (Reading::Blank, Reading::Append { text: piece, .. }) if piece.is_empty() => {
                diagnostic = diagnostic.with_fix(
                    "Delete the blank line",
                    Span::new(line.span.start, line.terminator.end),
                    "",
                );
            }
            (Reading::Section(SectionReading::Profile(name)), Reading::Section(_))
                if name == "default" || bracket_spaces(text, line.span) =>
            {
                if let LineKind::Header(header) = &line.kind {
                    let inner = header.inner.slice(text).trim_matches([' ', '\t']);
                    diagnostic = diagnostic.with_fix(
                        "Remove the spaces inside the brackets",
                        header.inner,
                        inner,
                    );
                }
            }
            _ => {
                if let (Some((key, value)), LineKind::Property(property)) =
                    (colon_split(divergence), &line.kind)
                {
                    if property.comment.is_none() && !crate::model::is_secret_key(key) {
                        let _ = value;
                        let colon = text[property.key.start..property.key.end]
                            .find(':')
                            .map(|at| property.key.start + at);
                        if let Some(colon) = colon {
                            diagnostic = diagnostic.with_fix(
                                "Use `=` after the key",
                                Span::new(colon, colon + 1),
                                " =",
                            );
                        }
                    }
                }
            }
        }
        out.push(diagnostic);
    }
}

/// `Region = x`: lower-cased by the SDKs and the AWS CLI, kept as written by the JavaScript
/// SDK. Lower-casing it keeps what the first two read, and makes the others read it too.
fn uppercase_key(cx: &LintContext<'_>, divergence: &Divergence) -> Diagnostic {
    let file = divergence.file;
    let text = cx.text(file);
    let span = match &cx.model.files[file].tree.lines[divergence.line].kind {
        LineKind::Property(property) => property.key,
        _ => divergence.span,
    };
    let key = span.slice(text);
    let lower = key.to_ascii_lowercase();
    Diagnostic::new(
        Code::UppercaseKey,
        file,
        span,
        format!(
            "{} The AWS SDK for Java compares keys exactly too. Write `{lower}`.",
            both_readings(cx, divergence)
        ),
    )
    // Not safe: the JavaScript and Java SDKs then read a key they did not see before.
    .with_fix(format!("Change to `{lower}`"), span, lower)
}

fn bracket_spaces(text: &str, line: Span) -> bool {
    let line = line.slice(text).trim_matches([' ', '\t']);
    line.starts_with("[ ") || line.starts_with("[\t") || line.contains(" ]") || line.contains("\t]")
}

/// What to do, and the severity when it is not the code's default: an error when a profile
/// is there for one reader and not for the other.
fn advice(divergence: &Divergence, brackets: bool) -> (String, Option<Severity>) {
    use Reading::*;
    use SectionReading as S;
    let profile = |s: &S| matches!(s, S::Profile(_) | S::SsoSession(_) | S::Services(_));
    match (&divergence.sdk, &divergence.cli) {
        (Split(_), _) | (_, Split(_)) => (
            " Replace the carriage return with a line end, or delete it.".to_string(),
            None,
        ),
        (Section(_), Section(S::Defaults { keys })) if keys.is_empty() => (
            " Delete the empty `[DEFAULT]` section.".to_string(),
            Some(Severity::Information),
        ),
        (Section(_), Section(S::Defaults { .. })) | (Section(S::Defaults { .. }), Section(_)) => (
            " Move these keys into the sections that need them, and delete `[DEFAULT]`.".to_string(),
            None,
        ),
        (Section(a), Section(b)) if profile(a) != profile(b) && brackets => (
            " Remove the spaces inside the brackets.".to_string(),
            Some(Severity::Error),
        ),
        (Section(a), Section(b)) if profile(a) != profile(b) => (
            " Write the header so that both read the same section: `[profile name]`, or `[default]`.".to_string(),
            Some(Severity::Error),
        ),
        (Blank, Append { .. }) => (
            " Delete the blank line, or the indentation of the lines after it.".to_string(),
            None,
        ),
        (Key { .. }, Key { .. }) if colon_split(divergence).is_some() => (
            " Write `key = value`: only the AWS CLI takes `:` between a key and its value.".to_string(),
            None,
        ),
        _ => (
            " Remove unusual whitespace or characters so that both read the same.".to_string(),
            None,
        ),
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::{Code, Severity};
    use crate::model::FileKind::*;

    #[test]
    fn defaults_section_is_copied_by_the_cli_only() {
        let run = lint(
            "[DEFAULT]\nregion = eu-west-1\n[profile a]\noutput = json\n",
            "",
        );
        let d = run.one(Code::ReadersDisagree);
        assert_eq!(
            run.found(Code::ReadersDisagree),
            [(Config, 1, "[DEFAULT]".to_string())]
        );
        assert!(
            d.message.starts_with("The AWS SDKs for Rust and Java ignore this section (a config-file profile needs the `profile ` prefix); the AWS CLI and boto3 copy its keys (`region`) into every other section"),
            "{}",
            d.message
        );
        assert!(run.found(Code::MissingProfilePrefix).is_empty());
    }

    #[test]
    fn blanks_inside_brackets_lose_the_default_profile_for_the_cli() {
        let run = lint("[ default ]\nregion = eu-west-1\n", "");
        let d = run.one(Code::ReadersDisagree);
        assert_eq!(d.severity, Severity::Error);
        assert!(d.message.contains("the AWS CLI and boto3 read it as a section named ` default `, which is not a profile"), "{}", d.message);
        assert_eq!(run.apply(d, 0)[0], "[default]\nregion = eu-west-1\n");
    }

    #[test]
    fn a_colon_before_an_equals_sign() {
        let run = lint("[default]\nendpoint_url: https://h.example/?a=b\n", "");
        let d = run.one(Code::ReadersDisagree);
        assert!(
            d.message
                .contains("the AWS CLI and boto3 read `endpoint_url` = `https://h.example/?a=b`"),
            "{}",
            d.message
        );
        assert_eq!(
            run.apply(d, 0)[0],
            "[default]\nendpoint_url = https://h.example/?a=b\n"
        );
    }

    #[test]
    fn a_blank_line_inside_a_continued_value() {
        let run = lint("[default]\nk = a\n\n  b\n", "");
        let d = run.one(Code::ReadersDisagree);
        assert_eq!(d.span.start, 16);
        assert_eq!(run.apply(d, 0)[0], "[default]\nk = a\n  b\n");
    }

    #[test]
    fn a_lone_carriage_return_is_a_line_end_for_the_cli() {
        // `invisible-character` reports the character with both readings; its fix makes the
        // SDKs read two lines too.
        let run = lint("[default]\nregion = us-east-1\routput = json\n", "");
        assert!(run.found(Code::ReadersDisagree).is_empty());
        let d = run.one(Code::InvisibleCharacter);
        assert!(
            d.message.contains("end the line at the carriage return"),
            "{}",
            d.message
        );
        assert_eq!(d.span.len(), 1);
        let fixed = run.apply(d, 0);
        assert_eq!(fixed[0], "[default]\nregion = us-east-1\noutput = json\n");
    }

    #[test]
    fn what_the_cli_refuses() {
        let run = lint("[default]\n[]\n", "");
        let d = run.one(Code::CliParseError);
        assert!(d.message.contains("ParsingError"), "{}", d.message);
    }

    #[test]
    fn files_both_read_alike_have_no_finding() {
        let run = lint("[default]\nregion = eu-west-1\ns3 =\n  addressing_style = path\n[profile a]\noutput = json\n", "[a]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n");
        assert!(run.found(Code::ReadersDisagree).is_empty());
        assert!(run.found(Code::CliParseError).is_empty());
    }
}
