//! `role-without-source`: a `role_arn` with nothing to assume it with (no `source_profile`,
//! `credential_source` or `web_identity_token_file`). Found where the SDK for Rust fails with
//! "profile must contain `source_profile` or `credential_source`", on the `role_arn` key.
//!
//! A profile that is plainly for a credential tool that assumes roles itself (aws-vault, with
//! the source keys in its keychain or inherited through `include_profile`; aws-okta, through
//! its SAML login) works through that tool only: a hint that says so, not an error
//! (`knowledge::tools`).

use crate::chain::ChainErrorKind;
use crate::lint::chains;
use crate::lint::{Code, Diagnostic, LintContext, Severity};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let mut found = Vec::new();
    let candidates = chains::failures(cx, |profile| {
        profile.get("source_profile").is_none() && profile.get("credential_source").is_none()
    });
    for failure in candidates {
        let root = failure.error.root_cause();
        if root.kind != ChainErrorKind::NeitherSourceProfileNorCredentialSource {
            continue;
        }
        let name = root.profile.as_str();
        let Some((file, entry)) = chains::entry(cx, name, "role_arn") else {
            continue;
        };
        let has_keys = cx
            .model
            .profiles
            .profile(name)
            .is_some_and(chains::has_static_keys);
        let mut message = "`role_arn` has nothing to assume the role with: the Rust SDK fails (\"profile must contain `source_profile` or `credential_source`\"), botocore and the AWS CLI raise a partial-credentials error, and the Java SDK silently skips the role.".to_string();
        if has_keys {
            message.push_str(&format!(
                " To assume it with this profile's own keys, add `source_profile = {name}`."
            ));
        } else {
            message.push_str(" Add `source_profile` (a profile with credentials) or `credential_source` (`Environment`, `Ec2InstanceMetadata` or `EcsContainer`).");
        }
        let tool = cx
            .model
            .profiles
            .profile(name)
            .and_then(|p| cx.tool_for_profile(p))
            .filter(|t| {
                t.effects
                    .contains(&crate::knowledge::tools::Effect::AssumesRolesItself)
            });
        if let Some(tool) = tool {
            found.push(
                Diagnostic::new(
                    Code::RoleWithoutSource,
                    file,
                    entry.key_span,
                    format!(
                        "This role profile works only through {} ({}): the AWS SDKs and the AWS CLI find nothing to assume `role_arn` with and fail (\"profile must contain `source_profile` or `credential_source`\"). Run them through {0}, or add `source_profile` for use without it.",
                        tool.name, tool.summary
                    ),
                )
                .with_severity(Severity::Hint),
            );
            continue;
        }
        let mut diagnostic =
            Diagnostic::new(Code::RoleWithoutSource, file, entry.key_span, message);
        if has_keys {
            let (span, text) = chains::insert_line_after(
                cx,
                file,
                entry.last_line,
                &format!("source_profile = {name}"),
            );
            diagnostic = diagnostic.with_fix(
                format!("Assume the role with this profile's keys (`source_profile = {name}`)"),
                span,
                text,
            );
        }
        found.push(diagnostic);
    }
    chains::extend_once(out, found);
}

#[cfg(test)]
mod tests {
    use crate::lint::chains::chain_codes;
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind::*;

    // assume-role vector "role_arn without source source_profile".
    #[test]
    fn role_arn_alone() {
        let run = lint(
            "[profile A]\nrole_arn = arn:aws:iam::123456789012:role/RoleA\n",
            "",
        );
        assert_eq!(
            run.found(Code::RoleWithoutSource),
            [(Config, 2, "role_arn".to_string())]
        );
        let d = run.one(Code::RoleWithoutSource);
        assert!(d
            .message
            .contains("profile must contain `source_profile` or `credential_source`"));
        assert!(d.fixes.is_empty());
    }

    #[test]
    fn reached_as_a_source_profile_is_reported_once() {
        let run = lint(
            "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = b\n\n[profile b]\nrole_arn = arn:aws:iam::123456789012:role/B\n",
            "",
        );
        assert_eq!(
            run.found(Code::RoleWithoutSource),
            [(Config, 6, "role_arn".to_string())]
        );
    }

    #[test]
    fn own_keys_fix_adds_a_self_reference() {
        let config =
            "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nregion = eu-west-1\n";
        let credentials = "[a]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
        let run = lint(config, credentials);
        let d = run.one(Code::RoleWithoutSource);
        assert!(
            d.message.contains("add `source_profile = a`"),
            "{}",
            d.message
        );
        let [fixed, _] = run.apply(d, 0);
        assert_eq!(
            fixed,
            "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = a\nregion = eu-west-1\n"
        );
        assert!(chain_codes(&lint(&fixed, credentials)).is_empty());
        // At the end of a file without a final newline.
        let run = lint(
            "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A",
            credentials,
        );
        let d = run.one(Code::RoleWithoutSource);
        assert_eq!(
            run.apply(d, 0)[0],
            "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = a"
        );
    }

    /// aws-vault: `include_profile` brings the MFA device, the keychain the source keys;
    /// aws-okta: the role is assumed with the SAML assertion.
    #[test]
    fn credential_tools_that_assume_roles_themselves() {
        let config = "[profile base]\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n[profile admin]\ninclude_profile = base\nrole_arn = arn:aws:iam::123456789012:role/Admin\n";
        let run = lint(config, "");
        let d = run.one(Code::RoleWithoutSource);
        assert_eq!(d.severity, crate::lint::Severity::Hint);
        assert!(
            d.message.contains("only through aws-vault"),
            "{}",
            d.message
        );
        let config = "[okta]\naws_saml_url = home/amazon_aws/0oa0000000/272\n[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/Dev\n";
        let run = lint(config, "");
        let d = run.one(Code::RoleWithoutSource);
        assert_eq!(d.severity, crate::lint::Severity::Hint);
        assert!(d.message.contains("aws-okta"), "{}", d.message);
        assert!(run.of(Code::MissingProfilePrefix).is_empty());
        assert!(run.of(Code::UnknownKey).is_empty());
    }

    #[test]
    fn near_misses() {
        // assume-role vectors "web identity role" and "Load credentials from a credential_source".
        let run = lint(
            "[profile A]\nrole_arn = arn:aws:iam::123456789012:role/RoleA\nweb_identity_token_file = /var/token.jwt\n\n[profile B]\nrole_arn = arn:aws:iam::123456789012:role/RoleA\ncredential_source = Ec2InstanceMetadata\n",
            "",
        );
        assert!(run.of(Code::RoleWithoutSource).is_empty());
        // A source profile with static keys ignores its own role_arn.
        let run = lint(
            "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = b\n",
            "[b]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nrole_arn = arn:aws:iam::123456789012:role/B\nsource_profile = b\n",
        );
        assert!(run.of(Code::RoleWithoutSource).is_empty());
    }
}
