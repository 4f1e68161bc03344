//! `indented-line`: an indented line after a property with a value. The SDKs append it to that
//! value (after a newline), which is almost never what was meant in these files. Where the AWS
//! CLI reads the line otherwise (an indented comment is a comment for it; a line indented with
//! a no-break space continues a value for it only), the message gives both readings.

use super::reader_divergence::{both_readings, of_class, Class};
use crate::lint::{Code, Diagnostic, LintContext};
use crate::syntax::LineKind;
use crate::text::Span;
use crate::views::compare::Reading;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for divergence in of_class(cx, Class::IndentedLine) {
        let file = divergence.file;
        let line = &cx.model.files[file].tree.lines[divergence.line];
        let mut diagnostic = Diagnostic::new(
            Code::IndentedLine,
            file,
            divergence.span,
            format!(
                "{} Remove the indentation, or the character before the text, so that both read it alike.",
                both_readings(cx, divergence)
            ),
        );
        // An indented comment or `key = value`: without the indentation every reader reads it
        // as a comment, or as a key of its own.
        if let (Reading::Append { .. }, LineKind::Continuation(continuation)) =
            (&divergence.sdk, &line.kind)
        {
            let content = continuation.text.slice(cx.text(file));
            let indent = Span::new(line.span.start, continuation.text.start);
            if content.starts_with(['#', ';']) {
                diagnostic =
                    diagnostic.with_fix("Remove the indentation (make it a comment)", indent, "");
            } else if content.contains('=') {
                diagnostic =
                    diagnostic.with_fix("Remove the indentation (make it a property)", indent, "");
            }
        }
        out.push(diagnostic);
    }
    for (file, model) in cx.model.files.iter().enumerate() {
        let text = cx.text(file);
        for (index, line) in model.tree.lines.iter().enumerate() {
            let LineKind::Continuation(continuation) = &line.kind else {
                continue;
            };
            let Some(parent) = continuation.parent else {
                continue; // no property before it: `orphan-continuation` or `property-outside-section`
            };
            // Read otherwise by the AWS CLI: reported above, or by the rule of its kind.
            if cx.model.divergence_at(file, index).is_some() {
                continue;
            }
            let LineKind::Property(property) = &model.tree.lines[parent].kind else {
                continue;
            };
            let key = property.key.slice(text);
            let content = continuation.text.slice(text);
            let indent = Span::new(line.span.start, continuation.text.start);
            let diagnostic = if content.starts_with(['#', ';']) {
                Diagnostic::new(
                    Code::IndentedLine,
                    file,
                    continuation.text,
                    format!("This indented comment is not a comment for the SDKs: they append it to the value of `{key}`. Remove the indentation."),
                )
                .with_fix("Remove the indentation (make it a comment)", indent, "")
            } else if content.contains('=') {
                Diagnostic::new(
                    Code::IndentedLine,
                    file,
                    continuation.text,
                    format!("This indented line is not a property: the SDKs append it to the value of `{key}`. Remove the indentation to make it a property of its own."),
                )
                .with_fix("Remove the indentation (make it a property)", indent, "")
            } else {
                Diagnostic::new(
                    Code::IndentedLine,
                    file,
                    continuation.text,
                    format!("This indented line continues the value of `{key}`: the SDKs append it after a newline. Remove the indentation if it is meant to stand alone."),
                )
            };
            out.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind::*;

    #[test]
    fn indented_lines_after_a_value() {
        let run = lint("[profile a]\nregion = x\n  output = json\n  # note\n", "");
        assert_eq!(
            run.found(Code::IndentedLine),
            [
                (Config, 3, "output = json".to_string()),
                (Config, 4, "# note".to_string())
            ]
        );
        let first = &run.of(Code::IndentedLine)[0];
        assert_eq!(
            run.apply(first, 0)[0],
            "[profile a]\nregion = x\noutput = json\n  # note\n"
        );
    }

    #[test]
    fn sub_properties_are_not_indented_lines() {
        let run = lint("[profile a]\ns3 =\n  max_concurrent_requests = 20\n", "");
        assert!(run.of(Code::IndentedLine).is_empty());
    }
}
