//! `incomplete-credentials`: an access key id without a secret access key, or a secret
//! without an id.
//!
//! Asked of the merged profile, as the SDKs see it: the SDK for Rust fails with "profile
//! missing aws_secret_access_key" (or "…aws_access_key_id"), the Java SDK with "Profile
//! property 'aws_secret_access_key' was not configured". botocore and the AWS CLI raise a
//! partial-credentials error for a key id without a secret, and ignore a secret without a key
//! id (they look for credentials elsewhere, and usually find none).
//!
//! botocore also reads the key id and the secret from one file only (the credentials file
//! when it has the key id, else the config file), where the SDKs merge the files key by key:
//! a key id in one file with its secret only in the other works with the SDKs and fails in
//! the AWS CLI. That gets a warning.
//!
//! Reported on the key that is there. A key that is present but blank is left to
//! `empty-value`, on either side.

use super::support::{present, KeyLocations};
use crate::lint::context::facts;
use crate::lint::{Code, Diagnostic, LintContext, Severity};
use crate::model::FileKind;

const ID: &str = "aws_access_key_id";
const SECRET: &str = "aws_secret_access_key";

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let holders = KeyLocations::new(cx, SECRET);
    let holding = facts::AWS_ACCESS_KEY_ID | facts::AWS_SECRET_ACCESS_KEY;
    for profile in cx.profiles_holding_any(holding) {
        let name = &profile.name;
        let id = present(profile, ID);
        let secret = present(profile, SECRET);
        match (id, secret) {
            (Some(id), None) if profile.value(SECRET).is_none() => {
                let Some((file, entry)) = cx.origin(id) else {
                    continue;
                };
                out.push(Diagnostic::new(
                    Code::IncompleteCredentials,
                    file,
                    entry.key_span,
                    "This profile has an access key id but no `aws_secret_access_key` in either \
                     file: the SDKs fail (\"profile missing aws_secret_access_key\") and botocore \
                     and the AWS CLI stop with a partial-credentials error. Add the secret access \
                     key that belongs to this key id.",
                ));
            }
            (None, Some(secret)) if profile.value(ID).is_none() => {
                let Some((file, entry)) = cx.origin(secret) else {
                    continue;
                };
                out.push(Diagnostic::new(
                    Code::IncompleteCredentials,
                    file,
                    entry.key_span,
                    "This profile has a secret access key but no `aws_access_key_id` in either \
                     file: the SDK for Rust fails (\"profile missing aws_access_key_id\"), and \
                     botocore, the AWS CLI and the Java SDK ignore the secret and look for \
                     credentials elsewhere. Add the access key id that belongs to this secret.",
                ));
            }
            (Some(id), Some(_)) => {
                let Some((file, entry)) = cx.origin(id) else {
                    continue;
                };
                if holders.file_has_key(file, name) {
                    continue;
                }
                let (here, there) = match cx.kind(file) {
                    FileKind::Credentials => ("credentials", "config"),
                    FileKind::Config => ("config", "credentials"),
                };
                out.push(
                    Diagnostic::new(
                        Code::IncompleteCredentials,
                        file,
                        entry.key_span,
                        format!(
                            "This access key id is in the {here} file and its \
                             `aws_secret_access_key` only in the {there} file: the SDKs merge \
                             the two files, but botocore and the AWS CLI read both keys from the \
                             {here} file alone and stop with a partial-credentials error. Put the \
                             secret next to the key id."
                        ),
                    )
                    .with_severity(Severity::Warning),
                );
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::{Code, Severity};
    use crate::model::FileKind;

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    #[test]
    fn key_id_without_secret() {
        let run = lint(
            "",
            "[ops]\nregion = us-east-1\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n",
        );
        assert_eq!(
            run.found(Code::IncompleteCredentials),
            [(FileKind::Credentials, 3, "aws_access_key_id".to_string())]
        );
        let d = run.one(Code::IncompleteCredentials);
        assert_eq!(d.severity, Severity::Error);
        assert!(d.message.contains("profile missing aws_secret_access_key"));
    }

    #[test]
    fn secret_without_key_id() {
        let run = lint(
            &format!("[profile ops]\naws_secret_access_key = {SECRET}\n"),
            "",
        );
        assert_eq!(
            run.found(Code::IncompleteCredentials),
            [(FileKind::Config, 2, "aws_secret_access_key".to_string())]
        );
        let m = &run.one(Code::IncompleteCredentials).message;
        assert!(
            m.contains("profile missing aws_access_key_id") && !m.contains("wJalr"),
            "{m}"
        );
    }

    #[test]
    fn split_across_files_is_a_warning_for_botocore() {
        let config = format!("[profile ops]\naws_secret_access_key = {SECRET}\n");
        let credentials = "[ops]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n";
        let run = lint(&config, credentials);
        assert_eq!(
            run.found(Code::IncompleteCredentials),
            [(FileKind::Credentials, 2, "aws_access_key_id".to_string())]
        );
        let d = run.one(Code::IncompleteCredentials);
        assert_eq!(d.severity, Severity::Warning);
        assert!(
            d.message.contains("only in the config file"),
            "{}",
            d.message
        );
    }

    #[test]
    fn near_misses() {
        let complete = format!(
            "[ops]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = {SECRET}\n"
        );
        assert_eq!(lint("", &complete).found(Code::IncompleteCredentials), []);
        // Both in the config file.
        let config = complete.replace("[ops]", "[profile ops]");
        assert_eq!(lint(&config, "").found(Code::IncompleteCredentials), []);
        // The credentials file overrides the config's key id, and holds the secret too.
        let run = lint(
            "[profile ops]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n",
            &complete,
        );
        assert_eq!(run.found(Code::IncompleteCredentials), []);
        // A blank secret is empty-value's to report.
        let blank = "[ops]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key =\n";
        assert_eq!(lint("", blank).found(Code::IncompleteCredentials), []);
        // Keys in different profiles do not pair up, but neither is reported twice.
        let run = lint("", &format!("[a]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n[b]\naws_secret_access_key = {SECRET}\n"));
        assert_eq!(run.found(Code::IncompleteCredentials).len(), 2);
        // No keys at all: other rules' business.
        assert_eq!(
            lint("[profile sso]\nsso_session = x\n", "").found(Code::IncompleteCredentials),
            []
        );
    }

    #[test]
    fn realistic_files_are_clean() {
        let run = lint(
            include_str!("../../../../../fixtures/valid/config"),
            include_str!("../../../../../fixtures/valid/credentials"),
        );
        assert_eq!(run.found(Code::IncompleteCredentials), []);
    }
}
