//! `uppercase-key`: a key with capitals. The SDK for Rust and botocore lower-case keys, but
//! the Java SDK compares them exactly, so `AWS_ACCESS_KEY_ID = …` is invisible to Java apps.

use crate::knowledge::{is_known_key, Place};
use crate::lint::values::has_surface_problem;
use crate::lint::{Code, Diagnostic, LintContext};
use crate::model::{FileKind, SectionKind};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    // Candidates found once for several rules: valid keys with a capital, in used sections.
    for &at in &cx.entry_lists().uppercase_keys {
        let (file, section, entry) = cx.entry_at(at);
        let text = cx.text(file);
        let key = entry.key_span.slice(text);
        if !entry.valid_key
            || !key.bytes().any(|b| b.is_ascii_uppercase())
            || has_surface_problem(key)
        {
            continue;
        }
        let place = match (section.kind, cx.kind(file)) {
            (SectionKind::SsoSession, _) => Place::SsoSession,
            (_, FileKind::Credentials) => Place::Credentials,
            _ => Place::Profile,
        };
        // An unknown key gets `unknown-key`, whose rename also fixes the case.
        if section.kind != SectionKind::Services && !is_known_key(key, place) {
            continue;
        }
        // Read otherwise by another reader: reported with every reading.
        if cx.model.divergence_at(file, entry.line).is_some() {
            continue;
        }
        let lower = key.to_ascii_lowercase();
        out.push(
            Diagnostic::new(
                Code::UppercaseKey,
                file,
                entry.key_span,
                format!("`{key}` has capital letters: the Rust SDK and the AWS CLI read it as `{lower}`, but the Java SDK (and tools built on it) compare keys exactly and will not see it. Write `{lower}`."),
            )
            // Not safe: the SDK for Rust and botocore read the same, but the Java and
            // JavaScript SDKs then read a key they did not before. Offered, never applied.
            .with_fix(format!("Change to `{lower}`"), entry.key_span, lower),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind::*;

    #[test]
    fn capitals_are_reported_and_lowered() {
        let run = lint(
            "",
            "[default]\nAWS_Access_Key_ID = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n",
        );
        assert_eq!(
            run.found(Code::UppercaseKey),
            [(Credentials, 2, "AWS_Access_Key_ID".to_string())]
        );
        assert!(run.apply(run.one(Code::UppercaseKey), 0)[1].contains("\naws_access_key_id = AKIA"));
    }

    #[test]
    fn unknown_keys_are_left_to_unknown_key() {
        let run = lint("[profile a]\nRegoin = x\n", "");
        assert!(run.of(Code::UppercaseKey).is_empty());
        assert_eq!(run.of(Code::UnknownKey).len(), 1);
    }

    #[test]
    fn lower_case_and_ignored_sections_are_quiet() {
        let run = lint("[staging]\nRegion = x\n[profile a]\nregion = x\n", "");
        assert!(run.of(Code::UppercaseKey).is_empty());
    }
}
