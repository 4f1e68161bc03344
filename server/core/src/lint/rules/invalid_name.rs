//! `invalid-name`: a profile, sso-session or key name outside `[A-Za-z0-9_\-/.%@:+]`. The SDKs
//! drop such a section (with all its properties) or key silently. botocore reads more: a
//! quoted name, any key; where it does, the message says what it reads (from its view).

use super::header_of;
use super::reader_divergence::{both_readings, class_of, Class};
use crate::lint::values::invisible_character_name;
use crate::lint::{Code, Diagnostic, LintContext};
use crate::model::{is_valid_identifier, FileKind, IgnoreReason, SectionStatus, PROFILE_PREFIX};

/// Both readings when the AWS CLI reads the line otherwise (`Some(Some(…))`), nothing to add
/// when it reads it alike (`Some(None)`), or `None` when another rule reports the line.
fn readings(cx: &LintContext<'_>, file: usize, line: usize) -> Option<Option<String>> {
    match cx.model.divergence_at(file, line) {
        None => Some(None),
        Some(d) if class_of(cx.model, d) == Class::InvalidName => Some(Some(both_readings(cx, d))),
        Some(_) => None,
    }
}

/// The name with every character the SDKs reject replaced by `-` (quotes dropped).
fn sanitized(name: &str) -> String {
    name.trim_matches(['"', '\''])
        .chars()
        .map(|c| {
            if is_valid_identifier(c.encode_utf8(&mut [0; 4])) {
                c
            } else {
                '-'
            }
        })
        .collect()
}

fn has_invisible(text: &str) -> bool {
    text.chars().any(|c| invisible_character_name(c).is_some())
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, model, _, section) in cx.sections() {
        let text = cx.text(file);
        // A credentials-file header with a space (`[my profile]`) parses as prefix `my` and
        // name `profile`: for the user it is a name with a space.
        let credentials_spaced = cx.kind(file) == FileKind::Credentials
            && matches!(section.prefix.as_deref(), Some(p) if p != PROFILE_PREFIX && p != "sso-session" && p != "services");
        let invalid = section.status == SectionStatus::Ignored(IgnoreReason::InvalidName)
            || credentials_spaced;
        if invalid && !has_invisible(&section.name) {
            let span = match (credentials_spaced, header_of(model, section)) {
                (true, Some(header)) => crate::syntax::trim_ws(text, header.inner),
                _ => section.name_span,
            };
            let Some(readings) = readings(cx, file, section.line) else {
                continue;
            };
            let name = span.slice(text).to_string();
            let what = match readings {
                Some(readings) => format!(". {readings}"),
                None => ": the SDKs ignore this section and all its properties, silently (and the AWS CLI and boto3 do not read it either).".to_string(),
            };
            let fixed = sanitized(&name);
            out.push(
                Diagnostic::new(
                    Code::InvalidName,
                    file,
                    span,
                    format!("`{name}` is not a valid name (allowed: letters, digits and _ - / . % @ : +){what} Rename it, e.g. `{fixed}`."),
                )
                .with_fix(format!("Rename to `{fixed}`"), span, fixed)
                .unnecessary(),
            );
        }
    }
    // Keys of used sections that the SDKs drop, found once for several rules.
    for &at in &cx.entry_lists().invalid_keys {
        let (file, section, entry) = cx.entry_at(at);
        let key = entry.key_span.slice(cx.text(file));
        if section.status != SectionStatus::Used || entry.valid_key || has_invisible(key) {
            continue;
        }
        let Some(readings) = readings(cx, file, entry.line) else {
            continue;
        };
        let what = match readings {
            Some(readings) => format!(". {readings}"),
            None => ": the SDKs drop this property silently.".to_string(),
        };
        let fixed = sanitized(key).replace('-', "_");
        out.push(
            Diagnostic::new(
                Code::InvalidName,
                file,
                entry.key_span,
                format!("`{key}` is not a valid key (allowed: letters, digits and _ - / . % @ : +){what}"),
            )
            .with_fix(format!("Rename to `{fixed}`"), entry.key_span, fixed)
            .unnecessary(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind::*;

    #[test]
    fn invalid_section_names_and_keys() {
        let run = lint(
            "[profile my dev]\nregion = x\n[profile \"Team A\"]\n[profile ok]\nsso start url = https://x\n",
            "[foo!bar]\n[my profile]\n",
        );
        assert_eq!(
            run.found(Code::InvalidName),
            [
                (Config, 1, "my dev".to_string()),
                (Config, 3, "\"Team A\"".to_string()),
                (Config, 5, "sso start url".to_string()),
                (Credentials, 1, "foo!bar".to_string()),
                (Credentials, 2, "my profile".to_string()),
            ]
        );
        let first = &run.of(Code::InvalidName)[0];
        assert_eq!(
            run.apply(first, 0)[0].lines().next(),
            Some("[profile my-dev]")
        );
        // botocore splits `profile "Team A"` like a shell: profile `Team A`.
        let quoted = &run.of(Code::InvalidName)[1].message;
        assert!(
            quoted.contains("the AWS CLI and boto3 read it as profile `Team A`"),
            "{quoted}"
        );
        let spaced = &run.of(Code::InvalidName)[0].message;
        assert!(
            spaced.contains("the AWS CLI and boto3 do not read it either"),
            "{spaced}"
        );
        let key = &run.of(Code::InvalidName)[2];
        assert!(run.apply(key, 0)[0].contains("sso_start_url = https://x"));
    }

    #[test]
    fn valid_names_pass() {
        let run = lint(
            "[profile some-thing:long/the_one%only.foo@bar+]\nregion = x\n",
            "[a.b]\n",
        );
        assert!(run.of(Code::InvalidName).is_empty());
    }
}
