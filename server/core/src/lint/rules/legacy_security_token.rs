//! `legacy-security-token`: `aws_security_token` alone, or different from
//! `aws_session_token`.
//!
//! `aws_security_token` is boto's old name for the session token. botocore and the AWS CLI
//! still read it, and prefer it when both are set (their token list is
//! `['aws_security_token', 'aws_session_token']`); the SDKs (Rust, Java) read only
//! `aws_session_token`. So:
//! - alone, the SDKs see no token: with a temporary `ASIA…` key they are rejected
//!   (`InvalidClientTokenId`) where the AWS CLI works, which is an error, not a warning; the
//!   fix renames the key (`missing-session-token` leaves this case to us);
//! - different from `aws_session_token`, the CLI and the SDKs authenticate with different
//!   tokens, one of them probably stale; the fix deletes the legacy key.
//!
//! Both equal is what saml2aws, gimme-aws-creds and aws-google-auth write: no diagnostic.
//! Next to a long-term `AKIA…` key, any token is `unexpected-session-token`'s business.
//! Asked of the merged profile; reported on the `aws_security_token` key.

use super::support::{entry_lines, first_line, present};
use crate::lint::context::facts;
use crate::lint::{Code, Diagnostic, LintContext, Severity};

const LEGACY: &str = "aws_security_token";
const CURRENT: &str = "aws_session_token";

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for profile in cx.profiles_holding_any(facts::AWS_SECURITY_TOKEN) {
        let Some(legacy) = present(profile, LEGACY) else {
            continue;
        };
        let key_id = present(profile, "aws_access_key_id").map(|v| first_line(&v.value));
        if key_id.is_some_and(|id| id.starts_with("AKIA")) {
            continue;
        }
        let Some((file, entry)) = cx.origin(legacy) else {
            continue;
        };
        match present(profile, CURRENT) {
            None => {
                let temporary = key_id.is_some_and(|id| id.starts_with("ASIA"));
                let (consequence, severity) = if temporary {
                    (
                        "so they send this temporary `ASIA…` key without its token and AWS \
                         rejects it (InvalidClientTokenId) while the AWS CLI works",
                        Severity::Error,
                    )
                } else {
                    (
                        "so they see no session token in this profile",
                        Severity::Warning,
                    )
                };
                let mut diagnostic = Diagnostic::new(
                    Code::LegacySecurityToken,
                    file,
                    entry.key_span,
                    format!(
                        "`aws_security_token` is the legacy name of the session token: botocore \
                         and the AWS CLI read it, but the SDKs (Rust, Java) read only \
                         `aws_session_token`, {consequence}. Rename it to `aws_session_token`, \
                         which every tool reads."
                    ),
                )
                .with_severity(severity);
                // A blank `aws_session_token` somewhere: renaming would make a duplicate.
                if profile.value(CURRENT).is_none() {
                    diagnostic = diagnostic.with_fix(
                        "Rename to `aws_session_token`",
                        entry.key_span,
                        CURRENT,
                    );
                }
                out.push(diagnostic);
            }
            Some(current) if current.value != legacy.value => {
                let mut diagnostic = Diagnostic::new(
                    Code::LegacySecurityToken,
                    file,
                    entry.key_span,
                    "`aws_security_token` and `aws_session_token` hold different tokens: \
                     botocore and the AWS CLI use `aws_security_token`, the SDKs (Rust, Java) \
                     `aws_session_token`, so they authenticate differently and one of them with \
                     a stale token. Delete `aws_security_token` (or make both equal).",
                );
                if let Some((current_file, current_entry)) = cx.origin(current) {
                    diagnostic = diagnostic.with_related(
                        current_file,
                        current_entry.key_span,
                        "The token the SDKs use",
                    );
                }
                out.push(diagnostic.with_fix(
                    "Delete `aws_security_token`",
                    entry_lines(cx, file, entry),
                    "",
                ));
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::{Code, Severity};
    use crate::model::FileKind;

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    fn creds(key_id: &str, tokens: &str) -> String {
        format!("[temp]\naws_access_key_id = {key_id}\naws_secret_access_key = {SECRET}\n{tokens}")
    }

    #[test]
    fn alone_with_a_temporary_key_is_an_error_and_renamed() {
        let text = creds(
            "ASIAIOSFODNN7EXAMPLE",
            "aws_security_token = FAKE-TOKEN-EXAMPLE\n",
        );
        let run = lint("", &text);
        assert_eq!(
            run.found(Code::LegacySecurityToken),
            [(FileKind::Credentials, 4, "aws_security_token".to_string())]
        );
        let d = run.one(Code::LegacySecurityToken);
        assert_eq!(d.severity, Severity::Error);
        assert!(d.message.contains("InvalidClientTokenId") && !d.message.contains("FAKE"));
        assert_eq!(
            run.apply(d, 0)[1],
            creds(
                "ASIAIOSFODNN7EXAMPLE",
                "aws_session_token = FAKE-TOKEN-EXAMPLE\n"
            )
        );
        // After the fix, nothing is left to report.
        let fixed = lint("", &run.apply(d, 0)[1]);
        assert_eq!(fixed.found(Code::LegacySecurityToken), []);
        assert_eq!(fixed.found(Code::MissingSessionToken), []);
    }

    #[test]
    fn alone_without_a_temporary_key_is_a_warning() {
        let run = lint("[profile x]\naws_security_token = FAKE\n", "");
        assert_eq!(
            run.found(Code::LegacySecurityToken),
            [(FileKind::Config, 2, "aws_security_token".to_string())]
        );
        assert_eq!(
            run.one(Code::LegacySecurityToken).severity,
            Severity::Warning
        );
        // A blank aws_session_token: no rename (it would make a duplicate key).
        let run = lint(
            "",
            &creds(
                "ASIAIOSFODNN7EXAMPLE",
                "aws_session_token =\naws_security_token = FAKE\n",
            ),
        );
        assert!(run.one(Code::LegacySecurityToken).fixes.is_empty());
    }

    #[test]
    fn different_tokens() {
        let text = creds(
            "ASIAIOSFODNN7EXAMPLE",
            "aws_session_token = FAKE-NEW-TOKEN\naws_security_token = FAKE-OLD-TOKEN\nregion = us-east-1\n",
        );
        let run = lint("", &text);
        assert_eq!(
            run.found(Code::LegacySecurityToken),
            [(FileKind::Credentials, 5, "aws_security_token".to_string())]
        );
        let d = run.one(Code::LegacySecurityToken);
        assert_eq!(d.severity, Severity::Warning);
        assert!(!d.message.contains("FAKE"));
        assert_eq!(d.related.len(), 1);
        assert_eq!(d.related[0].span.slice(&text), "aws_session_token");
        assert_eq!(
            run.apply(d, 0)[1],
            creds(
                "ASIAIOSFODNN7EXAMPLE",
                "aws_session_token = FAKE-NEW-TOKEN\nregion = us-east-1\n"
            )
        );
        // Across files: related information points into the other file.
        let config = "[profile temp]\naws_session_token = FAKE-NEW-TOKEN\n";
        let run = lint(
            config,
            &creds("ASIAIOSFODNN7EXAMPLE", "aws_security_token = FAKE-OLD\n"),
        );
        let d = run.one(Code::LegacySecurityToken);
        assert_eq!((d.file, d.related[0].file), (1, 0));
    }

    #[test]
    fn near_misses() {
        // saml2aws writes both, equal.
        let both = creds(
            "ASIAIOSFODNN7EXAMPLE",
            "aws_session_token = FAKE-TOKEN\naws_security_token = FAKE-TOKEN\n",
        );
        assert_eq!(lint("", &both).found(Code::LegacySecurityToken), []);
        // Only the current name.
        let current = creds("ASIAIOSFODNN7EXAMPLE", "aws_session_token = FAKE-TOKEN\n");
        assert_eq!(lint("", &current).found(Code::LegacySecurityToken), []);
        // A long-term key: unexpected-session-token reports it instead.
        let long_term = creds("AKIAIOSFODNN7EXAMPLE", "aws_security_token = FAKE-TOKEN\n");
        let run = lint("", &long_term);
        assert_eq!(run.found(Code::LegacySecurityToken), []);
        assert_eq!(run.found(Code::UnexpectedSessionToken).len(), 1);
        // Blank: empty-value's business.
        let blank = creds(
            "ASIAIOSFODNN7EXAMPLE",
            "aws_session_token = T\naws_security_token =\n",
        );
        assert_eq!(lint("", &blank).found(Code::LegacySecurityToken), []);
    }

    #[test]
    fn realistic_files_are_clean() {
        let run = lint(
            include_str!("../../../../../fixtures/valid/config"),
            include_str!("../../../../../fixtures/valid/credentials"),
        );
        assert_eq!(run.found(Code::LegacySecurityToken), []);
    }
}
