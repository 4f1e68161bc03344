//! `profile-prefix-in-credentials`: `[profile x]` in the credentials file. The SDKs ignore it
//! (credentials sections are bare names); botocore reads it as a profile literally named
//! `profile x`, which `--profile x` never finds.

use super::header_of;
use crate::lint::{Code, Diagnostic, LintContext};
use crate::model::{IgnoreReason, SectionStatus};
use crate::text::Span;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, model, _, section) in cx.sections() {
        if section.status != SectionStatus::Ignored(IgnoreReason::ProfilePrefixInCredentials) {
            continue;
        }
        let Some(prefix) = header_of(model, section).and_then(|h| h.prefix) else {
            continue;
        };
        let name = &section.name;
        let span = Span::new(prefix.start, section.name_span.end);
        out.push(
            Diagnostic::new(
                Code::ProfilePrefixInCredentials,
                file,
                span,
                format!("The credentials file takes bare names: the SDKs ignore `[profile {name}]` here, and the AWS CLI reads it as a profile named `profile {name}`, so `--profile {name}` finds none of these keys. Write `[{name}]`."),
            )
            .with_fix("Remove `profile `", Span::new(prefix.start, section.name_span.start), ""),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind::*;

    #[test]
    fn prefix_removed() {
        let run = lint(
            "",
            "[profile ops]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n",
        );
        assert_eq!(
            run.found(Code::ProfilePrefixInCredentials),
            [(Credentials, 1, "profile ops".to_string())]
        );
        assert!(run.apply(run.one(Code::ProfilePrefixInCredentials), 0)[1].starts_with("[ops]\n"));
    }

    #[test]
    fn bare_names_and_config_prefixes_pass() {
        let run = lint("[profile ops]\n", "[ops]\n");
        assert!(run.of(Code::ProfilePrefixInCredentials).is_empty());
    }
}
