//! Shared by the role-chain and SSO rules: the chain failures of every profile as the SDK for
//! Rust reports them ([`crate::chain::resolve_chain`]), where a merged key was written, line
//! edits, references that name nothing (with the ignored section the user probably meant), and
//! reporting each problem once.

use crate::chain::{walk, ChainError, Failed};
use crate::fast_hash::FastMap as HashMap;
use crate::lint::suggest::did_you_mean;
use crate::lint::{Code, Diagnostic, LintContext};
use crate::model::{IgnoreReason, Profile, PropertyEntry, Section, SectionKind, SectionStatus};
use crate::text::Span;
use std::collections::hash_map::Entry;

/// A profile whose chain the SDK cannot build, and why.
pub struct Failure<'a> {
    pub selected: &'a str,
    pub error: ChainError,
}

/// Resolves the chain of every role profile (`role_arn` without `web_identity_token_file`)
/// that `candidate` keeps, and returns the failures. The other profiles are their own base
/// provider: what can go wrong there is local to the profile and checked by other rules.
///
/// Each rule passes a cheap test that keeps the profiles whose own chain can fail with the
/// error it reports (a chain error found from another profile's chain is always found from
/// the profile at fault too), so that only those are resolved.
pub fn failures<'a>(
    cx: &LintContext<'a>,
    candidate: impl FnMut(&'a Profile) -> bool,
) -> Vec<Failure<'a>> {
    failed_chains(cx, candidate)
        .into_iter()
        .map(|(selected, failed)| Failure {
            selected,
            error: failed.into_error(),
        })
        .collect()
}

/// [`failures`] as borrowed data, for rules that only look at a failure: building each
/// [`crate::chain::ChainError`] copies every name in it.
pub(crate) fn failed_chains<'a>(
    cx: &LintContext<'a>,
    mut candidate: impl FnMut(&'a Profile) -> bool,
) -> Vec<(&'a str, Failed<'a>)> {
    let model: &'a crate::model::Model = cx.model;
    let set = &model.profiles;
    set.profiles
        .values()
        .zip(cx.role_links())
        .filter(|&(profile, &link)| link && candidate(profile))
        .filter_map(|(profile, _)| {
            walk(set, &profile.name)
                .err()
                .map(|failed| (profile.name.as_str(), failed))
        })
        .collect()
}

/// True when the SDK for Rust treats the profile as a chain link.
pub fn assumes_role(profile: &Profile) -> bool {
    profile.get("role_arn").is_some() && profile.get("web_identity_token_file").is_none()
}

/// True when the profile holds both halves of a static key pair.
pub fn has_static_keys(profile: &Profile) -> bool {
    profile.get("aws_access_key_id").is_some() && profile.get("aws_secret_access_key").is_some()
}

/// True when the profile holds any static key: the SDK then reads it as static credentials,
/// complete or not.
pub fn has_any_static_key(profile: &Profile) -> bool {
    [
        "aws_access_key_id",
        "aws_secret_access_key",
        "aws_session_token",
    ]
    .iter()
    .any(|key| profile.get(key).is_some())
}

/// The merged profiles in which `key` is set and `keep(profile, value)` holds, with the entry
/// the value comes from. `keep` runs first, so that the entry is looked up only for the
/// profiles a rule reports on.
pub fn profiles_with<'a>(
    cx: &LintContext<'a>,
    key: &str,
    mut keep: impl FnMut(&'a Profile, &'a str) -> bool,
) -> Vec<(&'a Profile, usize, &'a PropertyEntry)> {
    let model: &'a crate::model::Model = cx.model;
    model
        .profiles
        .profiles
        .values()
        .filter_map(|profile| {
            let value = profile.value(key)?;
            if !keep(profile, &value.value) {
                return None;
            }
            let (file, entry) = cx.origin(value)?;
            Some((profile, file, entry))
        })
        .collect()
}

/// Where the value of `key` in a merged profile was written.
pub fn origin_of<'a>(
    cx: &LintContext<'a>,
    profile: &'a Profile,
    key: &str,
) -> Option<(usize, &'a PropertyEntry)> {
    cx.origin(profile.value(key)?)
}

/// Where the winning value of `key` in the merged profile `name` was written.
pub fn entry<'a>(
    cx: &LintContext<'a>,
    name: &str,
    key: &str,
) -> Option<(usize, &'a PropertyEntry)> {
    let model: &'a crate::model::Model = cx.model;
    let value = model.profiles.profile(name)?.value(key)?;
    cx.origin(value)
}

/// An edit that inserts `line` (without line ending) as a new line after zero-based line
/// `after` of `file`: the span (empty) and the text to insert.
pub fn insert_line_after(
    cx: &LintContext<'_>,
    file: usize,
    after: usize,
    line: &str,
) -> (Span, String) {
    let lines = &cx.model.files[file].tree.lines;
    let after = &lines[after.min(lines.len().saturating_sub(1))];
    if after.terminator.is_empty() {
        (Span::empty(after.span.end), format!("\n{line}"))
    } else {
        let ending = after.terminator.slice(cx.text(file));
        (Span::empty(after.terminator.end), format!("{line}{ending}"))
    }
}

/// Where each used profile is first declared (config file first): for related information.
pub fn profile_headers<'a>(cx: &LintContext<'a>) -> HashMap<&'a str, (usize, Span)> {
    let mut headers =
        HashMap::with_capacity_and_hasher(cx.model.profiles.profiles.len(), Default::default());
    for (file, _, _, section) in cx.used_sections() {
        if section.kind == SectionKind::Profile {
            headers
                .entry(section.name.as_str())
                .or_insert((file, section.name_span));
        }
    }
    headers
}

/// [`profile_headers`] for the profiles named in `names` only: a small map, whatever the
/// number of profiles.
pub(crate) fn profile_headers_of<'a>(
    cx: &LintContext<'a>,
    names: &crate::fast_hash::FastSet<&str>,
) -> HashMap<&'a str, (usize, Span)> {
    let mut headers = HashMap::default();
    if names.is_empty() {
        return headers;
    }
    for (file, _, _, section) in cx.used_sections() {
        if section.kind == SectionKind::Profile && names.contains(section.name.as_str()) {
            headers
                .entry(section.name.as_str())
                .or_insert((file, section.name_span));
        }
    }
    headers
}

/// What a `source_profile`, `sso_session` or `services` value refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Profile,
    SsoSession,
    Services,
}

impl Target {
    fn prefix(self) -> &'static str {
        match self {
            Target::Profile => "profile",
            Target::SsoSession => "sso-session",
            Target::Services => "services",
        }
    }

    fn kind(self) -> SectionKind {
        match self {
            Target::Profile => SectionKind::Profile,
            Target::SsoSession => SectionKind::SsoSession,
            Target::Services => SectionKind::Services,
        }
    }
}

/// A section that looks like it defines a `target` but that the SDKs ignore.
#[derive(Clone)]
pub struct IgnoredSection<'a> {
    pub file: usize,
    pub section: &'a Section,
    /// "A section `[x]` exists in the config file, but the SDKs ignore it because …."
    pub sentence: String,
}

/// Ignored sections that would define a `target` if they were written correctly.
pub fn ignored_sections<'a>(cx: &LintContext<'a>, target: Target) -> Vec<IgnoredSection<'a>> {
    let mut found = Vec::new();
    for (file, model, _, section) in cx.sections() {
        let SectionStatus::Ignored(reason) = section.status else {
            continue;
        };
        let name = &section.name;
        let because = match reason {
            IgnoreReason::MissingProfilePrefix if target == Target::Profile => {
                format!("a config-file profile needs the `profile ` prefix (`[profile {name}]`)")
            }
            IgnoreReason::ProfilePrefixInCredentials if target == Target::Profile => {
                format!("the credentials file takes no `profile ` prefix (`[{name}]`)")
            }
            IgnoreReason::PrefixedSectionInCredentials if section.kind == target.kind() => format!(
                "`[{} …]` sections are read from the config file only",
                target.prefix()
            ),
            IgnoreReason::InvalidName if section.kind == target.kind() => {
                "its name has characters outside `A-Za-z0-9_-/.%@:+`".to_string()
            }
            IgnoreReason::UnknownPrefix => {
                let prefix = section.prefix.as_deref().unwrap_or_default();
                if did_you_mean(prefix, [target.prefix()]).is_none() {
                    continue;
                }
                format!(
                    "`{prefix}` is not a section type they know (the prefix is `{}`)",
                    target.prefix()
                )
            }
            _ => continue,
        };
        found.push(IgnoredSection {
            file,
            section,
            sentence: format!(
                "A section `[{}]` exists in the {} file, but the SDKs ignore it because {because}.",
                section.raw_key.trim(),
                model.kind
            ),
        });
    }
    found
}

/// What to say about a reference that names nothing the SDKs load.
pub struct Unresolved<'a> {
    /// A close name to rename the value to.
    pub suggestion: Option<&'a str>,
    /// Ignored sections with this name (or the suggested one) worth mentioning.
    pub ignored: Vec<IgnoredSection<'a>>,
}

impl Unresolved<'_> {
    /// Adds the suggestion and the ignored sections to `message`, the ignored sections as
    /// related information to `diagnostic`, and the rename fix; `otherwise` when there is
    /// nothing to suggest.
    pub fn apply(
        self,
        mut diagnostic: Diagnostic,
        value_span: Span,
        otherwise: &str,
    ) -> Diagnostic {
        if let Some(suggestion) = self.suggestion {
            diagnostic
                .message
                .push_str(&format!(" Did you mean `{suggestion}`?"));
        }
        for ignored in &self.ignored {
            diagnostic.message.push(' ');
            diagnostic.message.push_str(&ignored.sentence);
        }
        if self.suggestion.is_none() && self.ignored.is_empty() {
            diagnostic.message.push(' ');
            diagnostic.message.push_str(otherwise);
        }
        for ignored in &self.ignored {
            diagnostic = diagnostic.with_related(
                ignored.file,
                ignored.section.name_span,
                format!(
                    "`[{}]` is ignored by the SDKs",
                    ignored.section.raw_key.trim()
                ),
            );
        }
        if let Some(suggestion) = self.suggestion {
            diagnostic =
                diagnostic.with_fix(format!("Change to `{suggestion}`"), value_span, suggestion);
        }
        diagnostic
    }
}

/// Looks for what dangling references probably meant. Made once per rule: the ignored
/// sections it compares with are gathered on first use, not once per reference (a file with
/// thousands of dangling references must stay linear).
pub struct Unresolver<'c, 'a> {
    cx: &'c LintContext<'a>,
    target: Target,
    ignored: std::cell::OnceCell<Vec<IgnoredSection<'a>>>,
    /// Suggestions compare a name with every candidate: after this many, a file with
    /// thousands of dangling references gets the diagnostics without the "did you mean".
    suggestions_left: std::cell::Cell<usize>,
}

const MAX_SUGGESTIONS: usize = 50;

impl<'c, 'a> Unresolver<'c, 'a> {
    pub fn new(cx: &'c LintContext<'a>, target: Target) -> Self {
        Unresolver {
            cx,
            target,
            ignored: std::cell::OnceCell::new(),
            suggestions_left: std::cell::Cell::new(MAX_SUGGESTIONS),
        }
    }

    /// What `value` probably meant: an ignored section with that very name, else the closest
    /// of the `used` names and the ignored sections' names. For sessions and services, an
    /// ignored look-alike section is mentioned even when its name is not close
    /// (`[sso-sesion acme]` for `sso_session = acme-sso`).
    pub fn hint(&self, value: &str, used: impl IntoIterator<Item = &'a str>) -> Unresolved<'a> {
        let all = self
            .ignored
            .get_or_init(|| ignored_sections(self.cx, self.target));
        let named: Vec<IgnoredSection<'a>> = all
            .iter()
            .filter(|i| i.section.name == value)
            .cloned()
            .collect();
        if !named.is_empty() {
            return Unresolved {
                suggestion: None,
                ignored: named,
            };
        }
        let left = self.suggestions_left.get();
        let (suggestion, used) = if left > 0 {
            self.suggestions_left.set(left - 1);
            let used: Vec<&'a str> = used.into_iter().collect();
            let candidates = used
                .iter()
                .copied()
                .chain(all.iter().map(|i| i.section.name.as_str()));
            (did_you_mean(value, candidates), used)
        } else {
            (None, Vec::new())
        };
        let ignored = match suggestion {
            Some(name) if !used.contains(&name) => all
                .iter()
                .filter(|i| i.section.name == name)
                .take(1)
                .cloned()
                .collect(),
            None if self.target != Target::Profile => all.iter().take(2).cloned().collect(),
            _ => Vec::new(),
        };
        Unresolved {
            suggestion,
            ignored,
        }
    }
}

/// Adds the diagnostics to `out`, each problem once: a diagnostic with the same code, file
/// and span as an earlier one (the same fault reached from another profile's chain) only adds
/// its related information to the first.
pub fn extend_once(out: &mut Vec<Diagnostic>, found: Vec<Diagnostic>) {
    let mut unique: Vec<Diagnostic> = Vec::new();
    let mut index: HashMap<(Code, usize, Span), usize> = HashMap::default();
    index.reserve(found.len());
    unique.reserve(found.len());
    for diagnostic in found {
        match index.entry((diagnostic.code, diagnostic.file, diagnostic.span)) {
            Entry::Occupied(at) => {
                let existing = &mut unique[*at.get()];
                for related in diagnostic.related {
                    if !existing.related.contains(&related) {
                        existing.related.push(related);
                    }
                }
            }
            Entry::Vacant(slot) => {
                slot.insert(unique.len());
                unique.push(diagnostic);
            }
        }
    }
    out.extend(unique);
}

/// The codes of the role-chain and SSO rules, for tests that a clean file stays clean of them.
#[cfg(test)]
pub(crate) const CODES: &[Code] = &[
    Code::UnknownSourceProfile,
    Code::SourceProfileCycle,
    Code::ConflictingCredentialSource,
    Code::RoleWithoutSource,
    Code::SourceWithoutRole,
    Code::SourceProfileWithoutCredentials,
    Code::WebIdentityWithoutRole,
    Code::UnknownSsoSession,
    Code::UnknownServices,
    Code::IncompleteSso,
    Code::SsoSessionConflict,
];

/// The role-chain and SSO findings of a test run, as codes.
#[cfg(test)]
pub(crate) fn chain_codes(run: &crate::lint::test_support::Run) -> Vec<&'static str> {
    run.diagnostics
        .iter()
        .filter(|d| CODES.contains(&d.code))
        .map(|d| d.code.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::chain_codes;
    use crate::lint::test_support::lint;

    /// The assume-role test vectors of the AWS SDK for Rust
    /// (/work/shared/conformance/aws-sdk/assume-role-tests.json), written as config files:
    /// each profile as `[profile NAME]`, sessions as `[sso-session NAME]`. Every profile of a
    /// file is linted, not only the selected one, so the expected codes cover them all.
    const VECTORS: &[(&str, &str, &[&str])] = &[
        ("basic test case", "[profile A]\nrole_arn = arn:aws:iam::123456789:role/RoleA\nsource_profile = B\n[profile B]\naws_access_key_id = abc123\naws_secret_access_key = def456\naws_account_id = 123456789001\n", &[]),
        ("ignore explicit credentials when source profile is specified", "[profile A]\naws_access_key_id = abc123\naws_secret_access_key = def456\nrole_arn = arn:aws:iam::123456789:role/RoleA\nsource_profile = B\n[profile B]\naws_access_key_id = ghi890\naws_secret_access_key = jkl123\n", &[]),
        ("role_session_name", "[profile A]\nrole_arn = arn:aws:iam::123456789:role/RoleA\nrole_session_name = my_session_name\nsource_profile = B\n[profile B]\naws_access_key_id = abc123\naws_secret_access_key = def456\n", &[]),
        ("external id", "[profile A]\nrole_arn = arn:aws:iam::123456789:role/RoleA\nexternal_id = my_external_id\nsource_profile = B\n[profile B]\naws_access_key_id = abc123\naws_secret_access_key = def456\n", &[]),
        ("self referential profile", "[profile A]\naws_access_key_id = abc123\naws_secret_access_key = def456\nrole_arn = arn:aws:iam::123456789:role/RoleA\nsource_profile = A\n", &[]),
        ("credential_source", "[profile A]\nrole_arn = arn:aws:iam::123456789:role/RoleA\ncredential_source = Ec2InstanceMetadata\n", &[]),
        ("role_arn without source", "[profile A]\nrole_arn = arn:aws:iam::123456789:role/RoleA\n", &["role-without-source"]),
        ("both sources", "[profile A]\nrole_arn = arn:aws:iam::123456789:role/RoleA\ncredential_source = Environment\nsource_profile = B\n[profile B]\naws_access_key_id = !23\naws_secret_access_key = 456\n", &["conflicting-credential-source"]),
        // Partial keys are `incomplete-credentials`, another rule's.
        ("missing secret", "[profile A]\nrole_arn = arn:foo\nsource_profile = B\n[profile B]\naws_access_key_id = abc123\n", &[]),
        ("missing access key", "[profile A]\nrole_arn = arn:foo\nsource_profile = B\n[profile B]\naws_secret_access_key = abc123\n", &[]),
        ("empty source profile", "[profile A]\nrole_arn = arn:foo\nsource_profile = B\n[profile B]\n", &["source-profile-without-credentials"]),
        ("profile only contains configuration", "[profile A]\nec2_metadata_service_endpoint_mode = IPv6\n", &[]),
        ("missing source profile", "[profile A]\nrole_arn = arn:foo\nsource_profile = B\n", &["unknown-source-profile"]),
        ("missing root profile", "", &[]),
        ("multiple chained", "[profile A]\nrole_arn = arn:aws:iam::123456789:role/RoleA\nsource_profile = B\n[profile B]\nrole_arn = arn:aws:iam::123456789:role/RoleB\nsource_profile = C\n[profile C]\naws_access_key_id = mno456\naws_secret_access_key = pqr789\n", &[]),
        ("static credentials win in source profiles", "[profile A]\nrole_arn = arn:aws:iam::123456789:role/RoleA\naws_access_key_id = bug_if_returned\naws_secret_access_key = bug_if_returned\nsource_profile = B\n[profile B]\nrole_arn = arn:aws:iam::123456789:role/RoleB\nsource_profile = C\naws_access_key_id = profile_b_key\naws_secret_access_key = profile_b_secret\n[profile C]\naws_access_key_id = bug_if_returned\naws_secret_access_key = bug_if_returned\n", &[]),
        ("infinite loop", "[profile A]\nrole_arn = arn:aws:iam::123456789:role/RoleA\nsource_profile = B\n[profile B]\nrole_arn = arn:aws:iam::123456789:role/RoleB\nsource_profile = A\n", &["source-profile-cycle", "source-profile-cycle"]),
        ("infinite loop with static credentials", "[profile A]\nrole_arn = arn:aws:iam::123456789:role/RoleA\naws_access_key_id = bug_if_returned\naws_secret_access_key = bug_if_returned\nsource_profile = B\n[profile B]\nrole_arn = arn:aws:iam::123456789:role/RoleB\nsource_profile = A\n", &["source-profile-cycle", "source-profile-cycle"]),
        ("web identity role", "[profile A]\nrole_arn = arn:aws:iam::123456789:role/RoleA\nweb_identity_token_file = /var/token.jwt\n", &[]),
        ("web identity role with session name", "[profile A]\nrole_arn = arn:aws:iam::123456789:role/RoleA\nweb_identity_token_file = /var/token.jwt\nrole_session_name = some_session_name\n", &[]),
        ("web identity without role", "[profile A]\nweb_identity_token_file = /var/token.jwt\n", &["web-identity-without-role"]),
        ("web identity token as source profile", "[profile A]\nrole_arn = arn:aws:iam::123456789:role/RoleA\nsource_profile = B\n[profile B]\nrole_arn = arn:aws:iam::123456789:role/RoleB\nweb_identity_token_file = /var/token.jwt\nrole_session_name = some_session_name\n", &[]),
        ("SSO credentials profile", "[profile A]\nsso_account_id = 0123\nsso_region = us-east-7\nsso_role_name = testrole\nsso_start_url = https://foo.bar\n", &[]),
        ("SSO missing account ID", "[profile A]\nsso_region = us-east-7\nsso_role_name = testrole\nsso_start_url = https://foo.bar\n", &["incomplete-sso"]),
        ("SSO missing role name", "[profile A]\nsso_region = us-east-7\nsso_account_id = 012345678901\nsso_start_url = https://foo.bar\n", &["incomplete-sso"]),
        ("sso_region must be in sso-session", "[profile A]\nsso_session = A\nsso_region = us-east-7\n[sso-session A]\nsso_start_url = https://foo.bar\n", &["sso-session-conflict", "incomplete-sso"]),
        ("SSO token profile", "[profile A]\nsso_session = foo\n[sso-session foo]\nsso_region = us-east-7\nsso_start_url = https://foo.bar\n", &[]),
        ("sso-session not found", "[profile A]\nsso_session = oops\n", &["unknown-sso-session"]),
    ];

    #[test]
    fn assume_role_vectors_agree() {
        assert_eq!(VECTORS.len(), 28);
        for (name, config, expected) in VECTORS {
            let run = lint(config, "");
            assert_eq!(
                chain_codes(&run),
                *expected,
                "{name}: {:#?}",
                run.diagnostics
            );
        }
    }

    #[test]
    fn realistic_clean_files() {
        let run = lint(
            include_str!("../../../../fixtures/valid/config"),
            include_str!("../../../../fixtures/valid/credentials"),
        );
        assert!(chain_codes(&run).is_empty(), "{:#?}", run.diagnostics);
    }

    #[test]
    fn broken_fixture_findings() {
        let run = lint(
            include_str!("../../../../fixtures/broken/config"),
            include_str!("../../../../fixtures/broken/credentials"),
        );
        assert_eq!(
            chain_codes(&run),
            [
                "unknown-sso-session",
                "unknown-source-profile",
                "source-profile-cycle",
                "source-profile-cycle"
            ]
        );
    }
}
