//! What a rule may look at: the model, the texts, and what the caller injects (the time, the
//! environment, and a way to ask whether files and programs exist).

use crate::fast_hash::{FastMap, FastSet};
use crate::machine::{CacheFile, GitStatus, Logins};
use crate::model::{
    FileKind, FileModel, Key, Model, Origin, PropertyEntry, Section, SectionKind, SectionStatus,
    Value,
};
use crate::text::{SharedStr, Span};
use std::cell::OnceCell;
use std::collections::BTreeMap;

/// Answers questions about the machine. The core never touches the disk itself. Every answer
/// may be `None`, "cannot tell": the rules that need it then stay silent. No answer carries a
/// secret out of the host that the core would not need.
pub trait Host {
    /// Whether a file exists (`~/` already expanded by the host). `None`: cannot tell.
    fn file_exists(&self, path: &str) -> Option<bool>;
    /// Whether a program name (no `/`) is found on `PATH`. `None`: cannot tell.
    fn program_on_path(&self, program: &str) -> Option<bool>;
    /// The file `name` (`<sha1 hex>.json`) of the SSO token cache, `~/.aws/sso/cache/`.
    /// `None`: cannot tell (no home directory, not a regular file, larger than
    /// [`crate::machine::sso_cache::MAX_CACHE_FILE_BYTES`], not readable).
    fn sso_cache_file(&self, name: &str) -> Option<CacheFile>;
    /// The permission bits (`0o7777`) of the file at `path`, one of the analysed files.
    /// `None`: not a Unix system, or cannot tell.
    fn file_mode(&self, path: &str) -> Option<u32>;
    /// What git says about the file at `path`, one of the analysed files. `None`: cannot tell
    /// (no `git` on `PATH`, git fails or takes too long).
    fn git_status(&self, path: &str) -> Option<GitStatus>;
    /// The absolute path of an existing file (`~/` already expanded by the host), for
    /// document links. `None`: missing, or cannot tell.
    fn existing_file(&self, _path: &str) -> Option<String> {
        None
    }
    /// Where a program name (no `/`) is found on `PATH`, for document links. `None`: not
    /// found, or cannot tell.
    fn program_path(&self, _program: &str) -> Option<String> {
        None
    }
}

/// A host that knows nothing: rules that need the disk stay silent.
pub struct NoHost;

impl Host for NoHost {
    fn file_exists(&self, _: &str) -> Option<bool> {
        None
    }
    fn program_on_path(&self, _: &str) -> Option<bool> {
        None
    }
    fn sso_cache_file(&self, _: &str) -> Option<CacheFile> {
        None
    }
    fn file_mode(&self, _: &str) -> Option<u32> {
        None
    }
    fn git_status(&self, _: &str) -> Option<GitStatus> {
        None
    }
}

/// The environment variables that change what the files mean. Only names and values of
/// `AWS_*` variables are kept; rules test secrets for presence only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Environment {
    vars: BTreeMap<String, String>,
}

impl Environment {
    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        Environment {
            vars: pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .filter(|(k, _)| k.starts_with("AWS_"))
                .collect(),
        }
    }

    /// A variable's value when it is set and not blank (the SDK for Rust treats a blank
    /// variable as unset).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.trim().is_empty())
    }
}

pub struct LintContext<'a> {
    pub model: &'a Model,
    /// The text of each file, in the order of `model.files`.
    pub texts: Vec<&'a str>,
    /// The current time in seconds since the Unix epoch; `None` turns expiry checks off.
    pub now: Option<i64>,
    pub env: Environment,
    pub host: &'a dyn Host,
    /// Where each file is on disk, in the order of `model.files` (`None`: an unsaved buffer,
    /// a path that is not UTF-8, or not given). Rules about the files themselves (who can
    /// read them, whether git tracks them) ask the host about these paths.
    pub paths: Vec<Option<&'a str>>,
    /// The cached SSO logins of the files' sso-sessions and legacy profiles, read through the
    /// host on first use.
    logins: OnceCell<Logins>,
    /// Where each login the files use is declared, found on first use.
    login_sites: OnceCell<Vec<crate::lint::logins::Site>>,
    /// For each file, where its first secret is ([`first_secret`](Self::first_secret)).
    first_secrets: OnceCell<Vec<Option<(usize, usize)>>>,
    /// Profiles whose requests go outside AWS, computed on first use: many rules ask, per key.
    /// Owned names keep the context covariant in `'a`; there are few such profiles.
    non_aws_profiles: OnceCell<FastSet<SharedStr>>,
    /// Where each key is written in the profile sections the SDKs use, built on first use:
    /// several rules look for one key each, and one pass beats one pass per rule.
    written_keys: OnceCell<FastMap<Key, Vec<EntryIndex>>>,
    /// Entries a few per-entry rules look at, found in one pass over every entry.
    entry_lists: OnceCell<EntryLists>,
    /// For each merged profile, in order, which of a few keys it holds ([`facts`]): rules
    /// that each walk every profile skip, without reading its keys, the many profiles that
    /// cannot concern them.
    profile_facts: OnceCell<Vec<u16>>,
    /// For each merged profile, in order, whether it is a chain link (`role_arn` without
    /// `web_identity_token_file`): every role-chain rule starts from these profiles.
    role_links: OnceCell<Vec<bool>>,
    /// The credential tools the files show in use anywhere (a key or section of theirs, or a
    /// `credential_process` that runs them), found on first use.
    tools_in_use: OnceCell<Vec<&'static crate::knowledge::tools::CredentialTool>>,
    /// The profile names some `source_profile` names, found on first use.
    source_targets: OnceCell<FastSet<String>>,
    /// The names of the config file's `[profile NAME]` headers, found on first use.
    prefixed_profiles: OnceCell<FastSet<String>>,
    /// For each file, whether it has a `default` profile section (used or not).
    default_sections: OnceCell<Vec<bool>>,
}

/// Bits of [`LintContext::profile_facts`]: the merged profile holds the key (with any value,
/// blank included).
pub(crate) mod facts {
    pub const ROLE_ARN: u16 = 1 << 0;
    pub const WEB_IDENTITY_TOKEN_FILE: u16 = 1 << 1;
    pub const SOURCE_PROFILE: u16 = 1 << 2;
    pub const CREDENTIAL_SOURCE: u16 = 1 << 3;
    pub const AWS_ACCESS_KEY_ID: u16 = 1 << 4;
    pub const AWS_SECRET_ACCESS_KEY: u16 = 1 << 5;
    pub const AWS_SECURITY_TOKEN: u16 = 1 << 6;
    pub const SSO_START_URL: u16 = 1 << 7;
    pub const SSO_REGION: u16 = 1 << 8;
    pub const SSO_ACCOUNT_ID: u16 = 1 << 9;
    pub const SSO_ROLE_NAME: u16 = 1 << 10;
    pub const ENDPOINT_URL: u16 = 1 << 11;
    pub const SERVICES: u16 = 1 << 12;

    /// The bit of `key`, or 0.
    pub fn bit(key: &str) -> u16 {
        match key {
            "role_arn" => ROLE_ARN,
            "web_identity_token_file" => WEB_IDENTITY_TOKEN_FILE,
            "source_profile" => SOURCE_PROFILE,
            "credential_source" => CREDENTIAL_SOURCE,
            "aws_access_key_id" => AWS_ACCESS_KEY_ID,
            "aws_secret_access_key" => AWS_SECRET_ACCESS_KEY,
            "aws_security_token" => AWS_SECURITY_TOKEN,
            "sso_start_url" => SSO_START_URL,
            "sso_region" => SSO_REGION,
            "sso_account_id" => SSO_ACCOUNT_ID,
            "sso_role_name" => SSO_ROLE_NAME,
            "endpoint_url" => ENDPOINT_URL,
            "services" => SERVICES,
            _ => 0,
        }
    }
}

/// Entries some rules look at, each list in file order. Most files have few or none: one pass
/// over every entry finds them for all these rules, instead of one pass per rule.
#[derive(Default)]
pub(crate) struct EntryLists {
    /// Any section: the value as written is wrapped in quotes (`quoted-value`).
    pub quoted: Vec<EntryIndex>,
    /// Sections the SDKs use: a valid key written with an ASCII capital (`uppercase-key`).
    pub uppercase_keys: Vec<EntryIndex>,
    /// Sections the SDKs use: a key the SDKs drop for its characters (`invalid-name`).
    pub invalid_keys: Vec<EntryIndex>,
    /// Sections the SDKs use: a valid key with an empty value or sub-properties
    /// (`empty-value`).
    pub empty_or_block: Vec<EntryIndex>,
}

/// A property entry by position: file, section, property.
#[derive(Clone, Copy, Debug)]
pub struct EntryIndex {
    pub file: u32,
    pub section: u32,
    pub property: u32,
}

impl<'a> LintContext<'a> {
    pub fn new(model: &'a Model, texts: Vec<&'a str>) -> Self {
        LintContext {
            model,
            texts,
            now: None,
            env: Environment::default(),
            host: &NoHost,
            paths: Vec::new(),
            logins: OnceCell::new(),
            login_sites: OnceCell::new(),
            first_secrets: OnceCell::new(),
            non_aws_profiles: OnceCell::new(),
            written_keys: OnceCell::new(),
            entry_lists: OnceCell::new(),
            profile_facts: OnceCell::new(),
            role_links: OnceCell::new(),
            tools_in_use: OnceCell::new(),
            source_targets: OnceCell::new(),
            prefixed_profiles: OnceCell::new(),
            default_sections: OnceCell::new(),
        }
    }

    /// The cached SSO logins ([`Logins`]), read through the host once.
    pub fn logins(&self) -> &Logins {
        self.logins
            .get_or_init(|| Logins::read(self.model, |name| self.host.sso_cache_file(name)))
    }

    /// The logins the files use and where each is declared ([`crate::lint::logins::sites`]).
    pub(crate) fn login_sites(&self) -> &[crate::lint::logins::Site] {
        self.login_sites
            .get_or_init(|| crate::lint::logins::sites(self))
    }

    /// (section, property) of the first entry of file `file` that holds a secret worth
    /// keeping (`rules::support::first_secret`), searched once per file.
    pub(crate) fn first_secret(&self, file: usize) -> Option<(usize, usize)> {
        self.first_secrets
            .get_or_init(|| {
                self.model
                    .files
                    .iter()
                    .map(crate::lint::rules::support::find_first_secret)
                    .collect()
            })
            .get(file)
            .copied()
            .flatten()
    }

    /// Where file `file` is on disk, when known.
    pub fn path(&self, file: usize) -> Option<&'a str> {
        self.paths.get(file).copied().flatten()
    }

    /// Whether file `file` has a `default` profile section (`[default]`, or
    /// `[profile default]` in the config file), used or not.
    pub fn has_default_section(&self, file: usize) -> bool {
        self.default_sections
            .get_or_init(|| {
                self.model
                    .files
                    .iter()
                    .map(|m| {
                        m.sections.iter().any(|s| {
                            s.kind == crate::model::SectionKind::Profile && &*s.name == "default"
                        })
                    })
                    .collect()
            })
            .get(file)
            .copied()
            .unwrap_or(false)
    }

    /// Whether some `source_profile` (in a used profile section of either file) names
    /// `profile`.
    pub fn is_source_profile(&self, profile: &str) -> bool {
        self.source_targets
            .get_or_init(|| {
                self.written("source_profile")
                    .iter()
                    .map(|&at| self.entry_at(at).2.value.trim().to_string())
                    .collect()
            })
            .contains(profile)
    }

    /// Whether the config file has a `[profile NAME]` header for `name` (used or not).
    pub fn has_prefixed_profile(&self, name: &str) -> bool {
        self.prefixed_profiles
            .get_or_init(|| {
                self.model
                    .files
                    .iter()
                    .filter(|m| m.kind == FileKind::Config)
                    .flat_map(|m| &m.sections)
                    .filter(|s| s.kind == crate::model::SectionKind::Profile && s.prefix.is_some())
                    .map(|s| s.name.to_string())
                    .collect()
            })
            .contains(name)
    }

    /// Whether a credentials file is part of this analysis (even an empty one: a default file
    /// that does not exist is read as empty). Without one, a profile's keys may well be in a
    /// credentials file that was not given, and rules say so instead of calling them missing.
    pub fn credentials_file_read(&self) -> bool {
        self.model.file(FileKind::Credentials).is_some()
    }

    /// The credential tool a profile is plainly for: one whose key it holds, else, for a
    /// tool that assumes roles itself (aws-vault, aws-okta), that tool when the files show it
    /// in use anywhere. `None` for a profile that any AWS tool reads as written.
    pub fn tool_for_profile(
        &self,
        profile: &crate::model::Profile,
    ) -> Option<&'static crate::knowledge::tools::CredentialTool> {
        use crate::knowledge::tools::{self, Effect};
        if let Some(tool) = profile.properties.keys().find_map(|k| tools::key_owner(k)) {
            return Some(tool);
        }
        self.tools_in_use()
            .iter()
            .copied()
            .find(|tool| tool.effects.contains(&Effect::AssumesRolesItself))
    }

    /// The credential tools the files show in use, in table order.
    pub fn tools_in_use(&self) -> &[&'static crate::knowledge::tools::CredentialTool] {
        use crate::knowledge::tools::{self, CREDENTIAL_TOOLS};
        self.tools_in_use.get_or_init(|| {
            let mut used = vec![false; CREDENTIAL_TOOLS.len()];
            let mut mark = |tool: &'static tools::CredentialTool| {
                if let Some(i) = CREDENTIAL_TOOLS.iter().position(|t| std::ptr::eq(t, tool)) {
                    used[i] = true;
                }
            };
            for (_, _, _, section) in self.sections() {
                if let Some(tool) = tools::section_owner(&section.raw_key) {
                    mark(tool);
                }
                for entry in &section.properties {
                    if let Some(tool) = tools::key_owner(&entry.key) {
                        mark(tool);
                    }
                    if entry.key == "credential_process" {
                        let program = entry.value.split_whitespace().next().unwrap_or("");
                        let program = program.rsplit(['/', '\\']).next().unwrap_or("");
                        if let Some(tool) = CREDENTIAL_TOOLS.iter().find(|t| t.name == program) {
                            mark(tool);
                        }
                    }
                }
            }
            CREDENTIAL_TOOLS
                .iter()
                .zip(used)
                .filter_map(|(tool, used)| used.then_some(tool))
                .collect()
        })
    }

    pub fn text(&self, file: usize) -> &'a str {
        self.texts.get(file).copied().unwrap_or("")
    }

    pub fn kind(&self, file: usize) -> FileKind {
        self.model.files[file].kind
    }

    /// Every section of every file, with its file index and section index.
    pub fn sections(
        &self,
    ) -> impl Iterator<Item = (usize, &'a FileModel, usize, &'a Section)> + '_ {
        let model: &'a Model = self.model;
        model.files.iter().enumerate().flat_map(|(f, file)| {
            file.sections
                .iter()
                .enumerate()
                .map(move |(s, section)| (f, file, s, section))
        })
    }

    /// Sections the SDKs use.
    pub fn used_sections(
        &self,
    ) -> impl Iterator<Item = (usize, &'a FileModel, usize, &'a Section)> + '_ {
        self.sections()
            .filter(|(_, _, _, s)| s.status == SectionStatus::Used)
    }

    /// Every entry of `key` (lower-case) written in a profile section the SDKs use, in both
    /// files, in file order.
    pub fn written(&self, key: &str) -> &[EntryIndex] {
        let index = self.written_keys.get_or_init(|| {
            let mut index: FastMap<Key, Vec<EntryIndex>> = FastMap::default();
            // Lists being filled, by key, and the last list each key text (by address) went
            // to: the model shares one text per spelling of a key, so most entries find their
            // list without hashing their key.
            let mut lists: Vec<(&Key, Vec<EntryIndex>)> = Vec::new();
            let mut by_key: FastMap<&str, usize> = FastMap::default();
            let mut recent = [(0usize, 0usize, usize::MAX); 64];
            for (file, _, section_index, section) in self.used_sections() {
                if section.kind != SectionKind::Profile {
                    continue;
                }
                for (property, entry) in section.properties.iter().enumerate() {
                    if !entry.valid_key {
                        continue;
                    }
                    let at = EntryIndex {
                        file: file as u32,
                        section: section_index as u32,
                        property: property as u32,
                    };
                    let key: &str = &entry.key;
                    let address = key.as_ptr() as usize;
                    let slot = &mut recent[(address >> 3) % 64];
                    let list = if slot.0 == address && slot.1 == key.len() {
                        slot.2
                    } else {
                        let next = lists.len();
                        let list = *by_key.entry(key).or_insert(next);
                        if list == next {
                            lists.push((&entry.key, Vec::new()));
                        }
                        *slot = (address, key.len(), list);
                        list
                    };
                    lists[list].1.push(at);
                }
            }
            index.reserve(lists.len());
            for (key, list) in lists {
                index.insert(key.clone(), list);
            }
            index
        });
        index.get(key).map_or(&[], Vec::as_slice)
    }

    /// For each merged profile of `model.profiles.profiles`, in order, whether the SDK for
    /// Rust reads it as a chain link ([`crate::lint::chains::assumes_role`]), computed once.
    pub(crate) fn role_links(&self) -> &[bool] {
        self.role_links.get_or_init(|| {
            self.profile_facts()
                .iter()
                .map(|&f| f & facts::ROLE_ARN != 0 && f & facts::WEB_IDENTITY_TOKEN_FILE == 0)
                .collect()
        })
    }

    /// For each merged profile of `model.profiles.profiles`, in order, the [`facts`] bits of
    /// the keys it holds, computed once.
    pub(crate) fn profile_facts(&self) -> &[u16] {
        self.profile_facts.get_or_init(|| {
            self.model
                .profiles
                .profiles
                .values()
                .map(|profile| {
                    profile
                        .properties
                        .keys()
                        .fold(0, |bits, key| bits | facts::bit(key))
                })
                .collect()
        })
    }

    /// The merged profiles, in order, whose [`facts`] include any of `bits`.
    pub(crate) fn profiles_holding_any(
        &self,
        bits: u16,
    ) -> impl Iterator<Item = &'a crate::model::Profile> + '_ {
        let model: &'a Model = self.model;
        model
            .profiles
            .profiles
            .values()
            .zip(self.profile_facts())
            .filter(move |(_, &f)| f & bits != 0)
            .map(|(profile, _)| profile)
    }

    /// The entries a few per-entry rules look at ([`EntryLists`]), found once.
    pub(crate) fn entry_lists(&self) -> &EntryLists {
        self.entry_lists.get_or_init(|| {
            let mut lists = EntryLists::default();
            for (file, _, section_index, section) in self.sections() {
                let text = self.text(file);
                let used = section.status == SectionStatus::Used;
                for (property, entry) in section.properties.iter().enumerate() {
                    let at = EntryIndex {
                        file: file as u32,
                        section: section_index as u32,
                        property: property as u32,
                    };
                    if crate::lint::values::is_quoted(entry.value_span.slice(text)) {
                        lists.quoted.push(at);
                    }
                    if !used {
                        continue;
                    }
                    if !entry.valid_key {
                        lists.invalid_keys.push(at);
                        continue;
                    }
                    if entry
                        .key_span
                        .slice(text)
                        .bytes()
                        .any(|b| b.is_ascii_uppercase())
                    {
                        lists.uppercase_keys.push(at);
                    }
                    if entry.value.is_empty() || !entry.sub_properties.is_empty() {
                        lists.empty_or_block.push(at);
                    }
                }
            }
            lists
        })
    }

    /// The file, section and entry at `at`.
    pub(crate) fn entry_at(&self, at: EntryIndex) -> (usize, &'a Section, &'a PropertyEntry) {
        let model: &'a Model = self.model;
        let section = &model.files[at.file as usize].sections[at.section as usize];
        (
            at.file as usize,
            section,
            &section.properties[at.property as usize],
        )
    }

    /// The file index and property entry a merged value comes from.
    pub fn origin(&self, value: &Value) -> Option<(usize, &'a PropertyEntry)> {
        let origin: Origin = value.origin?;
        let (_, _, entry) = self.model.entry(origin)?;
        Some((origin.file, entry))
    }

    /// Where a merged profile is declared: the name span of its first used header, config
    /// file first.
    pub fn profile_header(&self, name: &str) -> Option<(usize, Span)> {
        self.used_sections()
            .find(|(_, _, _, s)| s.kind == crate::model::SectionKind::Profile && s.name == name)
            .map(|(f, _, _, s)| (f, s.name_span))
    }

    /// Where an sso-session or services section is declared.
    pub fn section_header(
        &self,
        kind: crate::model::SectionKind,
        name: &str,
    ) -> Option<(usize, Span)> {
        self.used_sections()
            .find(|(_, _, _, s)| s.kind == kind && s.name == name)
            .map(|(f, _, _, s)| (f, s.name_span))
    }

    /// True when the profile is for another service than AWS (MinIO, R2, LocalStack, Backblaze
    /// B2…): its `endpoint_url`, an `endpoint_url` nested under one of its services (`s3 =`) or
    /// in its `[services]` section names a host outside AWS, or its access key id, dummy key or
    /// Region is a provider's (`knowledge::tools::PROVIDERS`). Such profiles get no AWS-shape
    /// checks on keys or Region.
    pub fn is_non_aws_profile(&self, profile: &str) -> bool {
        self.non_aws_profiles
            .get_or_init(|| {
                self.model
                    .profiles
                    .profiles
                    .values()
                    .filter(|profile| self.sends_outside_aws(profile))
                    .map(|profile| profile.name.clone())
                    .collect()
            })
            .contains(profile)
    }

    fn sends_outside_aws(&self, profile: &crate::model::Profile) -> bool {
        self.model.profiles.provider_of(profile).is_some()
    }
}

pub use crate::knowledge::tools::is_non_aws_url;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_and_other_endpoints() {
        assert!(!is_non_aws_url("https://s3.eu-west-1.amazonaws.com"));
        assert!(!is_non_aws_url("https://sts.cn-north-1.amazonaws.com.cn/"));
        assert!(!is_non_aws_url("https://s3.dualstack.us-east-1.api.aws"));
        assert!(!is_non_aws_url("https://sts.eusc-de-east-1.amazonaws.eu"));
        assert!(is_non_aws_url("https://notamazonaws.com"));
        assert!(is_non_aws_url("http://localhost:9000"));
        assert!(is_non_aws_url("https://abc.r2.cloudflarestorage.com"));
        assert!(is_non_aws_url("https://minio.example.com:9000/path"));
    }

    #[test]
    fn profile_facts_are_the_keys_held() {
        use crate::model::Input;
        let keys = [
            ("role_arn", facts::ROLE_ARN),
            ("web_identity_token_file", facts::WEB_IDENTITY_TOKEN_FILE),
            ("source_profile", facts::SOURCE_PROFILE),
            ("credential_source", facts::CREDENTIAL_SOURCE),
            ("aws_access_key_id", facts::AWS_ACCESS_KEY_ID),
            ("aws_secret_access_key", facts::AWS_SECRET_ACCESS_KEY),
            ("aws_security_token", facts::AWS_SECURITY_TOKEN),
            ("sso_start_url", facts::SSO_START_URL),
            ("sso_region", facts::SSO_REGION),
            ("sso_account_id", facts::SSO_ACCOUNT_ID),
            ("sso_role_name", facts::SSO_ROLE_NAME),
            ("endpoint_url", facts::ENDPOINT_URL),
            ("services", facts::SERVICES),
        ];
        let mut text = String::from("[profile none]\nregion = x\n");
        for (key, _) in keys {
            text.push_str(&format!(
                "[profile {key}]\n{} =\noutput = json\n",
                key.to_uppercase()
            ));
        }
        let model = Model::build(&[Input::config(&text)]);
        let cx = LintContext::new(&model, vec![&text]);
        let expected: Vec<u16> = std::iter::once(0).chain(keys.map(|(_, bit)| bit)).collect();
        assert_eq!(cx.profile_facts(), expected);
        let all = keys.iter().fold(0, |bits, (_, bit)| bits | bit);
        assert_eq!(all.count_ones() as usize, keys.len());
    }

    #[test]
    fn blank_environment_values_are_unset() {
        let env = Environment::from_pairs([
            ("AWS_PROFILE", " "),
            ("AWS_REGION", "eu-west-1"),
            ("HOME", "/x"),
        ]);
        assert_eq!(env.get("AWS_PROFILE"), None);
        assert_eq!(env.get("AWS_REGION"), Some("eu-west-1"));
        assert_eq!(env.get("HOME"), None);
    }
}
