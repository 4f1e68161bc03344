//! Inlay hints: short facts written after a value, decoded offline.
//!
//! - after `aws_access_key_id`: the account id the key id encodes (`account 123456789012`);
//! - after a Region (`region`, `sso_region`, …): its name (`Europe (Ireland)`);
//! - after an expiry that a credential tool wrote (`x_security_token_expires`, `expiration`,
//!   …): `expired 3 h ago` or `expires in 2 h`, against the time the caller passes in (the
//!   core never reads the clock);
//! - after `source_profile`: where the role chain ends, as the AWS SDK for Rust resolves it
//!   (`→ base: long-term key`), with the whole chain as the tooltip;
//! - after `sso_session` (and a legacy profile's `sso_start_url`): the state of the cached
//!   SSO login (`login expired 3 h ago`, `logged in, expires in 7 h`, `not logged in`), from
//!   the logins the caller read through its host ([`inlay_hints_with_logins`]), with the
//!   hover's sentence and the `aws sso login` command as the tooltip.
//!
//! Hints never show a secret: their labels are made of account ids, Region names, durations
//! and profile names, the chain's tooltip masks like the hover does, and nothing of a cached
//! token but its times is ever read.

use super::access_key::{account_id_from_access_key, AccessKeyKind};
use super::effective::describe_chain;
use super::hover::place_of;
use super::{short_name, Files};
use crate::chain::{resolve_chain, BaseProvider};
use crate::knowledge::{self, ValueKind};
use crate::lint::rules::expired_credentials::EXPIRY_KEYS;
use crate::lint::timestamp;
use crate::lint::values::has_surface_problem;
use crate::machine::{LoginState, Logins};
use crate::model::{ProfileSet, SectionKind, SectionStatus};
use crate::text::Span;

/// At most this many hints in one answer (editors ask for the lines on screen; a request for
/// the whole of a 10,000-profile file gets the first ones).
pub const MAX_INLAY_HINTS: usize = 5_000;

/// Chains longer than this (in profiles) get no hint: resolving each would make a hostile
/// file of one long chain quadratic. Real chains have a few links.
const MAX_HINTED_CHAIN: usize = 100;

/// A hint: text to show at `offset` (the end of a value).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    pub offset: usize,
    pub label: String,
    /// Markdown.
    pub tooltip: Option<String>,
}

/// The hints of `file` whose place lies in `range`, in file order, at most
/// [`MAX_INLAY_HINTS`]. `now` (seconds since the Unix epoch) turns on the expiry hints.
pub fn inlay_hints(files: Files<'_>, file: usize, range: Span, now: Option<i64>) -> Vec<InlayHint> {
    hints(files, file, range, now, &Logins::default())
}

/// Like [`inlay_hints`], with the state of the SSO logins the caller read through its host
/// ([`Logins`]) at time `now`.
pub fn inlay_hints_with_logins(
    files: Files<'_>,
    file: usize,
    range: Span,
    now: i64,
    logins: &Logins,
) -> Vec<InlayHint> {
    hints(files, file, range, Some(now), logins)
}

fn hints(
    files: Files<'_>,
    file: usize,
    range: Span,
    now: Option<i64>,
    logins: &Logins,
) -> Vec<InlayHint> {
    let Some(model) = files.model.files.get(file) else {
        return Vec::new();
    };
    let text = files.texts[file];
    let lines = &model.tree.lines;
    let first_line =
        lines.partition_point(|l| !l.terminator.is_empty() && l.terminator.end <= range.start);
    let first_section = model
        .sections
        .partition_point(|s| s.line <= first_line)
        .saturating_sub(1);
    let mut out = Vec::new();
    for section in &model.sections[first_section.min(model.sections.len())..] {
        if lines
            .get(section.line)
            .is_some_and(|l| l.span.start > range.end)
        {
            break;
        }
        if !matches!(section.kind, SectionKind::Profile | SectionKind::SsoSession) {
            continue;
        }
        let place = place_of(model.kind, section);
        for entry in &section.properties {
            let at = entry.value_span.end;
            if at < range.start || at > range.end || entry.value_span.is_empty() {
                continue;
            }
            let value = entry.value_span.slice(text);
            if has_surface_problem(value) || entry.last_line > entry.line {
                continue;
            }
            let hint = match &*entry.key {
                "aws_access_key_id" => account_hint(value),
                "source_profile" if section.status == SectionStatus::Used => {
                    chain_hint(&files.model.profiles, &section.name, value)
                }
                "sso_session" | "sso_start_url" if !logins.is_empty() => now.and_then(|now| {
                    login_hint(
                        &files.model.profiles,
                        section,
                        &entry.key,
                        value,
                        logins,
                        now,
                    )
                }),
                key if EXPIRY_KEYS.contains(&key) => now.and_then(|now| expiry_hint(value, now)),
                key => knowledge::setting_in(place, key)
                    .filter(|s| s.kind == ValueKind::Region)
                    .and_then(|_| knowledge::region(value))
                    .map(|region| (region.name.to_string(), None)),
            };
            if let Some((label, tooltip)) = hint {
                out.push(InlayHint {
                    offset: at,
                    label,
                    tooltip,
                });
                if out.len() == MAX_INLAY_HINTS {
                    return out;
                }
            }
        }
    }
    out
}

type Hint = Option<(String, Option<String>)>;

fn account_hint(key_id: &str) -> Hint {
    let account = account_id_from_access_key(key_id)?;
    Some((
        format!("account {account}"),
        Some("The AWS account this key belongs to, decoded offline from the key id.".into()),
    ))
}

fn expiry_hint(value: &str, now: i64) -> Hint {
    let expiry = timestamp::parse(value)?;
    let label = if expiry <= now {
        format!("expired {} ago", timestamp::short_duration(now - expiry))
    } else {
        format!("expires in {}", timestamp::short_duration(expiry - now))
    };
    Some((label, Some(timestamp::format_utc_minute(expiry))))
}

/// The state of the SSO login a profile's `sso_session` or legacy `sso_start_url` names.
fn login_hint(
    set: &ProfileSet,
    section: &crate::model::Section,
    key: &str,
    value: &str,
    logins: &Logins,
    now: i64,
) -> Hint {
    let (login, command) = super::hover::value_login(set, section, key, value)?;
    let state = logins.state(&login, now);
    let label = match &state {
        LoginState::Valid { expires_at } => format!(
            "logged in, expires in {}",
            timestamp::short_duration(expires_at - now)
        ),
        LoginState::ExpiresSoon { expires_at } => format!(
            "login expires in {}",
            timestamp::short_duration(expires_at - now)
        ),
        LoginState::Renewable { .. } => "login renews on next use".to_string(),
        LoginState::Expired { expires_at } => format!(
            "login expired {} ago",
            timestamp::short_duration(now - expires_at)
        ),
        LoginState::Missing => "not logged in".to_string(),
        LoginState::Unreadable { .. } => "login unreadable".to_string(),
        LoginState::Unknown => return None,
    };
    let tooltip = super::hover::login_text(&login, &state, &command, now);
    Some((label, tooltip))
}

/// Where the chain of `profile` ends, when its `source_profile` is `source`.
fn chain_hint(set: &ProfileSet, profile: &str, source: &str) -> Hint {
    if !chain_is_short(set, profile) {
        return None;
    }
    let chain = resolve_chain(set, profile).ok()?;
    // The hint is for this entry only when the chain goes through the profile it names.
    if chain.profiles.first() != Some(&profile) || chain.profiles.get(1) != Some(&source) {
        return None;
    }
    let base = &chain.base;
    let what = match base {
        BaseProvider::AccessKey { access_key_id, .. } => match AccessKeyKind::of(access_key_id) {
            Some(AccessKeyKind::LongTerm) => "long-term key".to_string(),
            Some(AccessKeyKind::Temporary) => "temporary key".to_string(),
            None => "access key".to_string(),
        },
        BaseProvider::NamedSource { name, .. } => short_name(name).into_owned(),
        BaseProvider::WebIdentityToken { .. } => "web identity".to_string(),
        BaseProvider::Sso { .. } => "SSO".to_string(),
        BaseProvider::LoginSession { .. } => "console login".to_string(),
        BaseProvider::CredentialProcess { .. } => "credential_process".to_string(),
    };
    let roles = match chain.roles.len() {
        0 | 1 => String::new(),
        n => format!(", {n} roles"),
    };
    Some((
        format!("→ {}: {what}{roles}", short_name(base.profile())),
        Some(describe_chain(&chain)),
    ))
}

/// Whether following `source_profile` from `profile` ends (or meets a missing profile)
/// within [`MAX_HINTED_CHAIN`] profiles: the SDK's resolution never goes further.
fn chain_is_short(set: &ProfileSet, profile: &str) -> bool {
    let mut name = profile;
    for _ in 0..MAX_HINTED_CHAIN {
        let Some(next) = set.profile(name).and_then(|p| p.get("source_profile")) else {
            return true;
        };
        if next == name {
            return true;
        }
        name = next;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::test_support::Fixture;

    /// 2026-01-01T00:00:00Z.
    const NOW: i64 = 1_767_225_600;

    const CONFIG: &str = "[profile dev]\nregion = eu-west-1\nsource_profile = base\nrole_arn = arn:aws:iam::123456789012:role/dev\n\n[profile deep]\nsource_profile = dev\nrole_arn = arn:aws:iam::123456789012:role/deep\n\n[profile web]\nsource_profile = gone\nrole_arn = arn:aws:iam::123456789012:role/web\n\n[sso-session corp]\nsso_region = us-east1\n";
    const CREDENTIALS: &str = "[base]\naws_access_key_id = ASIAY34FZKBOKMUTVV7A\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\naws_session_token = FAKETOKENFAKETOKEN1234\nx_security_token_expires = 2025-12-31T21:00:00Z\n\n[fresh]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nexpiration = 2026-01-01 02:30:00\n";

    fn labels(f: &Fixture, file: usize, now: Option<i64>) -> Vec<(String, String)> {
        let text = f.texts[file];
        inlay_hints(f.files(), file, Span::new(0, text.len()), now)
            .into_iter()
            .map(|h| {
                let line_start = text[..h.offset].rfind('\n').map_or(0, |i| i + 1);
                (text[line_start..h.offset].to_string(), h.label)
            })
            .collect()
    }

    fn pair(before: &str, label: &str) -> (String, String) {
        (before.to_string(), label.to_string())
    }

    #[test]
    fn regions_chains_accounts_and_expiries() {
        let f = Fixture::new(CONFIG, CREDENTIALS);
        assert_eq!(
            labels(&f, 0, Some(NOW)),
            vec![
                pair("region = eu-west-1", "Europe (Ireland)"),
                pair("source_profile = base", "→ base: temporary key"),
                pair("source_profile = dev", "→ base: temporary key, 2 roles"),
                // `gone` does not exist: the chain fails, a diagnostic says so; no hint.
                // `us-east1` is not a Region: no name.
            ]
        );
        assert_eq!(
            labels(&f, 1, Some(NOW)),
            vec![
                pair(
                    "aws_access_key_id = ASIAY34FZKBOKMUTVV7A",
                    "account 609629065308"
                ),
                pair(
                    "x_security_token_expires = 2025-12-31T21:00:00Z",
                    "expired 3 h ago"
                ),
                pair(
                    "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
                    "account 581039954779"
                ),
                pair("expiration = 2026-01-01 02:30:00", "expires in 2 h"),
            ]
        );
        // Without the time, no expiry hint.
        assert_eq!(labels(&f, 1, None).len(), 2);
    }

    #[test]
    fn hints_never_show_a_secret() {
        let f = Fixture::new(CONFIG, CREDENTIALS);
        for file in 0..2 {
            for hint in inlay_hints(
                f.files(),
                file,
                Span::new(0, f.texts[file].len()),
                Some(NOW),
            ) {
                let all = format!("{} {}", hint.label, hint.tooltip.unwrap_or_default());
                assert!(
                    !all.contains("wJalrXUtnFEMI") && !all.contains("FAKETOKEN"),
                    "{all}"
                );
            }
        }
        let chain = &inlay_hints(f.files(), 0, Span::new(0, CONFIG.len()), None)[1];
        let tooltip = chain.tooltip.as_deref().unwrap();
        assert!(tooltip.contains("**Chain:** `dev` → `base`"), "{tooltip}");
    }

    #[test]
    fn only_the_range_and_at_most_the_limit() {
        let f = Fixture::new(CONFIG, CREDENTIALS);
        let start = CONFIG.find("[profile deep]").unwrap();
        let hints = inlay_hints(f.files(), 0, Span::new(start, CONFIG.len()), Some(NOW));
        assert_eq!(hints.len(), 1);
        assert_eq!(hints[0].label, "→ base: temporary key, 2 roles");
        assert_eq!(
            inlay_hints(f.files(), 0, Span::new(0, 5), Some(NOW)),
            vec![]
        );

        let many: String = (0..MAX_INLAY_HINTS + 10)
            .map(|i| format!("[profile p{i}]\nregion = eu-west-1\n"))
            .collect();
        let f = Fixture::generated(many);
        let text = f.texts[0];
        let hints = inlay_hints(f.files(), 0, Span::new(0, text.len()), None);
        assert_eq!(hints.len(), MAX_INLAY_HINTS);
    }

    #[test]
    fn a_long_chain_gets_no_hint_and_stays_linear() {
        let config: String = (0..2_000)
            .map(|i| {
                format!(
                    "[profile p{i}]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = p{}\n",
                    i + 1
                )
            })
            .collect::<String>()
            + "[profile p2000]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
        let f = Fixture::generated(config);
        let text = f.texts[0];
        let hints = inlay_hints(f.files(), 0, Span::new(0, text.len()), None);
        // Only the last profiles are within reach of the base.
        // The 99 profiles within reach of the base, and the base's account.
        assert_eq!(hints.len(), MAX_HINTED_CHAIN, "{:?}", hints.first());
        assert_eq!(hints[0].label, "→ p2000: long-term key, 99 roles");
        assert_eq!(hints[98].label, "→ p2000: long-term key");
    }

    #[test]
    fn the_state_of_each_sso_login_never_a_token() {
        use crate::lint::test_support::token_file;
        use crate::machine::{CacheFile, LoginKey};
        let config = "[profile a]\nsso_session = fresh\n\n[profile b]\nsso_session = old\n\n[profile c]\nsso_session = renews\n\n[profile d]\nsso_session = none\n\n[profile e]\nsso_session = soon\n\n[profile f]\nsso_session = broken\n\n[profile g]\nsso_session = nowhere\n\n[profile legacy]\nsso_start_url = https://old.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 123456789012\nsso_role_name = Dev\n\n[staging]\nsso_session = old\n\n[sso-session fresh]\n[sso-session old]\n[sso-session renews]\n[sso-session none]\n[sso-session soon]\n[sso-session broken]\n";
        let f = Fixture::new(config, "");
        let session = |name: &str| LoginKey::Session(name.to_string());
        let bytes = |text: String| Some(CacheFile::Bytes(text.into_bytes()));
        let logins = Logins::from_answers([
            (session("fresh"), bytes(token_file(NOW + 7 * 3600, None))),
            (session("old"), bytes(token_file(NOW - 3 * 3600, None))),
            (
                session("renews"),
                bytes(token_file(NOW - 3 * 3600, Some(NOW + 86_400))),
            ),
            (session("none"), Some(CacheFile::Missing)),
            (session("soon"), bytes(token_file(NOW + 600, None))),
            (session("broken"), bytes("{\"accessToken\": 1}".to_string())),
            (
                LoginKey::StartUrl("https://old.awsapps.com/start".to_string()),
                Some(CacheFile::Missing),
            ),
        ]);
        let hints = inlay_hints_with_logins(f.files(), 0, Span::new(0, config.len()), NOW, &logins);
        let found: Vec<(String, String)> = hints
            .iter()
            .map(|h| {
                let start = config[..h.offset].rfind('\n').map_or(0, |i| i + 1);
                (config[start..h.offset].to_string(), h.label.clone())
            })
            .collect();
        assert_eq!(
            found,
            vec![
                pair("sso_session = fresh", "logged in, expires in 7 h"),
                pair("sso_session = old", "login expired 3 h ago"),
                pair("sso_session = renews", "login renews on next use"),
                pair("sso_session = none", "not logged in"),
                pair("sso_session = soon", "login expires in 10 min"),
                pair("sso_session = broken", "login unreadable"),
                // `nowhere` is no sso-session: no login to speak of.
                pair(
                    "sso_start_url = https://old.awsapps.com/start",
                    "not logged in"
                ),
                pair("sso_region = eu-west-1", "Europe (Ireland)"),
                // [staging] is not a profile of the config file: the SDKs never read it.
            ]
        );
        // The tooltip is the hover's sentence, with the command; no token in any of it.
        assert_eq!(
            hints[1].tooltip.as_deref(),
            Some(
                format!(
                    "**SSO login** (`{}`): **expired** 3 hours ago (2025-12-31 21:00 UTC) and cannot be renewed: run `aws sso login --sso-session old`.\n",
                    session("old").display_path()
                )
                .as_str()
            )
        );
        assert!(hints.iter().all(|h| !format!("{h:?}").contains("FAKE")));
        // Without logins read (no host), no login hints.
        assert_eq!(
            inlay_hints(f.files(), 0, Span::new(0, config.len()), Some(NOW)).len(),
            1
        );
    }
}
