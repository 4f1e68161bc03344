//! `long-term-access-key` (information): a long-term access key (`AKIA`, an IAM user's) kept
//! in plain text with its secret. Anyone who reads the file can use it until the key is
//! deleted; the safer ways are IAM Identity Center (`aws configure sso`: logins that expire,
//! nothing long-lived on disk) and a `credential_process` that keeps the key encrypted, such
//! as aws-vault's (`credential_process = aws-vault export --format=json NAME`).
//!
//! Not for AWS's documentation examples (`AKIAIOSFODNN7EXAMPLE`), for profiles whose requests
//! go to another provider than AWS (MinIO, R2, LocalStack), for a key id whose shape another
//! rule reports, nor when the profile has no secret key (then nothing can be used). On the
//! key id's value, once per entry written.

use super::support::{first_line, is_placeholder_credential, present, written};
use crate::lint::values::has_surface_problem;
use crate::lint::{Code, Diagnostic, LintContext};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, _, section, entry) in written(cx, "aws_access_key_id") {
        let id = first_line(&entry.value);
        if !id.starts_with("AKIA")
            || id.len() != 20
            || !id
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            || has_surface_problem(entry.value_span.slice(cx.text(file)))
            || is_placeholder_credential(id)
            || cx.is_non_aws_profile(&section.name)
        {
            continue;
        }
        let Some(profile) = cx.model.profiles.profile(&section.name) else {
            continue;
        };
        if present(profile, "aws_secret_access_key").is_none() {
            continue;
        }
        out.push(Diagnostic::new(
            Code::LongTermAccessKey,
            file,
            entry.value_span,
            "A long-term access key (an IAM user's, `AKIA…`) is kept here in plain text with \
             its secret: whoever reads this file can use it until the key is deleted. Safer: \
             IAM Identity Center (`aws configure sso`), whose logins expire and leave no key on \
             disk, or a `credential_process` that keeps the key encrypted (aws-vault: \
             `credential_process = aws-vault export --format=json NAME`).",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::{Code, Severity};
    use crate::model::FileKind;

    #[test]
    fn a_long_term_key_in_plain_text() {
        let credentials = "[default]\naws_access_key_id = AKIA2E0A8F3B244C9986\naws_secret_access_key = Zm9vYmFyYmF6cXV4cXV1eGZha2VmYWtlZmFrZTA5\n";
        let r = lint("", credentials);
        assert_eq!(
            r.found(Code::LongTermAccessKey),
            [(FileKind::Credentials, 2, "AKIA2E0A8F3B244C9986".to_string())]
        );
        let d = r.one(Code::LongTermAccessKey);
        assert_eq!(d.severity, Severity::Information);
        assert!(
            d.message.contains("IAM Identity Center") && d.message.contains("credential_process")
        );
        // In the config file too.
        let config = "[profile p]\naws_access_key_id = AKIA2E0A8F3B244C9986\naws_secret_access_key = Zm9vYmFyYmF6cXV4cXV1eGZha2VmYWtlZmFrZTA5\n";
        assert_eq!(
            lint(config, "").found(Code::LongTermAccessKey),
            [(FileKind::Config, 2, "AKIA2E0A8F3B244C9986".to_string())]
        );
    }

    #[test]
    fn near_misses() {
        for credentials in [
            // Temporary keys, examples, no secret, a malformed id, another provider.
            "[t]\naws_access_key_id = ASIA2E0A8F3B244C9986\naws_secret_access_key = x\naws_session_token = y\n",
            "[e]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
            "[n]\naws_access_key_id = AKIA2E0A8F3B244C9986\n",
            "[m]\naws_access_key_id = AKIA2E0A8F3B244C998\naws_secret_access_key = x\n",
            "[q]\naws_access_key_id = \"AKIA2E0A8F3B244C9986\"\naws_secret_access_key = x\n",
        ] {
            assert_eq!(lint("", credentials).found(Code::LongTermAccessKey), [], "{credentials}");
        }
        let config = "[profile minio]\nendpoint_url = http://localhost:9000\n";
        let credentials =
            "[minio]\naws_access_key_id = AKIA2E0A8F3B244C9986\naws_secret_access_key = x\n";
        assert_eq!(lint(config, credentials).found(Code::LongTermAccessKey), []);
    }

    #[test]
    fn realistic_files_are_clean() {
        let r = lint(
            include_str!("../../../../../fixtures/valid/config"),
            include_str!("../../../../../fixtures/valid/credentials"),
        );
        assert_eq!(r.found(Code::LongTermAccessKey), []);
    }
}
