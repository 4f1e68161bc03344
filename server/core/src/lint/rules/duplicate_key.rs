//! `duplicate-key`: a key twice in one section. The SDKs use the last value; botocore refuses
//! the whole file (`DuplicateOptionError`). Keys compare as each reader reads them: lower-cased,
//! and for botocore split at the first `=` or `:`. Found by comparing the two views.

use super::reader_divergence::{both_readings, of_class, Class};
use super::{line_number, lines_span};
use crate::lint::{Code, Diagnostic, LintContext};
use crate::syntax::LineKind;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for divergence in of_class(cx, Class::DuplicateKey) {
        let file = divergence.file;
        let model = &cx.model.files[file];
        let text = cx.text(file);
        let readings = both_readings(cx, divergence);
        // The earlier line of the same key, as botocore compares keys.
        let earlier = divergence
            .first_set
            .map(|offset| super::reader_divergence::line_of(model)(offset));
        let span = match &model.tree.lines[divergence.line].kind {
            LineKind::Property(property) if !property.key.is_empty() => property.key,
            _ => divergence.span,
        };
        let mut diagnostic = Diagnostic::new(
            Code::DuplicateKey,
            file,
            span,
            match earlier {
                Some(first) => format!(
                    "This key is already set on line {} of this section. {readings} Keep one of the two.",
                    line_number(first)
                ),
                None => format!("{readings} Keep one of the two."),
            },
        );
        if let Some(first) = earlier {
            let first_line = &model.tree.lines[first];
            diagnostic = diagnostic.with_related(file, first_line.span, "first set here");
            // The earlier one, when the SDKs read it as the same key: removing it keeps what
            // the SDKs read.
            let entry = model.entry_at(first);
            if let Some(entry) = entry {
                diagnostic = diagnostic.with_fix(
                    format!(
                        "Remove the earlier `{}` (line {})",
                        entry.key_span.slice(text),
                        line_number(first)
                    ),
                    lines_span(model, entry.line, entry.last_line),
                    "",
                );
            }
        }
        out.push(diagnostic);
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

    /// botocore refuses the file for a duplicate key in any section, also one the SDKs do
    /// not read (found by the differential test against botocore).
    #[test]
    fn duplicates_in_a_section_the_sdks_ignore_still_stop_the_cli() {
        for config in [
            "[plugins]\nregion = x\nRegion = y\n",
            "[foo]\nregion = x\nregion = y\n",
        ] {
            let run = lint(config, "");
            assert_eq!(run.found(Code::DuplicateKey).len(), 1, "{config}");
            let d = run.one(Code::DuplicateKey);
            assert_eq!(d.severity, crate::lint::Severity::Error, "{config}");
            assert!(d.message.contains("DuplicateOptionError"), "{}", d.message);
        }
    }

    #[test]
    fn same_key_in_different_sections_is_fine() {
        let run = lint("[profile a]\nregion = x\n[profile b]\nregion = x\n", "");
        assert!(run.of(Code::DuplicateKey).is_empty());
    }
}
