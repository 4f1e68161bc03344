//! `malformed-session-token`: a session token next to a temporary (`ASIA…`) key that cannot
//! be one: far too short, or with characters outside base64.
//!
//! AWS documents no size for session tokens and says not to assume a maximum, but every token
//! STS (and IAM Identity Center) issues with a temporary key is a base64 string hundreds of
//! characters long: the shortest in circulation, from GetSessionToken, are over 300. A token
//! of a few dozen characters was cut short when it was copied (or is a placeholder); every
//! tool sends it as written and AWS rejects the request as carrying an invalid security
//! token. The limit here is 100 characters, far below any real token, so that a finding is
//! certain.
//!
//! Only tokens of profiles whose key id is temporary are checked: with a long-term `AKIA…`
//! key the token is `unexpected-session-token`'s business, and without a key id it is
//! unused. Like the other shape rules, this checks every entry written in used profile
//! sections of both files, except in profiles that talk to another service, values with
//! quotes or invisible characters, and empty values. The message shows only the length.

use super::support::{first_line, present, written};
use crate::lint::values::has_surface_problem;
use crate::lint::{Code, Diagnostic, LintContext};

/// Shorter than this, a session token is certainly not whole.
const MIN_TOKEN_LENGTH: usize = 100;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for key in ["aws_session_token", "aws_security_token"] {
        for (file, _, section, entry) in written(cx, key) {
            let temporary = cx
                .model
                .profiles
                .profiles
                .get(section.name.as_str())
                .and_then(|profile| present(profile, "aws_access_key_id"))
                .is_some_and(|id| first_line(&id.value).starts_with("ASIA"));
            if !temporary || cx.is_non_aws_profile(&section.name) {
                continue;
            }
            let value = entry.value_span.slice(cx.text(file));
            if value.is_empty() || has_surface_problem(value) {
                continue;
            }
            if let Some(message) = diagnose(entry.key_span.slice(cx.text(file)), value) {
                out.push(Diagnostic::new(
                    Code::MalformedSessionToken,
                    file,
                    entry.value_span,
                    message,
                ));
            }
        }
    }
}

fn is_base64(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '/' | '+' | '=')
}

fn diagnose(key: &str, token: &str) -> Option<String> {
    let length = token.chars().count();
    let odd = token.chars().filter(|&c| !is_base64(c)).count();
    let shape = match (length < MIN_TOKEN_LENGTH, odd) {
        (false, 0) => return None,
        (true, 0) => format!(
            "is {length} characters long, where the tokens STS issues with temporary (`ASIA…`) \
             keys are hundreds of characters: it looks truncated"
        ),
        (true, n) => format!(
            "is {length} characters long, where the tokens STS issues with temporary (`ASIA…`) \
             keys are hundreds of base64 characters, and has {n} character{} outside base64: \
             it is not a whole token",
            if n == 1 { "" } else { "s" }
        ),
        (false, n) => format!(
            "has {n} character{} outside base64 (`A-Za-z0-9+/=`), which no token STS issues \
             has: something was pasted with it",
            if n == 1 { "" } else { "s" }
        ),
    };
    Some(format!(
        "This `{key}` {shape}. Every SDK and the AWS CLI send it as written, and AWS rejects the \
         request (the security token included in the request is invalid). Copy the whole token \
         that came with the key again."
    ))
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind;

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    fn token(n: usize) -> String {
        "IQoJb3JpZ2luX2VjEXAMPLE/TOKEN+"
            .chars()
            .cycle()
            .take(n)
            .collect()
    }

    fn creds(key_id: &str, token_key: &str, token: &str) -> String {
        format!(
            "[default]\naws_access_key_id = {key_id}\naws_secret_access_key = {SECRET}\n{token_key} = {token}\n"
        )
    }

    #[test]
    fn short_token_next_to_a_temporary_key() {
        let short = token(14);
        let run = lint(
            "",
            &creds("ASIAIOSFODNN7EXAMPLE", "aws_session_token", &short),
        );
        assert_eq!(
            run.found(Code::MalformedSessionToken),
            [(FileKind::Credentials, 4, short.clone())]
        );
        let m = &run.one(Code::MalformedSessionToken).message;
        assert!(m.contains("is 14 characters long"), "{m}");
        assert!(!m.contains(&short), "{m}");
        // The legacy name too, and in the config file.
        let config = format!(
            "[profile a]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = {SECRET}\naws_security_token = abc\n"
        );
        assert_eq!(
            lint(&config, "").found(Code::MalformedSessionToken),
            [(FileKind::Config, 4, "abc".to_string())]
        );
    }

    #[test]
    fn characters_outside_base64() {
        let pasted = format!("{} {}", token(300), token(20));
        let run = lint(
            "",
            &creds("ASIAIOSFODNN7EXAMPLE", "aws_session_token", &pasted),
        );
        let m = &run.one(Code::MalformedSessionToken).message;
        assert!(m.contains("1 character outside base64"), "{m}");
        let run = lint(
            "",
            &creds("ASIAIOSFODNN7EXAMPLE", "aws_session_token", "<token>"),
        );
        let m = &run.one(Code::MalformedSessionToken).message;
        assert!(
            m.contains("7 characters long") && m.contains("2 characters outside"),
            "{m}"
        );
    }

    #[test]
    fn whole_tokens_and_other_keys_are_left_alone() {
        for n in [100, 356, 1100] {
            let run = lint(
                "",
                &creds("ASIAIOSFODNN7EXAMPLE", "aws_session_token", &token(n)),
            );
            assert!(run.of(Code::MalformedSessionToken).is_empty(), "{n}");
        }
        // A long-term key: `unexpected-session-token` says the token does not belong.
        let run = lint(
            "",
            &creds("AKIAIOSFODNN7EXAMPLE", "aws_session_token", "abc"),
        );
        assert!(run.of(Code::MalformedSessionToken).is_empty());
        assert_eq!(run.of(Code::UnexpectedSessionToken).len(), 1);
        // Quotes are `quoted-value`'s; a LocalStack profile keeps its own shapes.
        let run = lint(
            "",
            &creds("ASIAIOSFODNN7EXAMPLE", "aws_session_token", "\"abc\""),
        );
        assert!(run.of(Code::MalformedSessionToken).is_empty());
        let run = lint(
            "[profile ls]\nendpoint_url = http://localhost:4566\n",
            "[ls]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = test\naws_session_token = test\n",
        );
        assert!(run.of(Code::MalformedSessionToken).is_empty());
    }
}
