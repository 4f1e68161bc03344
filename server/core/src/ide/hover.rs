//! Hover: what a key does, what a value means, and what a section adds up to.

use super::access_key::{account_id_from_access_key, AccessKeyKind};
use super::effective::{describe_chain, effective_profile, shown_value, table};
use super::locate::{locate, Target};
use super::navigation::all_references;
use super::{short_name, FileSpan, Files, NameKind};
use crate::chain::resolve_chain;
use crate::knowledge::{self, EnumCase, Place, Setting, Tool, ValueKind};
use crate::lint::logins::{shell_word, unreadable_sentence};
use crate::machine::sso_cache::legacy_start_url;
use crate::machine::{LoginKey, LoginState, Logins};
use crate::model::{
    is_secret_key, FileKind, FileModel, IgnoreReason, ProfileSet, Section, SectionKind,
    SectionStatus,
};
use crate::text::Span;

/// Markdown for the hovered range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    pub markdown: String,
    pub range: FileSpan,
}

/// A hover longer than this (in bytes) is cut, with a note of how much was left out: a
/// name of megabytes, or a chain of thousands of roles, would otherwise make an answer of
/// megabytes.
pub const MAX_HOVER_BYTES: usize = 32 * 1024;

/// The hover at `offset` in `file`, if there is something to say; at most
/// [`MAX_HOVER_BYTES`] of Markdown and a note.
pub fn hover(files: Files<'_>, file: usize, offset: usize) -> Option<Hover> {
    let mut found = with_readings(files, file, offset)?;
    found.markdown = limited(found.markdown);
    Some(found)
}

/// Like [`hover`], with the state of the SSO login at `offset` (on an sso-session's header,
/// a legacy SSO profile's header, an `sso_session` or a legacy `sso_start_url` value) from
/// the cached logins the caller read through its host ([`Logins`]), at time `now`.
pub fn hover_with_logins(
    files: Files<'_>,
    file: usize,
    offset: usize,
    logins: &Logins,
    now: i64,
) -> Option<Hover> {
    let base = with_readings(files, file, offset);
    let login = login_at(files, file, offset, logins, now);
    let mut found = match (base, login) {
        (Some(mut hover), Some((login, _))) => {
            hover.markdown = format!("{}\n\n---\n\n{login}", hover.markdown.trim_end());
            hover
        }
        (Some(hover), None) => hover,
        (None, Some((markdown, range))) => Hover { markdown, range },
        (None, None) => return None,
    };
    found.markdown = limited(found.markdown);
    Some(found)
}

/// The login shown at `offset`, and the range it belongs to.
fn login_at(
    files: Files<'_>,
    file: usize,
    offset: usize,
    logins: &Logins,
    now: i64,
) -> Option<(String, FileSpan)> {
    if logins.is_empty() {
        return None;
    }
    let model = files.model.files.get(file)?;
    let set = &files.model.profiles;
    let (key, command, span) = match locate(files, file, offset)? {
        Target::Header { section } => {
            let section = &model.sections[section];
            if section.status != SectionStatus::Used {
                return None;
            }
            let (key, command) = match section.kind {
                SectionKind::SsoSession => session_login(set, &section.name)?,
                SectionKind::Profile => legacy_login(set, &section.name)?,
                _ => return None,
            };
            (key, command, model.tree.lines[section.line].span)
        }
        Target::Value { section, property } => {
            let section = &model.sections[section];
            let entry = &section.properties[property];
            let (key, command) = value_login(set, section, &entry.key, &entry.value)?;
            (key, command, entry.value_span)
        }
        _ => return None,
    };
    let state = logins.state(&key, now);
    let text = login_text(&key, &state, &command, now)?;
    Some((text, FileSpan { file, span }))
}

/// The login a profile's value names, and the command that logs in: `sso_session = NAME`
/// (when the sso-session exists) or a legacy profile's `sso_start_url`. `None` for any other
/// value, and in a section the SDKs do not read as a profile.
pub(crate) fn value_login(
    set: &ProfileSet,
    section: &Section,
    key: &str,
    value: &str,
) -> Option<(LoginKey, String)> {
    if section.status != SectionStatus::Used || section.kind != SectionKind::Profile {
        return None;
    }
    match key {
        "sso_session" => session_login(set, value.trim()),
        "sso_start_url" => legacy_login(set, &section.name),
        _ => None,
    }
}

/// The login of a legacy SSO profile (its own `sso_start_url`).
fn legacy_login(set: &ProfileSet, name: &str) -> Option<(LoginKey, String)> {
    let profile = set.profile(name)?;
    legacy_start_url(set, profile).map(|url| {
        (
            LoginKey::StartUrl(url.to_string()),
            format!("aws sso login --profile {}", shell_word(name)),
        )
    })
}

/// The login of an sso-session that exists.
fn session_login(set: &ProfileSet, name: &str) -> Option<(LoginKey, String)> {
    set.sso_session(name).map(|_| {
        (
            LoginKey::Session(name.to_string()),
            format!("aws sso login --sso-session {}", shell_word(name)),
        )
    })
}

/// The login's state in words, with the cache file it was read from; `None` when unknown.
pub(crate) fn login_text(
    key: &LoginKey,
    state: &LoginState,
    command: &str,
    now: i64,
) -> Option<String> {
    use crate::lint::timestamp::{format_utc_minute, human_duration};
    let when = |at: i64| format_utc_minute(at);
    let body = match state {
        LoginState::Valid { expires_at } => format!(
            "valid until {} (in {}).",
            when(*expires_at),
            human_duration(expires_at - now)
        ),
        LoginState::ExpiresSoon { expires_at } => format!(
            "expires in {} ({}) and cannot be renewed: then run `{command}`.",
            human_duration(expires_at - now),
            when(*expires_at)
        ),
        LoginState::Renewable {
            expires_at,
            renewable_until,
        } => format!(
            "the access token expired {} ago ({}). Not a failure: the AWS CLI and the SDKs renew \
             it with the cached refresh token on the next request (the client registration \
             lasts until {}). Should the renewal be refused (the session ended at the identity \
             provider), run `{command}`.",
            human_duration(now - expires_at),
            when(*expires_at),
            when(*renewable_until)
        ),
        LoginState::Expired { expires_at } => format!(
            "**expired** {} ago ({}) and cannot be renewed: run `{command}`.",
            human_duration(now - expires_at),
            when(*expires_at)
        ),
        LoginState::Missing => format!("none on this machine: run `{command}`."),
        LoginState::Unreadable { sdk, cli } => format!(
            "{} Run `{command}` to write it anew.",
            unreadable_sentence(&subject(key), &key.display_path(), sdk, cli)
        ),
        LoginState::Unknown => return None,
    };
    Some(format!(
        "**SSO login** (`{}`): {body}\n",
        key.display_path()
    ))
}

fn subject(key: &LoginKey) -> String {
    match key {
        LoginKey::Session(name) => format!("sso-session `{}`", short_name(name)),
        LoginKey::StartUrl(_) => "this profile".to_string(),
    }
}

/// `markdown` cut to [`MAX_HOVER_BYTES`] at the last line end (or character) before it,
/// with a note of how many characters were left out.
pub(crate) fn limited(markdown: String) -> String {
    if markdown.len() <= MAX_HOVER_BYTES {
        return markdown;
    }
    let mut cut = MAX_HOVER_BYTES;
    while !markdown.is_char_boundary(cut) {
        cut -= 1;
    }
    if let Some(line_end) = markdown[..cut].rfind('\n').filter(|&i| i > cut / 2) {
        cut = line_end + 1;
    }
    let left_out = markdown[cut..].chars().count();
    let mut out = String::with_capacity(cut + 80);
    out.push_str(&markdown[..cut]);
    if !out.ends_with('\n') {
        out.push('…');
    }
    out.push_str(&format!(
        "\n\n_The rest of this text ({left_out} characters) is not shown._\n"
    ));
    out
}

/// The hover at `offset`, ending, on a line that the SDKs and the AWS CLI read differently,
/// with both readings.
fn with_readings(files: Files<'_>, file: usize, offset: usize) -> Option<Hover> {
    let base = full_hover(files, file, offset);
    let model = files.model.files.get(file)?;
    let line = model
        .tree
        .lines
        .partition_point(|l| l.terminator.end <= offset);
    let Some(divergence) = files.model.divergence_at(file, line) else {
        return base;
    };
    let line_of = |offset: usize| {
        model
            .tree
            .lines
            .partition_point(|l| l.terminator.end <= offset)
    };
    use crate::views::describe;
    let readings = format!(
        "**Read differently by the AWS SDKs, the AWS CLI and the AWS SDK for JavaScript**\n\n- {}: {}\n- {}: {}\n- {}: {}\n",
        describe::capitalised(describe::SDKS),
        describe::reading(&divergence.sdk, &line_of),
        describe::capitalised(describe::CLI),
        describe::reading(&divergence.cli, &line_of),
        describe::capitalised(describe::JS),
        describe::reading(&divergence.js, &line_of),
    );
    Some(match base {
        Some(mut hover) => {
            hover.markdown = format!("{}\n\n---\n\n{readings}", hover.markdown.trim_end());
            hover
        }
        None => Hover {
            markdown: readings,
            range: FileSpan {
                file,
                span: divergence.span,
            },
        },
    })
}

fn full_hover(files: Files<'_>, file: usize, offset: usize) -> Option<Hover> {
    let model = files.model.files.get(file)?;
    let at = |span: Span| FileSpan { file, span };
    match locate(files, file, offset)? {
        Target::Header { section } => {
            let section = &model.sections[section];
            let span = model.tree.lines[section.line].span;
            Some(Hover {
                markdown: header_hover(files, model, section)?,
                range: at(span),
            })
        }
        Target::Key { section, property } => {
            let section = &model.sections[section];
            let entry = &section.properties[property];
            let setting = knowledge::setting_in(place_of(model.kind, section), &entry.key);
            let markdown = match setting {
                Some(setting) => setting_doc(setting),
                None => unknown_key_doc(&entry.key)?,
            };
            Some(Hover {
                markdown,
                range: at(entry.key_span),
            })
        }
        Target::Value { section, property } => {
            let section_model = &model.sections[section];
            let entry = &section_model.properties[property];
            let value = entry.value_span.slice(files.texts[file]);
            let markdown = value_hover(files, section_model, &entry.key, value)?;
            Some(Hover {
                markdown,
                range: at(entry.value_span),
            })
        }
        Target::SubKey {
            section,
            property,
            sub,
        } => {
            let section = &model.sections[section];
            let sub = &section.properties[property].sub_properties[sub];
            let place = if section.kind == SectionKind::Services {
                Place::Service
            } else {
                Place::S3
            };
            let setting = knowledge::setting_in(place, &sub.key)?;
            Some(Hover {
                markdown: setting_doc(setting),
                range: at(sub.key_span),
            })
        }
        Target::SubValue { .. } => None,
    }
}

pub(super) fn place_of(kind: FileKind, section: &Section) -> Place {
    match (section.kind, kind) {
        (SectionKind::SsoSession, _) => Place::SsoSession,
        (SectionKind::Services, _) => Place::Service,
        (_, FileKind::Credentials) => Place::Credentials,
        _ => Place::Profile,
    }
}

/// The documentation of a setting: what it does, its type, default, place, environment
/// variable, and where the tools differ.
pub(crate) fn setting_doc(setting: &Setting) -> String {
    let mut out = format!("**`{}`** — {}\n\n", setting.name, setting.summary);
    let mut facts = vec![format!("Type: {}", kind_text(setting.kind))];
    if let Some(default) = setting.default {
        facts.push(format!("Default: `{default}`"));
    }
    facts.push(format!("In: {}", places_text(setting.places)));
    if let Some(env) = setting.env_var {
        facts.push(format!("Overridden by: `{env}`"));
    }
    facts.push(format!("Read by: {}", tool_text(setting.tool)));
    for fact in facts {
        out.push_str(&format!("- {fact}\n"));
    }
    if let Some(notes) = setting.notes {
        out.push_str(&format!("\n{notes}\n"));
    }
    out
}

fn unknown_key_doc(key: &str) -> Option<String> {
    let vendor = knowledge::vendor_prefix(key)?;
    Some(format!(
        "**`{key}`** — written by {}: {}\n\nNo AWS SDK reads it.\n",
        vendor.tool, vendor.summary
    ))
}

pub(crate) fn kind_text(kind: ValueKind) -> String {
    match kind {
        ValueKind::String => "text".into(),
        ValueKind::Bool => "`true` or `false`".into(),
        ValueKind::Integer { min, max } => match (min, max) {
            (Some(min), Some(max)) => format!("whole number from {min} to {max}"),
            (Some(min), None) => format!("whole number, at least {min}"),
            _ => "whole number".into(),
        },
        ValueKind::Enum { values, case } => {
            let list: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
            let case = match case {
                EnumCase::Sensitive => "",
                EnumCase::InsensitiveInSdksOnly => {
                    " (any case for the SDKs; the AWS CLI wants it as listed)"
                }
                _ => " (any case)",
            };
            format!("one of {}{case}", list.join(", "))
        }
        ValueKind::Region => "an AWS Region code (`eu-west-1`)".into(),
        ValueKind::RegionList => "comma-separated Region codes, or `*`".into(),
        ValueKind::RoleArn => "an IAM role ARN".into(),
        ValueKind::Arn => "an ARN".into(),
        ValueKind::MfaSerial => "an MFA device ARN or hardware serial number".into(),
        ValueKind::AccountId => "a 12-digit AWS account id".into(),
        ValueKind::Url => "an `http://` or `https://` URL".into(),
        ValueKind::HttpsUrl => "an `https://` URL".into(),
        ValueKind::Path => "a file path".into(),
        ValueKind::Command => "a command line".into(),
        ValueKind::ProfileName => "the name of a profile".into(),
        ValueKind::SsoSessionName => "the name of an `[sso-session]` section".into(),
        ValueKind::ServicesName => "the name of a `[services]` section".into(),
        ValueKind::SubProperties => "empty, followed by indented `key = value` lines".into(),
        ValueKind::Size => "a size in bytes, or with a suffix (`8MB`, `1GiB`)".into(),
        ValueKind::Rate => "a rate in bytes per second (`50MB/s`)".into(),
        ValueKind::CommaList => "a comma-separated list".into(),
        ValueKind::AccessKeyId => "an access key id (`AKIA…` or `ASIA…`)".into(),
        ValueKind::SecretAccessKey => "a secret access key (never shown)".into(),
        ValueKind::SessionToken => "a session token (never shown)".into(),
        ValueKind::Timestamp => "a point in time (ISO 8601)".into(),
    }
}

fn places_text(places: &[Place]) -> String {
    let names: Vec<&str> = places
        .iter()
        .map(|p| match p {
            Place::Profile => "config file profile",
            Place::Credentials => "credentials file",
            Place::SsoSession => "`[sso-session]`",
            Place::S3 => "`s3 =` block",
            Place::Service => "`[services]` service block",
        })
        .collect();
    names.join(", ")
}

fn tool_text(tool: Tool) -> String {
    match tool {
        Tool::Sdk => "the AWS SDKs and the AWS CLI".into(),
        Tool::SdksOnly => "the AWS SDKs, not botocore (boto3, the AWS CLI)".into(),
        Tool::CliOnly => "the AWS CLI only".into(),
        Tool::BotocoreOnly => "botocore only (boto3, the AWS CLI)".into(),
        Tool::ThirdParty(name) => format!("{name} (no AWS SDK)"),
    }
}

fn header_hover(files: Files<'_>, model: &FileModel, section: &Section) -> Option<String> {
    if let SectionStatus::Ignored(reason) = section.status {
        return Some(format!(
            "**`[{}]`** is ignored by the AWS SDKs: {}\n",
            short_name(&section.raw_key),
            ignore_text(reason, model.kind)
        ));
    }
    match section.kind {
        SectionKind::Profile => {
            let mut out = effective_profile(files, &section.name)?;
            if let Some(profile) = files.model.profiles.profile(&section.name) {
                out.push_str(&provider_and_tool(files, profile));
            }
            Some(out)
        }
        SectionKind::SsoSession => {
            let session = files.model.profiles.sso_session(&section.name)?;
            let users = all_references(files, NameKind::SsoSession, &section.name)
                .iter()
                .filter(|r| !r.is_definition)
                .count();
            Some(format!(
                "**sso-session `{}`** (used by {users} profile{})\n\n{}",
                short_name(&section.name),
                if users == 1 { "" } else { "s" },
                table(files, session)
            ))
        }
        SectionKind::Services => {
            let services = files.model.profiles.services.get(&section.name)?;
            Some(format!(
                "**services `{}`**: per-service settings for the profiles that say `services = {}`\n\n{}",
                short_name(&section.name),
                short_name(&section.name),
                table(files, services)
            ))
        }
        SectionKind::CliSettings => Some(format!(
            "**`[{}]`**: settings for the AWS CLI itself; the SDKs ignore this section.\n",
            short_name(&section.raw_key)
        )),
        _ => None,
    }
}

/// Which provider other than AWS the profile looks like it is for (`knowledge::tools`), and
/// which credential tool it is plainly for, each with what shows it.
fn provider_and_tool(files: Files<'_>, profile: &crate::model::Profile) -> String {
    use crate::knowledge::tools;
    use crate::model::ProviderEvidence;
    let mut out = String::new();
    if let Some(found) = files.model.profiles.provider_of(profile) {
        let why = match &found.evidence {
            ProviderEvidence::Endpoint(url) => {
                let host = tools::host_of(url).unwrap_or_else(|| url.clone());
                format!("its endpoint is `{host}`")
            }
            ProviderEvidence::KeyId => match found.provider {
                Some(p) if !p.dummy_key_ids.is_empty() && p.key_id.is_none() => {
                    "its access key id is the emulator's dummy key".to_string()
                }
                _ => "its access key id has that provider's shape".to_string(),
            },
            ProviderEvidence::Region(region) => format!("its Region `{region}` is that provider's"),
        };
        let name = found
            .provider
            .map_or("a service other than AWS".to_string(), |p| {
                p.name.to_string()
            });
        out.push_str(&format!(
            "\n**Looks like a profile for {name}** ({why}): AWS's key and Region shapes are \
             not checked for it.\n"
        ));
    }
    if let Some((tool, key)) = profile
        .properties
        .keys()
        .find_map(|k| tools::key_owner(k).map(|t| (t, k)))
    {
        out.push_str(&format!(
            "\n**For {}** (it holds `{key}`): {}.\n",
            tool.name, tool.summary
        ));
    }
    out
}

fn ignore_text(reason: IgnoreReason, kind: FileKind) -> &'static str {
    let _ = kind;
    match reason {
        IgnoreReason::MissingProfilePrefix => {
            "in the config file a profile header needs the `profile ` prefix (`[profile name]`); only `[default]` may go without"
        }
        IgnoreReason::CliOnly => "it holds settings for the AWS CLI only",
        IgnoreReason::ProfilePrefixInCredentials => {
            "the credentials file takes plain names (`[name]`), without the `profile ` prefix"
        }
        IgnoreReason::PrefixedSectionInCredentials => {
            "the credentials file holds only profiles; sso-session and services sections belong in the config file"
        }
        IgnoreReason::InvalidName => {
            "its name has characters outside `A-Z a-z 0-9 _ - / . % @ : +`"
        }
        IgnoreReason::HiddenByProfileDefault => {
            "`[profile default]` in the same file wins over `[default]`"
        }
        _ => "the SDKs do not read it",
    }
}

fn value_hover(files: Files<'_>, section: &Section, key: &str, value: &str) -> Option<String> {
    if is_secret_key(key) {
        return Some(format!(
            "**`{key}`**: secret, shown masked: `{}`\n",
            crate::text::mask_secret(value)
        ));
    }
    if key == "aws_access_key_id" {
        return Some(access_key_doc(value));
    }
    if let Some(kind) = NameKind::of_key(key) {
        return Some(reference_doc(files, section, kind, value));
    }
    let setting = knowledge::setting(key)?;
    match setting.kind {
        ValueKind::Region | ValueKind::RegionList => {
            let names: Vec<String> = value
                .split(',')
                .map(str::trim)
                .filter_map(|code| {
                    knowledge::region(code).map(|r| {
                        format!("**`{}`**: {} (partition `{}`)", r.code, r.name, r.partition)
                    })
                })
                .collect();
            (!names.is_empty()).then(|| names.join("\n\n") + "\n")
        }
        _ => Some(setting_doc(setting)),
    }
}

fn access_key_doc(value: &str) -> String {
    let shown = shown_value("aws_access_key_id", value);
    match AccessKeyKind::of(value) {
        Some(kind) => {
            let what = match kind {
                AccessKeyKind::LongTerm => {
                    "a **long-term** access key (`AKIA`) of an IAM user: it needs no session token and does not expire by itself"
                }
                AccessKeyKind::Temporary => {
                    "a **temporary** access key (`ASIA`) from AWS STS: it needs its `aws_session_token` and it expires"
                }
            };
            let account = account_id_from_access_key(value)
                .map(|a| format!("\n\nAccount (decoded offline from the key id): `{a}`"))
                .unwrap_or_default();
            format!("{shown} is {what}.{account}\n")
        }
        None => format!(
            "{shown}: access key ids start with `AKIA` (long-term) or `ASIA` (temporary) and are 20 characters long.\n"
        ),
    }
}

fn reference_doc(files: Files<'_>, section: &Section, kind: NameKind, name: &str) -> String {
    let definitions: Vec<String> = all_references(files, kind, name)
        .into_iter()
        .filter(|r| r.is_definition)
        .map(|r| {
            let file = &files.model.files[r.at.file];
            let line = super::locate::line_of_offset(file, r.at.span.start).unwrap_or(0);
            format!("{} line {}", file.kind.as_str(), line + 1)
        })
        .collect();
    let shown = short_name(name);
    if definitions.is_empty() {
        return format!("No {} named `{shown}` is defined.\n", kind.noun());
    }
    let mut listed = definitions[..definitions.len().min(10)].join(", ");
    if definitions.len() > 10 {
        listed.push_str(&format!(" and {} more", definitions.len() - 10));
    }
    let mut out = format!("**{} `{shown}`** ({listed})\n\n", kind.noun());
    let target = match kind {
        NameKind::Profile => files.model.profiles.profile(name),
        NameKind::SsoSession => files.model.profiles.sso_session(name),
        NameKind::Services => files.model.profiles.services.get(name),
    };
    if let Some(target) = target {
        out.push_str(&table(files, target));
    }
    if kind == NameKind::Profile && section.kind == SectionKind::Profile {
        out.push('\n');
        match resolve_chain(&files.model.profiles, &section.name) {
            Ok(chain) => out.push_str(&describe_chain(&chain)),
            Err(error) => out.push_str(&format!("**Credentials:** the SDK fails: {error}\n")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::test_support::{at, Fixture};

    const CONFIG: &str = "[profile dev]\nregion = eu-west-1\nsource_profile = base\nrole_arn = arn:aws:iam::123456789012:role/dev\n\n[dev]\n";
    const CREDENTIALS: &str = "[base]\naws_access_key_id = ASIAY34FZKBOKMUTVV7A\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\naws_session_token = FAKETOKENFAKETOKEN1234\n";

    fn hover_at(f: &Fixture, file: usize, needle: &str, delta: usize) -> String {
        hover(f.files(), file, at(f.texts[file], needle, delta))
            .expect("a hover")
            .markdown
    }

    #[test]
    fn the_sso_login_state() {
        use crate::lint::test_support::{token_file, TEST_NOW};
        use crate::machine::CacheFile;
        let config = "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n\n[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\n\n[profile old]\nsso_start_url = https://old.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 123456789012\nsso_role_name = Dev\n";
        let f = Fixture::new(config, "");
        let corp = LoginKey::Session("corp".to_string());
        let old = LoginKey::StartUrl("https://old.awsapps.com/start".to_string());
        let bytes = |text: String| Some(CacheFile::Bytes(text.into_bytes()));
        let logins = Logins::from_answers([
            (corp.clone(), bytes(token_file(TEST_NOW - 3 * 3600, None))),
            (old.clone(), Some(CacheFile::Missing)),
        ]);
        let hover_at = |needle: &str, delta: usize, logins: &Logins| {
            hover_with_logins(f.files(), 0, at(config, needle, delta), logins, TEST_NOW)
                .expect("a hover")
                .markdown
        };
        let header = hover_at("[sso-session corp", 3, &logins);
        assert!(
            header.starts_with("**sso-session `corp`** (used by 1 profile)"),
            "{header}"
        );
        let expected = format!(
            "**SSO login** (`{}`): **expired** 3 hours ago (2025-12-31 21:00 UTC) and cannot be renewed: run `aws sso login --sso-session corp`.\n",
            corp.display_path()
        );
        assert!(header.ends_with(&expected), "{header}");
        // On the value that names the session.
        let value = hover_at("= corp", 3, &logins);
        assert!(value.ends_with(&expected), "{value}");
        // A legacy profile, on its header and its start URL.
        let legacy = hover_at("[profile old", 3, &logins);
        assert!(
            legacy.ends_with("none on this machine: run `aws sso login --profile old`.\n"),
            "{legacy}"
        );
        assert!(hover_at("https://old", 3, &logins).contains("none on this machine"));
        // Renewable: said so, not as a failure; tokens never shown.
        let renewable = Logins::from_answers([(
            corp.clone(),
            bytes(token_file(TEST_NOW - 3 * 3600, Some(TEST_NOW + 86_400))),
        )]);
        let text = hover_at("[sso-session corp", 3, &renewable);
        assert!(
            text.contains("the access token expired 3 hours ago")
                && text.contains("Not a failure")
                && text.contains("until 2026-01-02 00:00 UTC"),
            "{text}"
        );
        assert!(!text.contains("FAKE"), "{text}");
        // Nothing read (no host): the plain hover.
        assert_eq!(
            hover_at("[sso-session corp", 3, &Logins::default()),
            hover(f.files(), 0, at(config, "[sso-session corp", 3))
                .unwrap()
                .markdown
        );
        // Elsewhere, no login.
        assert!(!hover_at("sso_region", 1, &logins).contains("SSO login"));
    }

    #[test]
    fn a_line_read_differently_shows_both_readings() {
        let f = Fixture::new(
            "[default]\nregion = us-east-1 # home\n[ default ]\n",
            "[x]\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY ; old\n",
        );
        let text = hover_at(&f, 0, "region", 1);
        assert!(text.starts_with("**`region`** — "), "{text}");
        assert!(
            text.ends_with("**Read differently by the AWS SDKs, the AWS CLI and the AWS SDK for JavaScript**\n\n- The AWS SDKs for Rust and Java: read `region` = `us-east-1`\n- The AWS CLI and boto3: read `region` = `us-east-1 # home`\n- The AWS SDK for JavaScript and the AWS CDK: read `region` = `us-east-1`\n"),
            "{text}"
        );
        // Where there is nothing else to say, the readings alone.
        let header = hover_at(&f, 0, "[ default", 1);
        assert!(
            header.contains("read it as a section named ` default `"),
            "{header}"
        );
        let secret = hover_at(&f, 1, "; old", 0);
        assert!(
            !secret.contains("wJalr") && secret.contains("****************"),
            "{secret}"
        );
    }

    #[test]
    fn a_key_shows_its_documentation() {
        let f = Fixture::new(CONFIG, CREDENTIALS);
        let text = hover_at(&f, 0, "region", 1);
        assert!(text.starts_with("**`region`** — "), "{text}");
        assert!(text.contains("Overridden by: `AWS_REGION`"), "{text}");
    }

    #[test]
    fn a_region_value_shows_its_name() {
        let f = Fixture::new(CONFIG, CREDENTIALS);
        assert_eq!(
            hover_at(&f, 0, "eu-west-1", 1),
            "**`eu-west-1`**: Europe (Ireland) (partition `aws`)\n"
        );
    }

    #[test]
    fn an_access_key_shows_its_kind_and_account_and_secrets_stay_masked() {
        let f = Fixture::new(CONFIG, CREDENTIALS);
        let text = hover_at(&f, 1, "ASIA", 2);
        assert!(text.contains("**temporary**"), "{text}");
        assert!(text.contains("`609629065308`"), "{text}");
        let secret = hover_at(&f, 1, "wJalr", 0);
        assert!(
            secret.contains("****************EKEY") && !secret.contains("wJalr"),
            "{secret}"
        );
        let token = hover_at(&f, 1, "FAKETOKEN", 0);
        assert!(!token.contains("FAKETOKENFAKE"), "{token}");
    }

    #[test]
    fn source_profile_shows_the_target_and_the_chain() {
        let f = Fixture::new(CONFIG, CREDENTIALS);
        let text = hover_at(&f, 0, "base", 0);
        assert!(
            text.starts_with("**profile `base`** (credentials line 1)"),
            "{text}"
        );
        assert!(
            text.contains("then assume `arn:aws:iam::123456789012:role/dev`"),
            "{text}"
        );
        assert!(
            !text.contains("wJalr") && !text.contains("FAKETOKENFAKE"),
            "{text}"
        );
    }

    #[test]
    fn hovers_of_huge_names_and_long_chains_stay_small_and_say_what_they_leave_out() {
        // A section name of 5 MB: the hover shows its start.
        let name = "a".repeat(5 * 1024 * 1024);
        let f = Fixture::generated(format!("[profile {name}]\nregion = eu-west-1\n"));
        let text = hover(f.files(), 0, 1).unwrap().markdown;
        assert!(text.len() <= MAX_HOVER_BYTES + 100, "{}", text.len());
        assert!(
            text.starts_with(&format!("**Profile `{}…`**", &name[..100])),
            "{}",
            &text[..200]
        );
        // A chain of 3,000 roles, each with a long ARN: cut, with a note.
        let mut config = String::new();
        for i in 0..3_000 {
            config.push_str(&format!(
                "[profile p{i}]\nrole_arn = arn:aws:iam::123456789012:role/{}{i}\nsource_profile = p{}\n",
                "r".repeat(50),
                i + 1
            ));
        }
        config.push_str("[profile p3000]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
        let f = Fixture::generated(config);
        let text = hover(f.files(), 0, 1).unwrap().markdown;
        assert!(text.len() <= MAX_HOVER_BYTES + 100, "{}", text.len());
        assert!(text.contains(", then 2900 more roles"), "{text}");
        assert!(text.contains("`p99` → 2901 more profiles"), "{text}");
        // A profile of 10,000 keys: the first rows and a count of the others.
        let keys: String = (0..10_000).map(|i| format!("k{i} = v\n")).collect();
        let f = Fixture::generated(format!("[default]\n{keys}"));
        let text = hover(f.files(), 0, 1).unwrap().markdown;
        assert!(
            text.contains("| … | 9900 more keys not shown | |"),
            "{text}"
        );
        // Text past the limit is cut at a line end, with a note.
        let long: String = (0..5_000).map(|i| format!("line {i}\n")).collect();
        let cut = limited(long.clone());
        assert!(cut.len() <= MAX_HOVER_BYTES + 100);
        let kept = cut.find("\n\n_The rest").unwrap();
        assert!(long.starts_with(&cut[..kept]) && cut[..kept].ends_with('\n'));
        let left_out = long[kept..].chars().count();
        assert!(cut.ends_with(&format!(
            "_The rest of this text ({left_out} characters) is not shown._\n"
        )));
    }

    #[test]
    fn headers_name_the_provider_or_tool_a_profile_is_for() {
        let f = Fixture::new(
            "[profile r2]\nendpoint_url = https://abc.r2.cloudflarestorage.com\nregion = auto\n[profile ls]\n[profile b2]\nregion = us-west-004\n[profile vault]\ninclude_profile = base\n[profile plain]\nregion = us-east-1\n",
            "[ls]\naws_access_key_id = test\naws_secret_access_key = test\n",
        );
        let r2 = hover_at(&f, 0, "[profile r2]", 1);
        assert!(
            r2.contains("**Looks like a profile for Cloudflare R2** (its endpoint is `abc.r2.cloudflarestorage.com`)"),
            "{r2}"
        );
        let ls = hover_at(&f, 0, "[profile ls]", 1);
        assert!(
            ls.contains("**Looks like a profile for LocalStack** (its access key id is the emulator's dummy key)"),
            "{ls}"
        );
        let b2 = hover_at(&f, 0, "[profile b2]", 1);
        assert!(
            b2.contains("Backblaze B2** (its Region `us-west-004`"),
            "{b2}"
        );
        let vault = hover_at(&f, 0, "[profile vault]", 1);
        assert!(
            vault.contains("**For aws-vault** (it holds `include_profile`)"),
            "{vault}"
        );
        let plain = hover_at(&f, 0, "[profile plain]", 1);
        assert!(
            !plain.contains("Looks like") && !plain.contains("**For "),
            "{plain}"
        );
    }

    #[test]
    fn headers_show_the_effective_profile_or_why_it_is_ignored() {
        let f = Fixture::new(CONFIG, CREDENTIALS);
        assert!(hover_at(&f, 0, "[profile dev]", 1)
            .starts_with("**Profile `dev`** as the AWS SDKs see it"));
        let ignored = hover_at(&f, 0, "[dev]", 1);
        assert!(ignored.contains("needs the `profile ` prefix"), "{ignored}");
    }
}
