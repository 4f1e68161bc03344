//! `duplicate-section`: a section defined twice in one file. The SDKs merge the two (later
//! keys win). botocore's strict parser refuses the whole file when the header text is the same
//! (`DuplicateSectionError`), so the AWS CLI stops working for every profile; when the two are
//! spelled differently but name the same profile (`[profile a]`, `[profile  a]`), the later
//! replaces the earlier whole. Found by comparing the two views.

use super::line_number;
use super::reader_divergence::{both_readings, line_of, of_class, Class};
use crate::lint::{Code, Diagnostic, LintContext};
use crate::syntax::LineKind;
use crate::text::Span;
use crate::views::compare::{Reading, SectionReading};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for divergence in of_class(cx, Class::DuplicateSection) {
        let file = divergence.file;
        let model = &cx.model.files[file];
        let text = cx.text(file);
        let LineKind::Header(header) = &model.tree.lines[divergence.line].kind else {
            continue;
        };
        let span = Span::new(
            header.open.start,
            header.close.map_or(header.inner.end, |c| c.end),
        );
        let readings = both_readings(cx, divergence);
        let diagnostic = match &divergence.cli {
            Reading::Section(SectionReading::Replaced { by, .. }) => {
                let later = line_of(model)(*by);
                let later_span = model.tree.lines[later].span;
                Diagnostic::new(
                    Code::DuplicateSection,
                    file,
                    span,
                    format!("{readings} Merge the two sections into one."),
                )
                .with_related(
                    file,
                    later_span,
                    "the later section of the same name",
                )
            }
            _ => {
                let raw = header.inner.slice(text);
                let first = divergence
                    .first_set
                    .and_then(|offset| model.section_at(line_of(model)(offset)));
                let mut diagnostic = Diagnostic::new(
                    Code::DuplicateSection,
                    file,
                    span,
                    match first {
                        Some(first) => format!(
                            "`[{}]` is already defined on line {}. {readings} Merge them into one section.",
                            raw.trim(),
                            line_number(first.line)
                        ),
                        None => format!("{readings} Merge them into one section."),
                    },
                );
                if let Some(first) = first {
                    diagnostic =
                        diagnostic.with_related(file, first.name_span, "first defined here");
                }
                diagnostic
            }
        };
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind::*;

    #[test]
    fn second_definition_is_reported_with_the_first_as_related() {
        let run = lint(
            "[profile a]\nregion = x\n[profile b]\n[profile a]\noutput = json\n",
            "[c]\n[c]\n",
        );
        assert_eq!(
            run.found(Code::DuplicateSection),
            [
                (Config, 4, "[profile a]".to_string()),
                (Credentials, 2, "[c]".to_string())
            ]
        );
        let d = &run.of(Code::DuplicateSection)[0];
        assert!(d.message.contains("line 1"), "{}", d.message);
        assert_eq!(d.related[0].span.slice(&run.texts[0]), "a");
    }

    #[test]
    fn default_and_profile_default_are_not_duplicates_here() {
        let run = lint(
            "[default]\n[profile default]\n[profile a]\n[sso-session a]\n",
            "",
        );
        assert!(run.of(Code::DuplicateSection).is_empty());
    }
}
