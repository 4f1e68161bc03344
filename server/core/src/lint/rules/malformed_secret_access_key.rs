//! `malformed-secret-access-key`: an `aws_secret_access_key` that is not 40 characters of
//! `A-Za-z0-9/+`.
//!
//! AWS documents no format for secret keys, but every one it issues is 40 base64-like
//! characters (profile-semantics.md §12). A secret of another shape was cut short or pasted
//! with something else; every tool signs with it as written, and AWS answers
//! `SignatureDoesNotMatch`. The message shows only the length and the masked tail.
//!
//! Like `malformed-access-key-id`, this checks every entry written in used profile sections
//! of both files and skips profiles that talk to another service, values that another rule
//! reports (quotes, invisible characters) and empty values.

use super::support::written;
use crate::lint::values::has_surface_problem;
use crate::lint::{Code, Diagnostic, LintContext};
use crate::text::mask_secret;

/// The length of every AWS secret access key.
const SECRET_LENGTH: usize = 40;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, _, section, entry) in written(cx, "aws_secret_access_key") {
        if cx.is_non_aws_profile(&section.name) {
            continue;
        }
        let value = entry.value_span.slice(cx.text(file));
        if value.is_empty() || has_surface_problem(value) {
            continue;
        }
        if super::swapped_credentials::is_swapped(cx.text(file), section, entry) {
            continue; // `swapped-credentials` reports the pair
        }
        if let Some(message) = diagnose(value) {
            out.push(Diagnostic::new(
                Code::MalformedSecretAccessKey,
                file,
                entry.value_span,
                message,
            ));
        }
    }
}

fn is_secret_character(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '/' || c == '+'
}

fn diagnose(secret: &str) -> Option<String> {
    let length = secret.chars().count();
    let odd = secret.chars().filter(|&c| !is_secret_character(c)).count();
    if length == SECRET_LENGTH && odd == 0 {
        return None;
    }
    if super::malformed_access_key_id::is_well_formed(secret) {
        return Some(
            "This is an access key id (20 characters, `AKIA…` or `ASIA…`), not a secret access \
             key. Every SDK and the AWS CLI sign requests with it as the secret and AWS rejects \
             them (SignatureDoesNotMatch); write the 40-character secret that came with the key \
             here."
                .to_string(),
        );
    }
    let masked = mask_secret(secret);
    let shape = match length.cmp(&SECRET_LENGTH) {
        std::cmp::Ordering::Less => format!(
            "is {length} characters long, {} short of AWS's {SECRET_LENGTH}: it looks truncated",
            SECRET_LENGTH - length
        ),
        std::cmp::Ordering::Greater => format!(
            "is {length} characters long, {} more than AWS's {SECRET_LENGTH}: something was \
             pasted with it",
            length - SECRET_LENGTH
        ),
        std::cmp::Ordering::Equal => "has the right length".to_string(),
    };
    let characters = match (odd, length == SECRET_LENGTH) {
        (0, _) => String::new(),
        (n, true) => format!(
            " but {n} character{} outside `A-Za-z0-9/+`",
            if n == 1 { "" } else { "s" }
        ),
        (n, false) => format!(
            ", and has {n} character{} outside `A-Za-z0-9/+`",
            if n == 1 { "" } else { "s" }
        ),
    };
    Some(format!(
        "This secret access key ({masked}) {shape}{characters}. Every SDK and the AWS CLI sign \
         requests with it as written and AWS rejects them (SignatureDoesNotMatch); copy the \
         whole 40-character secret again."
    ))
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind;

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    fn creds(secret: &str) -> String {
        format!("[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = {secret}\n")
    }

    fn message(secret: &str) -> String {
        lint("", &creds(secret))
            .one(Code::MalformedSecretAccessKey)
            .message
            .clone()
    }

    #[test]
    fn truncated_secret_on_its_value() {
        let short = &SECRET[..39];
        let run = lint("", &creds(short));
        assert_eq!(
            run.found(Code::MalformedSecretAccessKey),
            [(FileKind::Credentials, 3, short.to_string())]
        );
        let m = &run.one(Code::MalformedSecretAccessKey).message;
        assert!(
            m.contains("(****************LEKE) is 39 characters long, 1 short"),
            "{m}"
        );
        assert!(!m.contains("wJalr"));
    }

    #[test]
    fn too_long_and_odd_characters() {
        let m = message(&format!("{SECRET}x"));
        assert!(m.contains("41 characters long, 1 more"), "{m}");
        let m = message("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE=");
        assert!(
            m.contains("has the right length but 1 character outside"),
            "{m}"
        );
        // A whole CSV line: nothing of the secret beyond the masked tail.
        let m = message(&format!("AKIAIOSFODNN7EXAMPLE,{SECRET}"));
        assert!(
            m.contains("61 characters long") && m.contains("1 character outside"),
            "{m}"
        );
        assert!(!m.contains("wJalr") && !m.contains("AKIA"), "{m}");
        // Short secrets are masked completely.
        let m = message("abc");
        assert!(m.contains("(****************) is 3 characters"), "{m}");
    }

    #[test]
    fn a_key_id_in_the_secret_s_place_is_named() {
        let m = message("AKIAIOSFODNN7EXAMPLE");
        assert!(m.starts_with("This is an access key id"), "{m}");
        assert!(!m.contains("AKIAIOSF"), "{m}");
    }

    #[test]
    fn config_file_entries_too() {
        let run = lint(
            "[profile a]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = short\n",
            "",
        );
        assert_eq!(
            run.found(Code::MalformedSecretAccessKey),
            [(FileKind::Config, 3, "short".to_string())]
        );
    }

    #[test]
    fn near_misses() {
        for secret in [
            SECRET,
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ+/09",
            "\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE\"",
            "",
        ] {
            let run = lint("", &creds(secret));
            assert_eq!(run.found(Code::MalformedSecretAccessKey), [], "{secret}");
        }
        let config = "[profile r2]\nendpoint_url = https://abc.r2.cloudflarestorage.com\n";
        let run = lint(
            config,
            "[r2]\naws_secret_access_key = 64-hex-characters-from-cloudflare\n",
        );
        assert_eq!(run.found(Code::MalformedSecretAccessKey), []);
    }

    #[test]
    fn realistic_files_are_clean() {
        let run = lint(
            include_str!("../../../../../fixtures/valid/config"),
            include_str!("../../../../../fixtures/valid/credentials"),
        );
        assert_eq!(run.found(Code::MalformedSecretAccessKey), []);
    }
}
