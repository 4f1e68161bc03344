//! `section-not-allowed-in-credentials`: `[sso-session x]` or `[services x]` in the
//! credentials file. Only the config file may hold them; the SDKs ignore them here, and the
//! AWS CLI reads them as profiles named `sso-session x` or `services x`.

use super::header_of;
use super::reader_divergence::{both_readings, class_of, Class};
use crate::lint::{Code, Diagnostic, LintContext};
use crate::model::{IgnoreReason, SectionStatus, SERVICES_PREFIX, SSO_SESSION_PREFIX};
use crate::text::Span;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, model, _, section) in cx.sections() {
        if section.status != SectionStatus::Ignored(IgnoreReason::PrefixedSectionInCredentials) {
            continue;
        }
        let prefix = section.prefix.as_deref().unwrap_or_default();
        if prefix != SSO_SESSION_PREFIX && prefix != SERVICES_PREFIX {
            continue; // `[my profile]`: `invalid-name`
        }
        let Some(header) = header_of(model, section) else {
            continue;
        };
        let span = Span::new(
            header.prefix.map_or(section.name_span.start, |p| p.start),
            section.name_span.end,
        );
        // The AWS CLI reads every credentials-file section as a profile named as written.
        let readings = match cx.model.divergence_at(file, section.line) {
            Some(divergence)
                if class_of(cx.model, divergence) == Class::SectionNotAllowedInCredentials =>
            {
                both_readings(cx, divergence)
            }
            Some(_) => continue, // reported by the rule of its kind
            None => "The SDKs ignore it in the credentials file.".to_string(),
        };
        out.push(
            Diagnostic::new(
                Code::SectionNotAllowedInCredentials,
                file,
                span,
                format!("`[{prefix} {}]` belongs in the config file. {readings} Move the section to the config file.", section.name),
            )
            .unnecessary(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind::*;

    #[test]
    fn config_only_sections_in_credentials() {
        let run = lint(
            "",
            "[sso-session acme]\nsso_region = us-east-1\n[services local]\n[my profile]\n",
        );
        assert_eq!(
            run.found(Code::SectionNotAllowedInCredentials),
            [
                (Credentials, 1, "sso-session acme".to_string()),
                (Credentials, 3, "services local".to_string())
            ]
        );
    }

    #[test]
    fn in_the_config_file_they_are_fine() {
        let run = lint("[sso-session acme]\n[services local]\n", "");
        assert!(run.of(Code::SectionNotAllowedInCredentials).is_empty());
    }
}
