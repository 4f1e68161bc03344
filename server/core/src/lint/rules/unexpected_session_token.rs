//! `unexpected-session-token`: a long-term (`AKIA…`) access key with a session token.
//!
//! Long-term IAM user keys are used without a token. With one, the SDKs (Rust, Java) and
//! botocore send it and STS answers `InvalidClientTokenId` ("The security token included in
//! the request is invalid"): usually a token left behind when temporary credentials were
//! replaced by long-term ones. Asked of the merged profile; reported on the token's key, with
//! a fix that deletes the token's line.
//!
//! `aws_security_token` next to an `AKIA…` key is reported here too (botocore and the AWS CLI
//! send it; the SDKs ignore it), and not by `legacy-security-token`, whose fix (renaming it
//! to `aws_session_token`) would be wrong advice for a long-term key.

use super::support::{entry_lines, first_line, present};
use crate::lint::context::facts;
use crate::lint::{Code, Diagnostic, LintContext};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for profile in cx.profiles_holding_any(facts::AWS_ACCESS_KEY_ID) {
        let Some(key_id) = present(profile, "aws_access_key_id") else {
            continue;
        };
        if !first_line(&key_id.value).starts_with("AKIA") {
            continue;
        }
        for (key, who) in [
            (
                "aws_session_token",
                "every SDK and the AWS CLI send it with the key",
            ),
            (
                "aws_security_token",
                "botocore and the AWS CLI send it with the key (the SDKs ignore this legacy name)",
            ),
        ] {
            let Some((file, entry)) = present(profile, key).and_then(|v| cx.origin(v)) else {
                continue;
            };
            out.push(
                Diagnostic::new(
                    Code::UnexpectedSessionToken,
                    file,
                    entry.key_span,
                    format!(
                        "This profile's access key is a long-term key (`AKIA…`), which takes no \
                         session token, but `{key}` is set: {who} and AWS rejects the request \
                         (InvalidClientTokenId). Delete the token, or use the temporary `ASIA…` \
                         key it came with."
                    ),
                )
                .with_fix(
                    format!("Delete `{key}`"),
                    entry_lines(cx, file, entry),
                    "",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind;

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    fn creds(key_id: &str, token_line: &str) -> String {
        format!(
            "[ops]\naws_access_key_id = {key_id}\n{token_line}aws_secret_access_key = {SECRET}\n"
        )
    }

    #[test]
    fn long_term_key_with_token_and_its_fix() {
        let text = creds(
            "AKIAIOSFODNN7EXAMPLE",
            "aws_session_token = FAKE-TOKEN-EXAMPLE\n",
        );
        let run = lint("", &text);
        assert_eq!(
            run.found(Code::UnexpectedSessionToken),
            [(FileKind::Credentials, 3, "aws_session_token".to_string())]
        );
        let d = run.one(Code::UnexpectedSessionToken);
        assert!(!d.message.contains("FAKE-TOKEN") && !d.fixes[0].title.contains("FAKE"));
        assert_eq!(run.apply(d, 0)[1], creds("AKIAIOSFODNN7EXAMPLE", ""));
    }

    #[test]
    fn fix_removes_crlf_continuations_and_last_lines() {
        // CRLF, and an indented line glued onto the token.
        let text = "[ops]\r\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\r\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\naws_session_token = FAKE\r\n  MORE-TOKEN\r\nregion = us-east-1\r\n";
        let run = lint("", text);
        let fixed = run.apply(run.one(Code::UnexpectedSessionToken), 0);
        assert_eq!(
            fixed[1],
            "[ops]\r\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\r\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\nregion = us-east-1\r\n"
        );
        // The last line of a file without a newline.
        let text = format!(
            "{}aws_session_token = FAKE",
            creds("AKIAIOSFODNN7EXAMPLE", "")
        );
        let run = lint("", &text);
        assert_eq!(
            run.apply(run.one(Code::UnexpectedSessionToken), 0)[1],
            creds("AKIAIOSFODNN7EXAMPLE", "")
        );
    }

    #[test]
    fn token_in_the_other_file_and_legacy_name() {
        let config = "[profile ops]\naws_session_token = FAKE-TOKEN-EXAMPLE\n";
        let credentials = creds(
            "AKIAIOSFODNN7EXAMPLE",
            "aws_security_token = FAKE-TOKEN-EXAMPLE\n",
        );
        let run = lint(config, &credentials);
        assert_eq!(
            run.found(Code::UnexpectedSessionToken),
            [
                (FileKind::Config, 2, "aws_session_token".to_string()),
                (FileKind::Credentials, 3, "aws_security_token".to_string()),
            ]
        );
        let config_fix = run.apply(run.of(Code::UnexpectedSessionToken)[0], 0);
        assert_eq!(config_fix[0], "[profile ops]\n");
        // Not also a legacy-security-token.
        assert_eq!(run.found(Code::LegacySecurityToken), []);
    }

    #[test]
    fn near_misses() {
        let temporary = creds(
            "ASIAIOSFODNN7EXAMPLE",
            "aws_session_token = FAKE-TOKEN-EXAMPLE\n",
        );
        assert_eq!(lint("", &temporary).found(Code::UnexpectedSessionToken), []);
        let no_token = creds("AKIAIOSFODNN7EXAMPLE", "");
        assert_eq!(lint("", &no_token).found(Code::UnexpectedSessionToken), []);
        let blank = creds("AKIAIOSFODNN7EXAMPLE", "aws_session_token =\n");
        assert_eq!(lint("", &blank).found(Code::UnexpectedSessionToken), []);
        // Another profile's token does not count.
        let other = format!("{no_token}[temp]\naws_session_token = FAKE\n");
        assert_eq!(lint("", &other).found(Code::UnexpectedSessionToken), []);
    }

    #[test]
    fn realistic_files_are_clean() {
        let run = lint(
            include_str!("../../../../../fixtures/valid/config"),
            include_str!("../../../../../fixtures/valid/credentials"),
        );
        assert_eq!(run.found(Code::UnexpectedSessionToken), []);
    }
}
