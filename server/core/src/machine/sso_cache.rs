//! The SSO token cache (`~/.aws/sso/cache/`), read as the AWS SDK for Rust and the AWS CLI
//! (botocore) read it, so that a login that has expired is found before a request fails.
//!
//! **Keys.** A profile with `sso_session = NAME` takes its token from the file named after the
//! SHA-1 of `NAME`; a legacy SSO profile (`sso_start_url` in the profile itself) from the file
//! named after the SHA-1 of the start URL: `<40 hex digits>.json` (aws-config 1.13
//! `sso::cache::cached_token_path`, botocore 1.44 `utils.SSOTokenLoader._generate_cache_key`).
//!
//! **The file.** A JSON object; `accessToken` and `expiresAt` are required, and
//! `refreshToken`, `clientId`, `clientSecret` and `registrationExpiresAt` let a tool renew the
//! access token. The two readers differ at the edges, and each is modelled on its own
//! ([`SdkToken`], [`CliToken`]):
//! - the SDK for Rust (`sso::cache::parse_cached_token`) matches member names without regard
//!   to case and takes string values only; `expiresAt` and `registrationExpiresAt` must be
//!   RFC 3339 in UTC ending in `Z` (`2026-01-01T00:00:00Z`, as it and the AWS CLI write
//!   them): an offset, or an unreadable `registrationExpiresAt`, makes it refuse the token;
//! - botocore requires the exact names `accessToken` and `expiresAt` (any value) and reads
//!   times with `dateutil`: an offset is fine, a time without a zone fails (it compares it
//!   with an aware "now"). Other spellings `dateutil` may or may not read: unknown here.
//!
//! **Renewal.** Only the token of an sso-session is renewed, with the refresh token, when the
//! client registration (`registrationExpiresAt`) has not expired: the SDK for Rust when the
//! token is within 5 minutes of its expiry (`sso::token`), botocore within 15
//! (`tokens.SSOTokenProvider`). An expired token that can be renewed is not a failure: the
//! next request renews it (unless the identity provider has ended the session, which cannot
//! be known offline). A legacy profile's token is never renewed: the AWS CLI refuses it once
//! expired (`UnauthorizedSSOTokenError`), and the SDK for Rust sends it, and the SSO portal
//! refuses it.
//!
//! Nothing of a token is kept but its times and which members it has: the access token,
//! refresh token and client secret never leave [`read`].

use super::json::{self, Value};
use super::sha1;
use crate::lint::timestamp;
use std::collections::BTreeMap;

/// Where the cache is, as shown to people.
pub const CACHE_DIR: &str = "~/.aws/sso/cache";

/// A cache file larger than this is not read (a token file is a few KiB).
pub const MAX_CACHE_FILE_BYTES: usize = 1024 * 1024;

/// At most this many logins are read per analysis; past it, the others are unknown (a file
/// of thousands of sso-sessions would otherwise cost thousands of reads per keystroke).
pub const MAX_LOGINS: usize = 1_000;

/// Within this long of its expiry, a token that cannot be renewed deserves a note.
pub const SOON: i64 = 15 * 60;

/// What a cached token is looked up by.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LoginKey {
    /// `[sso-session NAME]`: keyed by the session's name.
    Session(String),
    /// A legacy SSO profile: keyed by its `sso_start_url`.
    StartUrl(String),
}

impl LoginKey {
    /// What the file name is the SHA-1 of.
    pub fn identifier(&self) -> &str {
        match self {
            LoginKey::Session(name) | LoginKey::StartUrl(name) => name,
        }
    }

    /// The cache file's name, `<sha1 hex>.json`.
    pub fn file_name(&self) -> String {
        format!("{}.json", sha1::hex_digest(self.identifier().as_bytes()))
    }

    /// The cache file as shown to people: `~/.aws/sso/cache/<sha1 hex>.json`.
    pub fn display_path(&self) -> String {
        format!("{CACHE_DIR}/{}", self.file_name())
    }
}

/// The host's answer for one cache file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CacheFile {
    /// No such file.
    Missing,
    /// The file's bytes (at most [`MAX_CACHE_FILE_BYTES`]).
    Bytes(Vec<u8>),
}

/// Why a reader cannot use a cache file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Bytes that are not UTF-8 (both readers).
    NotUtf8,
    /// Not a JSON object (both readers).
    NotJson(json::Error),
    /// A required member is absent; for the SDK for Rust also when it is not a string. The
    /// name is the one the tools write.
    Missing(&'static str),
    /// botocore: `expiresAt` is not a string.
    ExpiryNotText,
    /// The SDK for Rust: a time that is not RFC 3339 in UTC ending in `Z`.
    NotUtc { member: &'static str, value: String },
    /// botocore: a time without a time zone.
    NoTimeZone { value: String },
}

impl Problem {
    /// Why, in a phrase that follows "because": "it is not valid JSON (…)".
    pub fn reason(&self) -> String {
        match self {
            Problem::NotUtf8 => "it is not UTF-8 text".to_string(),
            Problem::NotJson(error) => format!("it is not a JSON object ({error})"),
            Problem::Missing(member) => format!("it has no `{member}`"),
            Problem::ExpiryNotText => "its `expiresAt` is not a string".to_string(),
            Problem::NotUtc { member, value } => format!(
                "its `{member}`{} is not a time in UTC written as `2026-01-01T00:00:00Z`",
                shown(value)
            ),
            Problem::NoTimeZone { value } => {
                format!("its `expiresAt`{} has no time zone", shown(value))
            }
        }
    }
}

/// A time from the file for a message, ` `2026-01-01 00:00`` with its space, when it looks
/// like a time (digits and the marks of dates), else nothing: a file can hold anything, and a
/// message must never show a token written in the wrong place.
fn shown(value: &str) -> String {
    let date_like = !value.is_empty()
        && value.len() <= 40
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || b"-:.+ TtZz".contains(&b));
    if date_like {
        format!(" `{value}`")
    } else {
        String::new()
    }
}

/// The token as the SDK for Rust reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SdkToken {
    pub expires_at: i64,
    /// `registrationExpiresAt`, when the refresh token, client id and client secret are
    /// there too (`CachedSsoToken::refreshable`).
    pub renewable_until: Option<i64>,
}

/// A time as botocore (`dateutil.parser.parse`) reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CliTime {
    /// With a zone: this instant.
    At(i64),
    /// A form this model does not know `dateutil`'s reading of.
    Unknown,
}

/// The token as botocore reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CliToken {
    pub expires_at: CliTime,
    /// `registrationExpiresAt` when `refreshToken`, `clientId`, `clientSecret` and it are
    /// all there (`SSOTokenProvider._refresh_access_token`); `Some(None)`: there, but not a
    /// time this model reads.
    pub renewable_until: Option<Option<CliTime>>,
}

/// A cache file read by both readers: nothing of it but this is kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedLogin {
    pub sdk: Result<SdkToken, Problem>,
    pub cli: Result<CliToken, Problem>,
}

/// Reads a cache file's bytes as both readers do.
pub fn read(bytes: &[u8]) -> CachedLogin {
    let both = |problem: Problem| CachedLogin {
        sdk: Err(problem.clone()),
        cli: Err(problem),
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return both(Problem::NotUtf8);
    };
    let members = match json::object_members(text) {
        Ok(members) => members,
        Err(error) => return both(Problem::NotJson(error)),
    };
    CachedLogin {
        sdk: read_sdk(&members),
        cli: read_cli(&members),
    }
}

/// aws-config 1.13 `sso::cache::parse_cached_token`: names without regard to case, string
/// values only, the last one wins.
fn read_sdk(members: &[(String, Value)]) -> Result<SdkToken, Problem> {
    let string = |name: &str| {
        members.iter().rev().find_map(|(n, v)| match v {
            Value::String(s) if n.eq_ignore_ascii_case(name) => Some(s.as_str()),
            _ => None,
        })
    };
    if string("accessToken").is_none() {
        return Err(Problem::Missing("accessToken"));
    }
    let expires_at = string("expiresAt").ok_or(Problem::Missing("expiresAt"))?;
    let expires_at = sdk_time(expires_at).ok_or_else(|| Problem::NotUtc {
        member: "expiresAt",
        value: expires_at.to_string(),
    })?;
    let registration = match string("registrationExpiresAt") {
        Some(value) => Some(sdk_time(value).ok_or_else(|| Problem::NotUtc {
            member: "registrationExpiresAt",
            value: value.to_string(),
        })?),
        None => None,
    };
    let renewable = ["refreshToken", "clientId", "clientSecret"]
        .iter()
        .all(|name| string(name).is_some());
    Ok(SdkToken {
        expires_at,
        renewable_until: registration.filter(|_| renewable),
    })
}

/// aws-smithy-types `DateTime::from_str(_, Format::DateTime)`: RFC 3339 with `T` (or `t`)
/// and a final `Z`, fractional seconds allowed, no offset.
pub fn sdk_time(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    if bytes.len() <= 10
        || !matches!(bytes[10], b'T' | b't')
        || bytes.last() != Some(&b'Z')
        || !bytes[bytes.len() - 2].is_ascii_digit()
    {
        return None;
    }
    timestamp::parse(text)
}

/// botocore 1.44 `utils.SSOTokenLoader`: the exact names, any value, the last one wins.
fn read_cli(members: &[(String, Value)]) -> Result<CliToken, Problem> {
    let member = |name: &str| {
        members
            .iter()
            .rev()
            .find_map(|(n, v)| (n == name).then_some(v))
    };
    if member("accessToken").is_none() {
        return Err(Problem::Missing("accessToken"));
    }
    let expires_at = match member("expiresAt") {
        None => return Err(Problem::Missing("expiresAt")),
        Some(Value::Other) => return Err(Problem::ExpiryNotText),
        Some(Value::String(text)) => match cli_time(text) {
            Some(Some(at)) => CliTime::At(at),
            Some(None) => {
                return Err(Problem::NoTimeZone {
                    value: text.to_string(),
                })
            }
            None => CliTime::Unknown,
        },
    };
    let renewable = ["refreshToken", "clientId", "clientSecret"]
        .iter()
        .all(|name| member(name).is_some());
    let renewable_until = match member("registrationExpiresAt") {
        Some(value) if renewable => Some(match value {
            Value::String(text) => match cli_time(text) {
                Some(Some(at)) => Some(CliTime::At(at)),
                _ => None,
            },
            Value::Other => None,
        }),
        _ => None,
    };
    Ok(CliToken {
        expires_at,
        renewable_until,
    })
}

/// A time as `dateutil.parser.parse` reads it, for the forms this model knows: RFC 3339 and
/// the shapes of [`timestamp::parse`]. `Some(Some(t))`: with a zone; `Some(None)`: without
/// one (botocore then fails comparing it with its aware clock); `None`: another form.
pub fn cli_time(text: &str) -> Option<Option<i64>> {
    let at = timestamp::parse(text)?;
    let trimmed = text.trim();
    // The time part is `HH:MM:SS[.fff]` from byte 11; a zone is `Z` or a sign after it.
    let has_zone = trimmed
        .get(19..)
        .is_some_and(|rest| rest.contains(['Z', 'z', '+', '-']));
    Some(has_zone.then_some(at))
}

/// Which kind of login: it decides whether the token can be renewed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Session,
    Legacy,
}

/// What one reader does with the cached login at a given time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The token is used (and renewed ahead of its expiry when `renews`).
    Valid { expires_at: i64, renews: bool },
    /// The token has expired; this reader renews it on the next request.
    Renews { expires_at: i64 },
    /// The token has expired and this reader cannot renew it: requests fail.
    Expired { expires_at: i64 },
    /// This reader cannot use the file.
    Refused(Problem),
    /// This model cannot tell.
    Unknown,
}

impl SdkToken {
    /// aws-config 1.13 `sso::token::SsoTokenProvider::resolve_token` (sessions: fails when
    /// expired and not refreshable; refreshes within 5 minutes of expiry), and
    /// `sso::credentials::load_sso_credentials` (legacy: the token as it is).
    pub fn outcome(&self, kind: Kind, now: i64) -> Outcome {
        let expires_at = self.expires_at;
        let renewable =
            kind == Kind::Session && self.renewable_until.is_some_and(|until| until > now);
        if expires_at <= now {
            if renewable {
                Outcome::Renews { expires_at }
            } else {
                Outcome::Expired { expires_at }
            }
        } else {
            Outcome::Valid {
                expires_at,
                renews: renewable && expires_at - 5 * 60 <= now,
            }
        }
    }
}

impl CliToken {
    /// botocore 1.44 `tokens.SSOTokenProvider._refresher` (sessions: renews within 15
    /// minutes of expiry) and `credentials.SSOCredentialFetcher` (legacy: refused once
    /// expired).
    pub fn outcome(&self, kind: Kind, now: i64) -> Outcome {
        let CliTime::At(expires_at) = self.expires_at else {
            return Outcome::Unknown;
        };
        let renews = if kind == Kind::Session && expires_at - now < 15 * 60 {
            match self.renewable_until {
                None => false,
                Some(Some(CliTime::At(until))) => until > now,
                // A registration time it may not read: the attempt may fail or not.
                Some(_) => return Outcome::Unknown,
            }
        } else {
            false
        };
        match (expires_at <= now, renews) {
            (true, true) => Outcome::Renews { expires_at },
            (true, false) => Outcome::Expired { expires_at },
            (false, renews) => Outcome::Valid { expires_at, renews },
        }
    }
}

impl CachedLogin {
    pub fn sdk_outcome(&self, kind: Kind, now: i64) -> Outcome {
        match &self.sdk {
            Ok(token) => token.outcome(kind, now),
            Err(problem) => Outcome::Refused(problem.clone()),
        }
    }

    pub fn cli_outcome(&self, kind: Kind, now: i64) -> Outcome {
        match &self.cli {
            Ok(token) => token.outcome(kind, now),
            Err(problem) => Outcome::Refused(problem.clone()),
        }
    }

    /// When no reader can renew the token: the SDK for Rust's view, which every file the
    /// tools write shares with botocore's.
    fn renewable(&self, kind: Kind, now: i64) -> bool {
        kind == Kind::Session
            && self
                .sdk
                .as_ref()
                .is_ok_and(|t| t.renewable_until.is_some_and(|until| until > now))
    }
}

/// The state of a login, what a diagnostic, a hover or an inlay hint says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoginState {
    /// Valid until `expires_at`.
    Valid { expires_at: i64 },
    /// Valid until `expires_at`, within [`SOON`], and it cannot be renewed.
    ExpiresSoon { expires_at: i64 },
    /// Expired at `expires_at`; renewed with the refresh token on the next request, while
    /// the client registration lasts (until `renewable_until`).
    Renewable {
        expires_at: i64,
        renewable_until: i64,
    },
    /// Expired at `expires_at`, and no tool can renew it.
    Expired { expires_at: i64 },
    /// No cached token: never logged in on this machine, or logged out.
    Missing,
    /// A reader cannot use the file: what each reader makes of it.
    Unreadable { sdk: Reading, cli: Reading },
    /// The readers do not agree, the host cannot tell, or this model does not know.
    Unknown,
}

impl LoginState {
    /// The state at `now` of the login of `kind` whose cache file the host answered `file`
    /// for (`None`: the host cannot tell).
    pub fn of(file: Option<&Read>, kind: Kind, now: i64) -> LoginState {
        let login = match file {
            None => return LoginState::Unknown,
            Some(Read::Missing) => return LoginState::Missing,
            Some(Read::Cached(login)) => login,
        };
        let sdk = login.sdk_outcome(kind, now);
        let cli = login.cli_outcome(kind, now);
        match (&sdk, &cli) {
            (Outcome::Refused(_), _) | (_, Outcome::Refused(_)) => LoginState::Unreadable {
                sdk: refused(sdk),
                cli: refused(cli),
            },
            (Outcome::Unknown, _) | (_, Outcome::Unknown) => LoginState::Unknown,
            (Outcome::Expired { expires_at }, Outcome::Expired { .. }) => LoginState::Expired {
                expires_at: *expires_at,
            },
            (Outcome::Renews { expires_at }, Outcome::Renews { .. }) => LoginState::Renewable {
                expires_at: *expires_at,
                renewable_until: login
                    .sdk
                    .as_ref()
                    .ok()
                    .and_then(|t| t.renewable_until)
                    .unwrap_or(*expires_at),
            },
            (Outcome::Valid { expires_at, .. }, Outcome::Valid { .. }) => {
                if expires_at - now <= SOON && !login.renewable(kind, now) {
                    LoginState::ExpiresSoon {
                        expires_at: *expires_at,
                    }
                } else {
                    LoginState::Valid {
                        expires_at: *expires_at,
                    }
                }
            }
            _ => LoginState::Unknown,
        }
    }

    /// When the access token expires or expired, where known.
    pub fn expires_at(&self) -> Option<i64> {
        match self {
            LoginState::Valid { expires_at }
            | LoginState::ExpiresSoon { expires_at }
            | LoginState::Renewable { expires_at, .. }
            | LoginState::Expired { expires_at } => Some(*expires_at),
            _ => None,
        }
    }

    /// A few words for an inlay hint or a list: "expires in 3 hours", "expired 2 days ago",
    /// "no login".
    pub fn label(&self, now: i64) -> String {
        match self {
            LoginState::Valid { expires_at } | LoginState::ExpiresSoon { expires_at } => {
                format!(
                    "login expires in {}",
                    timestamp::human_duration(expires_at - now)
                )
            }
            LoginState::Renewable { expires_at, .. } => format!(
                "login renewed on next use (expired {} ago)",
                timestamp::human_duration(now - expires_at)
            ),
            LoginState::Expired { expires_at } => format!(
                "login expired {} ago",
                timestamp::human_duration(now - expires_at)
            ),
            LoginState::Missing => "no login".to_string(),
            LoginState::Unreadable { .. } => "login unreadable".to_string(),
            LoginState::Unknown => "login unknown".to_string(),
        }
    }
}

/// What one reader makes of a cache file that another (or this one) refuses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reading {
    Reads,
    Refuses(Problem),
    /// This model does not know.
    Unknown,
}

impl Reading {
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            Reading::Refuses(problem) => Some(problem),
            _ => None,
        }
    }
}

fn refused(outcome: Outcome) -> Reading {
    match outcome {
        Outcome::Refused(problem) => Reading::Refuses(problem),
        Outcome::Unknown => Reading::Unknown,
        _ => Reading::Reads,
    }
}

/// A cache file as read for a login.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Read {
    Missing,
    Cached(CachedLogin),
}

impl From<CacheFile> for Read {
    fn from(file: CacheFile) -> Read {
        match file {
            CacheFile::Missing => Read::Missing,
            CacheFile::Bytes(bytes) => Read::Cached(read(&bytes)),
        }
    }
}

/// The cached logins of the files' sso-sessions and legacy SSO profiles, read through the
/// host once per analysis; states are computed at the time asked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Logins {
    /// `None`: the host cannot tell (or past [`MAX_LOGINS`]).
    read: BTreeMap<LoginKey, Option<Read>>,
}

impl Logins {
    /// Reads, through `ask` (the host: a cache file's name to its answer), the login of every
    /// sso-session the SDKs load and of every legacy SSO profile's start URL.
    pub fn read(model: &crate::Model, mut ask: impl FnMut(&str) -> Option<CacheFile>) -> Logins {
        let mut read = BTreeMap::new();
        for key in login_keys(model) {
            if read.contains_key(&key) {
                continue;
            }
            let answer = if read.len() < MAX_LOGINS {
                ask(&key.file_name()).map(Read::from)
            } else {
                None
            };
            read.insert(key, answer);
        }
        Logins { read }
    }

    /// Logins from answers given in full (tests, and callers that read the cache otherwise).
    pub fn from_answers(answers: impl IntoIterator<Item = (LoginKey, Option<CacheFile>)>) -> Self {
        Logins {
            read: answers
                .into_iter()
                .map(|(key, file)| (key, file.map(Read::from)))
                .collect(),
        }
    }

    /// The state at `now` of the login under `key` (`Unknown` when it was not read).
    pub fn state(&self, key: &LoginKey, now: i64) -> LoginState {
        let kind = match key {
            LoginKey::Session(_) => Kind::Session,
            LoginKey::StartUrl(_) => Kind::Legacy,
        };
        LoginState::of(self.read.get(key).and_then(Option::as_ref), kind, now)
    }

    /// The login of sso-session `name`.
    pub fn session(&self, name: &str, now: i64) -> LoginState {
        self.state(&LoginKey::Session(name.to_string()), now)
    }

    /// The login of a legacy SSO profile with this start URL.
    pub fn start_url(&self, url: &str, now: i64) -> LoginState {
        self.state(&LoginKey::StartUrl(url.to_string()), now)
    }

    pub fn is_empty(&self) -> bool {
        self.read.is_empty()
    }

    /// Whether the host told anything about any login (a file, or that there is none).
    pub fn any_known(&self) -> bool {
        self.read.values().any(Option::is_some)
    }
}

/// The keys of every login the files use: each sso-session the SDKs load, and the start URL
/// of each legacy SSO profile ([`legacy_start_url`]).
pub fn login_keys(model: &crate::Model) -> impl Iterator<Item = LoginKey> + '_ {
    let sessions = model
        .profiles
        .sso_sessions
        .iter()
        .map(|(name, _)| LoginKey::Session(name.to_string()));
    let legacy = model
        .profiles
        .profiles
        .values()
        .filter(|profile| profile.properties.contains_key("sso_start_url"))
        .filter_map(|profile| legacy_start_url(&model.profiles, profile))
        .map(|url| LoginKey::StartUrl(url.to_string()));
    sessions.chain(legacy)
}

/// The start URL a legacy SSO profile's token is keyed by: the profile's own base provider
/// is SSO without an sso-session (as [`crate::chain`] decides it, after `credential_source`
/// and web identity), it has a start URL, and it is not a link of a role chain that takes
/// its credentials from another profile. `None` for every other profile.
pub fn legacy_start_url<'a>(
    set: &'a crate::model::ProfileSet,
    profile: &'a crate::model::Profile,
) -> Option<&'a str> {
    if profile.get("role_arn").is_some() && profile.get("source_profile") != Some(&*profile.name) {
        return None;
    }
    match crate::chain::base_of(set, profile)? {
        crate::chain::BaseProvider::Sso {
            sso_session: None,
            sso_start_url,
            ..
        } if !sso_start_url.is_empty() => Some(sso_start_url),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-01-01T00:00:00Z.
    const NOW: i64 = 1_767_225_600;
    const HOUR: i64 = 3600;

    fn utc(at: i64) -> String {
        let days = at.div_euclid(86_400);
        let rest = at.rem_euclid(86_400);
        let (y, m, d) = timestamp::civil_from_days(days);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            rest / 3600,
            rest % 3600 / 60,
            rest % 60
        )
    }

    fn token(expires: i64, renewal: Option<i64>) -> String {
        let mut text = format!(
            "{{\"startUrl\": \"https://d-1.awsapps.com/start\", \"region\": \"eu-west-1\", \
             \"accessToken\": \"not-a-real-token\", \"expiresAt\": \"{}\"",
            utc(expires)
        );
        if let Some(until) = renewal {
            text.push_str(&format!(
                ", \"clientId\": \"id\", \"clientSecret\": \"not-a-secret\", \
                 \"refreshToken\": \"not-a-token\", \"registrationExpiresAt\": \"{}\"",
                utc(until)
            ));
        }
        text.push('}');
        text
    }

    fn state(text: &str, kind: Kind) -> LoginState {
        LoginState::of(Some(&Read::Cached(read(text.as_bytes()))), kind, NOW)
    }

    #[test]
    fn fresh_expired_and_renewable() {
        let s = Kind::Session;
        assert_eq!(
            state(&token(NOW + 8 * HOUR, None), s),
            LoginState::Valid {
                expires_at: NOW + 8 * HOUR
            }
        );
        assert_eq!(
            state(&token(NOW - 3 * HOUR, None), s),
            LoginState::Expired {
                expires_at: NOW - 3 * HOUR
            }
        );
        assert_eq!(
            state(&token(NOW - 3 * HOUR, Some(NOW + 80 * 24 * HOUR)), s),
            LoginState::Renewable {
                expires_at: NOW - 3 * HOUR,
                renewable_until: NOW + 80 * 24 * HOUR
            }
        );
        // The registration has expired: no renewal.
        assert_eq!(
            state(&token(NOW - 3 * HOUR, Some(NOW - HOUR)), s),
            LoginState::Expired {
                expires_at: NOW - 3 * HOUR
            }
        );
        // Legacy profiles are never renewed.
        assert_eq!(
            state(&token(NOW - 3 * HOUR, Some(NOW + HOUR)), Kind::Legacy),
            LoginState::Expired {
                expires_at: NOW - 3 * HOUR
            }
        );
        // Soon, and only when it cannot be renewed.
        assert_eq!(
            state(&token(NOW + 600, None), s),
            LoginState::ExpiresSoon {
                expires_at: NOW + 600
            }
        );
        assert_eq!(
            state(&token(NOW + 600, Some(NOW + HOUR)), s),
            LoginState::Valid {
                expires_at: NOW + 600
            }
        );
        assert_eq!(
            state(&token(NOW + 600, Some(NOW + HOUR)), Kind::Legacy),
            LoginState::ExpiresSoon {
                expires_at: NOW + 600
            }
        );
        // Expiring exactly now is expired for both readers.
        assert!(matches!(
            state(&token(NOW, None), s),
            LoginState::Expired { .. }
        ));
        assert_eq!(LoginState::of(None, s, NOW), LoginState::Unknown);
        assert_eq!(
            LoginState::of(Some(&Read::Missing), s, NOW),
            LoginState::Missing
        );
    }

    #[test]
    fn the_readers_differ_at_the_edges() {
        let s = Kind::Session;
        // An offset: botocore reads it, the SDK for Rust refuses the token.
        let offset = "{\"accessToken\": \"t\", \"expiresAt\": \"2026-01-01T08:00:00+00:00\"}";
        let login = read(offset.as_bytes());
        assert_eq!(
            login.cli_outcome(s, NOW),
            Outcome::Valid {
                expires_at: NOW + 8 * HOUR,
                renews: false
            }
        );
        assert!(matches!(
            state(offset, s),
            LoginState::Unreadable {
                sdk: Reading::Refuses(Problem::NotUtc { .. }),
                cli: Reading::Reads
            }
        ));
        // No zone: both refuse.
        let naive = "{\"accessToken\": \"t\", \"expiresAt\": \"2026-01-01T08:00:00\"}";
        assert!(matches!(
            state(naive, s),
            LoginState::Unreadable {
                sdk: Reading::Refuses(Problem::NotUtc { .. }),
                cli: Reading::Refuses(Problem::NoTimeZone { .. })
            }
        ));
        // Names in another case: the SDK for Rust reads them, botocore does not.
        let lower = "{\"accesstoken\": \"t\", \"EXPIRESAT\": \"2026-01-01T08:00:00Z\"}";
        assert!(matches!(
            state(lower, s),
            LoginState::Unreadable {
                sdk: Reading::Reads,
                cli: Reading::Refuses(Problem::Missing("accessToken"))
            }
        ));
        // A registration time the SDK for Rust cannot read: it refuses the whole token.
        let bad_registration = "{\"accessToken\": \"t\", \"expiresAt\": \"2026-01-01T08:00:00Z\", \"registrationExpiresAt\": \"soon\"}";
        assert!(matches!(
            state(bad_registration, s),
            LoginState::Unreadable {
                sdk: Reading::Refuses(Problem::NotUtc {
                    member: "registrationExpiresAt",
                    ..
                }),
                cli: Reading::Reads
            }
        ));
        // A non-string access token: the SDK for Rust does not see it.
        let number = "{\"accessToken\": 1, \"expiresAt\": \"2026-01-01T08:00:00Z\"}";
        assert!(matches!(
            state(number, s),
            LoginState::Unreadable {
                sdk: Reading::Refuses(Problem::Missing("accessToken")),
                cli: Reading::Reads
            }
        ));
        // A form of time this model does not know botocore's reading of: unknown, silent.
        let words = "{\"accessToken\": \"t\", \"expiresAt\": \"Jan 1 2026\"}";
        assert!(matches!(
            read(words.as_bytes()).cli_outcome(s, NOW),
            Outcome::Unknown
        ));
        assert!(matches!(
            state(words, s),
            LoginState::Unreadable {
                sdk: Reading::Refuses(_),
                cli: Reading::Unknown
            }
        ));
    }

    #[test]
    fn what_neither_reader_can_use() {
        for (text, expected) in [
            ("{\"accessToken\": \"t\"", "not a JSON object"),
            ("[]", "not a JSON object"),
            ("{}", "no `accessToken`"),
            ("{\"accessToken\": \"t\"}", "no `expiresAt`"),
        ] {
            match state(text, Kind::Session) {
                LoginState::Unreadable {
                    sdk: Reading::Refuses(sdk),
                    cli: Reading::Refuses(cli),
                } => {
                    assert!(sdk.reason().contains(expected), "{text}: {sdk:?}");
                    assert!(cli.reason().contains(expected), "{text}: {cli:?}");
                }
                other => panic!("{text}: {other:?}"),
            }
        }
        assert!(matches!(
            LoginState::of(Some(&Read::Cached(read(b"{\xff}"))), Kind::Session, NOW),
            LoginState::Unreadable {
                sdk: Reading::Refuses(Problem::NotUtf8),
                cli: Reading::Refuses(Problem::NotUtf8)
            }
        ));
    }

    #[test]
    fn nothing_secret_is_kept() {
        let text = token(NOW + HOUR, Some(NOW + 2 * HOUR));
        let login = read(text.as_bytes());
        let kept = format!("{login:?}");
        for secret in ["not-a-real-token", "not-a-secret", "not-a-token"] {
            assert!(!kept.contains(secret), "{kept}");
        }
    }

    #[test]
    fn times_as_each_reader_reads_them() {
        assert_eq!(sdk_time("2026-01-01T00:00:00Z"), Some(NOW));
        assert_eq!(sdk_time("2026-01-01t00:00:00.123Z"), Some(NOW));
        for text in [
            "2026-01-01T00:00:00z",
            "2026-01-01T00:00:00+00:00",
            "2026-01-01 00:00:00Z",
            "2026-01-01T00:00:00 Z",
            "2026-01-01T00:00:00",
            "2026-01-01",
            "",
        ] {
            assert_eq!(sdk_time(text), None, "{text}");
        }
        assert_eq!(cli_time("2026-01-01T00:00:00Z"), Some(Some(NOW)));
        assert_eq!(cli_time("2026-01-01T02:00:00+02:00"), Some(Some(NOW)));
        assert_eq!(cli_time("2025-12-31T19:00:00-0500"), Some(Some(NOW)));
        assert_eq!(cli_time("2026-01-01T00:00:00"), Some(None));
        assert_eq!(cli_time("2026-01-01 00:00:00"), Some(None));
        assert_eq!(cli_time("tomorrow"), None);
    }

    #[test]
    fn labels() {
        let at = |expires_at| LoginState::Expired { expires_at };
        assert_eq!(at(NOW - 3 * HOUR).label(NOW), "login expired 3 hours ago");
        assert_eq!(
            LoginState::Valid {
                expires_at: NOW + 2 * HOUR
            }
            .label(NOW),
            "login expires in 2 hours"
        );
        assert_eq!(at(NOW - HOUR).expires_at(), Some(NOW - HOUR));
        assert_eq!(LoginState::Missing.label(NOW), "no login");
    }

    #[test]
    fn keys_and_file_names() {
        let key = LoginKey::Session("admin".to_string());
        assert_eq!(
            key.file_name(),
            "d033e22ae348aeb5660fc2140aec35850c4da997.json"
        );
        assert_eq!(
            key.display_path(),
            "~/.aws/sso/cache/d033e22ae348aeb5660fc2140aec35850c4da997.json"
        );
        let model = crate::Model::build(&[crate::Input::config(
            "[profile a]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = r\n\
             [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n\
             [profile legacy]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = r\n\
             [profile legacy2]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 2\nsso_role_name = r\n\
             [profile web]\nsso_start_url = https://web.awsapps.com/start\nrole_arn = arn:aws:iam::1:role/r\nweb_identity_token_file = /t\n\
             [profile source]\ncredential_source = Environment\nsso_start_url = https://x\n",
        )]);
        let keys: Vec<LoginKey> = login_keys(&model).collect();
        assert_eq!(
            keys,
            [
                LoginKey::Session("corp".to_string()),
                LoginKey::StartUrl("https://old.awsapps.com/start".to_string()),
                LoginKey::StartUrl("https://old.awsapps.com/start".to_string()),
            ]
        );
        let mut asked = Vec::new();
        let logins = Logins::read(&model, |name| {
            asked.push(name.to_string());
            Some(CacheFile::Missing)
        });
        assert_eq!(asked.len(), 2, "one read per key");
        assert_eq!(logins.session("corp", NOW), LoginState::Missing);
        assert_eq!(
            logins.start_url("https://old.awsapps.com/start", NOW),
            LoginState::Missing
        );
        assert_eq!(logins.session("other", NOW), LoginState::Unknown);
    }
}
