//! `duplicate-key`: a key twice in one section, compared case-insensitively. The SDKs use the
//! last value; botocore refuses the whole file (`DuplicateOptionError`).

use super::{line_number, lines_span};
use crate::fast_hash::FastMap;
use crate::lint::{Code, Diagnostic, LintContext};
use crate::model::FileModel;
use std::collections::hash_map::Entry;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, model) in cx.model.files.iter().enumerate() {
        let text = cx.text(file);
        for (section, first, second) in duplicate_keys(model) {
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

/// The `CliRefusal::DuplicateKey` part of [`FileModel::cli_refusals`] as `(section, first,
/// second)`, in the same order, without its index of every section header (which this rule
/// does not need).
fn duplicate_keys(model: &FileModel) -> Vec<(usize, usize, usize)> {
    let mut found = Vec::new();
    for (index, section) in model.sections.iter().enumerate() {
        let properties = &section.properties;
        if properties.len() <= 16 {
            for (second, entry) in properties.iter().enumerate() {
                if let Some(first) = properties[..second].iter().position(|p| p.key == entry.key) {
                    found.push((index, first, second));
                }
            }
            continue;
        }
        let mut first_of: FastMap<&str, usize> = FastMap::default();
        for (second, entry) in properties.iter().enumerate() {
            match first_of.entry(&entry.key) {
                Entry::Occupied(first) => found.push((index, *first.get(), second)),
                Entry::Vacant(slot) => {
                    slot.insert(second);
                }
            }
        }
    }
    found
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

    /// The rule's own search finds exactly the key duplicates of `FileModel::cli_refusals`.
    #[test]
    fn same_duplicates_as_the_model() {
        use crate::model::{CliRefusal, Input, Model};
        let many: String = (0..40).map(|i| format!("k{} = v\n", i % 23)).collect();
        for text in [
            "[profile a]\nregion = x\nRegion = y\nregion = z\n[profile b]\n[profile a]\nx = 1\nX = 2\n",
            &format!("[profile big]\n{many}[profile big]\n{many}"),
        ] {
            let model = Model::build(&[Input {
                kind: crate::model::FileKind::Config,
                text,
            }]);
            let file = &model.files[0];
            let expected: Vec<_> = file
                .cli_refusals()
                .into_iter()
                .filter_map(|r| match r {
                    CliRefusal::DuplicateKey {
                        section,
                        first,
                        second,
                    } => Some((section, first, second)),
                    CliRefusal::DuplicateSection { .. } => None,
                })
                .collect();
            assert!(!expected.is_empty());
            assert_eq!(super::duplicate_keys(file), expected);
        }
    }
}
