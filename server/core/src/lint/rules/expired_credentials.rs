//! `expired-credentials`: credentials whose recorded expiry has passed (error) or comes within
//! 15 minutes (warning).
//!
//! No SDK and not the AWS CLI read an expiry from a profile: the keys below are written next to
//! temporary credentials by the tools that fetch them (profile-semantics.md §14), and requests
//! made with the credentials after that time fail with `ExpiredToken`. The fix is to run the
//! tool again, so the message names it when the key tells which one it was.
//!
//! Asked of the merged profile, and only when it has an access key id (an expiry without
//! credentials has nothing to expire). An expiry that cannot be read as a date gets a warning:
//! no other rule knows these keys' format. Silent when the caller gives no current time.

use super::support::{first_line, present};
use crate::lint::context::facts;
use crate::lint::timestamp;
use crate::lint::values::has_surface_problem;
use crate::lint::{Code, Diagnostic, LintContext, Severity};
use crate::model::Profile;

/// How soon an expiry must be to deserve a warning.
const SOON: i64 = 15 * 60;

/// The keys credential tools record an expiry in.
pub(crate) const EXPIRY_KEYS: &[&str] = &[
    "x_security_token_expires",
    "aws_expiration",
    "aws_session_expiration",
    "aws_credential_expiration",
    "expiration",
];

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(now) = cx.now else {
        return;
    };
    for profile in cx.profiles_holding_any(facts::AWS_ACCESS_KEY_ID) {
        if present(profile, "aws_access_key_id").is_none() {
            continue;
        }
        for &key in EXPIRY_KEYS {
            let Some(value) = present(profile, key) else {
                continue;
            };
            let Some((file, entry)) = cx.origin(value) else {
                continue;
            };
            let text = first_line(&value.value);
            if has_surface_problem(text) {
                continue;
            }
            let writer = Writer::of(key, profile);
            let diagnostic = match timestamp::parse(text) {
                None => Diagnostic::new(
                    Code::ExpiredCredentials,
                    file,
                    entry.value_span,
                    format!(
                        "This expiry is not a date that can be read (expected RFC 3339, such as \
                         `2026-01-01T00:00:00Z` or `2026-01-01T02:00:00+02:00`, or \
                         `2026-01-01 00:00:00` in UTC), so whether these credentials have \
                         expired is unknown. The SDKs and the AWS CLI do not read \
                         `{key}`; {} writes it.",
                        writer.tool
                    ),
                )
                .with_severity(Severity::Warning),
                Some(expiry) if expiry <= now => Diagnostic::new(
                    Code::ExpiredCredentials,
                    file,
                    entry.value_span,
                    format!(
                        "These credentials expired {} ago ({}): AWS rejects them (ExpiredToken). \
                         The SDKs and the AWS CLI do not read `{key}`; {} wrote it with the \
                         credentials, so {}.",
                        timestamp::human_duration(now - expiry),
                        timestamp::format_utc_minute(expiry),
                        writer.tool,
                        writer.refresh
                    ),
                ),
                Some(expiry) if expiry - now <= SOON => Diagnostic::new(
                    Code::ExpiredCredentials,
                    file,
                    entry.value_span,
                    format!(
                        "These credentials expire in {} ({}): after that AWS rejects them \
                         (ExpiredToken). The SDKs and the AWS CLI do not read `{key}` and will \
                         not refresh them; {} wrote it with the credentials, so {}.",
                        timestamp::human_duration(expiry - now),
                        timestamp::format_utc_minute(expiry),
                        writer.tool,
                        writer.refresh
                    ),
                )
                .with_severity(Severity::Warning),
                Some(_) => continue,
            };
            out.push(diagnostic);
        }
    }
}

/// The tool that wrote an expiry key, and how to get fresh credentials from it.
struct Writer {
    tool: &'static str,
    refresh: &'static str,
}

impl Writer {
    fn of(key: &str, profile: &Profile) -> Writer {
        let (tool, refresh) = match key {
            // saml2aws also writes `x_principal_arn`; gimme-aws-creds and okta-aws-cli do not.
            "x_security_token_expires" if profile.value("x_principal_arn").is_some() => {
                ("saml2aws", "run `saml2aws login` again to refresh them")
            }
            "x_security_token_expires" => (
                "a SAML or Okta login tool (saml2aws, gimme-aws-creds or okta-aws-cli)",
                "log in again with that tool to refresh them",
            ),
            "aws_expiration" => (
                "aws-azure-login",
                "run `aws-azure-login` again to refresh them",
            ),
            "aws_session_expiration" => (
                "aws-google-auth",
                "run `aws-google-auth` again to refresh them",
            ),
            "aws_credential_expiration" => (
                "`aws-vault export`",
                "export fresh ones with `aws-vault export`, or let aws-vault serve them through \
                 `credential_process`",
            ),
            "expiration" => ("aws-mfa", "run `aws-mfa` again to refresh them"),
            _ => ("a credential tool", "run the tool that fetched them again"),
        };
        Writer { tool, refresh }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{lint, lint_with, TEST_NOW};
    use crate::lint::{Code, Severity};
    use crate::model::FileKind;

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    /// A profile with temporary credentials and one more line.
    fn creds(extra: &str) -> String {
        format!(
            "[temp]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = {SECRET}\naws_session_token = FAKE-TOKEN-EXAMPLE\n{extra}\n"
        )
    }

    #[test]
    fn expired_saml2aws_credentials() {
        // 2026-01-01T00:00:00Z minus 3 hours, written with an offset.
        let text = creds(
            "x_security_token_expires = 2025-12-31T23:00:00+02:00\nx_principal_arn = arn:aws:sts::123456789012:assumed-role/Dev/alice",
        );
        let run = lint("", &text);
        assert_eq!(
            run.found(Code::ExpiredCredentials),
            [(
                FileKind::Credentials,
                5,
                "2025-12-31T23:00:00+02:00".to_string()
            )]
        );
        let d = run.one(Code::ExpiredCredentials);
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(
            d.message,
            "These credentials expired 3 hours ago (2025-12-31 21:00 UTC): AWS rejects them \
             (ExpiredToken). The SDKs and the AWS CLI do not read `x_security_token_expires`; \
             saml2aws wrote it with the credentials, so run `saml2aws login` again to refresh them."
        );
    }

    #[test]
    fn every_tool_and_format() {
        for (line, tool) in [
            (
                "x_security_token_expires = 2025-12-30T10:00:00+00:00",
                "gimme-aws-creds",
            ),
            (
                "aws_expiration = 2025-09-10T04:37:41.000Z",
                "aws-azure-login",
            ),
            (
                "aws_session_expiration = 2025-12-31T23:00:00+0000",
                "aws-google-auth",
            ),
            (
                "aws_credential_expiration = 2025-12-31T23:59:00Z",
                "aws-vault export",
            ),
            ("expiration = 2025-12-31 22:30:00", "aws-mfa"),
        ] {
            let run = lint("", &creds(line));
            let d = run.one(Code::ExpiredCredentials);
            assert_eq!(d.severity, Severity::Error, "{line}");
            assert!(d.message.contains(tool), "{line}: {}", d.message);
        }
        let m = |line| {
            lint("", &creds(line))
                .one(Code::ExpiredCredentials)
                .message
                .clone()
        };
        assert!(m("expiration = 2025-12-31 23:59:30").contains("expired less than a minute ago"));
        assert!(m("expiration = 2025-12-31 22:30:00")
            .contains("expired 1 hour ago (2025-12-31 22:30 UTC)"));
        assert!(m("aws_expiration = 2025-09-10T04:37:41.000Z").contains("expired 112 days ago"));
        // The exact second of expiry has passed.
        assert!(m("aws_credential_expiration = 2026-01-01T00:00:00Z")
            .contains("expired less than a minute ago"));
    }

    #[test]
    fn expiring_soon_is_a_warning() {
        let run = lint("", &creds("aws_expiration = 2026-01-01T00:10:00.000Z"));
        assert_eq!(
            run.found(Code::ExpiredCredentials),
            [(
                FileKind::Credentials,
                5,
                "2026-01-01T00:10:00.000Z".to_string()
            )]
        );
        let d = run.one(Code::ExpiredCredentials);
        assert_eq!(d.severity, Severity::Warning);
        assert!(
            d.message
                .starts_with("These credentials expire in 10 minutes (2026-01-01 00:10 UTC)"),
            "{}",
            d.message
        );
        // Exactly 15 minutes is still soon; a second more is not.
        let at = |t| {
            lint("", &creds(&format!("aws_expiration = {t}")))
                .found(Code::ExpiredCredentials)
                .len()
        };
        assert_eq!(at("2026-01-01T00:15:00Z"), 1);
        assert_eq!(at("2026-01-01T00:15:01Z"), 0);
    }

    #[test]
    fn unreadable_expiry_is_a_warning() {
        let run = lint("", &creds("x_security_token_expires = next tuesday"));
        assert_eq!(
            run.found(Code::ExpiredCredentials),
            [(FileKind::Credentials, 5, "next tuesday".to_string())]
        );
        let d = run.one(Code::ExpiredCredentials);
        assert_eq!(d.severity, Severity::Warning);
        assert!(
            d.message.contains("not a date that can be read"),
            "{}",
            d.message
        );
        let run = lint("", &creds("expiration = 2025-02-30 00:00:00"));
        assert_eq!(
            run.one(Code::ExpiredCredentials).severity,
            Severity::Warning
        );
    }

    #[test]
    fn merged_view_and_other_file() {
        // The credentials file's expiry wins over the config file's.
        let config = "[profile temp]\naws_expiration = 2020-01-01T00:00:00Z\n";
        let run = lint(config, &creds("aws_expiration = 2099-01-01T00:00:00Z"));
        assert_eq!(run.found(Code::ExpiredCredentials), []);
        let run = lint(config, &creds(""));
        assert_eq!(
            run.found(Code::ExpiredCredentials),
            [(FileKind::Config, 2, "2020-01-01T00:00:00Z".to_string())]
        );
    }

    #[test]
    fn near_misses() {
        // In the future.
        let future = creds("x_security_token_expires = 2026-01-02T00:00:00Z");
        assert_eq!(lint("", &future).found(Code::ExpiredCredentials), []);
        // No credentials in the profile: nothing to expire.
        let run = lint("", "[meta]\nexpiration = 2020-01-01 00:00:00\n");
        assert_eq!(run.found(Code::ExpiredCredentials), []);
        // No clock: silent, even for an unreadable date.
        let past = creds("aws_expiration = 2020-01-01T00:00:00Z\nexpiration = soon");
        let run = lint_with("", &past, |cx| cx.now = None);
        assert_eq!(run.found(Code::ExpiredCredentials), []);
        assert_eq!(lint("", &past).found(Code::ExpiredCredentials).len(), 2);
        // Quoted: quoted-value reports it.
        let quoted = creds("aws_expiration = \"2020-01-01T00:00:00Z\"");
        assert_eq!(lint("", &quoted).found(Code::ExpiredCredentials), []);
        // A later clock.
        let run = lint_with("", &future, |cx| cx.now = Some(TEST_NOW + 2 * 86_400));
        assert!(run
            .one(Code::ExpiredCredentials)
            .message
            .contains("expired 24 hours ago"));
    }

    #[test]
    fn realistic_files_are_clean() {
        let run = lint(
            include_str!("../../../../../fixtures/valid/config"),
            include_str!("../../../../../fixtures/valid/credentials"),
        );
        assert_eq!(run.found(Code::ExpiredCredentials), []);
    }
}
