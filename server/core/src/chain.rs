//! Role-chain resolution: which credential providers a profile selects, or exactly why the
//! SDK fails, decided as the AWS SDK for Rust decides it (`aws-config`
//! `profile::credentials::repr::resolve_chain`).
//!
//! The selected profile is read first. If it has a `role_arn` (and no
//! `web_identity_token_file`), it is a link: it needs `source_profile` xor `credential_source`,
//! and the chain moves on to the source. Any other profile is the base, read in this order:
//! `credential_source`, `web_identity_token_file` + `role_arn`, SSO keys, `login_session`,
//! `credential_process`, static keys. After the first profile, static keys win over a
//! profile's own `role_arn`. A profile may name itself as its source when it holds static keys.

use crate::fast_hash::FastSet;
use crate::model::{Profile, ProfileSet, DEFAULT_PROFILE};
use crate::text::mask_secret;
use std::fmt;

/// The providers a profile resolves to: a base, then the roles assumed in order.
#[derive(Clone, PartialEq, Eq)]
pub struct ProfileChain<'a> {
    pub base: BaseProvider<'a>,
    /// Roles to assume with the base credentials, first one first.
    pub roles: Vec<AssumeRole<'a>>,
    /// The profiles read, from the selected one to the one that holds the base.
    pub profiles: Vec<&'a str>,
}

/// A provider that needs no credentials of its own.
#[derive(Clone, PartialEq, Eq)]
pub enum BaseProvider<'a> {
    /// `credential_source = Environment | Ec2InstanceMetadata | EcsContainer`
    NamedSource { profile: &'a str, name: &'a str },
    AccessKey {
        profile: &'a str,
        access_key_id: &'a str,
        secret_access_key: &'a str,
        session_token: Option<&'a str>,
        account_id: Option<&'a str>,
    },
    WebIdentityToken {
        profile: &'a str,
        role_arn: &'a str,
        web_identity_token_file: &'a str,
        role_session_name: Option<&'a str>,
    },
    Sso {
        profile: &'a str,
        sso_session: Option<&'a str>,
        sso_region: &'a str,
        sso_start_url: &'a str,
        sso_account_id: Option<&'a str>,
        sso_role_name: Option<&'a str>,
    },
    LoginSession {
        profile: &'a str,
        login_session: &'a str,
    },
    CredentialProcess {
        profile: &'a str,
        command: &'a str,
        account_id: Option<&'a str>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssumeRole<'a> {
    pub profile: &'a str,
    pub role_arn: &'a str,
    pub external_id: Option<&'a str>,
    pub role_session_name: Option<&'a str>,
}

impl BaseProvider<'_> {
    /// The profile the base credentials come from.
    pub fn profile(&self) -> &str {
        match self {
            BaseProvider::NamedSource { profile, .. }
            | BaseProvider::AccessKey { profile, .. }
            | BaseProvider::WebIdentityToken { profile, .. }
            | BaseProvider::Sso { profile, .. }
            | BaseProvider::LoginSession { profile, .. }
            | BaseProvider::CredentialProcess { profile, .. } => profile,
        }
    }
}

// Secrets never reach a log through Debug: the secret key and token are masked, and a
// credential_process command shows its program only (its arguments may hold secrets).
impl fmt::Debug for BaseProvider<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BaseProvider::NamedSource { profile, name } => f
                .debug_struct("NamedSource")
                .field("profile", profile)
                .field("name", name)
                .finish(),
            BaseProvider::AccessKey {
                profile,
                access_key_id,
                secret_access_key,
                session_token,
                account_id,
            } => f
                .debug_struct("AccessKey")
                .field("profile", profile)
                .field("access_key_id", access_key_id)
                .field("secret_access_key", &mask_secret(secret_access_key))
                .field("session_token", &session_token.map(mask_secret))
                .field("account_id", account_id)
                .finish(),
            BaseProvider::WebIdentityToken {
                profile,
                role_arn,
                web_identity_token_file,
                role_session_name,
            } => f
                .debug_struct("WebIdentityToken")
                .field("profile", profile)
                .field("role_arn", role_arn)
                .field("web_identity_token_file", web_identity_token_file)
                .field("role_session_name", role_session_name)
                .finish(),
            BaseProvider::Sso {
                profile,
                sso_session,
                sso_region,
                sso_start_url,
                sso_account_id,
                sso_role_name,
            } => f
                .debug_struct("Sso")
                .field("profile", profile)
                .field("sso_session", sso_session)
                .field("sso_region", sso_region)
                .field("sso_start_url", sso_start_url)
                .field("sso_account_id", sso_account_id)
                .field("sso_role_name", sso_role_name)
                .finish(),
            BaseProvider::LoginSession {
                profile,
                login_session,
            } => f
                .debug_struct("LoginSession")
                .field("profile", profile)
                .field("login_session", login_session)
                .finish(),
            BaseProvider::CredentialProcess {
                profile,
                command,
                account_id,
            } => {
                let program = command.split([' ', '\t']).next().unwrap_or_default();
                let shown = if program.len() < command.trim_end().len() {
                    format!("{program} ** arguments redacted **")
                } else {
                    program.to_string()
                };
                f.debug_struct("CredentialProcess")
                    .field("profile", profile)
                    .field("command", &shown)
                    .field("account_id", account_id)
                    .finish()
            }
        }
    }
}

impl fmt::Debug for ProfileChain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProfileChain")
            .field("base", &self.base)
            .field("roles", &self.roles)
            .field("profiles", &self.profiles)
            .finish()
    }
}

/// Why the SDK cannot build a provider chain for a profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainError {
    /// The profile at fault (for `MissingProfile`, the missing one).
    pub profile: String,
    pub kind: ChainErrorKind,
    /// The profiles read before the failure, from the selected one on.
    pub visited: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChainErrorKind {
    /// No profile at all, or `default` selected and not defined: the SDK moves on to the next
    /// provider of its default chain.
    NoProfilesDefined,
    /// The selected profile, or a `source_profile`, does not exist.
    MissingProfile {
        referenced_from: Option<String>,
    },
    /// `source_profile` links loop back to a profile already read.
    CredentialLoop {
        next: String,
    },
    BothSourceProfileAndCredentialSource,
    NeitherSourceProfileNorCredentialSource,
    WebIdentityWithoutRoleArn,
    /// `sso_start_url`/`sso_region` in a profile that names an sso-session.
    SsoKeyOutsideSession {
        key: &'static str,
    },
    MissingSsoSession {
        sso_session: String,
    },
    /// `sso_account_id` without `sso_role_name` or the other way round.
    SsoIncompletePair {
        set: &'static str,
        missing: &'static str,
    },
    /// `sso_region` or `sso_start_url` found neither in the profile nor in its session.
    MissingSsoField {
        field: &'static str,
    },
    /// No key that could give credentials.
    NoCredentials,
    MissingAccessKeyId,
    MissingSecretAccessKey,
    /// A source profile failed; the SDK wraps the error.
    InvalidSourceProfile(Box<ChainError>),
}

impl ChainError {
    /// The innermost error: for a failing source profile, what failed in it.
    pub fn root_cause(&self) -> &ChainError {
        match &self.kind {
            ChainErrorKind::InvalidSourceProfile(inner) => inner.root_cause(),
            _ => self,
        }
    }
}

/// Mirrors the SDK's messages so users can search for them.
impl fmt::Display for ChainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let profile = &self.profile;
        match &self.kind {
            ChainErrorKind::NoProfilesDefined => write!(f, "No profiles were defined"),
            ChainErrorKind::MissingProfile { referenced_from } => write!(
                f,
                "profile `{profile}` was not defined: could not find source profile {profile} referenced from {}",
                referenced_from.as_deref().unwrap_or("the root profile")
            ),
            ChainErrorKind::CredentialLoop { next } => write!(
                f,
                "profile formed an infinite loop. first we loaded {:?}, then attempted to reload {next}",
                self.visited
            ),
            ChainErrorKind::BothSourceProfileAndCredentialSource => write!(
                f,
                "invalid credential source in `{profile}`: profile contained both source_profile and credential_source. Only one or the other can be defined"
            ),
            ChainErrorKind::NeitherSourceProfileNorCredentialSource => write!(
                f,
                "invalid credential source in `{profile}`: profile must contain `source_profile` or `credential_source` but neither were defined"
            ),
            ChainErrorKind::WebIdentityWithoutRoleArn => write!(
                f,
                "invalid credential source in `{profile}`: `web_identity_token_file` was specified but `role_arn` was missing"
            ),
            ChainErrorKind::SsoKeyOutsideSession { key } => write!(
                f,
                "profile `{profile}` has invalid SSO config: `{key}` can only be specified in the [sso-session] config when a session name is given"
            ),
            ChainErrorKind::MissingSsoSession { sso_session } => write!(
                f,
                "sso-session named `{sso_session}` (referenced by profile `{profile}`) was not found"
            ),
            ChainErrorKind::SsoIncompletePair { set, missing } => write!(
                f,
                "profile `{profile}` has invalid SSO config: if `{set}` is set, then `{missing}` must also be set"
            ),
            ChainErrorKind::MissingSsoField { field } => {
                write!(f, "profile `{profile}` was not defined: `{field}` was missing")
            }
            ChainErrorKind::NoCredentials => {
                write!(f, "profile `{profile}` did not contain credential information")
            }
            ChainErrorKind::MissingAccessKeyId => write!(
                f,
                "invalid credential source in `{profile}`: profile missing aws_access_key_id"
            ),
            ChainErrorKind::MissingSecretAccessKey => write!(
                f,
                "invalid credential source in `{profile}`: profile missing aws_secret_access_key"
            ),
            ChainErrorKind::InvalidSourceProfile(inner) => write!(
                f,
                "invalid credential source in `{profile}`: could not load source profile: {inner}"
            ),
        }
    }
}

impl std::error::Error for ChainError {}

mod key {
    pub const ROLE_ARN: &str = "role_arn";
    pub const EXTERNAL_ID: &str = "external_id";
    pub const ROLE_SESSION_NAME: &str = "role_session_name";
    pub const CREDENTIAL_SOURCE: &str = "credential_source";
    pub const SOURCE_PROFILE: &str = "source_profile";
    pub const WEB_IDENTITY_TOKEN_FILE: &str = "web_identity_token_file";
    pub const SSO_ACCOUNT_ID: &str = "sso_account_id";
    pub const SSO_REGION: &str = "sso_region";
    pub const SSO_ROLE_NAME: &str = "sso_role_name";
    pub const SSO_START_URL: &str = "sso_start_url";
    pub const SSO_SESSION: &str = "sso_session";
    pub const LOGIN_SESSION: &str = "login_session";
    pub const CREDENTIAL_PROCESS: &str = "credential_process";
    pub const AWS_ACCESS_KEY_ID: &str = "aws_access_key_id";
    pub const AWS_SECRET_ACCESS_KEY: &str = "aws_secret_access_key";
    pub const AWS_SESSION_TOKEN: &str = "aws_session_token";
    pub const AWS_ACCOUNT_ID: &str = "aws_account_id";
}

enum Next<'a> {
    SelfReference,
    Named(&'a str),
}

/// Resolves the provider chain of `selected`, or the error the SDK would give.
pub fn resolve_chain<'a>(
    set: &'a ProfileSet,
    selected: &'a str,
) -> Result<ProfileChain<'a>, ChainError> {
    walk(set, selected).map_err(Failed::into_error)
}

/// The base provider of `profile` itself, as the SDK decides it when the chain reaches it
/// (`credential_source`, then web identity, SSO, `login_session`, `credential_process`,
/// static keys); `None` when the SDK would fail there.
pub fn base_of<'a>(set: &'a ProfileSet, profile: &'a Profile) -> Option<BaseProvider<'a>> {
    base_provider(set, profile).ok()
}

/// A [`ChainError`] before its names are copied out of the profiles: what [`walk`] returns,
/// so that callers that only look at a failure do not pay for building the error.
pub(crate) struct Failed<'a> {
    /// The profile at fault (for `MissingProfile`, the missing one).
    pub profile: &'a str,
    /// The innermost error's kind (never `InvalidSourceProfile`).
    pub kind: ChainErrorKind,
    /// The profiles read before the failure, from the selected one on.
    pub visited: Vec<&'a str>,
    /// The failure is in a source profile: the SDK wraps it in `InvalidSourceProfile` (same
    /// profile and visited profiles outside and inside).
    pub wrapped: bool,
}

impl Failed<'_> {
    pub(crate) fn into_error(self) -> ChainError {
        let Failed {
            profile,
            kind,
            visited,
            wrapped,
        } = self;
        let error = |kind| ChainError {
            profile: profile.to_string(),
            kind,
            visited: visited.iter().map(|s| s.to_string()).collect(),
        };
        let inner = error(kind);
        if wrapped {
            error(ChainErrorKind::InvalidSourceProfile(Box::new(inner)))
        } else {
            inner
        }
    }
}

/// [`resolve_chain`], with the failure as borrowed data.
pub(crate) fn walk<'a>(
    set: &'a ProfileSet,
    selected: &'a str,
) -> Result<ProfileChain<'a>, Failed<'a>> {
    let failed = |profile: &'a str, kind, visited: &[&'a str]| Failed {
        profile,
        kind,
        visited: visited.to_vec(),
        wrapped: false,
    };
    if set.profiles.is_empty()
        || (selected == DEFAULT_PROFILE && set.profile(DEFAULT_PROFILE).is_none())
    {
        return Err(failed(selected, ChainErrorKind::NoProfilesDefined, &[]));
    }
    let mut name = selected;
    let mut visited: Vec<&'a str> = Vec::new();
    let mut seen_set: Option<FastSet<&'a str>> = None;
    let mut roles = Vec::new();
    let base = loop {
        let Some(profile) = set.profile(name) else {
            let kind = ChainErrorKind::MissingProfile {
                referenced_from: visited.last().map(|s| s.to_string()),
            };
            return Err(failed(name, kind, &visited));
        };
        // Chains are short; a hostile file may hold one thousands of links long, where a
        // linear search per link would be quadratic (and this runs for every profile).
        let seen = if visited.len() <= 16 {
            visited.contains(&name)
        } else {
            seen_set
                .get_or_insert_with(|| visited.iter().copied().collect::<FastSet<&str>>())
                .contains(name)
        };
        if seen {
            let kind = ChainErrorKind::CredentialLoop {
                next: name.to_string(),
            };
            return Err(failed(name, kind, &visited));
        }
        visited.push(name);
        if let Some(set) = &mut seen_set {
            set.insert(name);
        }
        // After the first profile, static keys win over the profile's own role.
        if visited.len() > 1 {
            if let Ok(base) = static_credentials(profile) {
                break base;
            }
        }
        let next = match assume_role(profile) {
            Some(role) => {
                let next = next_profile(profile).map_err(|kind| failed(name, kind, &visited))?;
                roles.push(role);
                next
            }
            None => {
                let first = visited.len() == 1;
                break base_provider(set, profile).map_err(|kind| Failed {
                    profile: name,
                    kind,
                    visited: std::mem::take(&mut visited),
                    wrapped: !first,
                })?;
            }
        };
        match next {
            Next::SelfReference => {
                break base_provider(set, profile).map_err(|kind| failed(name, kind, &visited))?;
            }
            Next::Named(source) => name = source,
        }
    };
    roles.reverse();
    Ok(ProfileChain {
        base,
        roles,
        profiles: visited,
    })
}

fn assume_role(profile: &Profile) -> Option<AssumeRole<'_>> {
    // A web identity profile is a base provider, not a link.
    if profile.get(key::WEB_IDENTITY_TOKEN_FILE).is_some() {
        return None;
    }
    Some(AssumeRole {
        profile: &profile.name,
        role_arn: profile.get(key::ROLE_ARN)?,
        external_id: profile.get(key::EXTERNAL_ID),
        role_session_name: profile.get(key::ROLE_SESSION_NAME),
    })
}

fn next_profile(profile: &Profile) -> Result<Next<'_>, ChainErrorKind> {
    match (
        profile.get(key::SOURCE_PROFILE),
        profile.get(key::CREDENTIAL_SOURCE),
    ) {
        (Some(_), Some(_)) => Err(ChainErrorKind::BothSourceProfileAndCredentialSource),
        (None, None) => Err(ChainErrorKind::NeitherSourceProfileNorCredentialSource),
        (Some(source), None) if source == profile.name => Ok(Next::SelfReference),
        (Some(source), None) => Ok(Next::Named(source)),
        // Loop back into this profile to pick up its credential_source as the base.
        (None, Some(_)) => Ok(Next::SelfReference),
    }
}

fn base_provider<'a>(
    set: &'a ProfileSet,
    profile: &'a Profile,
) -> Result<BaseProvider<'a>, ChainErrorKind> {
    let name = profile.name.as_str();
    if let Some(source) = profile.get(key::CREDENTIAL_SOURCE) {
        return Ok(BaseProvider::NamedSource {
            profile: name,
            name: source,
        });
    }
    if let Some(result) = web_identity(profile) {
        return result;
    }
    if let Some(sso) = sso(set, profile)? {
        return Ok(sso);
    }
    if let Some(login_session) = profile.get(key::LOGIN_SESSION) {
        return Ok(BaseProvider::LoginSession {
            profile: name,
            login_session,
        });
    }
    if let Some(command) = profile.get(key::CREDENTIAL_PROCESS) {
        return Ok(BaseProvider::CredentialProcess {
            profile: name,
            command,
            account_id: profile.get(key::AWS_ACCOUNT_ID),
        });
    }
    static_credentials(profile)
}

fn web_identity(profile: &Profile) -> Option<Result<BaseProvider<'_>, ChainErrorKind>> {
    match (
        profile.get(key::ROLE_ARN),
        profile.get(key::WEB_IDENTITY_TOKEN_FILE),
    ) {
        (Some(role_arn), Some(web_identity_token_file)) => {
            Some(Ok(BaseProvider::WebIdentityToken {
                profile: &profile.name,
                role_arn,
                web_identity_token_file,
                role_session_name: profile.get(key::ROLE_SESSION_NAME),
            }))
        }
        (None, Some(_)) => Some(Err(ChainErrorKind::WebIdentityWithoutRoleArn)),
        _ => None,
    }
}

fn sso<'a>(
    set: &'a ProfileSet,
    profile: &'a Profile,
) -> Result<Option<BaseProvider<'a>>, ChainErrorKind> {
    let sso_account_id = profile.get(key::SSO_ACCOUNT_ID);
    let mut sso_region = profile.get(key::SSO_REGION);
    let sso_role_name = profile.get(key::SSO_ROLE_NAME);
    let mut sso_start_url = profile.get(key::SSO_START_URL);
    let sso_session = profile.get(key::SSO_SESSION);
    if [
        sso_account_id,
        sso_region,
        sso_role_name,
        sso_start_url,
        sso_session,
    ]
    .iter()
    .all(Option::is_none)
    {
        return Ok(None);
    }
    if let Some(session_name) = sso_session {
        if sso_start_url.is_some() {
            return Err(ChainErrorKind::SsoKeyOutsideSession {
                key: key::SSO_START_URL,
            });
        }
        if sso_region.is_some() {
            return Err(ChainErrorKind::SsoKeyOutsideSession {
                key: key::SSO_REGION,
            });
        }
        let Some(session) = set.sso_session(session_name) else {
            return Err(ChainErrorKind::MissingSsoSession {
                sso_session: session_name.to_string(),
            });
        };
        sso_start_url = session.get(key::SSO_START_URL);
        sso_region = session.get(key::SSO_REGION);
    }
    match (sso_account_id, sso_role_name) {
        (Some(_), None) => {
            return Err(ChainErrorKind::SsoIncompletePair {
                set: key::SSO_ACCOUNT_ID,
                missing: key::SSO_ROLE_NAME,
            })
        }
        (None, Some(_)) => {
            return Err(ChainErrorKind::SsoIncompletePair {
                set: key::SSO_ROLE_NAME,
                missing: key::SSO_ACCOUNT_ID,
            })
        }
        _ => {}
    }
    let sso_region = sso_region.ok_or(ChainErrorKind::MissingSsoField {
        field: key::SSO_REGION,
    })?;
    let sso_start_url = sso_start_url.ok_or(ChainErrorKind::MissingSsoField {
        field: key::SSO_START_URL,
    })?;
    Ok(Some(BaseProvider::Sso {
        profile: &profile.name,
        sso_session,
        sso_region,
        sso_start_url,
        sso_account_id,
        sso_role_name,
    }))
}

fn static_credentials(profile: &Profile) -> Result<BaseProvider<'_>, ChainErrorKind> {
    let access_key_id = profile.get(key::AWS_ACCESS_KEY_ID);
    let secret_access_key = profile.get(key::AWS_SECRET_ACCESS_KEY);
    let session_token = profile.get(key::AWS_SESSION_TOKEN);
    if access_key_id.is_none() && secret_access_key.is_none() && session_token.is_none() {
        return Err(ChainErrorKind::NoCredentials);
    }
    Ok(BaseProvider::AccessKey {
        profile: &profile.name,
        access_key_id: access_key_id.ok_or(ChainErrorKind::MissingAccessKeyId)?,
        secret_access_key: secret_access_key.ok_or(ChainErrorKind::MissingSecretAccessKey)?,
        session_token,
        account_id: profile.get(key::AWS_ACCOUNT_ID),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(profiles: Vec<(&'static str, Vec<(&'static str, &'static str)>)>) -> ProfileSet {
        ProfileSet::from_maps(profiles, vec![])
    }

    #[test]
    fn self_reference_with_static_keys_is_a_base_then_a_role() {
        let set = set(vec![(
            "a",
            vec![
                ("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE"),
                (
                    "aws_secret_access_key",
                    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                ),
                ("role_arn", "arn:aws:iam::123456789012:role/r"),
                ("source_profile", "a"),
            ],
        )]);
        let chain = resolve_chain(&set, "a").unwrap();
        assert!(matches!(chain.base, BaseProvider::AccessKey { .. }));
        assert_eq!(chain.roles.len(), 1);
    }

    #[test]
    fn debug_output_masks_secrets() {
        let set = set(vec![(
            "a",
            vec![
                ("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE"),
                (
                    "aws_secret_access_key",
                    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                ),
                ("aws_session_token", "FwoGZXIvYXdzEXAMPLETOKENVALUE1234"),
            ],
        )]);
        let chain = resolve_chain(&set, "a").unwrap();
        let debug = format!("{chain:?}");
        assert!(!debug.contains("wJalrXUtnFEMI"), "{debug}");
        assert!(!debug.contains("FwoGZXIvYXdz"), "{debug}");
        assert!(debug.contains("****************EKEY"), "{debug}");
    }

    #[test]
    fn failing_source_profile_is_wrapped_and_unwrappable() {
        let set = set(vec![
            (
                "a",
                vec![
                    ("role_arn", "arn:aws:iam::1:role/r"),
                    ("source_profile", "b"),
                ],
            ),
            ("b", vec![("web_identity_token_file", "/t")]),
        ]);
        let error = resolve_chain(&set, "a").unwrap_err();
        assert!(matches!(
            error.kind,
            ChainErrorKind::InvalidSourceProfile(_)
        ));
        assert_eq!(
            error.root_cause().kind,
            ChainErrorKind::WebIdentityWithoutRoleArn
        );
        assert_eq!(error.root_cause().profile, "b");
    }

    #[test]
    fn credential_process_debug_hides_arguments() {
        let set = set(vec![(
            "a",
            vec![("credential_process", "tool --secret hunter2")],
        )]);
        let debug = format!("{:?}", resolve_chain(&set, "a").unwrap());
        assert!(!debug.contains("hunter2"), "{debug}");
        assert!(debug.contains("tool ** arguments redacted **"), "{debug}");
    }
}
