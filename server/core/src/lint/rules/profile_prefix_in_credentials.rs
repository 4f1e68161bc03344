//! `profile-prefix-in-credentials`: `[profile x]` in the credentials file. The SDKs ignore it
//! (credentials sections are bare names); botocore reads it as a profile literally named
//! `profile x`, which `--profile x` never finds. Found by comparing the two views.

use super::header_of;
use super::reader_divergence::{both_readings, of_class, Class};
use crate::lint::{Code, Diagnostic, LintContext};
use crate::text::Span;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for divergence in of_class(cx, Class::ProfilePrefixInCredentials) {
        let file = divergence.file;
        let model = &cx.model.files[file];
        let Some(section) = model.section_at(divergence.line) else {
            continue;
        };
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
                format!("The credentials file takes bare names: {} So `--profile {name}` finds none of these keys. Write `[{name}]`.", lower_first(&both_readings(cx, divergence))),
            )
            .with_fix("Remove `profile `", Span::new(prefix.start, section.name_span.start), ""),
        );
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
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
