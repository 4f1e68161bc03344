//! `misspelled-default`: a section named like `default` with one letter wrong, left out,
//! doubled or swapped (`[defualt]`, `[defaul]`, `[Default]`), in a file that has no
//! `default` section.
//!
//! In the config file such a section has no `profile ` prefix, so the SDKs ignore it and the
//! AWS CLI does not read it as a profile: the default profile silently gets none of its
//! settings (an error). In the credentials file every tool reads it as a profile of that
//! name, and the default profile gets none of its keys (a warning: read as written, but not
//! as plainly meant). `missing-profile-prefix` leaves these sections to this rule, whose fix
//! is `[default]` rather than `[profile defualt]`.
//!
//! Only plain misspellings count: one edit away from `default` (insertion, deletion,
//! substitution or swap of two neighbours), or `default` in other letter cases. `DEFAULT` is
//! left out (Python's configparser, and so the AWS CLI, gives it a meaning of its own, which
//! `readers-disagree` reports), and so are names that contain `default` (`default2`,
//! `mydefault`): those are names of their own. A name that is used as one (a `[profile
//! defualt]` header in the config file, or a `source_profile` naming it) is left alone. The
//! fix renames the section, which changes what the tools read: it is offered, never applied
//! by a fix-all.

use crate::lint::{Code, Diagnostic, LintContext, Severity};
use crate::model::{FileKind, FileModel, IgnoreReason, Section, SectionKind, SectionStatus};
use crate::suggest::edit_distance;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, model, _, section) in cx.sections() {
        if !applies(cx, file, model, section) {
            continue;
        }
        let name = &*section.name;
        let diagnostic = match model.kind {
            FileKind::Config => Diagnostic::new(
                Code::MisspelledDefault,
                file,
                section.name_span,
                format!(
                    "`[{name}]` looks like a misspelling of `[default]`: in the config file the \
                     SDKs ignore a section other than `[default]` without the `profile ` prefix, \
                     and the AWS CLI and boto3 do not read it as a profile either, so the \
                     default profile gets none of these settings. Write `[default]`."
                ),
            ),
            FileKind::Credentials => Diagnostic::new(
                Code::MisspelledDefault,
                file,
                section.name_span,
                format!(
                    "`[{name}]` looks like a misspelling of `[default]`: every SDK and the AWS \
                     CLI read it as a profile named `{name}`, and the default profile gets none \
                     of these keys. Write `[default]`."
                ),
            )
            .with_severity(Severity::Warning),
        };
        out.push(diagnostic.with_fix("Rename to `[default]`", section.name_span, "default"));
    }
}

/// Whether `section` of `file` is a misspelt `default` that this rule reports.
pub(crate) fn applies(
    cx: &LintContext<'_>,
    file: usize,
    model: &FileModel,
    section: &Section,
) -> bool {
    let candidate = match model.kind {
        FileKind::Config => {
            section.status == SectionStatus::Ignored(IgnoreReason::MissingProfilePrefix)
        }
        FileKind::Credentials => {
            section.kind == SectionKind::Profile && section.status == SectionStatus::Used
        }
    };
    if !candidate || !is_misspelled_default(&section.name) {
        return false;
    }
    if cx.model.divergence_at(file, section.line).is_some() {
        return false; // read otherwise by the AWS CLI: reported with both readings
    }
    // The file has its `default` already: then this is something else.
    if cx.has_default_section(file) {
        return false;
    }
    // The name is used as a name: a `source_profile` names it, or the config file has a
    // `[profile defualt]` header.
    !cx.is_source_profile(&section.name) && !cx.has_prefixed_profile(&section.name)
}

/// One edit from `default`, or `default` in other letter cases; not `DEFAULT`, and not a name
/// that contains `default`.
fn is_misspelled_default(name: &str) -> bool {
    if name == "default" || name == "DEFAULT" || !(6..=8).contains(&name.len()) {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    if lower == "default" {
        return true;
    }
    !lower.contains("default") && edit_distance(&lower, "default") == 1
}

#[cfg(test)]
mod tests {
    use super::is_misspelled_default;
    use crate::lint::test_support::lint;
    use crate::lint::{Code, Severity};
    use crate::model::FileKind::*;

    #[test]
    fn misspellings() {
        for name in [
            "defualt", "defaul", "defalt", "deafult", "defautl", "dafault", "Default", "DeFault",
        ] {
            assert!(is_misspelled_default(name), "{name}");
        }
        for name in [
            "default",
            "DEFAULT",
            "default2",
            "mydefault",
            "defaults",
            "dealt",
            "delta",
            "def",
            "vault",
            "devault2",
        ] {
            assert!(!is_misspelled_default(name), "{name}");
        }
    }

    #[test]
    fn config_file_section_is_an_error_with_the_default_fix() {
        let run = lint("[defualt]\nregion = us-west-1\n", "");
        assert_eq!(
            run.found(Code::MisspelledDefault),
            [(Config, 1, "defualt".to_string())]
        );
        // One finding: `missing-profile-prefix` leaves it to this rule.
        assert_eq!(run.codes(), ["misspelled-default"]);
        let d = run.one(Code::MisspelledDefault);
        assert_eq!(d.severity, Severity::Error);
        assert!(d.message.contains("Write `[default]`"), "{}", d.message);
        assert!(!d.fixes[0].safe);
        assert_eq!(run.apply(d, 0)[0], "[default]\nregion = us-west-1\n");
    }

    #[test]
    fn credentials_file_section_is_a_warning() {
        let credentials = "[defualt]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
        let run = lint("[defualt]\nregion = us-west-1\n", credentials);
        assert_eq!(
            run.found(Code::MisspelledDefault),
            [
                (Config, 1, "defualt".to_string()),
                (Credentials, 1, "defualt".to_string())
            ]
        );
        let d = &run.of(Code::MisspelledDefault)[1];
        assert_eq!(d.severity, Severity::Warning);
        assert!(run.apply(d, 0)[1].starts_with("[default]\n"));
    }

    #[test]
    fn names_in_use_and_files_with_a_default_are_left_alone() {
        // The file has a default already.
        let run = lint("[default]\nregion = us-east-1\n[defualt]\nregion = x\n", "");
        assert!(run.of(Code::MisspelledDefault).is_empty());
        assert_eq!(run.of(Code::MissingProfilePrefix).len(), 1);
        let run = lint("", "[default]\n[Default]\n");
        assert!(run.of(Code::MisspelledDefault).is_empty());
        // Named on purpose: a `[profile Default]` header, a `source_profile`.
        let run = lint("[profile Default]\nregion = us-east-1\n", "[Default]\n");
        assert!(run.of(Code::MisspelledDefault).is_empty());
        let run = lint(
            "[profile app]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = defaul\n",
            "[defaul]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n",
        );
        assert!(run.of(Code::MisspelledDefault).is_empty());
        // `[profile defualt]` in the config file is a name, and `DEFAULT` is configparser's.
        let run = lint("[profile defualt]\n[DEFAULT]\nregion = us-east-1\n", "");
        assert!(run.of(Code::MisspelledDefault).is_empty());
    }
}
