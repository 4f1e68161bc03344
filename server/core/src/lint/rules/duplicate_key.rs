//! `duplicate-key`: a key twice in one section, compared case-insensitively. The SDKs use the
//! last value; botocore refuses the whole file (`DuplicateOptionError`).

use super::{line_number, lines_span};
use crate::lint::{Code, Diagnostic, LintContext};
use crate::model::CliRefusal;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, model) in cx.model.files.iter().enumerate() {
        let text = cx.text(file);
        for refusal in model.cli_refusals() {
            let CliRefusal::DuplicateKey {
                section,
                first,
                second,
            } = refusal
            else {
                continue;
            };
            let section = &model.sections[section];
            let (first, second) = (&section.properties[first], &section.properties[second]);
            let key = second.key_span.slice(text);
            out.push(
                Diagnostic::new(
                    Code::DuplicateKey,
                    file,
                    second.key_span,
                    format!(
                        "`{key}` is already set on line {} of this section (keys compare case-insensitively). The SDKs use this later value, but the AWS CLI and boto3 refuse the whole file (DuplicateOptionError). Keep one.",
                        line_number(first.line)
                    ),
                )
                .with_related(file, first.key_span, "first set here")
                .with_fix(
                    format!("Remove the earlier `{}` (line {})", first.key_span.slice(text), line_number(first.line)),
                    lines_span(model, first.line, first.last_line),
                    "",
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
    fn case_insensitive_duplicates() {
        let run = lint("[profile a]\nregion = x\noutput = json\nRegion = y\n", "");
        assert_eq!(
            run.found(Code::DuplicateKey),
            [(Config, 4, "Region".to_string())]
        );
        let fixed = run.apply(run.one(Code::DuplicateKey), 0);
        assert_eq!(fixed[0], "[profile a]\noutput = json\nRegion = y\n");
    }

    #[test]
    fn same_key_in_different_sections_is_fine() {
        let run = lint("[profile a]\nregion = x\n[profile b]\nregion = x\n", "");
        assert!(run.of(Code::DuplicateKey).is_empty());
    }
}
