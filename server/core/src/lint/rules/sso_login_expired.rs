//! `sso-login-expired` (warning): the cached SSO login that an sso-session or a legacy SSO
//! profile uses has expired and no tool can renew it; information when it expires within 15
//! minutes and cannot be renewed.
//!
//! The state comes from the SSO token cache through the host ([`crate::machine::sso_cache`]:
//! keyed and read as the AWS SDK for Rust and botocore key and read it; both must agree, or
//! the rule is silent). An expired token that can be renewed (an sso-session's, with a
//! refresh token and a client registration that has not expired) is not reported: the next
//! request renews it. A warning, not an error: nothing in the file is wrong, and `check` (a
//! pre-commit hook, CI) must not fail because a login on this machine has run out.
//!
//! On the sso-session's header when a profile names it, or on the legacy profile's header.
//! Silent without a current time or when the host cannot tell.

use crate::lint::timestamp::{format_utc_minute, human_duration};
use crate::lint::{Code, Diagnostic, LintContext, Severity};
use crate::machine::LoginState;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(now) = cx.now else {
        return;
    };
    for site in cx.login_sites() {
        let renewal = if site.session {
            "no tool can renew it (the cache holds no refresh token, or its client registration \
             has expired)"
        } else {
            "a profile with its own `sso_start_url` never renews its login (with an \
             `[sso-session]` section, the tools renew it themselves)"
        };
        let diagnostic = match cx.logins().state(&site.key, now) {
            LoginState::Expired { expires_at } => Diagnostic::new(
                Code::SsoLoginExpired,
                site.file,
                site.span,
                format!(
                    "The login for {} expired {} ago ({}), and {renewal}: the AWS CLI and the \
                     SDKs fail with it until you log in again. Run `{}`.",
                    site.subject,
                    human_duration(now - expires_at),
                    format_utc_minute(expires_at),
                    site.command
                ),
            ),
            LoginState::ExpiresSoon { expires_at } => Diagnostic::new(
                Code::SsoLoginExpired,
                site.file,
                site.span,
                format!(
                    "The login for {} expires in {} ({}), and {renewal}: after that the AWS \
                     CLI and the SDKs fail with it until you log in again (`{}`).",
                    site.subject,
                    human_duration(expires_at - now),
                    format_utc_minute(expires_at),
                    site.command
                ),
            )
            .with_severity(Severity::Information),
            _ => continue,
        };
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{lint_on, lint_with, token_file, FakeMachine, TEST_NOW};
    use crate::lint::{Code, Severity};
    use crate::machine::LoginKey;
    use crate::model::FileKind;

    const HOUR: i64 = 3600;
    const CONFIG: &str = "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n\n[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\n";
    const LEGACY: &str = "[profile old]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 123456789012\nsso_role_name = Dev\n";

    fn corp() -> LoginKey {
        LoginKey::Session("corp".to_string())
    }

    fn legacy() -> LoginKey {
        LoginKey::StartUrl("https://d-1234567890.awsapps.com/start".to_string())
    }

    fn run(config: &str, host: &FakeMachine) -> crate::lint::test_support::Run {
        lint_on(config, "", host, [None, None], |_| {})
    }

    #[test]
    fn an_expired_session_login() {
        let host = FakeMachine::default().token(corp(), &token_file(TEST_NOW - 3 * HOUR, None));
        let r = run(CONFIG, &host);
        assert_eq!(
            r.found(Code::SsoLoginExpired),
            [(FileKind::Config, 6, "corp".to_string())]
        );
        let d = r.one(Code::SsoLoginExpired);
        assert_eq!(d.severity, Severity::Warning);
        assert!(
            d.message.starts_with(
                "The login for sso-session `corp` expired 3 hours ago (2025-12-31 21:00 UTC)"
            ) && d
                .message
                .ends_with("Run `aws sso login --sso-session corp`."),
            "{}",
            d.message
        );
        assert!(!d.message.contains("FAKE"), "{}", d.message);
    }

    #[test]
    fn a_legacy_profile_is_never_renewed() {
        let host = FakeMachine::default().token(
            legacy(),
            &token_file(TEST_NOW - 2 * 86_400, Some(TEST_NOW + 86_400)),
        );
        let r = run(LEGACY, &host);
        assert_eq!(
            r.found(Code::SsoLoginExpired),
            [(FileKind::Config, 1, "old".to_string())]
        );
        let m = &r.one(Code::SsoLoginExpired).message;
        assert!(
            m.contains("profile `old` expired 2 days ago")
                && m.contains("never renews")
                && m.contains("`aws sso login --profile old`"),
            "{m}"
        );
    }

    #[test]
    fn renewable_fresh_and_soon() {
        // Expired, but the refresh token and registration renew it: not a failure.
        let host = FakeMachine::default().token(
            corp(),
            &token_file(TEST_NOW - 3 * HOUR, Some(TEST_NOW + 30 * 86_400)),
        );
        assert_eq!(run(CONFIG, &host).found(Code::SsoLoginExpired), []);
        let host = FakeMachine::default().token(corp(), &token_file(TEST_NOW + 8 * HOUR, None));
        assert_eq!(run(CONFIG, &host).found(Code::SsoLoginExpired), []);
        let host = FakeMachine::default().token(corp(), &token_file(TEST_NOW + 600, None));
        let r = run(CONFIG, &host);
        let d = r.one(Code::SsoLoginExpired);
        assert_eq!(d.severity, Severity::Information);
        assert!(d.message.contains("expires in 10 minutes"), "{}", d.message);
    }

    #[test]
    fn silent_when_it_cannot_tell() {
        let expired = token_file(TEST_NOW - 3 * HOUR, None);
        // No host, no clock, the host cannot read the file.
        assert_eq!(
            lint_with(CONFIG, "", |_| {}).found(Code::SsoLoginExpired),
            []
        );
        let host = FakeMachine::default().token(corp(), &expired);
        let r = lint_on(CONFIG, "", &host, [None, None], |cx| cx.now = None);
        assert_eq!(r.found(Code::SsoLoginExpired), []);
        let host = FakeMachine {
            unreadable: vec![corp()],
            ..FakeMachine::default()
        };
        assert_eq!(run(CONFIG, &host).found(Code::SsoLoginExpired), []);
        // A session no profile names, or one without a start URL.
        let host = FakeMachine::default().token(corp(), &expired);
        let unnamed = "[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\n";
        assert_eq!(run(unnamed, &host).found(Code::SsoLoginExpired), []);
        let no_url =
            "[profile dev]\nsso_session = corp\n[sso-session corp]\nsso_region = eu-west-1\n";
        assert_eq!(run(no_url, &host).found(Code::SsoLoginExpired), []);
    }

    #[test]
    fn realistic_files_are_clean() {
        let host = FakeMachine::default();
        let r = lint_on(
            include_str!("../../../../../fixtures/valid/config"),
            include_str!("../../../../../fixtures/valid/credentials"),
            &host,
            [None, None],
            |_| {},
        );
        assert_eq!(r.found(Code::SsoLoginExpired), []);
    }
}
