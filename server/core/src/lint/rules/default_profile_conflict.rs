//! `default-profile-conflict`: both `[default]` and `[profile default]` in the config file.
//! The SDKs ignore every `[default]` when `[profile default]` exists; botocore uses whichever
//! comes last, replacing the other whole. Either way, one of the two is silently lost. Where
//! the two readers lose different ones, the message says what each reads.

use super::line_number;
use super::reader_divergence::{both_readings, of_class, Class};
use crate::lint::{Code, Diagnostic, LintContext};
use crate::model::{IgnoreReason, SectionStatus, PROFILE_PREFIX};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for divergence in of_class(cx, Class::DefaultProfileConflict) {
        let file = divergence.file;
        let model = &cx.model.files[file];
        let Some(section) = model.section_at(divergence.line) else {
            continue;
        };
        let mut diagnostic = Diagnostic::new(
            Code::DefaultProfileConflict,
            file,
            section.name_span,
            format!(
                "{} Merge `[default]` and `[profile default]` into one section.",
                both_readings(cx, divergence)
            ),
        );
        let other = model.sections.iter().find(|s| {
            s.name == "default"
                && s.line != section.line
                && s.prefix.is_some() != section.prefix.is_some()
        });
        if let Some(other) = other {
            diagnostic =
                diagnostic.with_related(file, other.name_span, "the other default profile");
        }
        out.push(diagnostic);
    }
    for (file, model) in cx.model.files.iter().enumerate() {
        let Some(prefixed) = model
            .sections
            .iter()
            .find(|s| s.prefix.as_deref() == Some(PROFILE_PREFIX) && s.name == "default")
        else {
            continue;
        };
        for section in &model.sections {
            if section.status != SectionStatus::Ignored(IgnoreReason::HiddenByProfileDefault) {
                continue;
            }
            // Read otherwise by the AWS CLI: reported above.
            if cx.model.divergence_at(file, section.line).is_some() {
                continue;
            }
            out.push(
                Diagnostic::new(
                    Code::DefaultProfileConflict,
                    file,
                    section.name_span,
                    format!(
                        "`[profile default]` on line {} hides this section: the SDKs ignore `[default]` entirely when both exist, and the AWS CLI and boto3 read only the later `[profile default]` too. Merge them into one section.",
                        line_number(prefixed.line)
                    ),
                )
                .with_related(file, prefixed.name_span, "`[profile default]` is here")
                .unnecessary(),
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
    fn default_hidden_by_profile_default() {
        let run = lint(
            "[default]\nregion = x\n[profile default]\noutput = json\n",
            "",
        );
        assert_eq!(
            run.found(Code::DefaultProfileConflict),
            [(Config, 1, "default".to_string())]
        );
        assert!(run.one(Code::DefaultProfileConflict).unnecessary);
    }

    #[test]
    fn one_default_is_fine_and_credentials_default_does_not_conflict() {
        let run = lint(
            "[profile default]\nregion = x\n",
            "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n",
        );
        assert!(run.of(Code::DefaultProfileConflict).is_empty());
    }
}
