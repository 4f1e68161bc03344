//! `unknown-source-profile`: a `source_profile` that names no profile the SDKs load. Found
//! where the SDK for Rust fails to build a role chain with "could not find source profile",
//! and placed on the `source_profile` value that names the missing profile.

use crate::chain::ChainErrorKind;
use crate::lint::chains::{self, Target};
use crate::lint::values::has_surface_problem;
use crate::lint::{Code, Diagnostic, LintContext};
use crate::text::SharedStr;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let unresolver = chains::Unresolver::new(cx, Target::Profile);
    let set = &cx.model.profiles;
    let mut found = Vec::new();
    // The profiles whose own chain stops at their source_profile.
    let candidates = chains::failures(cx, |profile| {
        profile.get("credential_source").is_none()
            && profile
                .get("source_profile")
                .is_some_and(|source| source != profile.name && set.profile(source).is_none())
    });
    for failure in candidates {
        let root = failure.error.root_cause();
        let ChainErrorKind::MissingProfile {
            referenced_from: Some(from),
        } = &root.kind
        else {
            continue;
        };
        let Some((file, entry)) = chains::entry(cx, from, "source_profile") else {
            continue;
        };
        let missing = root.profile.as_str();
        // An empty, quoted or multi-line value is reported by the rules for those.
        if missing.is_empty() || missing.contains('\n') || has_surface_problem(missing) {
            continue;
        }
        // The profile itself is no suggestion: naming itself needs static keys of its own.
        let used = cx
            .model
            .profiles
            .profiles
            .keys()
            .map(SharedStr::as_str)
            .filter(|name| name != from);
        let hint = unresolver.hint(missing, used);
        let message = format!(
            "`source_profile` names `{missing}`, but no profile of that name is loaded from the config or credentials file: the SDKs and the AWS CLI cannot assume the role of `{from}` (Rust SDK: \"could not find source profile {missing} referenced from {from}\")."
        );
        let diagnostic = hint.apply(
            Diagnostic::new(Code::UnknownSourceProfile, file, entry.value_span, message),
            entry.value_span,
            &format!("Define `[profile {missing}]` in the config file (or `[{missing}]` in the credentials file), or name an existing profile."),
        );
        found.push(diagnostic);
    }
    chains::extend_once(out, found);
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind::*;

    // assume-role vector "missing source profile".
    #[test]
    fn missing_source_profile() {
        let run = lint("[profile A]\nrole_arn = arn:foo\nsource_profile = B\n", "");
        assert_eq!(
            run.found(Code::UnknownSourceProfile),
            [(Config, 3, "B".to_string())]
        );
        let d = run.one(Code::UnknownSourceProfile);
        assert!(
            d.message
                .contains("could not find source profile B referenced from A"),
            "{}",
            d.message
        );
        assert!(d.fixes.is_empty());
    }

    #[test]
    fn typo_is_renamed_to_the_closest_profile() {
        let config = "[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/Deploy\nsource_profile = opss\n";
        let credentials = "[ops]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
        let run = lint(config, credentials);
        assert_eq!(
            run.found(Code::UnknownSourceProfile),
            [(Config, 3, "opss".to_string())]
        );
        let d = run.one(Code::UnknownSourceProfile);
        assert!(d.message.contains("Did you mean `ops`?"), "{}", d.message);
        let [fixed, _] = run.apply(d, 0);
        assert_eq!(fixed, config.replace("= opss", "= ops"));
        assert!(lint(&fixed, credentials)
            .of(Code::UnknownSourceProfile)
            .is_empty());
    }

    #[test]
    fn names_an_ignored_section() {
        let run = lint(
            "[staging]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n\n[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = staging\n",
            "",
        );
        assert_eq!(
            run.found(Code::UnknownSourceProfile),
            [(Config, 6, "staging".to_string())]
        );
        let d = run.one(Code::UnknownSourceProfile);
        assert!(
            d.message.contains("A section `[staging]` exists in the config file, but the SDKs ignore it because a config-file profile needs the `profile ` prefix"),
            "{}",
            d.message
        );
        assert!(d.fixes.is_empty());
    }

    #[test]
    fn reported_once_for_every_chain_through_it() {
        let run = lint(
            "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::123456789012:role/B\nsource_profile = nowhere\n[profile c]\nrole_arn = arn:aws:iam::123456789012:role/C\nsource_profile = b\n",
            "",
        );
        assert_eq!(
            run.found(Code::UnknownSourceProfile),
            [(Config, 6, "nowhere".to_string())]
        );
    }

    #[test]
    fn near_misses() {
        // The profile exists in the credentials file only.
        let run = lint(
            "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = b\n",
            "[b]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
        );
        assert!(
            run.of(Code::UnknownSourceProfile).is_empty(),
            "{:?}",
            run.codes()
        );
        // Without role_arn the SDKs never look at it (that is `source-without-role`).
        let run = lint("[profile a]\nsource_profile = nowhere\n", "");
        assert!(run.of(Code::UnknownSourceProfile).is_empty());
        // A source profile with static keys is the base: its own source_profile is not followed.
        let run = lint(
            "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = b\n",
            "[b]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nsource_profile = nowhere\n",
        );
        assert!(run.of(Code::UnknownSourceProfile).is_empty());
    }

    #[test]
    fn broken_fixture_deploy() {
        let run = lint(
            include_str!("../../../../../fixtures/broken/config"),
            include_str!("../../../../../fixtures/broken/credentials"),
        );
        assert_eq!(
            run.found(Code::UnknownSourceProfile),
            [(Config, 21, "opps".to_string())]
        );
        let d = run.one(Code::UnknownSourceProfile);
        assert!(d.message.contains("Did you mean `ops`?"), "{}", d.message);
        assert!(
            d.message.contains("A section `[profile ops]` exists in the credentials file, but the SDKs ignore it because the credentials file takes no `profile ` prefix (`[ops]`)."),
            "{}",
            d.message
        );
        assert_eq!(
            run.apply(d, 0)[0].lines().nth(20),
            Some("source_profile = ops")
        );
        assert_eq!(d.related.len(), 1);
        assert_eq!(d.related[0].file, 1);
        assert_eq!(d.related[0].span.slice(&run.texts[1]), "ops");
        assert_eq!(
            d.related[0].message,
            "`[profile ops]` is ignored by the SDKs"
        );
    }
}
