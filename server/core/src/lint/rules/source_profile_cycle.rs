//! `source-profile-cycle`: `source_profile` links that loop back to a profile already in the
//! chain. Found where the SDK for Rust fails with "profile formed an infinite loop"; each
//! `source_profile` of the loop is reported, with the other members as related information.
//!
//! A profile naming itself is not a loop for the SDK for Rust: with static keys it is valid
//! everywhere; without any credentials it is `source-profile-without-credentials`; with
//! another base (`credential_process`, SSO, `login_session`) the Rust SDK uses that base but
//! botocore and the AWS CLI raise `InfiniteLoopConfigError`, which is reported here as a
//! warning.

use crate::chain::{resolve_chain, BaseProvider, ChainErrorKind};
use crate::fast_hash::{FastMap as HashMap, FastSet as HashSet};
use crate::lint::chains;
use crate::lint::context::facts;
use crate::lint::{Code, Diagnostic, LintContext, Severity};
use crate::model::{Profile, PropertyEntry};

/// Longer loops are shown by their first members: the related places and the path stop here.
const MAX_SHOWN: usize = 10;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let mut found = Vec::new();
    let on_loops = on_link_loops(cx, &mut found);
    if on_loops.is_empty() {
        chains::extend_once(out, found);
        return;
    }
    // Every member of a loop fails with the same loop: report each loop once.
    let mut reported: HashSet<String> = HashSet::default();
    let set = &cx.model.profiles;
    for profile in set.profiles.values() {
        let name = profile.name.as_str();
        if !chains::assumes_role(profile) || !on_loops.contains(name) || reported.contains(name) {
            continue;
        }
        let Err(error) = resolve_chain(set, name) else {
            continue;
        };
        let root = error.root_cause();
        let ChainErrorKind::CredentialLoop { next } = &root.kind else {
            continue;
        };
        let Some(start) = root.visited.iter().position(|name| name == next) else {
            continue;
        };
        let members = &root.visited[start..];
        if members.iter().any(|name| reported.contains(name)) {
            continue;
        }
        reported.extend(members.iter().cloned());
        let places: Vec<_> = members
            .iter()
            .map(|name| chains::entry(cx, name, "source_profile"))
            .collect();
        if places.iter().any(Option::is_none) {
            continue;
        }
        for (i, place) in places.iter().enumerate() {
            let (file, entry) = place.expect("checked above");
            let mut path: Vec<&str> = (0..=members.len().min(MAX_SHOWN))
                .map(|k| members[(i + k) % members.len()].as_str())
                .collect();
            if members.len() > MAX_SHOWN {
                path.push("…");
            }
            let path = path.join(" → ");
            let mut diagnostic = Diagnostic::new(
                Code::SourceProfileCycle,
                file,
                entry.value_span,
                format!(
                    "These `source_profile` links form a loop: {path}. The Rust SDK fails (\"profile formed an infinite loop\"), botocore and the AWS CLI raise InfiniteLoopConfigError, and the Java SDK reports a circular relationship. Point one of them at a profile that has credentials."
                ),
            );
            for (k, other) in places
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != i)
                .take(MAX_SHOWN)
            {
                let (other_file, other_entry) = other.expect("checked above");
                let from = &members[k];
                let to = &members[(k + 1) % members.len()];
                diagnostic = diagnostic.with_related(
                    other_file,
                    other_entry.value_span,
                    format!("`{from}` continues the loop to `{to}` here"),
                );
            }
            found.push(diagnostic);
        }
    }
    chains::extend_once(out, found);
}

/// The profiles on a loop of `source_profile` links between role profiles, static keys left
/// aside: the only ones whose own chain can loop (a chain that loops from elsewhere loops from
/// the profile where it re-enters too). Self-references are checked on the way.
fn on_link_loops<'a>(cx: &LintContext<'a>, found: &mut Vec<Diagnostic>) -> HashSet<&'a str> {
    let model: &'a crate::model::Model = cx.model;
    let set = &model.profiles;
    // A profile that links on: a role profile with a source_profile and no credential_source.
    let link = |profile: &'a Profile| -> Option<&'a str> {
        let source = profile.get("source_profile")?;
        (chains::assumes_role(profile) && profile.get("credential_source").is_none())
            .then_some(source)
    };
    let mut next: HashMap<&'a str, &'a str> = HashMap::default();
    for profile in cx.profiles_holding_any(facts::SOURCE_PROFILE) {
        let Some(source) = link(profile) else {
            continue;
        };
        if source == profile.name {
            if let Some((file, entry)) = chains::origin_of(cx, profile, "source_profile") {
                self_reference(cx, profile, file, entry, found);
            }
        } else if set.profile(source).and_then(link).is_some() {
            // Links into a profile that does not link on end there: no loop.
            next.insert(profile.name.as_str(), source);
        }
    }
    // Each profile has at most one link out: walk from every profile, marking the walk, until
    // a profile already seen; when it was seen on this walk, the walk has closed a loop.
    let mut walk_of: HashMap<&'a str, usize> = HashMap::default();
    let mut on_loops = HashSet::default();
    let starts: Vec<&'a str> = next.keys().copied().collect();
    for (walk, start) in starts.into_iter().enumerate() {
        let mut path = Vec::new();
        let mut current = Some(start);
        while let Some(name) = current {
            if let Some(&seen) = walk_of.get(name) {
                if seen == walk {
                    let begin = path.iter().position(|p| *p == name).unwrap_or(0);
                    on_loops.extend(path[begin..].iter().copied());
                }
                break;
            }
            walk_of.insert(name, walk);
            path.push(name);
            current = next.get(name).copied();
        }
    }
    on_loops
}

/// A role profile that names itself and starts from a base other than static keys: valid for
/// the SDK for Rust, an infinite loop for botocore.
fn self_reference(
    cx: &LintContext<'_>,
    profile: &Profile,
    file: usize,
    entry: &PropertyEntry,
    found: &mut Vec<Diagnostic>,
) {
    let Ok(chain) = resolve_chain(&cx.model.profiles, &profile.name) else {
        return;
    };
    let base = match chain.base {
        BaseProvider::AccessKey { .. } | BaseProvider::NamedSource { .. } => return,
        BaseProvider::CredentialProcess { .. } => "`credential_process`",
        BaseProvider::Sso { .. } => "SSO settings",
        BaseProvider::LoginSession { .. } => "`login_session`",
        BaseProvider::WebIdentityToken { .. } => "web identity token",
    };
    found.push(
            Diagnostic::new(
                Code::SourceProfileCycle,
                file,
                entry.value_span,
                format!(
                    "`source_profile` names this profile itself, which has no static keys: the Rust SDK starts from its {base} and then assumes the role, but botocore and the AWS CLI raise InfiniteLoopConfigError (a profile may name itself only to use its own `aws_access_key_id`/`aws_secret_access_key`). Move the {base} to a profile of its own and name that one in `source_profile`."
                ),
            )
            .with_severity(Severity::Warning),
        );
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::{Code, Severity};
    use crate::model::FileKind::*;

    // assume-role vector "assume role profile infinite loop".
    #[test]
    fn two_profiles_that_name_each_other() {
        let run = lint(
            "[profile A]\nrole_arn = arn:aws:iam::123456789012:role/RoleA\nsource_profile = B\n\n[profile B]\nrole_arn = arn:aws:iam::123456789012:role/RoleB\nsource_profile = A\n",
            "",
        );
        assert_eq!(
            run.found(Code::SourceProfileCycle),
            [(Config, 3, "B".to_string()), (Config, 7, "A".to_string())]
        );
        let first = &run.of(Code::SourceProfileCycle)[0];
        assert!(first.message.contains("A → B → A"), "{}", first.message);
        assert!(
            first.message.contains("InfiniteLoopConfigError"),
            "{}",
            first.message
        );
        assert_eq!(first.related.len(), 1);
        assert_eq!(
            first.related[0].message,
            "`B` continues the loop to `A` here"
        );
        let second = &run.of(Code::SourceProfileCycle)[1];
        assert!(second.message.contains("B → A → B"), "{}", second.message);
    }

    // assume-role vector "infinite loop with static credentials": only selecting A loops.
    #[test]
    fn loop_through_a_profile_with_static_keys() {
        let run = lint(
            "[profile A]\nrole_arn = arn:aws:iam::123456789012:role/RoleA\nsource_profile = B\n[profile B]\nrole_arn = arn:aws:iam::123456789012:role/RoleB\nsource_profile = A\n",
            "[A]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
        );
        assert_eq!(
            run.found(Code::SourceProfileCycle),
            [(Config, 3, "B".to_string()), (Config, 6, "A".to_string())]
        );
    }

    #[test]
    fn longer_loop_entered_from_outside_is_reported_once_per_link() {
        let run = lint(
            "[profile x]\nrole_arn = arn:aws:iam::1:role/X\nsource_profile = a\n[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = c\n[profile c]\nrole_arn = arn:aws:iam::1:role/C\nsource_profile = a\n",
            "",
        );
        assert_eq!(
            run.found(Code::SourceProfileCycle),
            [
                (Config, 6, "b".to_string()),
                (Config, 9, "c".to_string()),
                (Config, 12, "a".to_string())
            ]
        );
        assert_eq!(run.of(Code::SourceProfileCycle)[0].related.len(), 2);
    }

    #[test]
    fn broken_fixture_loop() {
        let run = lint(
            include_str!("../../../../../fixtures/broken/config"),
            include_str!("../../../../../fixtures/broken/credentials"),
        );
        assert_eq!(
            run.found(Code::SourceProfileCycle),
            [
                (Config, 25, "loop-b".to_string()),
                (Config, 29, "loop-a".to_string())
            ]
        );
    }

    // assume-role vector "self referential profile": valid.
    #[test]
    fn self_reference_with_static_keys_is_valid() {
        let run = lint(
            "[profile A]\nrole_arn = arn:aws:iam::123456789012:role/RoleA\nsource_profile = A\n",
            "[A]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
        );
        assert!(run.of(Code::SourceProfileCycle).is_empty());
        // A plain chain is no loop either.
        let run = lint(
            "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = c\n",
            "[c]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
        );
        assert!(run.of(Code::SourceProfileCycle).is_empty());
    }

    #[test]
    fn self_reference_with_credential_process_loops_for_botocore() {
        let run = lint(
            "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = a\ncredential_process = get-creds\n",
            "",
        );
        assert_eq!(
            run.found(Code::SourceProfileCycle),
            [(Config, 3, "a".to_string())]
        );
        let d = run.one(Code::SourceProfileCycle);
        assert_eq!(d.severity, Severity::Warning);
        assert!(d.message.contains("`credential_process`"), "{}", d.message);
    }
}
