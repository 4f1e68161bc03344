//! `sso-login-unreadable` (warning): the cached SSO login exists, but the AWS SDK for Rust,
//! or the AWS CLI and boto3, or both, cannot use it: not JSON, no `accessToken` or
//! `expiresAt`, a time they do not read. The message says which reader refuses it and why
//! ([`crate::machine::sso_cache::Problem`]), never what the file holds besides a time.
//!
//! Logging in again writes the file anew, so that is the fix. Silent when the host cannot
//! tell.

use crate::lint::logins::unreadable_sentence;
use crate::lint::{Code, Diagnostic, LintContext};
use crate::machine::LoginState;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let now = cx.now.unwrap_or(0);
    for site in cx.login_sites() {
        let LoginState::Unreadable { sdk, cli } = cx.logins().state(&site.key, now) else {
            continue;
        };
        out.push(Diagnostic::new(
            Code::SsoLoginUnreadable,
            site.file,
            site.span,
            format!(
                "{} Run `{}` to write it anew.",
                unreadable_sentence(&site.subject, &site.key.display_path(), &sdk, &cli),
                site.command
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{lint_on, FakeMachine};
    use crate::lint::Code;
    use crate::machine::LoginKey;
    use crate::model::FileKind;

    const CONFIG: &str = "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n\n[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\n";

    fn message(file: &str) -> Option<String> {
        let host = FakeMachine::default().token(LoginKey::Session("corp".to_string()), file);
        let r = lint_on(CONFIG, "", &host, [None, None], |_| {});
        let found = r.of(Code::SsoLoginUnreadable);
        assert!(found.len() <= 1);
        if let Some(d) = found.first() {
            assert_eq!(
                r.found(Code::SsoLoginUnreadable),
                [(FileKind::Config, 6, "corp".to_string())]
            );
            assert!(d
                .message
                .ends_with("Run `aws sso login --sso-session corp` to write it anew."));
            assert!(!d.message.contains("FAKE"), "{}", d.message);
        }
        found.first().map(|d| d.message.clone())
    }

    #[test]
    fn malformed_cache_files() {
        let m = message("{\"accessToken\": \"FAKE-TOKEN\", ").unwrap();
        assert!(
            m.starts_with(
                "The AWS CLI and the SDKs cannot use the cached login for sso-session `corp`"
            ) && m.contains("it is not a JSON object"),
            "{m}"
        );
        let m = message("{\"expiresAt\": \"2030-01-01T00:00:00Z\"}").unwrap();
        assert!(m.contains("it has no `accessToken`"), "{m}");
        let m = message(
            "{\"accessToken\": \"FAKE-TOKEN\", \"expiresAt\": \"2030-01-01T00:00:00+00:00\"}",
        )
        .unwrap();
        assert!(
            m.starts_with("The AWS SDK for Rust cannot use")
                && m.contains("`2030-01-01T00:00:00+00:00` is not a time in UTC")
                && m.contains("The AWS CLI and boto3 can."),
            "{m}"
        );
        let m =
            message("{\"accesstoken\": \"FAKE-TOKEN\", \"expiresat\": \"2030-01-01T00:00:00Z\"}")
                .unwrap();
        assert!(
            m.starts_with("The AWS CLI and boto3 cannot use")
                && m.contains("The AWS SDK for Rust can."),
            "{m}"
        );
    }

    #[test]
    fn a_token_in_the_wrong_place_is_not_shown() {
        let m = message(
            "{\"accessToken\": \"FAKE-TOKEN\", \"expiresAt\": \"FAKE-SECRET-IN-THE-WRONG-PLACE\"}",
        )
        .unwrap();
        assert!(!m.contains("FAKE"), "{m}");
        assert!(m.contains("its `expiresAt` is not a time in UTC"), "{m}");
        // botocore's reading of that text is not modelled: nothing is said about it.
        assert!(!m.contains("AWS CLI"), "{m}");
    }

    #[test]
    fn readable_files_are_not_reported() {
        assert_eq!(
            message("{\"accessToken\": \"FAKE\", \"expiresAt\": \"2030-01-01T00:00:00Z\"}"),
            None
        );
    }
}
