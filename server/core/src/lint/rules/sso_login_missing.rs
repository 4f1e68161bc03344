//! `sso-login-missing` (information): no cached SSO login for an sso-session that a profile
//! names, or for a legacy SSO profile: nobody has logged in on this machine (or has logged
//! out), so the AWS CLI and the SDKs fail with it ("Token for corp does not exist").
//!
//! Information: the files may be meant for another machine, or for a profile not used here.
//! The host answers whether the cache file (`~/.aws/sso/cache/<sha1>.json`) exists; when it
//! cannot tell, the rule is silent.

use crate::lint::{Code, Diagnostic, LintContext};
use crate::machine::LoginState;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let now = cx.now.unwrap_or(0);
    for site in cx.login_sites() {
        if cx.logins().state(&site.key, now) != LoginState::Missing {
            continue;
        }
        out.push(Diagnostic::new(
            Code::SsoLoginMissing,
            site.file,
            site.span,
            format!(
                "No login for {} is cached on this machine (`{}` does not exist): the AWS CLI \
                 and the SDKs fail with it until you log in. Run `{}`.",
                site.subject,
                site.key.display_path(),
                site.command
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{lint_on, lint_with, token_file, FakeMachine, TEST_NOW};
    use crate::lint::{Code, Severity};
    use crate::machine::LoginKey;
    use crate::model::FileKind;

    const CONFIG: &str = "[profile dev]\nsso_session = my.corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n\n[sso-session my.corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\n";

    #[test]
    fn no_cached_login() {
        let host = FakeMachine::default().no_token(LoginKey::Session("my.corp".to_string()));
        let r = lint_on(CONFIG, "", &host, [None, None], |_| {});
        assert_eq!(
            r.found(Code::SsoLoginMissing),
            [(FileKind::Config, 6, "my.corp".to_string())]
        );
        let d = r.one(Code::SsoLoginMissing);
        assert_eq!(d.severity, Severity::Information);
        let key = LoginKey::Session("my.corp".to_string());
        assert!(
            d.message
                .contains(&format!("`{}` does not exist", key.display_path()))
                && d.message
                    .ends_with("Run `aws sso login --sso-session my.corp`."),
            "{}",
            d.message
        );
        assert_eq!(r.found(Code::SsoLoginExpired), []);
    }

    #[test]
    fn a_cached_login_or_no_answer() {
        let key = LoginKey::Session("my.corp".to_string());
        let host = FakeMachine::default().token(key.clone(), &token_file(TEST_NOW + 3600, None));
        let r = lint_on(CONFIG, "", &host, [None, None], |_| {});
        assert_eq!(r.found(Code::SsoLoginMissing), []);
        let host = FakeMachine {
            unreadable: vec![key],
            ..FakeMachine::default()
        };
        let r = lint_on(CONFIG, "", &host, [None, None], |_| {});
        assert_eq!(r.found(Code::SsoLoginMissing), []);
        assert_eq!(
            lint_with(CONFIG, "", |_| {}).found(Code::SsoLoginMissing),
            []
        );
    }
}
