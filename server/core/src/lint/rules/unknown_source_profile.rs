//! `unknown-source-profile`: a `source_profile` that names no profile the SDKs load. Found
//! where the SDK for Rust fails to build a role chain with "could not find source profile",
//! and placed on the `source_profile` value that names the missing profile.
//!
//! One finding per missing profile: the first `source_profile` that names it carries it, and
//! every other profile that names it is related information. When no credentials file is part
//! of the analysis (`check` given a config file alone), the profile may be defined there: a
//! warning that says so instead of an error.

use crate::chain::ChainErrorKind;
use crate::lint::chains::{self, Target};
use crate::lint::values::has_surface_problem;
use crate::lint::{Code, Diagnostic, LintContext, Severity};
use crate::text::SharedStr;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let unresolver = chains::Unresolver::new(cx, Target::Profile);
    let set = &cx.model.profiles;
    let mut found: Vec<Diagnostic> = Vec::new();
    // The finding of each missing name, by its index in `found`.
    let mut first_of: crate::fast_hash::FastMap<String, usize> = Default::default();
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
        if let Some(&at) = first_of.get(missing) {
            let already = found[at].span == entry.value_span && found[at].file == file;
            if !already {
                found[at] = std::mem::replace(
                    &mut found[at],
                    Diagnostic::new(Code::UnknownSourceProfile, 0, entry.value_span, ""),
                )
                .with_related(
                    file,
                    entry.value_span,
                    format!("`{from}` names `{missing}` here too"),
                );
            }
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
        let diagnostic = if cx.credentials_file_read() {
            diagnostic
        } else {
            let mut d = diagnostic.with_severity(Severity::Warning);
            d.message.push_str(" (No credentials file was part of this check: if it defines this profile, all is well.)");
            d
        };
        first_of.insert(missing.to_string(), found.len());
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

    /// A missing profile named by many profiles is one finding, the others related to it.
    #[test]
    fn one_finding_for_a_missing_profile_named_many_times() {
        let mut config = String::new();
        for i in 0..21 {
            config.push_str(&format!(
                "[profile p{i}]\nrole_arn = arn:aws:iam::123456789012:role/R{i}\nsource_profile = gone\n"
            ));
        }
        let run = lint(&config, "");
        let d = run.one(Code::UnknownSourceProfile);
        assert_eq!(d.related.len(), 20);
        assert_eq!(d.related[0].message, "`p1` names `gone` here too");
    }

    #[test]
    fn a_config_file_checked_alone_gets_a_warning() {
        use crate::lint::Severity;
        use crate::model::{Input, Model};
        let config =
            "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = b\n";
        let model = Model::build(&[Input::config(config)]);
        let found = crate::lint::check(
            &crate::lint::LintContext::new(&model, vec![config]),
            &Default::default(),
        );
        let d = found
            .iter()
            .find(|d| d.code == Code::UnknownSourceProfile)
            .unwrap();
        assert_eq!(d.severity, Severity::Warning);
        assert!(d.message.contains("No credentials file"), "{}", d.message);
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
