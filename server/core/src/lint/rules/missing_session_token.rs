//! `missing-session-token`: a temporary (`ASIA…`) access key whose profile has no
//! `aws_session_token`.
//!
//! Temporary credentials from STS are three values; without the token every tool signs with
//! the key id and secret alone and AWS answers `InvalidClientTokenId`. The question is what
//! the tools see, so it is asked of the merged profile: a key id in the credentials file with
//! its token in the config file is complete for the SDKs (Rust, Java), which merge the files
//! key by key. botocore and the AWS CLI do not: they take the key id, secret and token from
//! the one file that holds the key id, so that split gets a warning.
//!
//! `aws_security_token` (the legacy name, read by botocore only) instead of
//! `aws_session_token` is `legacy-security-token`'s business: that rule reports it, as an
//! error when the key is temporary, with a fix that renames the key. Reporting it here too
//! would make two diagnostics for one mistake.

use super::support::{first_line, present, KeyLocations};
use crate::lint::context::facts;
use crate::lint::{Code, Diagnostic, LintContext, Severity};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let holders = KeyLocations::new(cx, "aws_session_token");
    for profile in cx.profiles_holding_any(facts::AWS_ACCESS_KEY_ID) {
        let name = &profile.name;
        let Some(key_id) = present(profile, "aws_access_key_id") else {
            continue;
        };
        if !first_line(&key_id.value).starts_with("ASIA") || cx.is_non_aws_profile(name) {
            continue;
        }
        let Some((file, entry)) = cx.origin(key_id) else {
            continue;
        };
        if present(profile, "aws_security_token").is_some() {
            continue;
        }
        match present(profile, "aws_session_token") {
            None => out.push(Diagnostic::new(
                Code::MissingSessionToken,
                file,
                entry.value_span,
                "This is a temporary access key (`ASIA…`), but the profile has no \
                 `aws_session_token`: every SDK and the AWS CLI send the key without its token and \
                 AWS rejects it (InvalidClientTokenId). Add the session token that came with the \
                 key, or use a long-term `AKIA…` key.",
            )),
            Some(_) if !holders.file_has_key(file, name) => {
                let (here, there) = match cx.kind(file) {
                    crate::model::FileKind::Credentials => ("credentials", "config"),
                    crate::model::FileKind::Config => ("config", "credentials"),
                };
                out.push(
                    Diagnostic::new(
                        Code::MissingSessionToken,
                        file,
                        entry.value_span,
                        format!(
                            "This temporary access key (`ASIA…`) is in the {here} file and its \
                             `aws_session_token` only in the {there} file: the SDKs merge the two \
                             files, but botocore and the AWS CLI read the key, secret and token \
                             from the {here} file alone, send the key without its token and AWS \
                             rejects it (InvalidClientTokenId). Put the token next to the key."
                        ),
                    )
                    .with_severity(Severity::Warning),
                );
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

    #[test]
    fn temporary_key_without_token() {
        let credentials = format!(
            "[temp]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = {SECRET}\n"
        );
        let run = lint("", &credentials);
        assert_eq!(
            run.found(Code::MissingSessionToken),
            [(FileKind::Credentials, 2, "ASIAIOSFODNN7EXAMPLE".to_string())]
        );
        let d = run.one(Code::MissingSessionToken);
        assert_eq!(d.severity, Severity::Error);
        assert!(d.related.is_empty() && d.fixes.is_empty());
        // A blank token is no token.
        let run = lint("", &format!("{credentials}aws_session_token =\n"));
        assert_eq!(run.found(Code::MissingSessionToken).len(), 1);
    }

    #[test]
    fn split_across_files_is_a_warning_for_botocore() {
        let config = "[profile temp]\naws_session_token = FAKE-TOKEN-EXAMPLE\n";
        let credentials = format!(
            "[temp]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = {SECRET}\n"
        );
        let run = lint(config, &credentials);
        assert_eq!(
            run.found(Code::MissingSessionToken),
            [(FileKind::Credentials, 2, "ASIAIOSFODNN7EXAMPLE".to_string())]
        );
        let d = run.one(Code::MissingSessionToken);
        assert_eq!(d.severity, Severity::Warning);
        assert!(
            d.message.contains("only in the config file"),
            "{}",
            d.message
        );
        assert!(!d.message.contains("FAKE-TOKEN"));
    }

    #[test]
    fn near_misses() {
        let complete = format!(
            "[temp]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = {SECRET}\naws_session_token = FAKE-TOKEN-EXAMPLE\n"
        );
        assert_eq!(lint("", &complete).found(Code::MissingSessionToken), []);
        // Everything in the config file: fine for every tool.
        let config = complete.replace("[temp]", "[profile temp]");
        assert_eq!(lint(&config, "").found(Code::MissingSessionToken), []);
        // Long-term keys need no token.
        let long_term = format!(
            "[ops]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = {SECRET}\n"
        );
        assert_eq!(lint("", &long_term).found(Code::MissingSessionToken), []);
        // The legacy token name is legacy-security-token's to report.
        let legacy = format!(
            "[temp]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = {SECRET}\naws_security_token = FAKE-TOKEN-EXAMPLE\n"
        );
        let run = lint("", &legacy);
        assert_eq!(run.found(Code::MissingSessionToken), []);
        assert_eq!(run.found(Code::LegacySecurityToken).len(), 1);
    }

    #[test]
    fn realistic_files_are_clean() {
        let run = lint(
            include_str!("../../../../../fixtures/valid/config"),
            include_str!("../../../../../fixtures/valid/credentials"),
        );
        assert_eq!(run.found(Code::MissingSessionToken), []);
    }
}
