//! `inline-comment`: ` #` or ` ;` after a value. The SDKs strip it; botocore (boto3, the AWS
//! CLI) keeps it as part of the value, so `region = us-east-1 # home` is a region named
//! `us-east-1 # home` there.

use crate::lint::{Code, Diagnostic, LintContext, TextEdit};
use crate::model::is_secret_key;
use crate::syntax::{DivergenceKind, LineKind};
use crate::text::Span;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, model) in cx.model.files.iter().enumerate() {
        let text = cx.text(file);
        // The parser records every property line with an inline comment as a divergence, in
        // line order: those are the lines to look at.
        let commented = model
            .tree
            .divergences
            .iter()
            .filter(|d| d.kind == DivergenceKind::InlineComment);
        for divergence in commented {
            let line = &model.tree.lines[divergence.line];
            let LineKind::Property(property) = &line.kind else {
                continue;
            };
            let (Some(comment), Some(_)) = (property.comment, property.eq) else {
                continue;
            };
            let key = property.key.slice(text);
            let value = property.value.slice(text);
            let cli_sees = if is_secret_key(key)
                || value.is_empty()
                || !crate::lint::values::may_quote(key, value)
            {
                String::new()
            } else {
                format!(": it reads `{key}` as `{value} {}`", comment.slice(text))
            };
            let indent = &text[line.span.start..property.key.start];
            out.push(
                Diagnostic::new(
                    Code::InlineComment,
                    file,
                    comment,
                    format!("The SDKs strip this comment from the value, but the AWS CLI and boto3 keep it{cli_sees}. Put the comment on its own line."),
                )
                .with_edits(
                    "Move the comment to its own line",
                    vec![
                        TextEdit {
                            file,
                            span: Span::empty(line.span.start),
                            new_text: format!("{indent}{}\n", comment.slice(text)),
                        },
                        TextEdit {
                            file,
                            span: Span::new(property.value.end.max(property.eq.map_or(0, |e| e.end)), comment.end),
                            new_text: String::new(),
                        },
                    ],
                ),
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
    fn moves_inline_comments_to_their_own_line() {
        let run = lint(
            "[default]\nregion = us-east-1 # N. Virginia\noutput = json\n",
            "",
        );
        assert_eq!(
            run.found(Code::InlineComment),
            [(Config, 2, "# N. Virginia".to_string())]
        );
        let d = run.one(Code::InlineComment);
        assert!(
            d.message.contains("`us-east-1 # N. Virginia`"),
            "{}",
            d.message
        );
        assert_eq!(
            run.apply(d, 0)[0],
            "[default]\n# N. Virginia\nregion = us-east-1\noutput = json\n"
        );
    }

    #[test]
    fn a_hash_without_space_is_part_of_the_value_for_everyone() {
        let run = lint(
            "[sso-session s]\nsso_start_url = https://example.awsapps.com/start/#\n",
            "",
        );
        assert!(run.of(Code::InlineComment).is_empty());
    }

    #[test]
    fn secrets_are_not_echoed() {
        let run = lint(
            "",
            "[a]\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY ; old\n",
        );
        assert!(!run.one(Code::InlineComment).message.contains("wJalr"));
    }
}
