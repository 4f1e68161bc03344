//! What the SSO login rules share: where each login is used and how to renew it.

use crate::lint::LintContext;
use crate::machine::sso_cache::legacy_start_url;
use crate::machine::{LoginKey, Reading};
use crate::model::SectionKind;
use crate::text::Span;

/// A login the files depend on, and where a diagnostic about it goes.
pub(crate) struct Site {
    pub file: usize,
    /// The name in the sso-session's header, or in the legacy profile's header.
    pub span: Span,
    pub key: LoginKey,
    /// "sso-session `corp`", "profile `dev`".
    pub subject: String,
    /// The command that logs in again.
    pub command: String,
    /// Whether the token can ever be renewed (only an sso-session's can).
    pub session: bool,
}

/// Every sso-session that some profile names (and that has a start URL: without one,
/// `incomplete-sso` speaks), and every legacy SSO profile ([`legacy_start_url`]), in file
/// order of their headers. Found once per analysis ([`LintContext::login_sites`]); empty when
/// the host could tell nothing about any login.
pub(crate) fn sites(cx: &LintContext<'_>) -> Vec<Site> {
    if !cx.logins().any_known() {
        return Vec::new();
    }
    let set = &cx.model.profiles;
    let mut named = crate::fast_hash::FastSet::default();
    for profile in set.profiles.values() {
        if let Some(session) = profile.get("sso_session") {
            named.insert(session);
        }
    }
    // Where each profile and sso-session is first declared, in one pass (one search per
    // name would be quadratic in files of thousands of SSO profiles).
    let mut profile_headers: crate::fast_hash::FastMap<&str, (usize, Span)> = Default::default();
    let mut session_headers: crate::fast_hash::FastMap<&str, (usize, Span)> = Default::default();
    for (file, _, _, section) in cx.used_sections() {
        let headers = match section.kind {
            SectionKind::Profile => &mut profile_headers,
            SectionKind::SsoSession => &mut session_headers,
            _ => continue,
        };
        headers
            .entry(&*section.name)
            .or_insert((file, section.name_span));
    }
    let mut sites = Vec::new();
    for (name, session) in set.sso_sessions.iter() {
        if !named.contains(&**name) || session.get("sso_start_url").is_none_or(str::is_empty) {
            continue;
        }
        let Some(&(file, span)) = session_headers.get(&**name) else {
            continue;
        };
        sites.push(Site {
            file,
            span,
            key: LoginKey::Session(name.to_string()),
            subject: format!("sso-session `{name}`"),
            command: format!("aws sso login --sso-session {}", shell_word(name)),
            session: true,
        });
    }
    for profile in cx.profiles_holding_any(crate::lint::context::facts::SSO_START_URL) {
        let Some(url) = legacy_start_url(set, profile) else {
            continue;
        };
        let Some(&(file, span)) = profile_headers.get(&*profile.name) else {
            continue;
        };
        sites.push(Site {
            file,
            span,
            key: LoginKey::StartUrl(url.to_string()),
            subject: format!("profile `{}`", profile.name),
            command: format!("aws sso login --profile {}", shell_word(&profile.name)),
            session: false,
        });
    }
    sites.sort_by_key(|s| (s.file, s.span.start));
    sites
}

/// `word` as one word for a POSIX shell: as it is when it is plainly safe, else in single
/// quotes.
pub(crate) fn shell_word(word: &str) -> String {
    if !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:@%+=,".contains(&b))
    {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// Who cannot use a cache file and why, in a sentence: "The AWS CLI and the SDKs cannot use
/// … : it is not a JSON object (…)." A reader this model cannot judge is not mentioned.
pub(crate) fn unreadable_sentence(
    subject: &str,
    path: &str,
    sdk: &Reading,
    cli: &Reading,
) -> String {
    let what = format!("the cached login for {subject} (`{path}`)");
    match (sdk, cli) {
        (Reading::Refuses(sdk), Reading::Refuses(cli)) if sdk == cli => format!(
            "The AWS CLI and the SDKs cannot use {what}: {}.",
            sdk.reason()
        ),
        (Reading::Refuses(sdk), Reading::Refuses(cli)) => format!(
            "The AWS SDK for Rust cannot use {what}: {}; nor can the AWS CLI and boto3: {}.",
            sdk.reason(),
            cli.reason()
        ),
        (Reading::Refuses(sdk), other) => format!(
            "The AWS SDK for Rust cannot use {what}: {}.{}",
            sdk.reason(),
            if *other == Reading::Reads {
                " The AWS CLI and boto3 can."
            } else {
                ""
            }
        ),
        (other, Reading::Refuses(cli)) => format!(
            "The AWS CLI and boto3 cannot use {what}: {}.{}",
            cli.reason(),
            if *other == Reading::Reads {
                " The AWS SDK for Rust can."
            } else {
                ""
            }
        ),
        _ => format!("The tools may not be able to use {what}."),
    }
}

#[cfg(test)]
mod tests {
    use super::shell_word;

    #[test]
    fn shell_words() {
        assert_eq!(shell_word("corp"), "corp");
        assert_eq!(shell_word("my-session.1"), "my-session.1");
        assert_eq!(shell_word("my session"), "'my session'");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(shell_word("$HOME"), "'$HOME'");
        assert_eq!(shell_word(""), "''");
    }
}
