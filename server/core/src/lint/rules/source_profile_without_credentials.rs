//! `source-profile-without-credentials`: a role chain that ends at a profile with no way to get
//! credentials. Found where the SDK for Rust fails with "profile `x` did not contain credential
//! information" in a source profile; reported on the `source_profile` value that names the
//! empty profile, with its header as related information. Partial static keys in the source
//! profile are `incomplete-credentials`, not this.
//!
//! When no credentials file is part of the analysis (`check` given a config file alone), the
//! keys may be there: a warning that says so instead of an error. A source profile that a
//! credential tool keeps the keys of (aws-vault's keychain) is judged the same way.
//!
//! A role profile naming itself without static keys ends here too: the Rust SDK looks for
//! credentials in the profile itself and finds none (botocore calls it an infinite loop).

use crate::chain::ChainErrorKind;
use crate::lint::chains::{self, Target};
use crate::lint::{Code, Diagnostic, LintContext};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    // Each diagnostic with the empty profile whose header it points to, if any: the headers
    // are looked up together afterwards, for these profiles only.
    let mut pending: Vec<(Diagnostic, Option<&str>)> = Vec::new();
    let set = &cx.model.profiles;
    // Role profiles whose source (or themselves, when they name themselves) may hold nothing.
    let candidates = chains::failed_chains(cx, |profile| {
        if profile.get("credential_source").is_some() {
            return false;
        }
        match profile.get("source_profile") {
            Some(source) if source == profile.name => !chains::has_any_static_key(profile),
            Some(source) => set.profile(source).is_some_and(|source| {
                !chains::has_any_static_key(source) && !chains::assumes_role(source)
            }),
            None => false,
        }
    });
    // Computed once, not per failure: it walks every section.
    let ignored = if candidates.is_empty() {
        Vec::new()
    } else {
        chains::ignored_sections(cx, Target::Profile)
    };
    for (_, root) in &candidates {
        // `root` is the innermost error; `wrapped`: it happened in a source profile.
        if root.kind != ChainErrorKind::NoCredentials {
            continue;
        }
        let empty = root.profile;
        // The profile whose source_profile leads to the empty one: the one read before it, or
        // (not wrapped: a self-reference) the empty profile itself.
        let referrer = if root.wrapped {
            match root.visited.len().checked_sub(2) {
                Some(i) => root.visited[i],
                None => continue,
            }
        } else {
            empty
        };
        let Some((file, entry)) = chains::entry(cx, referrer, "source_profile") else {
            continue;
        };
        let message = if referrer == empty {
            format!(
                "`source_profile` names this profile itself, but it has no static keys to start from: the Rust SDK fails (\"profile `{empty}` did not contain credential information\") and botocore and the AWS CLI raise InfiniteLoopConfigError. Add `aws_access_key_id` and `aws_secret_access_key` for `{empty}` (in the credentials file), or name a profile that has credentials."
            )
        } else {
            let mut message = format!(
                "`source_profile` names `{empty}`, which has no credentials: the SDKs and the AWS CLI cannot get the credentials to assume this role (Rust SDK: \"profile `{empty}` did not contain credential information\"). Give `{empty}` credentials (keys in the credentials file, `credential_process`, SSO, `credential_source`), or name a profile that has them."
            );
            for ignored in &ignored {
                if ignored.section.name == empty {
                    message.push(' ');
                    message.push_str(&ignored.sentence);
                }
            }
            message
        };
        let mut diagnostic = Diagnostic::new(
            Code::SourceProfileWithoutCredentials,
            file,
            entry.value_span,
            message,
        );
        // The keys may be in a credential tool's own store (aws-vault's keychain)…
        let keeper = set
            .profile(empty)
            .and_then(|p| cx.tool_for_profile(p))
            .filter(|t| {
                t.effects
                    .contains(&crate::knowledge::tools::Effect::KeysInOwnStore)
            });
        if let Some(tool) = keeper {
            diagnostic = diagnostic.with_severity(crate::lint::Severity::Hint);
            diagnostic.message = format!(
                "`{empty}` has no credentials in the files: this works only through {} ({}), which keeps the keys of `{empty}` itself; the AWS SDKs and the AWS CLI fail (Rust SDK: \"profile `{empty}` did not contain credential information\").",
                tool.name, tool.summary
            );
        // …or in a credentials file this check was not given.
        } else if !cx.credentials_file_read() {
            diagnostic = diagnostic.with_severity(crate::lint::Severity::Warning);
            diagnostic.message.push_str(" (No credentials file was part of this check: if it holds keys for this profile, all is well.)");
        }
        pending.push((diagnostic, (referrer != empty).then_some(empty)));
    }
    let wanted = pending.iter().filter_map(|(_, empty)| *empty).collect();
    let headers = chains::profile_headers_of(cx, &wanted);
    let found = pending
        .into_iter()
        .map(
            |(diagnostic, empty)| match empty.and_then(|e| Some((e, headers.get(e)?))) {
                Some((empty, &(header_file, span))) => diagnostic.with_related(
                    header_file,
                    span,
                    format!("`{empty}` is declared here, without credentials"),
                ),
                None => diagnostic,
            },
        )
        .collect();
    chains::extend_once(out, found);
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind::*;

    // assume-role vector "missing credentials error (empty source profile)".
    #[test]
    fn empty_source_profile() {
        let run = lint(
            "[profile A]\nrole_arn = arn:foo\nsource_profile = B\n\n[profile B]\n",
            "",
        );
        assert_eq!(
            run.found(Code::SourceProfileWithoutCredentials),
            [(Config, 3, "B".to_string())]
        );
        let d = run.one(Code::SourceProfileWithoutCredentials);
        assert!(d
            .message
            .contains("profile `B` did not contain credential information"));
        assert_eq!(d.related.len(), 1);
        assert_eq!(d.related[0].span.slice(&run.texts[0]), "B");
        assert_eq!(
            d.related[0].span.start,
            "[profile A]\nrole_arn = arn:foo\nsource_profile = B\n\n[profile ".len()
        );
    }

    #[test]
    fn source_profile_with_settings_only_and_keys_in_an_ignored_section() {
        let run = lint(
            "[profile ops]\nregion = us-west-2\n\n[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/Deploy\nsource_profile = ops\n",
            "[profile ops]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
        );
        assert_eq!(
            run.found(Code::SourceProfileWithoutCredentials),
            [(Config, 6, "ops".to_string())]
        );
        let d = run.one(Code::SourceProfileWithoutCredentials);
        assert!(
            d.message
                .contains("A section `[profile ops]` exists in the credentials file"),
            "{}",
            d.message
        );
    }

    #[test]
    fn keys_in_the_aws_vault_keychain() {
        let run = lint(
            "[profile base]\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n[profile admin]\nsource_profile = base\nrole_arn = arn:aws:iam::123456789012:role/A\n[profile other]\ninclude_profile = base\n",
            "",
        );
        let d = run.one(Code::SourceProfileWithoutCredentials);
        assert_eq!(d.severity, crate::lint::Severity::Hint);
        assert!(
            d.message.contains("only through aws-vault"),
            "{}",
            d.message
        );
    }

    #[test]
    fn self_reference_without_keys() {
        let run = lint(
            "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = a\n",
            "",
        );
        assert_eq!(
            run.found(Code::SourceProfileWithoutCredentials),
            [(Config, 3, "a".to_string())]
        );
        let d = run.one(Code::SourceProfileWithoutCredentials);
        assert!(
            d.message.contains("InfiniteLoopConfigError"),
            "{}",
            d.message
        );
        assert!(run.of(Code::SourceProfileCycle).is_empty());
    }

    #[test]
    fn near_misses() {
        // Partial keys are `incomplete-credentials` (assume-role vector "partial credentials
        // error (missing secret)").
        let run = lint(
            "[profile A]\nrole_arn = arn:foo\nsource_profile = B\n",
            "[B]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n",
        );
        assert!(run.of(Code::SourceProfileWithoutCredentials).is_empty());
        // A selected profile with settings only is fine (assume-role vector "profile only
        // contains configuration"): its credentials come from elsewhere.
        let run = lint(
            "[profile A]\nec2_metadata_service_endpoint_mode = IPv6\n",
            "",
        );
        assert!(run.of(Code::SourceProfileWithoutCredentials).is_empty());
        // Source profiles with a web identity, SSO or a process are fine.
        let run = lint(
            "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::123456789012:role/B\nweb_identity_token_file = /var/token.jwt\n[profile c]\nrole_arn = arn:aws:iam::123456789012:role/C\nsource_profile = d\n[profile d]\ncredential_process = get-creds\n",
            "",
        );
        assert!(run.of(Code::SourceProfileWithoutCredentials).is_empty());
    }
}
