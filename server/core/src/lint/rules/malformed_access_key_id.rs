//! `malformed-access-key-id`: an `aws_access_key_id` that does not have AWS's shape.
//!
//! AWS access key ids are 20 characters: a four-letter type prefix (`AKIA` long-term, `ASIA`
//! temporary, `ABIA`, `ACCA`) and sixteen upper-case letters and digits (profile-semantics.md
//! §12). Every tool sends the value as written, and AWS answers `InvalidClientTokenId`. We
//! say what went wrong: cut short, too long, lower-cased, padded with other characters, or
//! the unique id of a user, role or policy pasted where the key id belongs.
//!
//! What is written is checked, entry by entry in both files (a wrong key hidden by another
//! file is still a mistake to clean up), except in profiles that talk to another service
//! (MinIO, R2: their keys have their own shapes), values with quotes or invisible
//! characters (`quoted-value` and `invisible-character` report those) and empty values.
//!
//! This file also holds small helpers shared by the other credential rules.

use super::support::written;
use crate::lint::values::has_surface_problem;
use crate::lint::{Code, Diagnostic, LintContext};

/// The length of every AWS access key id.
pub(crate) const KEY_ID_LENGTH: usize = 20;

/// Prefixes of access key ids, with what they are.
pub(crate) const KEY_PREFIXES: &[(&str, &str)] = &[
    ("AKIA", "a long-term access key"),
    ("ASIA", "a temporary (STS) access key"),
    ("ABIA", "an STS service bearer token"),
    ("ACCA", "a context-specific credential"),
];

/// Prefixes of the other IAM unique ids, which people paste into `aws_access_key_id`.
const OTHER_ID_PREFIXES: &[(&str, &str)] = &[
    ("AIDA", "an IAM user"),
    ("AROA", "an IAM role"),
    ("AGPA", "an IAM group"),
    ("AIPA", "an EC2 instance profile"),
    ("ANPA", "a managed policy"),
    ("ANVA", "a managed policy version"),
    ("APKA", "a public key"),
    ("ASCA", "a certificate"),
];

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, _, section, entry) in written(cx, "aws_access_key_id") {
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
        let Some(problem) = diagnose(value) else {
            continue;
        };
        let mut diagnostic = Diagnostic::new(
            Code::MalformedAccessKeyId,
            file,
            entry.value_span,
            problem.message,
        );
        if let Some((title, replacement)) = problem.fix {
            diagnostic = diagnostic.with_fix(title, entry.value_span, replacement);
        }
        out.push(diagnostic);
    }
}

struct Problem {
    message: String,
    fix: Option<(String, String)>,
}

const REJECTED: &str =
    "Every SDK and the AWS CLI send it as written, and AWS rejects it (InvalidClientTokenId)";

fn diagnose(value: &str) -> Option<Problem> {
    if is_well_formed(value) {
        return None;
    }
    let problem = |message: String| Some(Problem { message, fix: None });
    if !value.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return not_alphanumeric(value);
    }
    let upper = value.to_ascii_uppercase();
    if let Some((prefix, kind)) = OTHER_ID_PREFIXES
        .iter()
        .find(|(prefix, _)| upper.starts_with(prefix))
    {
        return problem(format!(
            "This is the unique id of {kind} (`{prefix}…`), not an access key id. {REJECTED}; \
             use the access key id (`AKIA…`, or `ASIA…` for temporary credentials) from the IAM \
             console or the CreateAccessKey output."
        ));
    }
    if is_well_formed(&upper) {
        return Some(Problem {
            message: format!(
                "This access key id has lower-case letters, and AWS key ids are upper case. \
                 {REJECTED}; write it in upper case."
            ),
            fix: Some(("Write the access key id in upper case".to_string(), upper)),
        });
    }
    let length = value.len();
    let case_note = if upper != value {
        " (and AWS key ids are upper case)"
    } else {
        ""
    };
    if has_key_prefix(&upper) {
        if length < KEY_ID_LENGTH {
            let missing = KEY_ID_LENGTH - length;
            let s = plural(missing);
            return problem(format!(
                "This access key id is {length} characters long, {missing} character{s} short \
                 of AWS's {KEY_ID_LENGTH}{case_note}: it looks truncated. {REJECTED}; copy the \
                 whole key id again."
            ));
        }
        let extra = length - KEY_ID_LENGTH;
        let s = plural(extra);
        return problem(format!(
            "This access key id is {length} characters long, {extra} character{s} more than \
             AWS's {KEY_ID_LENGTH}{case_note}: something was pasted with it. {REJECTED}; \
             keep only the 20-character key id."
        ));
    }
    let length_note = if length == KEY_ID_LENGTH {
        String::new()
    } else {
        format!(" and is {length} characters long where AWS's have {KEY_ID_LENGTH}")
    };
    problem(format!(
        "This access key id does not start with a known prefix (`AKIA` for long-term keys, \
         `ASIA` for temporary ones){length_note}. {REJECTED}; check that the value is the access \
         key id and not another credential."
    ))
}

/// A value with characters other than letters and digits: padding around a good key id,
/// separators inside one, or something else. The characters themselves are never shown:
/// they may come from a secret pasted on the same line.
fn not_alphanumeric(value: &str) -> Option<Problem> {
    let runs: Vec<&str> = value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|run| !run.is_empty())
        .collect();
    let good: Vec<&str> = runs.iter().copied().filter(|r| is_well_formed(r)).collect();
    let others = value.chars().filter(|c| !c.is_ascii_alphanumeric()).count();
    if let [key] = good[..] {
        let extra = value.chars().count() - key.len();
        let s = plural(extra);
        return Some(Problem {
            message: format!(
                "This access key id has {extra} extra character{s} around it. {REJECTED}; keep \
                 only the 20-character key id."
            ),
            fix: Some(("Keep only the access key id".to_string(), key.to_string())),
        });
    }
    let joined: String = runs.concat();
    let what = if value.chars().any(char::is_whitespace) {
        "spaces"
    } else {
        "characters other than letters and digits"
    };
    if is_well_formed(&joined) {
        return Some(Problem {
            message: format!("This access key id has {what} inside it. {REJECTED}; remove them."),
            fix: Some((
                format!(
                    "Remove the {others} character{} that are not letters or digits",
                    plural(others)
                ),
                joined,
            )),
        });
    }
    Some(Problem {
        message: format!(
            "This access key id has {what} in it, which no AWS key id has. {REJECTED}; copy the \
             20-character key id (`AKIA…` or `ASIA…`) again."
        ),
        fix: None,
    })
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}

/// 20 upper-case letters and digits with a known key prefix.
pub(crate) fn is_well_formed(id: &str) -> bool {
    id.len() == KEY_ID_LENGTH
        && id
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && has_key_prefix(id)
}

/// `AKIA`, `ASIA`, `ABIA`, `ACCA`, or the legacy `A3T` followed by a letter or digit (old
/// keys that secret scanners still look for).
fn has_key_prefix(id: &str) -> bool {
    KEY_PREFIXES
        .iter()
        .any(|(prefix, _)| id.starts_with(prefix))
        || (id.starts_with("A3T")
            && id
                .as_bytes()
                .get(3)
                .is_some_and(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
}

// ---------------------------------------------------------------------------------------
// Shared by the credential rules.

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind;

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    fn creds(key_id: &str) -> String {
        format!("[default]\naws_access_key_id = {key_id}\naws_secret_access_key = {SECRET}\n")
    }

    fn found(key_id: &str) -> Vec<(FileKind, usize, String)> {
        lint("", &creds(key_id)).found(Code::MalformedAccessKeyId)
    }

    fn message(key_id: &str) -> String {
        lint("", &creds(key_id))
            .one(Code::MalformedAccessKeyId)
            .message
            .clone()
    }

    #[test]
    fn truncated_key_on_its_value() {
        let run = lint("", &creds("AKIAIOSFODNN7EXAMPL"));
        assert_eq!(
            run.found(Code::MalformedAccessKeyId),
            [(FileKind::Credentials, 2, "AKIAIOSFODNN7EXAMPL".to_string())]
        );
        let d = run.one(Code::MalformedAccessKeyId);
        assert!(
            d.message.contains("19 characters long, 1 character short"),
            "{}",
            d.message
        );
        assert!(d.message.contains("InvalidClientTokenId"));
        assert!(d.fixes.is_empty());
        assert!(message("ASIAIOSF").contains("12 characters short"));
    }

    #[test]
    fn too_long() {
        assert_eq!(
            found("AKIAIOSFODNN7EXAMPLEX"),
            [(
                FileKind::Credentials,
                2,
                "AKIAIOSFODNN7EXAMPLEX".to_string()
            )]
        );
        assert!(message("AKIAIOSFODNN7EXAMPLEXY").contains("2 characters more"));
    }

    #[test]
    fn lower_case_is_fixed_by_upper_casing() {
        let run = lint("", &creds("akiaiosfodnn7example"));
        let d = run.one(Code::MalformedAccessKeyId);
        assert!(d.message.contains("lower-case"));
        assert_eq!(run.apply(d, 0)[1], creds("AKIAIOSFODNN7EXAMPLE"));
        assert!(message("akiaiosfodnn7exampl")
            .contains("short of AWS's 20 (and AWS key ids are upper case)"));
    }

    #[test]
    fn padding_is_removed_without_showing_it() {
        // A CSV line pasted whole: the secret must not appear in the message or the fix title.
        let value = format!("AKIAIOSFODNN7EXAMPLE,{SECRET}");
        let run = lint("", &creds(&value));
        let d = run.one(Code::MalformedAccessKeyId);
        assert!(d.message.contains("41 extra characters"), "{}", d.message);
        assert!(!d.message.contains("wJalr") && !d.fixes[0].title.contains("wJalr"));
        assert_eq!(run.apply(d, 0)[1], creds("AKIAIOSFODNN7EXAMPLE"));

        let run = lint("", &creds("<AKIAIOSFODNN7EXAMPLE>"));
        assert_eq!(
            run.apply(run.one(Code::MalformedAccessKeyId), 0)[1],
            creds("AKIAIOSFODNN7EXAMPLE")
        );
    }

    #[test]
    fn separators_inside_are_removed() {
        let run = lint("", &creds("AKIA IOSF-ODNN7EXAMPLE"));
        let d = run.one(Code::MalformedAccessKeyId);
        assert!(d.message.contains("spaces inside"), "{}", d.message);
        assert_eq!(
            d.fixes[0].title,
            "Remove the 2 characters that are not letters or digits"
        );
        assert_eq!(run.apply(d, 0)[1], creds("AKIAIOSFODNN7EXAMPLE"));
        // Nothing to salvage: no fix.
        let run = lint("", &creds("AKIA-IOSF"));
        assert!(run.one(Code::MalformedAccessKeyId).fixes.is_empty());
    }

    #[test]
    fn other_iam_ids_are_named() {
        assert!(message("AIDAJQABLZS4A3QDU576Q").contains("unique id of an IAM user (`AIDA…`)"));
        assert!(message("AROA3XFRBF535PLBIFPI4").contains("an IAM role"));
    }

    #[test]
    fn unknown_prefix() {
        let m = message("XKIAIOSFODNN7EXAMPLE");
        assert!(
            m.contains("known prefix") && !m.contains("characters long"),
            "{m}"
        );
        assert!(message("hello").contains("5 characters long"));
    }

    #[test]
    fn every_written_entry_in_both_files() {
        let config = "[profile a]\naws_access_key_id = AKIAIOSFODNN7EXAMP\n";
        let credentials = "[a]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n[b]\nAWS_ACCESS_KEY_ID = ASIAIOSFODNN7EXAMPLe\n";
        let run = lint(config, credentials);
        assert_eq!(
            run.found(Code::MalformedAccessKeyId),
            [
                (FileKind::Config, 2, "AKIAIOSFODNN7EXAMP".to_string()),
                (FileKind::Credentials, 4, "ASIAIOSFODNN7EXAMPLe".to_string()),
            ]
        );
    }

    #[test]
    fn near_misses() {
        for good in [
            "AKIAIOSFODNN7EXAMPLE",
            "ASIAIOSFODNN7EXAMPLE",
            "ABIAIOSFODNN7EXAMPLE",
            "ACCAIOSFODNN7EXAMPLE",
            "A3T0IOSFODNN7EXAMPLE",
        ] {
            assert_eq!(found(good), [], "{good}");
        }
        // Another rule's mistake, or nothing to check.
        assert_eq!(found("\"AKIAIOSFODNN7EXAMPLE\""), []);
        assert_eq!(found("AKIAIOSFODNN7EXAMPLE\u{200b}"), []);
        assert_eq!(found(""), []);
        // Ignored sections: reported by the section rules.
        let run = lint(
            "[staging]\naws_access_key_id = nope\n",
            "[profile x]\naws_access_key_id = nope\n",
        );
        assert_eq!(run.found(Code::MalformedAccessKeyId), []);
        // A profile that talks to MinIO keeps its own key shapes.
        let config = "[profile minio]\nendpoint_url = http://localhost:9000\n";
        let run = lint(config, "[minio]\naws_access_key_id = minioadmin\n");
        assert_eq!(run.found(Code::MalformedAccessKeyId), []);
    }

    #[test]
    fn realistic_files_are_clean() {
        let run = lint(
            include_str!("../../../../../fixtures/valid/config"),
            include_str!("../../../../../fixtures/valid/credentials"),
        );
        assert_eq!(run.found(Code::MalformedAccessKeyId), []);
    }
}
