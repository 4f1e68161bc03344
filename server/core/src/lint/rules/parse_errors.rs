//! `invalid-section-header`, `property-outside-section`, `missing-equals`, `empty-key`,
//! `orphan-continuation`, `invalid-sub-property`: the lines the SDKs refuse. The SDKs stop at
//! the first such line and load nothing from the file; we report every one. Each message says
//! what the AWS CLI makes of the same line, from its view: it refuses the file too, or it
//! reads the line as the view says.

use super::reader_divergence::line_of;
use crate::lint::{Code, Diagnostic, LintContext};
use crate::syntax::{HeaderProblem, LineKind, SyntaxErrorKind};
use crate::text::Span;
use crate::views::describe;

const REFUSED: &str = "the AWS SDKs for Rust and Java refuse the whole file";

/// What the other readers do with a line the SDKs refuse, as a sentence: where the views
/// agree, they refuse the file too.
pub(crate) fn cli_sentence(cx: &LintContext<'_>, file: usize, line: usize) -> String {
    match cx.model.divergence_at(file, line) {
        Some(divergence) => describe::others(divergence, &line_of(&cx.model.files[file])),
        None => {
            let span = cx.model.files[file].tree.lines[line].span;
            match cx
                .model
                .cli
                .files
                .get(file)
                .and_then(|f| f.error_class_in(span))
            {
                Some(class) => format!(
                    "{} refuse it too (configparser's {class}).",
                    describe::capitalised(describe::CLI)
                ),
                None => format!("{} refuse it too.", describe::capitalised(describe::CLI)),
            }
        }
    }
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, model) in cx.model.files.iter().enumerate() {
        let text = cx.text(file);
        for error in &model.tree.errors {
            let line = &model.tree.lines[error.line];
            let sdk = error.kind.sdk_message();
            let cli = cli_sentence(cx, file, error.line);
            let diagnostic = match error.kind {
                // Reported as `invisible-character`.
                SyntaxErrorKind::ByteOrderMark => continue,
                SyntaxErrorKind::InvalidHeader(problem) => header(file, text, error.span, problem, sdk, &cli),
                SyntaxErrorKind::PropertyOutsideSection | SyntaxErrorKind::ContinuationOutsideSection => {
                    Diagnostic::new(
                        Code::PropertyOutsideSection,
                        file,
                        error.span,
                        format!(
                            "This line comes before any section header: {REFUSED} (\"{sdk}\"). {cli} Put it under a header such as `[default]`, or delete it."
                        ),
                    )
                }
                SyntaxErrorKind::OrphanContinuation => {
                    let indent = Span::new(line.span.start, error.span.start);
                    let is_comment = text[error.span.range()].starts_with(['#', ';']);
                    let message = if is_comment {
                        format!("An indented comment right after a section header is not a comment for the SDKs: {REFUSED} (\"{sdk}\"). {cli} Remove the indentation.")
                    } else {
                        format!("This line is indented right after a section header: {REFUSED} (\"{sdk}\"). {cli} Remove the indentation.")
                    };
                    Diagnostic::new(Code::OrphanContinuation, file, error.span, message)
                        .with_fix("Remove the indentation", indent, "")
                }
                SyntaxErrorKind::MissingEquals => missing_equals(file, text, error.span, sdk, &cli),
                SyntaxErrorKind::EmptyKey => Diagnostic::new(
                    Code::EmptyKey,
                    file,
                    error.span,
                    format!("This line starts with `=` and has no key: {REFUSED} (\"{sdk}\"). {cli} Write the key before `=`, or delete the line."),
                ),
                SyntaxErrorKind::SubPropertyMissingEquals | SyntaxErrorKind::SubPropertyEmptyKey => {
                    let parent = match &line.kind {
                        LineKind::SubProperty(sub) => match &model.tree.lines[sub.parent].kind {
                            LineKind::Property(p) => p.key.slice(text),
                            _ => "",
                        },
                        _ => "",
                    };
                    Diagnostic::new(
                        Code::InvalidSubProperty,
                        file,
                        error.span,
                        format!(
                            "Lines indented under `{parent} =` (a property with an empty value) must each be `key = value`: {REFUSED} (\"{sdk}\"). {cli} Give `{parent}` a value on its own line, or write this line as `key = value`."
                        ),
                    )
                }
            };
            out.push(diagnostic);
        }
        // An empty name is not an SDK error (the section is ignored) but is never meant.
        // The raw key is the text between the brackets: look at the header only when it is empty.
        for section in model.sections.iter().filter(|s| is_nameless(&s.raw_key)) {
            // Where the AWS CLI reads it otherwise, `cli-parse-error` or `readers-disagree`
            // says so, with both readings.
            if cx.model.divergence_at(file, section.line).is_some() {
                continue;
            }
            let LineKind::Header(header) = &model.tree.lines[section.line].kind else {
                continue;
            };
            // Unclosed headers and text after `]` are reported above.
            let Some(close) = header.close.filter(|_| header.trailing.is_none()) else {
                continue;
            };
            out.push(Diagnostic::new(
                Code::InvalidSectionHeader,
                file,
                Span::new(header.open.start, close.end),
                "This section header has no name: the SDKs ignore the section and everything in it. Write a name, e.g. `[profile my-profile]`.",
            ));
        }
    }
}

/// `[]`, `[ ]`, or a section type with no name: `[profile]`, `[sso-session ]`.
pub(crate) fn is_nameless(inner: &str) -> bool {
    matches!(
        inner.trim_matches([' ', '\t']),
        "" | "profile" | "sso-session" | "services"
    )
}

fn header(
    file: usize,
    text: &str,
    span: Span,
    problem: HeaderProblem,
    sdk: &str,
    cli: &str,
) -> Diagnostic {
    match problem {
        HeaderProblem::NotClosed => Diagnostic::new(
            Code::InvalidSectionHeader,
            file,
            span,
            format!("This section header has no closing `]`: {REFUSED} (\"{sdk}\"). {cli} Add `]`."),
        )
        .with_fix("Add `]`", Span::empty(span.end), "]"),
        HeaderProblem::CommentInsideBrackets => Diagnostic::new(
            Code::InvalidSectionHeader,
            file,
            span,
            format!("`#` and `;` start a comment even inside a section header, so the header ends before its `]`: {REFUSED} (\"{sdk}\"). {cli} Remove the `#` or `;` from the name."),
        ),
        HeaderProblem::TextAfterBracket => {
            let trailing = span.slice(text);
            Diagnostic::new(
                Code::InvalidSectionHeader,
                file,
                span,
                format!("Text after `]` that is not a comment: {REFUSED} (\"{sdk}\"). {cli} Start it with `#` to make it a comment."),
            )
            .with_fix("Make it a comment", span, format!("# {trailing}"))
        }
    }
}

fn missing_equals(file: usize, text: &str, span: Span, sdk: &str, cli: &str) -> Diagnostic {
    let line = span.slice(text);
    match line.split_once(':') {
        Some((key, value)) if !key.trim().is_empty() => Diagnostic::new(
            Code::MissingEquals,
            file,
            span,
            format!("The SDKs need `=` between a key and its value: {REFUSED} (\"{sdk}\"). {cli} Use `=`."),
        )
        .with_fix(
            "Use `=`",
            span,
            format!("{} = {}", key.trim_end(), value.trim_start()),
        ),
        _ => Diagnostic::new(
            Code::MissingEquals,
            file,
            span,
            format!("This line has no `=`: {REFUSED} (\"{sdk}\"). {cli} Write it as `key = value`, or make it a comment with `#`."),
        ),
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind::*;

    #[test]
    fn headers() {
        let run = lint(
            "[profile a\n[profile b] note\n[profile c#x]\n[profile d] # fine\n[]\n[profile ]\n",
            "",
        );
        assert_eq!(
            run.found(Code::InvalidSectionHeader),
            [
                (Config, 1, "[profile a".to_string()),
                (Config, 2, "note".to_string()),
                (Config, 3, "#x]".to_string()),
                (Config, 6, "[profile ]".to_string()),
            ]
        );
        // `[]` is a section with no name for the SDKs, a line botocore cannot parse.
        assert_eq!(
            run.found(Code::CliParseError),
            [(Config, 5, "[]".to_string())]
        );
        let trailing_message = &run.of(Code::InvalidSectionHeader)[1].message;
        assert!(
            trailing_message.contains("The AWS CLI and boto3 read it as profile `b`;"),
            "{trailing_message}"
        );
        let not_closed = &run.of(Code::InvalidSectionHeader)[0];
        assert!(run.apply(not_closed, 0)[0].starts_with("[profile a]\n"));
        let trailing = &run.of(Code::InvalidSectionHeader)[1];
        assert!(run.apply(trailing, 0)[0].contains("[profile b] # note\n"));
    }

    #[test]
    fn what_the_cli_makes_of_a_line_outside_any_section_the_sdks_read() {
        // The SDKs see no header at all (the indented one continues nothing); botocore reads a
        // profile and its keys.
        let run = lint(
            "  [profile a]\nregion := x\ns3 =\n  addressing_style = path\n",
            "",
        );
        let messages: Vec<&str> = run
            .of(Code::PropertyOutsideSection)
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        let joint = "The AWS CLI and boto3, and the AWS SDK for JavaScript and the AWS CDK,";
        let expected = [
            format!("{joint} read it as profile `a`."),
            "The AWS CLI and boto3 read `region` = `= x`; the AWS SDK for JavaScript and the AWS CDK read `region :` = `x`.".to_string(),
            format!("{joint} read `s3` with an empty value."),
            "The AWS CLI and boto3 append `addressing_style = path` to the value of `s3` (after a line break); the AWS SDK for JavaScript and the AWS CDK read `s3.addressing_style` = `path`.".to_string(),
        ];
        for (message, expected) in messages.iter().zip(&expected) {
            assert!(message.contains(expected.as_str()), "{message}");
        }
    }

    #[test]
    fn properties() {
        let run = lint(
            "region = x\n[profile a]\nregion: eu-west-1\nnope\n= v\n",
            "",
        );
        assert_eq!(
            run.found(Code::PropertyOutsideSection),
            [(Config, 1, "region = x".to_string())]
        );
        assert_eq!(
            run.found(Code::MissingEquals),
            [
                (Config, 3, "region: eu-west-1".to_string()),
                (Config, 4, "nope".to_string())
            ]
        );
        let colon = &run.of(Code::MissingEquals)[0];
        assert!(
            colon
                .message
                .contains("The AWS CLI and boto3 read `region` = `eu-west-1`; the AWS SDK for JavaScript and the AWS CDK skip this line."),
            "{}",
            colon.message
        );
        let nope = &run.of(Code::MissingEquals)[1];
        assert!(
            nope.message
                .contains("The AWS CLI and boto3 refuse the whole file here (configparser's ParsingError: no `=` or `:` (or no key before it)); the AWS SDK for JavaScript and the AWS CDK skip this line."),
            "{}",
            nope.message
        );
        assert!(run.apply(colon, 0)[0].contains("\nregion = eu-west-1\n"));
        assert_eq!(run.found(Code::EmptyKey), [(Config, 5, "=".to_string())]);
    }

    #[test]
    fn indentation_and_sub_properties() {
        let run = lint(
            "[profile a]\n  region = x\n[profile b]\ns3 =\n  max_concurrent_requests\n",
            "",
        );
        let orphan = run.one(Code::OrphanContinuation);
        assert_eq!(
            run.apply(orphan, 0)[0],
            "[profile a]\nregion = x\n[profile b]\ns3 =\n  max_concurrent_requests\n"
        );
        assert_eq!(
            run.found(Code::InvalidSubProperty),
            [(Config, 5, "max_concurrent_requests".to_string())]
        );
        assert!(run.one(Code::InvalidSubProperty).message.contains("`s3 =`"));
    }

    #[test]
    fn clean_files_have_none() {
        let run = lint(
            include_str!("../../../../../fixtures/valid/config"),
            include_str!("../../../../../fixtures/valid/credentials"),
        );
        for code in [
            Code::InvalidSectionHeader,
            Code::PropertyOutsideSection,
            Code::MissingEquals,
            Code::EmptyKey,
            Code::OrphanContinuation,
            Code::InvalidSubProperty,
        ] {
            assert!(run.of(code).is_empty(), "{code:?}: {:#?}", run.of(code));
        }
        let crlf = lint(
            include_str!("../../../../../fixtures/valid/config-crlf"),
            "",
        );
        assert!(crlf.codes().is_empty(), "{:?}", crlf.codes());
    }
}
