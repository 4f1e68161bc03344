//! `trailing-whitespace` (hint): spaces or tabs at the end of a header, value or continuation
//! line. Every SDK and botocore trim them, so this is tidiness only, and the fix is safe.
//!
//! Never reported: blank lines (whitespace only), a property with an empty value (`cli_pager = `
//! is what `aws configure set cli_pager ""` writes), and comments, which no tool reads. The `\r`
//! of a CRLF ending is part of the ending, not whitespace.

use crate::lint::{Code, Diagnostic, LintContext};
use crate::syntax::LineKind;
use crate::text::Span;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, model) in cx.model.files.iter().enumerate() {
        let bytes = cx.text(file).as_bytes();
        for line in &model.tree.lines {
            match &line.kind {
                LineKind::Blank | LineKind::Comment(_) => continue,
                LineKind::Property(p) if p.value.is_empty() && p.comment.is_none() => continue,
                LineKind::SubProperty(sub)
                    if sub.property.value.is_empty() && sub.property.comment.is_none() =>
                {
                    continue
                }
                _ => {}
            }
            let mut start = line.span.end;
            while start > line.span.start && matches!(bytes[start - 1], b' ' | b'\t') {
                start -= 1;
            }
            if start == line.span.end {
                continue;
            }
            let span = Span::new(start, line.span.end);
            out.push(
                Diagnostic::new(
                    Code::TrailingWhitespace,
                    file,
                    span,
                    "Trailing spaces or tabs. Every SDK and the AWS CLI trim them, so nothing changes for the tools: this is only tidiness.",
                )
                .with_safe_fix("Remove trailing whitespace", span, ""),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::{Code, Severity};
    use crate::model::FileKind::*;

    #[test]
    fn finds_and_removes_trailing_blanks() {
        let run = lint(
            "",
            "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE \t\nregion = x\r\n",
        );
        assert_eq!(
            run.found(Code::TrailingWhitespace),
            [(Credentials, 2, " \t".to_string())]
        );
        let d = run.one(Code::TrailingWhitespace);
        assert_eq!(d.severity, Severity::Hint);
        assert!(d.fixes[0].safe);
        let fixed = run.apply(d, 0);
        assert_eq!(
            fixed[1],
            "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\nregion = x\r\n"
        );
    }

    #[test]
    fn crlf_endings_and_inner_spaces_are_not_trailing_whitespace() {
        let run = lint("[default]\r\nregion = us-east-1\r\nnote = a  b\r\n", "");
        assert!(run.of(Code::TrailingWhitespace).is_empty());
    }

    /// What `aws configure set cli_pager ""` writes, blank lines of spaces and comments: every
    /// tool trims or skips them, and they are not worth a word.
    #[test]
    fn empty_values_blank_lines_and_comments_are_left_alone() {
        let run = lint(
            "[default]\ncli_pager = \n   \n\t\n# note  \n[profile a]  \nregion = x\ns3 =  \n  addressing_style = path \n",
            "",
        );
        assert_eq!(
            run.found(Code::TrailingWhitespace),
            [(Config, 6, "  ".to_string()), (Config, 9, " ".to_string())]
        );
    }
}
