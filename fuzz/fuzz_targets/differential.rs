//! Differential fuzzing against the AWS SDK for Rust's own profile loader (aws-config).
//!
//! A UTF-8 input is split at the first NUL into a config file (before) and a credentials file
//! (after; empty when there is no NUL). Both sides load the pair; they must agree on:
//! - whether the files load at all, and if not, on the line and message of the error;
//! - the set of profile names and the set of sso-session names;
//! - every property of every profile and sso-session. aws-config's sections only offer
//!   `get(key)`, so we probe with our keys plus every candidate key in the raw text;
//! - every sub-property of every `[services NAME]` section, as aws-config reads them
//!   (`other_sections()`, keyed by section, property and sub-property name).
//!
//! One deliberate difference is excluded: within one file, two headers with different inner
//! text that name the same section (`[profile a]`, `[profile  a]`) are merged by aws-config in
//! hash-map order, so which value wins a key they both set is unspecified. For such sections
//! only the presence of each key is compared, not its value (for `[services NAME]`: each of
//! our sub-properties must be present in aws-config, which keeps the union of the headers').

#![no_main]

use aws_config::profile::ProfileSet as SdkProfileSet;
use aws_config_lsp_core::model::Model;
use aws_config_lsp_core::Input;
use aws_runtime::env_config::file::{EnvConfigFileKind, EnvConfigFiles};
use aws_runtime::env_config::property::PropertiesKey;
use aws_types::os_shim_internal::{Env, Fs};
use libfuzzer_sys::fuzz_target;
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (config, credentials) = input.split_once('\0').unwrap_or((input, ""));

    let ours = Model::build(&[Input::config(config), Input::credentials(credentials)]);
    let theirs = sdk_load(config, credentials);

    match (ours.load_error(), &theirs) {
        (None, Ok(sdk)) => compare_sets(&ours, sdk, config, credentials),
        (Some(error), Err(sdk_error)) => {
            let ours_said = format!(
                "on line {}:\n  {}",
                error.error.line + 1,
                error.error.kind.sdk_message()
            );
            assert!(
                sdk_error.ends_with(&ours_said),
                "different errors: aws-config {sdk_error:?}, ours {ours_said:?} ({error:?})\n\
                 config: {config:?}\ncredentials: {credentials:?}"
            );
        }
        (Some(error), Ok(_)) => panic!(
            "we refuse what aws-config loads: {error:?}\nconfig: {config:?}\ncredentials: {credentials:?}"
        ),
        (None, Err(sdk_error)) => panic!(
            "aws-config refuses what we load: {sdk_error}\nconfig: {config:?}\ncredentials: {credentials:?}"
        ),
    }
});

/// Loads the two files with aws-config. The returned error is the parse error's text
/// (`error parsing  on line N:\n  message`).
fn sdk_load(config: &str, credentials: &str) -> Result<SdkProfileSet, String> {
    let fs = Fs::from_slice(&[]);
    let env = Env::from_slice(&[]);
    let files = EnvConfigFiles::builder()
        .with_contents(EnvConfigFileKind::Config, config)
        .with_contents(EnvConfigFileKind::Credentials, credentials)
        .build();
    let future = pin!(aws_config::profile::load(&fs, &env, &files, None));
    let mut cx = Context::from_waker(Waker::noop());
    match future.poll(&mut cx) {
        Poll::Ready(result) => result.map_err(|error| {
            std::error::Error::source(&error)
                .map(|source| source.to_string())
                .unwrap_or_else(|| error.to_string())
        }),
        Poll::Pending => panic!("harness: aws-config's load awaited with in-memory contents"),
    }
}

fn compare_sets(ours: &Model, sdk: &SdkProfileSet, config: &str, credentials: &str) {
    let context = || format!("config: {config:?}\ncredentials: {credentials:?}");

    let our_profiles: BTreeSet<&str> = ours
        .profiles
        .profiles
        .keys()
        .map(|name| name.as_str())
        .collect();
    let sdk_profiles: BTreeSet<&str> = sdk.profiles().collect();
    assert_eq!(
        our_profiles,
        sdk_profiles,
        "profile names differ\n{}",
        context()
    );
    let our_sessions: BTreeSet<&str> = ours
        .profiles
        .sso_sessions
        .keys()
        .map(|name| name.as_str())
        .collect();
    let sdk_sessions: BTreeSet<&str> = sdk.sso_sessions().collect();
    assert_eq!(
        our_sessions,
        sdk_sessions,
        "sso-session names differ\n{}",
        context()
    );

    let candidates = candidate_keys(config, credentials);
    let mut ambiguous = ambiguous_sections(config, Kind::Config);
    ambiguous.extend(ambiguous_sections(credentials, Kind::Credentials));

    for (name, profile) in &ours.profiles.profiles {
        let sdk_profile = sdk.get_profile(name).expect("same names");
        let exact = !ambiguous.contains(&(Target::Profile, name.to_string()));
        for key in profile
            .properties
            .keys()
            .map(|k| &**k)
            .chain(candidates.iter().map(|name| name.as_str()))
        {
            let (a, b) = (profile.get(key), sdk_profile.get(key));
            if exact {
                assert_eq!(a, b, "profile {name:?} key {key:?}\n{}", context());
            } else {
                assert_eq!(
                    a.is_some(),
                    b.is_some(),
                    "profile {name:?} key {key:?}\n{}",
                    context()
                );
            }
        }
    }
    for (name, session) in &ours.profiles.sso_sessions {
        let sdk_session = sdk.sso_session(name).expect("same names");
        let exact = !ambiguous.contains(&(Target::SsoSession, name.to_string()));
        for key in session
            .properties
            .keys()
            .map(|k| &**k)
            .chain(candidates.iter().map(|name| name.as_str()))
        {
            let (a, b) = (session.get(key), sdk_session.get(key));
            if exact {
                assert_eq!(a, b, "sso-session {name:?} key {key:?}\n{}", context());
            } else {
                assert_eq!(
                    a.is_some(),
                    b.is_some(),
                    "sso-session {name:?} key {key:?}\n{}",
                    context()
                );
            }
        }
    }
    compare_services(ours, sdk, config, &candidates, &ambiguous, &context);
}

/// `[services NAME]` sections: aws-config keeps only sub-properties, read from each property's
/// value line by line (`normalize::parse_sub_properties`): every non-empty line with an `=` is
/// a `sub = value` pair (trimmed of spaces and tabs, the last one winning).
fn compare_services(
    ours: &Model,
    sdk: &SdkProfileSet,
    config: &str,
    candidates: &BTreeSet<String>,
    ambiguous: &BTreeSet<(Target, String)>,
    context: &dyn Fn() -> String,
) {
    const WS: [char; 2] = [' ', '\t'];
    let key = |name: &str, property: &str, sub: &str| {
        PropertiesKey::builder()
            .section_key("services")
            .section_name(name)
            .property_name(property)
            .sub_property_name(sub)
            .build()
            .expect("all parts set")
    };
    // Every text between two `=` (or a line start and an `=`): a superset of sub-property names.
    let sub_candidates: BTreeSet<&str> = config
        .lines()
        .flat_map(|line| {
            let mut parts: Vec<&str> = line.split('=').collect();
            parts.pop();
            parts
        })
        .map(|part| part.trim_matches(WS))
        .filter(|part| !part.is_empty())
        .collect();
    for (name, section) in &ours.profiles.services {
        let exact = !ambiguous.contains(&(Target::Services, name.to_string()));
        let mut expected: BTreeMap<(&str, &str), &str> = BTreeMap::new();
        for (property, value) in &section.properties {
            for line in value.value.split('\n').filter(|line| !line.is_empty()) {
                if let Some((sub, sub_value)) = line.split_once('=') {
                    expected.insert(
                        (&**property, sub.trim_matches(WS)),
                        sub_value.trim_matches(WS),
                    );
                }
            }
        }
        for (&(property, sub), &value) in &expected {
            let got = sdk
                .other_sections()
                .get(&key(name, property, sub))
                .map(|name| name.as_str());
            if exact {
                assert_eq!(
                    got,
                    Some(value),
                    "services {name:?} {property}.{sub}\n{}",
                    context()
                );
            } else {
                assert!(
                    got.is_some(),
                    "services {name:?} {property}.{sub}\n{}",
                    context()
                );
            }
        }
        // Nothing else: probe the candidate names, within a budget. Not for an ambiguous
        // section: aws-config inserts the sub-properties of every header's value (their union),
        // where our merged value is the later header's alone.
        if !exact {
            continue;
        }
        let properties: BTreeSet<&str> = section
            .properties
            .keys()
            .map(|k| &**k)
            .chain(candidates.iter().map(|name| name.as_str()))
            .collect();
        if properties.len() * sub_candidates.len() > 20_000 {
            continue;
        }
        for &property in &properties {
            for &sub in &sub_candidates {
                if !expected.contains_key(&(property, sub)) {
                    let got = sdk.other_sections().get(&key(name, property, sub));
                    assert_eq!(
                        got,
                        None,
                        "services {name:?} {property}.{sub}\n{}",
                        context()
                    );
                }
            }
        }
    }
}

/// The text before the first `=` of every line, trimmed of spaces and tabs, lower-cased: a
/// superset of the keys aws-config can have stored.
fn candidate_keys(config: &str, credentials: &str) -> BTreeSet<String> {
    config
        .lines()
        .chain(credentials.lines())
        .filter_map(|line| line.split_once('='))
        .map(|(key, _)| key.trim_matches([' ', '\t']).to_ascii_lowercase())
        .filter(|key| !key.is_empty())
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Config,
    Credentials,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Target {
    Profile,
    SsoSession,
    Services,
}

/// The sections of one file (that aws-config loaded without error) that two or more headers
/// with different inner text name. Written from aws-runtime's `env_config::parse` and
/// `normalize`, independently of the core, so that a core bug cannot hide itself.
fn ambiguous_sections(text: &str, kind: Kind) -> BTreeSet<(Target, String)> {
    const WS: [char; 2] = [' ', '\t'];
    let mut raw_keys: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim_matches(WS).is_empty()
            || line.starts_with(['#', ';'])
            || !line.starts_with('[')
        {
            continue;
        }
        let line = line.trim_matches(WS);
        let line = match line.find(['#', ';']) {
            Some(at) => line[..at].trim_matches(WS),
            None => line,
        };
        if let Some(inner) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            if !raw_keys.contains(&inner) {
                raw_keys.push(inner);
            }
        }
    }
    let valid_identifier = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-/.%@:+".contains(c))
    };
    // (prefix, name) of each valid raw section key.
    let mut sections: Vec<(Option<&str>, &str, &str)> = Vec::new();
    for raw in raw_keys {
        let key = raw.trim_matches(WS);
        let (prefix, name) = match key.split_once(WS) {
            Some((prefix, name)) => (Some(prefix.trim()), name.trim()),
            None => (None, key.trim()),
        };
        let valid = match (kind, prefix) {
            (Kind::Config, Some(_)) => valid_identifier(name),
            (Kind::Config, None) => name == "default",
            (Kind::Credentials, Some(_)) => false,
            (Kind::Credentials, None) => valid_identifier(name),
        };
        if valid {
            sections.push((prefix, name, raw));
        }
    }
    let hide_default = sections
        .iter()
        .any(|(prefix, name, _)| *prefix == Some("profile") && *name == "default");
    let mut by_target: BTreeMap<(Target, String), BTreeSet<&str>> = BTreeMap::new();
    for (prefix, name, raw) in sections {
        let target = match prefix {
            None if hide_default && name == "default" => continue,
            None | Some("profile") => Target::Profile,
            Some("sso-session") => Target::SsoSession,
            Some("services") => Target::Services,
            Some(_) => continue,
        };
        by_target
            .entry((target, name.to_string()))
            .or_default()
            .insert(raw);
    }
    by_target
        .into_iter()
        .filter(|(_, raws)| raws.len() > 1)
        .map(|(target, _)| target)
        .collect()
}
