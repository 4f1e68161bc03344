//! `duplicate-section`: a section defined twice in one file. The SDKs merge the two (later
//! keys win); botocore's strict parser refuses the whole file (`DuplicateSectionError`), so the
//! AWS CLI stops working for every profile.

use super::{header_of, line_number};
use crate::fast_hash::FastMap;
use crate::lint::{Code, Diagnostic, LintContext};
use crate::model::{SectionKind, SectionStatus};
use crate::text::Span;
use std::collections::hash_map::Entry;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, model) in cx.model.files.iter().enumerate() {
        let mut first_seen: FastMap<(SectionKind, Option<&str>, &str), usize> =
            FastMap::with_capacity_and_hasher(model.sections.len(), Default::default());
        for (index, section) in model.sections.iter().enumerate() {
            // `[default]` and `[profile default]` are `default-profile-conflict`, not this.
            let key = (
                section.kind,
                section.prefix.as_deref(),
                section.name.as_str(),
            );
            // One hash and probe per section, whether it is new or not.
            let first = match first_seen.entry(key) {
                Entry::Occupied(seen) => *seen.get(),
                Entry::Vacant(slot) => {
                    slot.insert(index);
                    continue;
                }
            };
            let original = &model.sections[first];
            let same_text = original.raw_key == section.raw_key;
            let Some(header) = header_of(model, section) else {
                continue;
            };
            let span = Span::new(
                header.open.start,
                header.close.map_or(header.inner.end, |c| c.end),
            );
            let cli = if same_text {
                "the AWS CLI and boto3 refuse the whole file (DuplicateSectionError)"
            } else {
                "the AWS CLI keeps only the later of the two differently spelled headers (it replaces the earlier whole)"
            };
            let sdk = if section.status == SectionStatus::Used {
                "The SDKs merge the two (later keys win), but "
            } else {
                "The SDKs ignore both, and "
            };
            out.push(
                Diagnostic::new(
                    Code::DuplicateSection,
                    file,
                    span,
                    format!(
                        "`[{}]` is already defined on line {}. {sdk}{cli}. Merge them into one section.",
                        section.raw_key.trim(),
                        line_number(original.line)
                    ),
                )
                .with_related(file, original.name_span, "first defined here"),
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
