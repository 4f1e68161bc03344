//! `source-without-role`: `source_profile` or `credential_source` where no role is assumed.
//!
//! - `source_profile` without `role_arn` (or in a web identity profile, which assumes its role
//!   with the token) is ignored by every SDK and the AWS CLI.
//! - `credential_source` without `role_arn` is ignored by botocore, the AWS CLI and the Java
//!   SDK, but the Rust SDK uses it as the profile's own credentials (no role assumed).
//!
//! `source_profile` with `mfa_serial` and no role is how aws-vault (and other MFA helpers,
//! `knowledge::tools`) are asked for an MFA session (GetSessionToken) with the source
//! profile's keys: a hint that it works only through such a tool.

use crate::knowledge::tools::Effect;
use crate::lint::context::facts;
use crate::lint::{Code, Diagnostic, LintContext, Severity};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for profile in cx.profiles_holding_any(facts::SOURCE_PROFILE | facts::CREDENTIAL_SOURCE) {
        let source_profile = profile.value("source_profile");
        let credential_source = profile.value("credential_source");
        if source_profile.is_none() && credential_source.is_none() {
            continue;
        }
        let has_role = profile.get("role_arn").is_some();
        if has_role && profile.get("web_identity_token_file").is_none() {
            continue;
        }
        let mfa_tool = (!has_role && profile.get("mfa_serial").is_some()).then(|| {
            cx.tool_for_profile(profile)
                .filter(|t| t.effects.contains(&Effect::MfaSessionWithoutRole))
                .map_or("aws-vault", |t| t.name)
        });
        if let (Some(tool), Some((file, entry))) =
            (mfa_tool, source_profile.and_then(|v| cx.origin(v)))
        {
            out.push(
                Diagnostic::new(
                    Code::SourceWithoutRole,
                    file,
                    entry.key_span,
                    format!(
                        "`source_profile` with `mfa_serial` and no `role_arn` works only through {tool}, which asks STS for an MFA session with the keys of `{}`; the AWS SDKs and the AWS CLI ignore `source_profile` here.",
                        entry.value
                    ),
                )
                .with_severity(Severity::Hint),
            );
        } else if let Some((file, entry)) = source_profile.and_then(|v| cx.origin(v)) {
            let message = if has_role {
                "`source_profile` is ignored in a web identity profile: the SDKs and the AWS CLI assume `role_arn` with the token from `web_identity_token_file`. Remove the line.".to_string()
            } else {
                format!(
                    "`source_profile` does nothing without `role_arn`: the SDKs and the AWS CLI ignore it, so `{}` does not use the credentials of `{}`. Add the `role_arn` to assume with them, or remove the line.",
                    profile.name, entry.value
                )
            };
            out.push(
                Diagnostic::new(Code::SourceWithoutRole, file, entry.key_span, message)
                    .with_fix(
                        "Remove the ignored `source_profile`",
                        super::support::entry_lines(cx, file, entry),
                        "",
                    )
                    .unnecessary(),
            );
        }
        if has_role {
            continue;
        }
        if let Some((file, entry)) = credential_source.and_then(|v| cx.origin(v)) {
            out.push(Diagnostic::new(
                Code::SourceWithoutRole,
                file,
                entry.key_span,
                "`credential_source` without `role_arn`: botocore, the AWS CLI and the Java SDK ignore it, while the Rust SDK uses it directly as this profile's credentials (no role assumed). Add the `role_arn` to assume with these credentials, or remove the line.",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::chains::chain_codes;
    use crate::lint::test_support::lint;
    use crate::lint::{Code, Severity};
    use crate::model::FileKind::*;

    #[test]
    fn source_profile_without_role_arn() {
        let config = "[profile a]\nsource_profile = b\nregion = eu-west-1\n";
        let credentials = "[b]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
        let run = lint(config, credentials);
        assert_eq!(
            run.found(Code::SourceWithoutRole),
            [(Config, 2, "source_profile".to_string())]
        );
        let d = run.one(Code::SourceWithoutRole);
        assert_eq!(d.severity, Severity::Warning);
        assert!(d.unnecessary);
        let [fixed, _] = run.apply(d, 0);
        assert_eq!(fixed, "[profile a]\nregion = eu-west-1\n");
        assert!(chain_codes(&lint(&fixed, credentials)).is_empty());
    }

    #[test]
    fn an_mfa_session_through_aws_vault_is_a_hint() {
        let run = lint(
            "[profile base]\n[profile work]\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n",
            "",
        );
        let d = run.one(Code::SourceWithoutRole);
        assert_eq!(d.severity, Severity::Hint);
        assert!(
            d.message.contains("only through aws-vault"),
            "{}",
            d.message
        );
    }

    #[test]
    fn credential_source_without_role_arn() {
        let run = lint("[profile a]\ncredential_source = Ec2InstanceMetadata\n", "");
        assert_eq!(
            run.found(Code::SourceWithoutRole),
            [(Config, 2, "credential_source".to_string())]
        );
        let d = run.one(Code::SourceWithoutRole);
        assert!(
            d.message.contains("the Rust SDK uses it directly"),
            "{}",
            d.message
        );
        assert!(d.fixes.is_empty());
    }

    #[test]
    fn source_profile_in_a_web_identity_profile() {
        let run = lint(
            "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nweb_identity_token_file = /var/token.jwt\nsource_profile = b\n",
            "[b]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
        );
        assert_eq!(
            run.found(Code::SourceWithoutRole),
            [(Config, 4, "source_profile".to_string())]
        );
        // Last line of the file without a final newline: the line goes, the file keeps
        // ending with the newline before it.
        let run = lint("[profile a]\nregion = eu-west-1\nsource_profile = b", "");
        let d = run.one(Code::SourceWithoutRole);
        assert_eq!(run.apply(d, 0)[0], "[profile a]\nregion = eu-west-1\n");
    }

    #[test]
    fn near_misses() {
        let run = lint(
            "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = b\n[profile c]\nrole_arn = arn:aws:iam::123456789012:role/C\ncredential_source = EcsContainer\n",
            "[b]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
        );
        assert!(run.of(Code::SourceWithoutRole).is_empty());
        // role_arn in the credentials file, source_profile in the config file: merged.
        let run = lint(
            "[profile a]\nsource_profile = b\n",
            "[a]\nrole_arn = arn:aws:iam::123456789012:role/A\n[b]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
        );
        assert!(run.of(Code::SourceWithoutRole).is_empty());
    }
}
