//! `swapped-credentials`: the access key id and the secret access key written in each
//! other's place: `aws_secret_access_key` holds an access key id (`AKIA…`, `ASIA…`) and
//! `aws_access_key_id` holds a 40-character secret.
//!
//! Every tool sends the value of `aws_access_key_id` as the key id and signs with the value of
//! `aws_secret_access_key`; AWS answers `InvalidClientTokenId`. Seen on its own, each value
//! looks malformed (a 40-character key id, a 20-character secret), so without this rule the
//! two shape rules would call them "too long" and "truncated". Only the pair in one section
//! is looked at, and only when both values are plainly the other kind: a well-formed key id
//! and 40 characters of `A-Za-z0-9/+`. `malformed-access-key-id` and
//! `malformed-secret-access-key` look away from such a pair (one mistake, one diagnostic).
//!
//! The fix renames the two keys instead of moving the values, so that its edits never carry
//! the secret. It changes what the tools read, so it is offered, never applied by a fix-all.

use super::malformed_access_key_id::is_well_formed;
use super::support::written;
use crate::lint::values::has_surface_problem;
use crate::lint::{Code, Diagnostic, LintContext, TextEdit};
use crate::model::{PropertyEntry, Section};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, _, section, id_entry) in written(cx, "aws_access_key_id") {
        if cx.is_non_aws_profile(&section.name) {
            continue;
        }
        let text = cx.text(file);
        let Some(secret_entry) = swapped_secret(text, section, id_entry) else {
            continue;
        };
        let id_key = id_entry.key_span.slice(text);
        let secret_key = secret_entry.key_span.slice(text);
        out.push(
            Diagnostic::new(
                Code::SwappedCredentials,
                file,
                id_entry.value_span,
                format!(
                    "The access key id and the secret access key are swapped: `{id_key}` holds \
                     a 40-character secret and `{secret_key}` an access key id. Every SDK and \
                     the AWS CLI send the secret as the key id, and AWS rejects it \
                     (InvalidClientTokenId). Swap the two values."
                ),
            )
            .with_related(
                file,
                secret_entry.value_span,
                "the access key id, written as the secret",
            )
            .with_edits(
                "Swap the access key id and the secret (renames the two keys)",
                vec![
                    TextEdit {
                        file,
                        span: id_entry.key_span,
                        new_text: "aws_secret_access_key".to_string(),
                    },
                    TextEdit {
                        file,
                        span: secret_entry.key_span,
                        new_text: "aws_access_key_id".to_string(),
                    },
                ],
            ),
        );
    }
}

/// The `aws_secret_access_key` entry of `section` when it and `id_entry` (the section's
/// `aws_access_key_id`) hold each other's values.
pub(crate) fn swapped_secret<'s>(
    text: &str,
    section: &'s Section,
    id_entry: &PropertyEntry,
) -> Option<&'s PropertyEntry> {
    let id_value = id_entry.value_span.slice(text);
    if !is_secret_shaped(id_value) || is_well_formed(id_value) {
        return None;
    }
    let secret_entry = section
        .properties
        .iter()
        .find(|e| e.key == "aws_secret_access_key")?;
    let secret_value = secret_entry.value_span.slice(text);
    (is_well_formed(secret_value) && !has_surface_problem(secret_value)).then_some(secret_entry)
}

/// Whether the `aws_access_key_id` or `aws_secret_access_key` entry at `entry` is half of a
/// swapped pair: the shape rules leave those to this one.
pub(crate) fn is_swapped(text: &str, section: &Section, entry: &PropertyEntry) -> bool {
    if entry.key == "aws_access_key_id" {
        return swapped_secret(text, section, entry).is_some();
    }
    entry.key == "aws_secret_access_key"
        && section
            .properties
            .iter()
            .filter(|e| e.key == "aws_access_key_id")
            .any(|id| swapped_secret(text, section, id).is_some_and(|s| std::ptr::eq(s, entry)))
}

/// 40 characters of `A-Za-z0-9/+`: the shape of every secret AWS issues.
fn is_secret_shaped(value: &str) -> bool {
    value.len() == 40
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+')
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind;

    const KEY_ID: &str = "AKIAIOSFODNN7EXAMPLE";
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    #[test]
    fn swapped_pair_is_one_finding_with_a_fix_that_renames_the_keys() {
        let credentials =
            format!("[default]\naws_access_key_id = {SECRET}\naws_secret_access_key = {KEY_ID}\n");
        let run = lint("", &credentials);
        assert_eq!(
            run.found(Code::SwappedCredentials),
            [(FileKind::Credentials, 2, SECRET.to_string())]
        );
        // The shape rules leave the pair alone.
        assert_eq!(run.codes(), ["swapped-credentials"]);
        let d = run.one(Code::SwappedCredentials);
        assert!(d.message.contains("swapped"), "{}", d.message);
        // Neither value is in the message, the related note or the fix.
        for text in [&d.message, &d.related[0].message, &d.fixes[0].title] {
            assert!(
                !text.contains("wJalr") && !text.contains("AKIAIOSF"),
                "{text}"
            );
        }
        assert!(d.fixes[0]
            .edits
            .iter()
            .all(|e| !e.new_text.contains("wJalr") && !e.new_text.contains("AKIAIOSF")));
        // Offered, never applied by a fix-all: it changes what every tool reads.
        assert!(!d.fixes[0].safe);
        let fixed = run.apply(d, 0);
        assert_eq!(
            fixed[1],
            format!("[default]\naws_secret_access_key = {SECRET}\naws_access_key_id = {KEY_ID}\n")
        );
        assert!(lint("", &fixed[1]).codes().is_empty());
    }

    #[test]
    fn config_file_and_upper_case_keys() {
        let config =
            format!("[profile a]\nAWS_ACCESS_KEY_ID={SECRET}\nAWS_SECRET_ACCESS_KEY={KEY_ID}\n");
        let run = lint(&config, "");
        let d = run.one(Code::SwappedCredentials);
        assert!(
            d.message.contains("`AWS_ACCESS_KEY_ID` holds"),
            "{}",
            d.message
        );
        assert_eq!(
            run.apply(d, 0)[0],
            format!("[profile a]\naws_secret_access_key={SECRET}\naws_access_key_id={KEY_ID}\n")
        );
    }

    #[test]
    fn not_a_swap() {
        // A key id in the secret's place, but no secret in the key id's: the shape rules say
        // what each value is.
        for id in [
            "xxx",
            KEY_ID,
            "",
            "\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"",
        ] {
            let credentials =
                format!("[default]\naws_access_key_id = {id}\naws_secret_access_key = {KEY_ID}\n");
            assert!(
                lint("", &credentials)
                    .of(Code::SwappedCredentials)
                    .is_empty(),
                "{id}"
            );
        }
        // Each in its place.
        let credentials =
            format!("[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n");
        assert!(lint("", &credentials).codes().is_empty());
        // Split over two files: not one pair.
        let run = lint(
            &format!("[default]\naws_secret_access_key = {KEY_ID}\n"),
            &format!("[default]\naws_access_key_id = {SECRET}\n"),
        );
        assert!(run.of(Code::SwappedCredentials).is_empty());
        // A profile for another service keeps its own shapes.
        let run = lint(
            "[profile minio]\nendpoint_url = http://localhost:9000\n",
            &format!("[minio]\naws_access_key_id = {SECRET}\naws_secret_access_key = {KEY_ID}\n"),
        );
        assert!(run.of(Code::SwappedCredentials).is_empty());
    }
}
