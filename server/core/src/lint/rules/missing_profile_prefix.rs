//! `missing-profile-prefix`: a config-file section `[name]` other than `[default]`, `[plugins]`
//! and `[preview]`. The SDKs ignore it, and so does the AWS CLI (as a profile). Either way
//! `--profile name` does not find it. Where the AWS CLI reads it otherwise (`[DEFAULT]`),
//! `readers-disagree` reports it, and a misspelt `[default]` is `misspelled-default`'s.

use super::header_of;
use super::parse_errors::is_nameless;
use crate::lint::{Code, Diagnostic, LintContext};
use crate::model::{IgnoreReason, SectionStatus};
use crate::text::Span;

/// Section types that users glue to the name: `[profilefoo]`, `[sso-sessionfoo]`.
const GLUED_PREFIXES: &[&str] = &["profile", "sso-session"];

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, model, _, section) in cx.sections() {
        if section.status != SectionStatus::Ignored(IgnoreReason::MissingProfilePrefix) {
            continue;
        }
        // A credential tool's own section (aws-okta's `[okta]`, granted's registry markers).
        if crate::knowledge::tools::section_owner(&section.raw_key).is_some() {
            continue;
        }
        let text = cx.text(file);
        let Some(header) = header_of(model, section) else {
            continue;
        };
        if header.close.is_none() || is_nameless(header.inner.slice(text)) {
            continue; // `invalid-section-header` reports these
        }
        if cx.model.divergence_at(file, section.line).is_some() {
            continue; // read otherwise by the AWS CLI: reported with both readings
        }
        if super::misspelled_default::applies(cx, file, model, section) {
            continue; // `[defualt]`: `misspelled-default` offers `[default]`
        }
        let name = &section.name;
        let glued = GLUED_PREFIXES
            .iter()
            .find(|p| name.len() > p.len() && name.starts_with(*p));
        let diagnostic = match glued {
            Some(prefix) => {
                let at = Span::empty(section.name_span.start + prefix.len());
                Diagnostic::new(
                    Code::MissingProfilePrefix,
                    file,
                    section.name_span,
                    format!("`[{name}]` has no space after `{prefix}`: the SDKs read it as a section named `{name}` without a prefix and ignore it. Write `[{prefix} {}]`.", &name[prefix.len()..]),
                )
                .with_fix(format!("Insert a space after `{prefix}`"), at, " ")
            }
            None => Diagnostic::new(
                Code::MissingProfilePrefix,
                file,
                section.name_span,
                format!("In the config file, profiles other than `default` need the `profile ` prefix: the SDKs ignore `[{name}]` and its settings, and the AWS CLI and boto3 do not read it as a profile either. Write `[profile {name}]`."),
            )
            .with_fix("Add the `profile ` prefix", Span::empty(section.name_span.start), "profile "),
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
    fn unprefixed_sections_get_the_prefix() {
        let run = lint("[staging]\nregion = eu-west-1\n[profilefoo]\n", "");
        assert_eq!(
            run.found(Code::MissingProfilePrefix),
            [
                (Config, 1, "staging".to_string()),
                (Config, 3, "profilefoo".to_string())
            ]
        );
        let fixes: Vec<_> = run
            .of(Code::MissingProfilePrefix)
            .iter()
            .map(|d| run.apply(d, 0)[0].clone())
            .collect();
        assert!(fixes[0].starts_with("[profile staging]\n"));
        assert!(fixes[1].ends_with("[profile foo]\n"));
    }

    #[test]
    fn default_cli_sections_and_credentials_are_fine() {
        let run = lint(
            "[default]\n[plugins]\n[preview]\n[profile a]\n",
            "[staging]\n",
        );
        assert!(run.of(Code::MissingProfilePrefix).is_empty());
    }
}
