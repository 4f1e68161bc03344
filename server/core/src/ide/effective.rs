//! The effective profile, merged across both files as the SDKs merge it, like
//! `aws configure list`: every key, its value (secrets masked) and where it comes from, and
//! how the SDK for Rust would get credentials for it.

use super::access_key::{account_id_from_access_key, AccessKeyKind};
use super::{short_name, Files};
use crate::chain::{resolve_chain, BaseProvider, ProfileChain};
use crate::model::{mask_for_display, Profile, Value};

/// Markdown describing the profile `name` as the SDKs see it, or `None` when no file
/// defines it. At most [`super::MAX_HOVER_BYTES`] and a note, like a hover.
pub fn effective_profile(files: Files<'_>, name: &str) -> Option<String> {
    full_effective_profile(files, name).map(super::hover::limited)
}

fn full_effective_profile(files: Files<'_>, name: &str) -> Option<String> {
    let profile = files.model.profiles.profile(name)?;
    let mut out = format!(
        "**Profile `{}`** as the AWS SDKs see it\n\n",
        short_name(name)
    );
    out.push_str(&table(files, profile));
    out.push('\n');
    match resolve_chain(&files.model.profiles, name) {
        Ok(chain) => out.push_str(&describe_chain(&chain)),
        Err(error) => {
            out.push_str(&format!("**Credentials:** the SDK fails: {error}\n"));
        }
    }
    Some(out)
}

/// Markdown table of the keys of a merged section.
pub(crate) fn table(files: Files<'_>, profile: &Profile) -> String {
    if profile.properties.is_empty() {
        return "_No settings._\n".to_string();
    }
    let mut out = String::from("| key | value | from |\n|---|---|---|\n");
    for (key, value) in profile.properties.iter().take(MAX_ROWS) {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            short_name(key).replace('|', "\\|").replace('`', "'"),
            shown_value(key, &value.value),
            origin(files, value)
        ));
    }
    let more = profile.properties.len().saturating_sub(MAX_ROWS);
    if more > 0 {
        out.push_str(&format!("| … | {more} more keys not shown | |\n"));
    }
    out
}

/// Rows of a table of keys, and roles or profiles of a chain, shown at most.
const MAX_ROWS: usize = 100;

/// A value as it may be shown: secrets masked, long values shortened, table-safe.
pub(crate) fn shown_value(key: &str, value: &str) -> String {
    let shown = crate::redact::display_value(key, value);
    let first_line = shown.lines().next().unwrap_or("");
    let mut short: String = first_line.chars().take(80).collect();
    if short.len() < shown.len() {
        short.push('…');
    }
    if short.is_empty() {
        return "_(empty)_".to_string();
    }
    format!("`{}`", short.replace('|', "\\|").replace('`', "'"))
}

fn origin(files: Files<'_>, value: &Value) -> String {
    match value
        .origin
        .and_then(|o| files.model.entry(o).map(|e| (o, e)))
    {
        Some((_, (file, _, entry))) => format!("{} line {}", file.kind.as_str(), entry.line + 1),
        None => String::new(),
    }
}

/// How the SDK for Rust gets credentials for the chain, in one or two lines.
pub(crate) fn describe_chain(chain: &ProfileChain<'_>) -> String {
    let base = match &chain.base {
        BaseProvider::AccessKey {
            profile,
            access_key_id,
            session_token,
            ..
        } => {
            let kind = match AccessKeyKind::of(access_key_id) {
                Some(AccessKeyKind::LongTerm) => "long-term access key",
                Some(AccessKeyKind::Temporary) => "temporary access key",
                None => "access key",
            };
            let account = account_id_from_access_key(access_key_id)
                .map(|a| format!(" (account {a})"))
                .unwrap_or_default();
            let token = if session_token.is_some() {
                " with a session token"
            } else {
                ""
            };
            let id = mask_for_display("aws_access_key_id", access_key_id)
                .unwrap_or_else(|| access_key_id.to_string());
            format!("{kind} `{id}`{account}{token} from `{profile}`")
        }
        BaseProvider::NamedSource { profile, name } => {
            format!("`credential_source = {name}` in `{profile}`")
        }
        BaseProvider::WebIdentityToken {
            profile, role_arn, ..
        } => format!("web identity token for `{role_arn}` from `{profile}`"),
        BaseProvider::Sso {
            profile,
            sso_session,
            sso_start_url,
            ..
        } => match sso_session {
            Some(session) => format!(
                "IAM Identity Center (SSO) through session `{session}` ({sso_start_url}) from `{profile}`; sign in with `aws sso login --profile {profile}`"
            ),
            None => format!(
                "IAM Identity Center (SSO), legacy configuration ({sso_start_url}) from `{profile}`"
            ),
        },
        BaseProvider::LoginSession { profile, .. } => {
            format!("console login session from `{profile}`")
        }
        BaseProvider::CredentialProcess { profile, .. } => {
            format!("`credential_process` of `{profile}`")
        }
    };
    let mut out = format!("**Credentials:** {base}");
    for role in chain.roles.iter().take(MAX_ROWS) {
        out.push_str(&format!(
            ", then assume `{}` (from `{}`)",
            short_name(role.role_arn),
            short_name(role.profile)
        ));
    }
    let more = chain.roles.len().saturating_sub(MAX_ROWS);
    if more > 0 {
        out.push_str(&format!(", then {more} more roles"));
    }
    out.push('\n');
    if chain.profiles.len() > 1 {
        let mut path: Vec<String> = chain
            .profiles
            .iter()
            .take(MAX_ROWS)
            .map(|p| format!("`{}`", short_name(p)))
            .collect();
        let more = chain.profiles.len().saturating_sub(MAX_ROWS);
        if more > 0 {
            path.push(format!("{more} more profiles"));
        }
        out.push_str(&format!("\n**Chain:** {}\n", path.join(" → ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::test_support::Fixture;

    #[test]
    fn merges_both_files_masks_secrets_and_shows_the_chain() {
        let f = Fixture::new(
            "[profile dev]\nregion = eu-west-1\nsource_profile = base\nrole_arn = arn:aws:iam::123456789012:role/dev\n",
            "[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
        );
        let text = effective_profile(f.files(), "base").unwrap();
        assert!(
            text.contains(
                "| `aws_secret_access_key` | `****************EKEY` | credentials line 3 |"
            ),
            "{text}"
        );
        assert!(!text.contains("wJalrXUtnFEMI"));
        assert!(
            text.contains("long-term access key `AKIAIOSFODNN7EXAMPLE`"),
            "{text}"
        );
        let dev = effective_profile(f.files(), "dev").unwrap();
        assert!(
            dev.contains("then assume `arn:aws:iam::123456789012:role/dev` (from `dev`)"),
            "{dev}"
        );
        assert!(dev.contains("**Chain:** `dev` → `base`"), "{dev}");
        assert_eq!(effective_profile(f.files(), "nope"), None);
    }

    #[test]
    fn a_loop_of_thousands_of_profiles_gives_a_bounded_answer() {
        let config: String = (0..5_000)
            .map(|i| {
                format!(
                    "[profile p{i}]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = p{}\n",
                    (i + 1) % 5_000
                )
            })
            .collect();
        let f = Fixture::generated(config);
        let text = effective_profile(f.files(), "p0").unwrap();
        assert!(
            text.len() <= crate::ide::MAX_HOVER_BYTES + 100,
            "{}",
            text.len()
        );
        assert!(text.contains("profile formed an infinite loop"), "{text}");
        assert!(text.ends_with("characters) is not shown._\n"), "{text}");
    }

    #[test]
    fn a_broken_chain_says_what_the_sdk_says() {
        let f = Fixture::new(
            "[profile dev]\nsource_profile = gone\nrole_arn = arn:aws:iam::123456789012:role/dev\n",
            "",
        );
        let text = effective_profile(f.files(), "dev").unwrap();
        assert!(
            text.contains("the SDK fails: profile `gone` was not defined"),
            "{text}"
        );
    }
}
