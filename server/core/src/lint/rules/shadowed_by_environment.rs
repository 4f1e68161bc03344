//! `shadowed-by-environment` (information): `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`
//! are set, so the credentials of the profile in use are not.
//!
//! Every default credential chain (the SDKs', botocore's) reads the environment before any
//! profile, and `AWS_PROFILE` does not change that: it only picks the profile whose
//! credentials are then never looked at (aws/aws-cli#113, #3304, #7174). Only the AWS CLI's
//! `--profile` option skips the environment keys.
//!
//! Placement: on each `aws_access_key_id` written for the profile the environment selects
//! (`AWS_PROFILE`, else `default`), in either file; when that profile gets its credentials
//! another way (a role, SSO, `credential_process`, a web identity), on the key that says so.
//! A profile with no credential settings loses nothing and gets nothing. We say nothing about
//! `[default]` being unused when `AWS_PROFILE` names another profile: that is what the user
//! asked for, not a surprise. Secret values from the environment are never shown;
//! `AWS_PROFILE`'s value is.

use super::support::written;
use crate::lint::{Code, Diagnostic, LintContext};
use crate::model::DEFAULT_PROFILE;

/// Keys that make a profile get credentials without static keys, in the order the message
/// prefers to point at.
const OTHER_SOURCES: &[&str] = &[
    "role_arn",
    "sso_session",
    "sso_start_url",
    "sso_account_id",
    "credential_process",
    "web_identity_token_file",
    "credential_source",
    "login_session",
];

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    if cx.env.get("AWS_ACCESS_KEY_ID").is_none() || cx.env.get("AWS_SECRET_ACCESS_KEY").is_none() {
        return;
    }
    let selected_by_env = cx.env.get("AWS_PROFILE");
    let name = selected_by_env.unwrap_or(DEFAULT_PROFILE);
    let which = match selected_by_env {
        Some(name) => format!("the profile `AWS_PROFILE` selects (`{name}`)"),
        None => "the default profile".to_string(),
    };
    let cli = match selected_by_env {
        Some(name) => format!("`--profile {name}`"),
        None => "`--profile default`".to_string(),
    };
    let key_ids: Vec<_> = written(cx, "aws_access_key_id")
        .filter(|(_, _, section, _)| section.name == name)
        .collect();
    if !key_ids.is_empty() {
        for (file, _, _, entry) in key_ids {
            out.push(Diagnostic::new(
                Code::ShadowedByEnvironment,
                file,
                entry.key_span,
                format!(
                    "`AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` are set in the environment: \
                     every SDK and the AWS CLI use them before any profile, so these keys of \
                     {which} are not used. Unset the variables to use them, or pass {cli} to the \
                     AWS CLI, which then ignores the environment keys."
                ),
            ));
        }
        return;
    }
    let Some(profile) = cx.model.profiles.profile(name) else {
        return;
    };
    let Some((key, (file, entry))) = OTHER_SOURCES.iter().find_map(|key| {
        let value = profile.value(key)?;
        Some((*key, cx.origin(value)?))
    }) else {
        return;
    };
    out.push(Diagnostic::new(
        Code::ShadowedByEnvironment,
        file,
        entry.key_span,
        format!(
            "`AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` are set in the environment: every \
             SDK and the AWS CLI use them before any profile, so {which} does not get its \
             credentials through `{key}`. Unset the variables to use it, or pass {cli} to the \
             AWS CLI, which then ignores the environment keys."
        ),
    ));
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint_with;
    use crate::lint::{Code, Environment, Severity};
    use crate::model::FileKind;

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const ENV_SECRET: &str = "ENVSECRETENVSECRETENVSECRETENVSECRET1234";

    fn creds() -> String {
        format!(
            "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = {SECRET}\n[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = {SECRET}\n"
        )
    }

    fn env_keys(extra: &[(&'static str, &'static str)]) -> Environment {
        let mut pairs = vec![
            ("AWS_ACCESS_KEY_ID", "AKIAENVENVENVEXAMPLE"),
            ("AWS_SECRET_ACCESS_KEY", ENV_SECRET),
        ];
        pairs.extend_from_slice(extra);
        Environment::from_pairs(pairs)
    }

    #[test]
    fn environment_keys_shadow_the_default_profile() {
        let credentials = creds();
        let run = lint_with("", &credentials, |cx| cx.env = env_keys(&[]));
        assert_eq!(
            run.found(Code::ShadowedByEnvironment),
            [(FileKind::Credentials, 2, "aws_access_key_id".to_string())]
        );
        let d = run.one(Code::ShadowedByEnvironment);
        assert_eq!(d.severity, Severity::Information);
        assert!(d.message.contains("the default profile"), "{}", d.message);
        assert!(!d.message.contains("ENVSECRET") && !d.message.contains("AKIAENV"));
    }

    #[test]
    fn even_the_profile_aws_profile_selects() {
        let config =
            "[profile dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\nregion = eu-west-1\n";
        let credentials = creds();
        let run = lint_with(config, &credentials, |cx| {
            cx.env = env_keys(&[("AWS_PROFILE", "dev")])
        });
        assert_eq!(
            run.found(Code::ShadowedByEnvironment),
            [
                (FileKind::Config, 2, "aws_access_key_id".to_string()),
                (FileKind::Credentials, 5, "aws_access_key_id".to_string()),
            ]
        );
        let m = &run.of(Code::ShadowedByEnvironment)[0].message;
        assert!(
            m.contains("`AWS_PROFILE` selects (`dev`)") && m.contains("--profile dev"),
            "{m}"
        );
    }

    #[test]
    fn a_role_profile_is_shadowed_on_its_role() {
        let config = "[profile deploy]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/Deploy\nsource_profile = default\n";
        let run = lint_with(config, &creds(), |cx| {
            cx.env = env_keys(&[("AWS_PROFILE", "deploy")])
        });
        assert_eq!(
            run.found(Code::ShadowedByEnvironment),
            [(FileKind::Config, 3, "role_arn".to_string())]
        );
    }

    #[test]
    fn near_misses() {
        let credentials = creds();
        // No environment keys.
        let run = lint_with("", &credentials, |cx| {
            cx.env = Environment::from_pairs([("AWS_PROFILE", "dev")])
        });
        assert_eq!(run.found(Code::ShadowedByEnvironment), []);
        // Only half of the pair, or a blank value.
        let run = lint_with("", &credentials, |cx| {
            cx.env = Environment::from_pairs([("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")])
        });
        assert_eq!(run.found(Code::ShadowedByEnvironment), []);
        let run = lint_with("", &credentials, |cx| {
            cx.env = Environment::from_pairs([
                ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
                ("AWS_SECRET_ACCESS_KEY", "  "),
            ])
        });
        assert_eq!(run.found(Code::ShadowedByEnvironment), []);
        // The selected profile has nothing to lose.
        let config = "[profile plain]\nregion = us-east-1\n";
        let run = lint_with(config, &credentials, |cx| {
            cx.env = env_keys(&[("AWS_PROFILE", "plain")])
        });
        assert_eq!(run.found(Code::ShadowedByEnvironment), []);
    }

    #[test]
    fn realistic_files_without_environment_are_clean() {
        let run = lint_with(
            include_str!("../../../../../fixtures/valid/config"),
            include_str!("../../../../../fixtures/valid/credentials"),
            |_| {},
        );
        assert_eq!(run.found(Code::ShadowedByEnvironment), []);
    }
}
