//! `unknown-sso-session`: an `sso_session` that names no `[sso-session NAME]` section. The SDK
//! for Rust fails ("sso-session named `x` (referenced by profile `y`) was not found"), as do
//! botocore and the AWS CLI. Says so when an ignored section with that name exists (a
//! misspelt prefix, or an `[sso-session]` section in the credentials file).

use crate::lint::chains::{self, Target};
use crate::lint::values::has_surface_problem;
use crate::lint::{Code, Diagnostic, LintContext};
use crate::text::SharedStr;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let unresolver = chains::Unresolver::new(cx, Target::SsoSession);
    let set = &cx.model.profiles;
    for (profile, file, entry) in
        chains::profiles_with(cx, "sso_session", |_, name| set.sso_session(name).is_none())
    {
        let session = &*entry.value;
        // Empty, quoted or multi-line values are reported by the rules for those.
        if session.is_empty()
            || session.contains('\n')
            || has_surface_problem(session)
            || set.sso_session(session).is_some()
        {
            continue;
        }
        let used = set.sso_sessions.keys().map(SharedStr::as_str);
        let hint = unresolver.hint(session, used);
        let message = format!(
            "`sso_session` names `{session}`, but the config file has no `[sso-session {session}]` section: the SDKs and the AWS CLI cannot use this profile (Rust SDK: \"sso-session named `{session}` (referenced by profile `{}`) was not found\").",
            profile.name
        );
        let diagnostic = hint.apply(
            Diagnostic::new(Code::UnknownSsoSession, file, entry.value_span, message),
            entry.value_span,
            &format!("Add an `[sso-session {session}]` section with `sso_start_url` and `sso_region` to the config file, or name an existing session."),
        );
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::chains::chain_codes;
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind::*;

    // assume-role vector "invalid SSO token configuration: sso-session not found".
    #[test]
    fn session_not_found() {
        let run = lint("[profile A]\nsso_session = oops\n", "");
        assert_eq!(
            run.found(Code::UnknownSsoSession),
            [(Config, 2, "oops".to_string())]
        );
        let d = run.one(Code::UnknownSsoSession);
        assert!(d
            .message
            .contains("sso-session named `oops` (referenced by profile `A`) was not found"));
        assert!(d.fixes.is_empty());
    }

    #[test]
    fn typo_is_renamed() {
        let config = "[sso-session acme]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = us-east-1\n\n[profile dev]\nsso_session = acme-\nsso_account_id = 111122223333\nsso_role_name = DeveloperAccess\n";
        let run = lint(config, "");
        assert_eq!(
            run.found(Code::UnknownSsoSession),
            [(Config, 6, "acme-".to_string())]
        );
        let d = run.one(Code::UnknownSsoSession);
        assert!(d.message.contains("Did you mean `acme`?"), "{}", d.message);
        let [fixed, _] = run.apply(d, 0);
        assert_eq!(fixed, config.replace("= acme-\n", "= acme\n"));
        assert!(chain_codes(&lint(&fixed, "")).is_empty());
    }

    #[test]
    fn session_in_the_credentials_file_is_ignored() {
        let run = lint(
            "[profile dev]\nsso_session = acme\nsso_account_id = 111122223333\nsso_role_name = DeveloperAccess\n",
            "[sso-session acme]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = us-east-1\n",
        );
        let d = run.one(Code::UnknownSsoSession);
        assert!(
            d.message.contains("A section `[sso-session acme]` exists in the credentials file, but the SDKs ignore it because `[sso-session …]` sections are read from the config file only."),
            "{}",
            d.message
        );
    }

    #[test]
    fn broken_fixture_dev() {
        let run = lint(
            include_str!("../../../../../fixtures/broken/config"),
            include_str!("../../../../../fixtures/broken/credentials"),
        );
        assert_eq!(
            run.found(Code::UnknownSsoSession),
            [(Config, 11, "acme-sso".to_string())]
        );
        let d = run.one(Code::UnknownSsoSession);
        assert!(
            d.message.contains("A section `[sso-sesion acme]` exists in the config file, but the SDKs ignore it because `sso-sesion` is not a section type they know (the prefix is `sso-session`)."),
            "{}",
            d.message
        );
    }

    #[test]
    fn near_misses() {
        // assume-role vector "SSO token profile selected".
        let run = lint(
            "[profile A]\nsso_session = foo\n\n[sso-session foo]\nsso_region = us-east-7\nsso_start_url = https://foo.bar\n",
            "",
        );
        assert!(run.of(Code::UnknownSsoSession).is_empty());
        // An empty value is `empty-value`'s.
        let run = lint("[profile A]\nsso_session =\n", "");
        assert!(run.of(Code::UnknownSsoSession).is_empty());
    }
}
