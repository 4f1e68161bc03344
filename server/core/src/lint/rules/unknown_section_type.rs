//! `unknown-section-type`: a config-file header with a prefix the SDKs do not know, like
//! `[sso-sesion acme]`. The SDKs set it aside and never use it; nothing says so.

use super::header_of;
use super::reader_divergence::{both_readings, class_of, Class};
use crate::lint::{Code, Diagnostic, LintContext};
use crate::model::{IgnoreReason, SectionStatus};
use crate::suggest::did_you_mean;

const SECTION_TYPES: &[&str] = &["profile", "sso-session", "services"];

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, model, _, section) in cx.sections() {
        if section.status != SectionStatus::Ignored(IgnoreReason::UnknownPrefix) {
            continue;
        }
        // A credential tool's own section (aws-okta's `[okta]`, granted's registry markers).
        if crate::knowledge::tools::section_owner(&section.raw_key).is_some() {
            continue;
        }
        let text = cx.text(file);
        let Some(prefix_span) = header_of(model, section).and_then(|h| h.prefix) else {
            continue;
        };
        let prefix = prefix_span.slice(text);
        let readings = match cx.model.divergence_at(file, section.line) {
            Some(d) if class_of(cx.model, d) == Class::UnknownSectionType => {
                format!(" {}", both_readings(cx, d))
            }
            Some(_) => continue, // reported by the rule of its kind
            None => format!(
                ": the SDKs ignore `[{prefix} {}]` and everything in it.",
                section.name
            ),
        };
        let suggestion = did_you_mean(prefix, SECTION_TYPES.iter().copied());
        let hint = match suggestion {
            Some(s) => format!(" Did you mean `[{s} {}]`?", section.name),
            None => " Known section types are `profile`, `sso-session` and `services`.".to_string(),
        };
        let mut diagnostic = Diagnostic::new(
            Code::UnknownSectionType,
            file,
            prefix_span,
            format!("`{prefix}` is not a section type{readings}{hint}"),
        );
        if let Some(s) = suggestion {
            diagnostic = diagnostic.with_fix(format!("Change to `{s}`"), prefix_span, s);
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
    fn typo_in_the_section_type() {
        let run = lint(
            "[sso-sesion acme]\nsso_region = us-east-1\n[profle dev]\n[widget x]\n",
            "",
        );
        assert_eq!(
            run.found(Code::UnknownSectionType),
            [
                (Config, 1, "sso-sesion".to_string()),
                (Config, 3, "profle".to_string()),
                (Config, 4, "widget".to_string())
            ]
        );
        let first = &run.of(Code::UnknownSectionType)[0];
        assert!(run.apply(first, 0)[0].starts_with("[sso-session acme]"));
        assert!(run.of(Code::UnknownSectionType)[2].fixes.is_empty());
    }

    #[test]
    fn known_types_pass() {
        let run = lint(
            "[profile a]\n[sso-session b]\n[services c]\n[granted_registry_start team]\n[profile x]\n[granted_registry_end team]\n",
            "",
        );
        assert!(run.of(Code::UnknownSectionType).is_empty());
    }
}
