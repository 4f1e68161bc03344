//! Validation of a profile against AWS STS, on request only.
//!
//! The credentials are resolved by `aws-config`'s own profile provider, fed the texts of the
//! config and credentials files as the caller has them (an editor's unsaved buffers), so what
//! is validated is what is on screen: static keys, role chains through `AssumeRole`,
//! `credential_source`, `web_identity_token_file`, `credential_process`, SSO from the cached
//! token. Region and endpoint come from the environment and the profile exactly as the SDK
//! reads them (`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, `endpoint_url`, `services`,
//! `AWS_REGION`, `region`), with `us-east-1` when no region is set. Then `GetCallerIdentity`
//! (which needs no permission) says who the profile is, or why not.
//!
//! The answer is plain data ([`Outcome`]): an identity, or a [`Failure`] with a stable code
//! and causes ranked with what the files say (an `ASIA` key, a session token, SSO). Nothing
//! here logs or returns a secret: access key ids are shown masked, secrets never.
//!
//! This is the only crate of the project that imports the AWS SDK.

mod diagnose;
mod probe;

pub use diagnose::Knowledge;
pub use probe::validate;

use aws_config_lsp_core::lint::timestamp::civil_from_days;
use std::time::Duration;

/// A clock this far from the server's is reported as an error (AWS refuses signatures more
/// than 5 minutes old or early).
pub const CLOCK_SKEW_LIMIT_SECS: i64 = 300;

/// What to validate.
#[derive(Clone)]
pub struct Request {
    pub profile: String,
    /// The text of the config file ("" when there is none).
    pub config: String,
    /// The text of the credentials file ("" when there is none).
    pub credentials: String,
    pub timeouts: Timeouts,
}

impl std::fmt::Debug for Request {
    // The texts hold secrets: never in a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("profile", &self.profile)
            .field("config", &format_args!("{} bytes", self.config.len()))
            .field(
                "credentials",
                &format_args!("{} bytes", self.credentials.len()),
            )
            .field("timeouts", &self.timeouts)
            .finish()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    /// To open the connection to STS (default 3 s).
    pub connect: Duration,
    /// For the whole validation, role chains included (default 10 s).
    pub total: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(3),
            total: Duration::from_secs(10),
        }
    }
}

/// The answer for one profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub profile: String,
    /// The region the request was signed for.
    pub region: Option<String>,
    /// Where `GetCallerIdentity` was sent (`None` when it was not: no credentials).
    pub endpoint: Option<String>,
    /// What was resolved, masked.
    pub credentials: Option<CredentialFacts>,
    /// Server time minus local time, in seconds, from the last response's `Date` header.
    pub clock_offset_secs: Option<i64>,
    /// When the answer came (seconds since the Unix epoch, local clock).
    pub checked_at: i64,
    pub result: Result<Identity, Failure>,
}

impl Outcome {
    /// Whether the clock offset is past [`CLOCK_SKEW_LIMIT_SECS`].
    pub fn clock_skewed(&self) -> bool {
        self.clock_offset_secs
            .is_some_and(|o| o.abs() >= CLOCK_SKEW_LIMIT_SECS)
    }

    /// The one-line verdict, as shown on the profile's header.
    pub fn headline(&self) -> String {
        match &self.result {
            Ok(identity) => format!(
                "Valid: {} (account {}), checked {}",
                identity.arn,
                identity.account,
                clock_time(self.checked_at)
            ),
            Err(failure) => failure.summary.clone(),
        }
    }

    /// The whole message: the verdict, then the ranked causes and the fix.
    pub fn message(&self) -> String {
        let mut out = self.headline();
        if let Err(failure) = &self.result {
            out.push_str(&failure.details());
        }
        if let Some(offset) = self.clock_offset_secs {
            if self.clock_skewed() && !matches!(&self.result, Err(f) if f.code == Code::ClockSkew) {
                out.push_str(&format!(
                    "\nClock: this machine's clock is {} the server's; AWS refuses requests signed more than 5 minutes off. Fix: synchronise the clock (e.g. `timedatectl set-ntp true`).",
                    describe_offset(offset)
                ));
            }
        }
        out
    }
}

/// Who the profile is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub arn: String,
    pub account: String,
    pub user_id: String,
}

/// What was resolved, without secrets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CredentialFacts {
    /// The access key id, masked (`AKIA************MPLE`).
    pub access_key_id: String,
    pub key_kind: KeyKind,
    pub has_session_token: bool,
    /// Which SDK provider produced them (`ProfileFile`, `AssumeRoleProvider`, ...).
    pub provider: String,
    /// When they expire (seconds since the epoch), if they do.
    pub expires_at: Option<i64>,
}

/// What an access key id's prefix says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// `AKIA`: a long-term IAM user key (takes no session token).
    LongTerm,
    /// `ASIA`: temporary credentials (need their session token, expire).
    Temporary,
    Other,
}

impl KeyKind {
    pub fn of(access_key_id: &str) -> KeyKind {
        if access_key_id.starts_with("AKIA") {
            KeyKind::LongTerm
        } else if access_key_id.starts_with("ASIA") {
            KeyKind::Temporary
        } else {
            KeyKind::Other
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            KeyKind::LongTerm => "long-term AKIA key",
            KeyKind::Temporary => "temporary ASIA key",
            KeyKind::Other => "key of unknown kind",
        }
    }
}

/// Why a profile did not validate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub code: Code,
    /// One line: what happened.
    pub summary: String,
    /// The call that failed: `GetCallerIdentity`, `AssumeRole arn:...`, or credential
    /// resolution.
    pub step: String,
    /// The error code the server sent (from the SDK, else from the raw body's `<Code>`).
    pub service_code: Option<String>,
    /// The server's or the SDK's own message.
    pub service_message: Option<String>,
    /// The likely causes, most likely first.
    pub causes: Vec<String>,
    /// What to do.
    pub fix: Option<String>,
    /// The key at fault, when one is: (profile, key).
    pub at: Option<(String, String)>,
}

impl Failure {
    /// Everything after the summary: the server's words, the causes, the fix.
    pub fn details(&self) -> String {
        let mut out = String::new();
        if let Some(message) = &self.service_message {
            match &self.service_code {
                Some(code) => out.push_str(&format!("\n{} said: {code}: {message}", self.step)),
                None => out.push_str(&format!("\n{}: {message}", self.step)),
            }
        }
        if !self.causes.is_empty() {
            out.push_str("\nLikely causes, most likely first:");
            for (i, cause) in self.causes.iter().enumerate() {
                out.push_str(&format!("\n  {}. {cause}", i + 1));
            }
        }
        if let Some(fix) = &self.fix {
            out.push_str(&format!("\nFix: {fix}"));
        }
        out
    }
}

/// The stable codes of a failed validation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    InvalidClientTokenId,
    SignatureDoesNotMatch,
    ExpiredToken,
    AccessDenied,
    ClockSkew,
    NoCredentials,
    Unreachable,
    Timeout,
    /// Any other answer (a throttle, a server error, an unknown code).
    Error,
}

impl Code {
    pub const ALL: &'static [Code] = &[
        Code::InvalidClientTokenId,
        Code::SignatureDoesNotMatch,
        Code::ExpiredToken,
        Code::AccessDenied,
        Code::ClockSkew,
        Code::NoCredentials,
        Code::Unreachable,
        Code::Timeout,
        Code::Error,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::InvalidClientTokenId => "sts-invalid-client-token-id",
            Code::SignatureDoesNotMatch => "sts-signature-does-not-match",
            Code::ExpiredToken => "sts-expired-token",
            Code::AccessDenied => "sts-access-denied",
            Code::ClockSkew => "sts-clock-skew",
            Code::NoCredentials => "sts-no-credentials",
            Code::Unreachable => "sts-unreachable",
            Code::Timeout => "sts-timeout",
            Code::Error => "sts-error",
        }
    }

    /// True when the check could not be made (the profile may be fine).
    pub fn is_inconclusive(self) -> bool {
        matches!(self, Code::Unreachable | Code::Timeout | Code::Error)
    }
}

/// `hh:mm UTC` of a Unix time.
pub fn clock_time(unix: i64) -> String {
    let day = unix.rem_euclid(86_400);
    format!("{:02}:{:02} UTC", day / 3600, (day % 3600) / 60)
}

/// `2026-11-28 14:03:05 UTC` of a Unix time.
pub fn date_time(unix: i64) -> String {
    let (y, m, d) = civil_from_days(unix.div_euclid(86_400));
    let secs = unix.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        secs / 3600,
        (secs % 3600) / 60,
        secs % 60
    )
}

/// "3 min 20 s behind" / "2 s ahead of" for an offset (server minus local).
pub fn describe_offset(offset: i64) -> String {
    let abs = offset.unsigned_abs();
    if abs == 0 {
        return "in step with".to_string();
    }
    let amount = if abs >= 3600 {
        format!("{} h {} min", abs / 3600, (abs % 3600) / 60)
    } else if abs >= 60 {
        format!("{} min {} s", abs / 60, abs % 60)
    } else {
        format!("{abs} s")
    };
    // The server is ahead of us: our clock is behind.
    if offset >= 0 {
        format!("{amount} behind")
    } else {
        format!("{amount} ahead of")
    }
}

/// `AKIA************MPLE`: the kind and the last four characters of an access key id.
pub fn mask_key_id(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= 8 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_offsets_read_well() {
        assert_eq!(clock_time(1_764_338_580), "14:03 UTC");
        assert_eq!(date_time(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(date_time(1_764_338_585), "2025-11-28 14:03:05 UTC");
        assert_eq!(describe_offset(2), "2 s behind");
        assert_eq!(describe_offset(-600), "10 min 0 s ahead of");
        assert_eq!(describe_offset(7260), "2 h 1 min behind");
    }

    #[test]
    fn key_ids_are_masked() {
        assert_eq!(mask_key_id("AKIAIOSFODNN7EXAMPLE"), "AKIA************MPLE");
        assert_eq!(mask_key_id("short"), "*****");
        assert_eq!(KeyKind::of("ASIAX"), KeyKind::Temporary);
    }
}
