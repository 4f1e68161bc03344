//! `credential-process-shadowed`: keys in the credentials file that the AWS CLI takes instead
//! of the profile's `credential_process` (or `login_session`).
//!
//! botocore (1.44, `credentials.py` `ProfileProviderBuilder.providers`) asks, for a profile:
//! web identity, SSO, the shared credentials file, `login_session`, `credential_process`, then
//! the config file's keys. Its shared-credentials provider answers as soon as the profile's
//! section in the credentials file has `aws_access_key_id`, even an empty one. The AWS SDK
//! for Rust (`aws-config` `profile::credentials::repr`, modelled in `chain.rs`) takes
//! `credential_source`, web identity, SSO, `login_session`, then `credential_process`, and
//! static keys only last. So a profile whose `credential_process` is in the config file and
//! whose keys are (still) in the credentials file gets two different identities: the SDKs run
//! the process, the AWS CLI and boto3 sign with the keys. Checked with botocore itself: with
//! `aws_access_key_id =` and `aws_secret_access_key =` in the credentials file and a
//! `credential_process` in the config, `Session(profile=…).get_credentials()` returns empty
//! keys from `shared-credentials-file`.
//!
//! Empty keys are an error (the AWS CLI signs with empty credentials and AWS rejects them),
//! with a fix that deletes them (offered, not applied by a fix-all: it changes what the AWS CLI
//! reads); keys with values a warning (the two kinds of tool act as different identities).
//! Profiles where role, web identity or SSO settings come first in every tool are left out:
//! there the keys are unused by all (`empty-value` says so).
//!
//! SSO settings are not hidden this way: botocore's SSO provider comes before the credentials
//! file (checked with botocore: an SSO profile with empty keys in the credentials file fails
//! on its missing SSO token, not on the keys).

use super::support::{first_line, lines_span};
use crate::lint::{Code, Diagnostic, LintContext, Severity, TextEdit};
use crate::model::{FileKind, Profile};

/// Keys whose presence puts another provider before the credentials file in botocore and
/// before `credential_process` in the SDKs.
const COMES_FIRST: &[&str] = &[
    "role_arn",
    "credential_source",
    "web_identity_token_file",
    "sso_session",
    "sso_start_url",
    "sso_account_id",
    "sso_role_name",
];

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, model, _, section) in cx.used_sections() {
        if model.kind != FileKind::Credentials {
            continue;
        }
        let Some(id_entry) = section
            .properties
            .iter()
            .find(|e| e.key == "aws_access_key_id")
        else {
            continue;
        };
        let Some(profile) = cx.model.profiles.profiles.get(section.name.as_str()) else {
            continue;
        };
        let Some((hidden, hidden_at)) = hidden_source(cx, profile) else {
            continue;
        };
        let keys: Vec<_> = section
            .properties
            .iter()
            .filter(|e| {
                matches!(
                    &*e.key,
                    "aws_access_key_id"
                        | "aws_secret_access_key"
                        | "aws_session_token"
                        | "aws_security_token"
                )
            })
            .collect();
        let empty = keys.iter().all(|e| first_line(&e.value).is_empty());
        let key = id_entry.key_span.slice(cx.text(file));
        let diagnostic = if empty {
            let edits = keys
                .iter()
                .map(|e| TextEdit {
                    file,
                    span: lines_span(model, e.line, e.last_line.max(e.line)),
                    new_text: String::new(),
                })
                .collect();
            Diagnostic::new(
                Code::CredentialProcessShadowed,
                file,
                id_entry.key_span,
                format!(
                    "`{key}` is empty here, and the AWS CLI and boto3 read the credentials \
                     file before `{hidden}`: they sign with empty credentials and AWS rejects \
                     them, while the SDKs run `{hidden}`. Remove the empty keys."
                ),
            )
            .with_edits("Remove the empty keys", edits)
        } else {
            Diagnostic::new(
                Code::CredentialProcessShadowed,
                file,
                id_entry.key_span,
                format!(
                    "This profile has keys here and a `{hidden}`: the AWS CLI and boto3 read the \
                     credentials file first and sign with these keys, while the SDKs run \
                     `{hidden}` and ignore them. Keep one of the two."
                ),
            )
            .with_severity(Severity::Warning)
        };
        let diagnostic = match hidden_at {
            Some((hidden_file, span)) => diagnostic.with_related(
                hidden_file,
                span,
                format!("the `{hidden}` the AWS CLI does not reach"),
            ),
            None => diagnostic,
        };
        out.push(diagnostic);
    }
}

/// The credential setting of `profile` that botocore reaches only after the credentials file
/// and the SDKs before static keys, with where it is written: `credential_process` or
/// `login_session`, when nothing comes before both.
fn hidden_source(
    cx: &LintContext<'_>,
    profile: &Profile,
) -> Option<(&'static str, Option<(usize, crate::text::Span)>)> {
    if COMES_FIRST.iter().any(|k| profile.get(k).is_some()) {
        return None;
    }
    let (name, value) = ["login_session", "credential_process"]
        .into_iter()
        .find_map(|k| Some((k, profile.value(k)?)))?;
    if first_line(&value.value).is_empty() {
        return None;
    }
    Some((
        name,
        cx.origin(value).map(|(file, entry)| (file, entry.key_span)),
    ))
}

/// Whether the keys of `profile` in the credentials file are reported by this rule (and so
/// not by `empty-value`).
pub(crate) fn reports_keys_of(cx: &LintContext<'_>, profile: &str) -> bool {
    cx.model
        .profiles
        .profiles
        .get(profile)
        .is_some_and(|p| hidden_source(cx, p).is_some())
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::{Code, Severity};
    use crate::model::FileKind;

    const PROCESS: &str = "[profile dev]\ncredential_process = /opt/bin/creds --profile dev\n";

    #[test]
    fn empty_keys_before_a_credential_process() {
        let credentials = "[dev]\naws_access_key_id =\naws_secret_access_key =\n[other]\n";
        let run = lint(PROCESS, credentials);
        assert_eq!(
            run.found(Code::CredentialProcessShadowed),
            [(FileKind::Credentials, 2, "aws_access_key_id".to_string())]
        );
        // One finding: `empty-value` leaves the keys to this rule.
        assert!(run.of(Code::EmptyValue).is_empty());
        let d = run.one(Code::CredentialProcessShadowed);
        assert_eq!(d.severity, Severity::Error);
        assert!(
            d.message.contains("before `credential_process`"),
            "{}",
            d.message
        );
        assert_eq!(d.related[0].file, 0);
        assert!(!d.fixes[0].safe);
        assert_eq!(run.apply(d, 0)[1], "[dev]\n[other]\n");
    }

    #[test]
    fn keys_with_values_are_a_warning_without_a_fix() {
        let credentials = "[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
        let run = lint(PROCESS, credentials);
        let d = run.one(Code::CredentialProcessShadowed);
        assert_eq!(d.severity, Severity::Warning);
        assert!(d.fixes.is_empty());
        assert!(!d.message.contains("AKIAIOSF") && !d.message.contains("wJalr"));
        // `login_session` is reached after the credentials file too.
        let config = "[profile dev]\nlogin_session = arn:aws:iam::123456789012:user/alice\n";
        let run = lint(config, credentials);
        assert!(run
            .one(Code::CredentialProcessShadowed)
            .message
            .contains("`login_session`"));
    }

    #[test]
    fn sso_roles_and_config_file_keys_are_not_this() {
        let empty = "[dev]\naws_access_key_id =\naws_secret_access_key =\n";
        // SSO comes before the credentials file in botocore, and before static keys in the
        // SDKs: the keys are unused by all.
        let sso = "[profile dev]\nsso_session = s\nsso_account_id = 111122223333\nsso_role_name = Admin\ncredential_process = x\n[sso-session s]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n";
        let run = lint(sso, empty);
        assert!(run.of(Code::CredentialProcessShadowed).is_empty());
        // Keys in the config file: botocore reads them after `credential_process`.
        let config = "[profile dev]\ncredential_process = x\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
        assert!(lint(config, "")
            .of(Code::CredentialProcessShadowed)
            .is_empty());
        // No process: nothing hidden.
        let run = lint("[profile dev]\nregion = us-east-1\n", empty);
        assert!(run.of(Code::CredentialProcessShadowed).is_empty());
    }
}
