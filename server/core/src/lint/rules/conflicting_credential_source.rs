//! `conflicting-credential-source`: a role profile with both `source_profile` and
//! `credential_source`. The SDKs and the AWS CLI refuse to assume the role ("profile contained
//! both source_profile and credential_source"). Without `role_arn` neither key is read as a
//! role source (that is `source-without-role`).

use crate::chain::ChainErrorKind;
use crate::lint::chains;
use crate::lint::{Code, Diagnostic, LintContext, TextEdit};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let mut found = Vec::new();
    let candidates = chains::failures(cx, |profile| {
        profile.get("source_profile").is_some() && profile.get("credential_source").is_some()
    });
    for failure in candidates {
        let root = failure.error.root_cause();
        if root.kind != ChainErrorKind::BothSourceProfileAndCredentialSource {
            continue;
        }
        let name = root.profile.as_str();
        let (Some((cs_file, cs)), Some((sp_file, sp))) = (
            chains::entry(cx, name, "credential_source"),
            chains::entry(cx, name, "source_profile"),
        ) else {
            continue;
        };
        found.push(
            Diagnostic::new(
                Code::ConflictingCredentialSource,
                cs_file,
                cs.key_span,
                format!(
                    "`{name}` sets both `credential_source` and `source_profile`: the SDKs and the AWS CLI refuse to assume its role (Rust SDK: \"profile contained both source_profile and credential_source\"). Keep one: `source_profile` to start from another profile's credentials, or `credential_source` to start from the environment, EC2 or ECS."
                ),
            )
            .with_related(sp_file, sp.key_span, "`source_profile` is set here")
            .with_edits(
                "Remove `credential_source`",
                vec![TextEdit {
                    file: cs_file,
                    span: super::support::entry_lines(cx, cs_file, cs),
                    new_text: String::new(),
                }],
            )
            .with_edits(
                "Remove `source_profile`",
                vec![TextEdit {
                    file: sp_file,
                    span: super::support::entry_lines(cx, sp_file, sp),
                    new_text: String::new(),
                }],
            ),
        );
    }
    chains::extend_once(out, found);
}

#[cfg(test)]
mod tests {
    use crate::lint::chains::chain_codes;
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind::*;

    const KEYS: &str = "[B]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";

    // assume-role vector "source profile and credential source both present".
    #[test]
    fn both_sources_in_a_role_profile() {
        let config = "[profile A]\nrole_arn = arn:aws:iam::123456789012:role/RoleA\ncredential_source = Environment\nsource_profile = B\n";
        let run = lint(config, KEYS);
        assert_eq!(
            run.found(Code::ConflictingCredentialSource),
            [(Config, 3, "credential_source".to_string())]
        );
        let d = run.one(Code::ConflictingCredentialSource);
        assert!(d
            .message
            .contains("profile contained both source_profile and credential_source"));
        assert_eq!(
            run.apply(d, 0)[0],
            "[profile A]\nrole_arn = arn:aws:iam::123456789012:role/RoleA\nsource_profile = B\n"
        );
        assert_eq!(
            run.apply(d, 1)[0],
            "[profile A]\nrole_arn = arn:aws:iam::123456789012:role/RoleA\ncredential_source = Environment\n"
        );
        for fix in 0..2 {
            let [config, credentials] = run.apply(d, fix);
            assert!(chain_codes(&lint(&config, &credentials)).is_empty());
        }
    }

    #[test]
    fn keys_split_across_files() {
        let run = lint(
            "[profile A]\nrole_arn = arn:aws:iam::123456789012:role/RoleA\nsource_profile = B",
            "[A]\ncredential_source = Ec2InstanceMetadata\n",
        );
        assert_eq!(
            run.found(Code::ConflictingCredentialSource),
            [(Credentials, 2, "credential_source".to_string())]
        );
        let d = run.one(Code::ConflictingCredentialSource);
        assert_eq!(run.apply(d, 0)[1], "[A]\n");
        assert_eq!(
            run.apply(d, 1)[0],
            "[profile A]\nrole_arn = arn:aws:iam::123456789012:role/RoleA\n"
        );
    }

    #[test]
    fn near_misses() {
        // Without role_arn the SDK for Rust uses credential_source and ignores source_profile:
        // `source-without-role`, not a conflict.
        let run = lint(
            "[profile A]\ncredential_source = Environment\nsource_profile = B\n",
            KEYS,
        );
        assert!(run.of(Code::ConflictingCredentialSource).is_empty());
        assert_eq!(run.of(Code::SourceWithoutRole).len(), 2);
        // Either one alone is fine.
        let run = lint(
            "[profile A]\nrole_arn = arn:aws:iam::123456789012:role/RoleA\ncredential_source = Environment\n",
            "",
        );
        assert!(run.of(Code::ConflictingCredentialSource).is_empty());
    }
}
