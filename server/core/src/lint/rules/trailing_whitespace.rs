//! `trailing-whitespace`: spaces or tabs at the end of a line. The SDKs and botocore trim
//! values, but a key pasted with a trailing tab is the kind of thing shell scripts and other
//! readers of these files keep. The `\r` of a CRLF ending is part of the ending, not whitespace.

use crate::lint::{Code, Diagnostic, LintContext};
use crate::text::Span;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, model) in cx.model.files.iter().enumerate() {
        let bytes = cx.text(file).as_bytes();
        for line in &model.tree.lines {
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
                    "Trailing spaces or tabs. The SDKs and the AWS CLI trim them from values, but scripts and other tools that read this file may not.",
                )
                .with_fix("Remove trailing whitespace", span, ""),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::Code;
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
        let fixed = run.apply(run.one(Code::TrailingWhitespace), 0);
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
}
