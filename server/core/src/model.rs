//! The meaning of the files: sections, properties and the merged profiles as the SDKs see them.
//!
//! This follows the AWS SDK for Rust (`aws-runtime` `env_config::normalize`), which encodes the
//! SDK specification shared with the Java SDK:
//!
//! - in the config file, `[profile NAME]`, `[default]`, `[sso-session NAME]` and
//!   `[services NAME]`; any other unprefixed section is ignored;
//! - in the credentials file, `[NAME]` only; a prefixed section is ignored;
//! - names (and keys) outside `[A-Za-z0-9_\-/.%@:+]` are ignored, silently;
//! - `[profile default]` anywhere in a file hides every `[default]` of that file;
//! - sections that name the same thing merge, later keys winning; the credentials file wins
//!   over the config file key by key.
//!
//! One deliberate difference: when two headers that differ only in spacing (`[profile a]`,
//! `[profile  a]`) set the same key, the Rust SDK merges them in hash-map order, so which value
//! wins is unspecified. We let the later one in the file win.

use crate::fast_hash::FastMap;
use crate::syntax::{self, LineKind, SyntaxError, SyntaxTree};
use crate::text::{SharedStr, Span};
pub use crate::views::botocore::InvalidUtf8;
use crate::views::botocore::{CliInput, CliView};
use crate::views::compare::Divergence;
use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// A lower-cased property key. Keys the settings catalogue knows borrow its static name, so
/// the common keys cost no allocation.
pub type Key = Cow<'static, str>;

/// A value shared between the text, the entry that wrote it and the merged profile that uses
/// it, without copies.
pub type Text = SharedStr;

/// The lower-cased key for `raw`, borrowed from the catalogue when it is a known setting.
pub fn intern_key(raw: &str) -> Key {
    match crate::knowledge::setting(raw) {
        Some(setting) if setting.name.eq_ignore_ascii_case(raw) => Cow::Borrowed(setting.name),
        _ => Cow::Owned(raw.to_ascii_lowercase()),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    Config,
    Credentials,
}

impl FileKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Config => "config",
            FileKind::Credentials => "credentials",
        }
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One file to analyse: its kind, its text, and where the file was not valid UTF-8 (the text
/// then holds U+FFFD there).
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    pub kind: FileKind,
    pub text: &'a str,
    pub invalid_utf8: Option<InvalidUtf8>,
}

impl<'a> Input<'a> {
    pub const fn new(kind: FileKind, text: &'a str) -> Input<'a> {
        Input {
            kind,
            text,
            invalid_utf8: None,
        }
    }

    pub const fn config(text: &'a str) -> Input<'a> {
        Input::new(FileKind::Config, text)
    }

    pub const fn credentials(text: &'a str) -> Input<'a> {
        Input::new(FileKind::Credentials, text)
    }

    /// The input for text decoded from a file's bytes.
    pub fn decoded(kind: FileKind, decoded: &'a crate::text::DecodedText) -> Input<'a> {
        Input {
            kind,
            text: &decoded.text,
            invalid_utf8: InvalidUtf8::of(decoded),
        }
    }
}

/// The analysed files and the profiles they define together.
#[derive(Clone, Debug)]
pub struct Model {
    /// In load order: config first, then credentials (the order the SDKs merge them in).
    pub files: Vec<FileModel>,
    pub profiles: ProfileSet,
    /// The same files as the AWS CLI and boto3 read them (botocore): once the views are
    /// compared, only what it refuses and the error it raises are kept (its lines and sections
    /// would double the model's memory); `CliView::build` reads the whole view again.
    pub cli: CliView,
    /// The same files as the AWS SDK for JavaScript reads them: once the views are compared,
    /// only whether it read a file as empty is kept (`JsFile::refused_at`).
    pub js: Vec<crate::views::js::JsFile>,
    /// The lines the readers read differently, in file and line order.
    pub divergences: Vec<Divergence>,
}

#[derive(Clone, Debug)]
pub struct FileModel {
    pub kind: FileKind,
    pub tree: SyntaxTree,
    pub sections: Vec<Section>,
    /// Where the file was not valid UTF-8: the SDKs then read it as empty, and the AWS CLI
    /// refuses it.
    pub invalid_utf8: Option<InvalidUtf8>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// Zero-based line of the header.
    pub line: usize,
    /// The text between the brackets as written: botocore's section name, and the SDK
    /// parser's raw key.
    pub raw_key: SharedStr,
    pub prefix: Option<SharedStr>,
    pub name: SharedStr,
    pub name_span: Span,
    pub kind: SectionKind,
    /// Whether the SDKs use this section, or why not.
    pub status: SectionStatus,
    pub properties: Vec<PropertyEntry>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SectionKind {
    Profile,
    SsoSession,
    Services,
    /// `[plugins]` or `[preview]`: read by the AWS CLI only.
    CliSettings,
    /// Any other section: an unprefixed name in the config file, or an unknown prefix.
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionStatus {
    Used,
    Ignored(IgnoreReason),
}

/// Why the SDKs ignore a section. None of these is reported by the SDKs: the section is
/// simply not there for them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IgnoreReason {
    /// Config file `[name]` other than `[default]`.
    MissingProfilePrefix,
    /// `[plugins]`, `[preview]`: settings for the AWS CLI, not profiles.
    CliOnly,
    /// Credentials file `[profile name]`.
    ProfilePrefixInCredentials,
    /// Credentials file `[sso-session name]` or any other prefixed section.
    PrefixedSectionInCredentials,
    /// The name is not made of `[A-Za-z0-9_\-/.%@:+]`.
    InvalidName,
    /// `[default]` in a config file that also has `[profile default]`.
    HiddenByProfileDefault,
    /// A prefix the SDKs do not know (`[sso-sesion x]`): kept aside, never used as a profile.
    UnknownPrefix,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PropertyEntry {
    /// Zero-based line of the `key = value` line.
    pub line: usize,
    /// The key, lower-cased as the SDK for Rust and botocore do.
    pub key: Key,
    pub key_span: Span,
    /// The value as the SDKs see it: trimmed, inline comment removed, continuation lines
    /// appended after `\n`.
    pub value: Text,
    /// The value on the key's own line.
    pub value_span: Span,
    /// Zero-based line of the last continuation or sub-property line (or `line`).
    pub last_line: usize,
    /// False when the key has characters the SDKs do not accept: they drop the property.
    pub valid_key: bool,
    /// The `key = value` lines of the property's block (`s3 =` and its indented lines).
    pub sub_properties: Vec<SubPropertyEntry>,
}

/// One `key = value` line of a property's block, as the SDK for Rust reads `[services]`
/// sections: the value is everything after `=`, comments included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubPropertyEntry {
    pub line: usize,
    pub key: String,
    pub key_span: Span,
    pub value: String,
    pub value_span: Span,
}

/// The merged view: what the SDKs load from both files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileSet {
    pub profiles: Sections,
    pub sso_sessions: Sections,
    pub services: Sections,
}

/// Merged sections by name, in the order they first appear (config file first). The sections
/// sit in a list, written in order; a small map from the hash of a name to its position finds
/// them (it holds no copy of the name: no reference count to take and release per section).
#[derive(Clone, Default)]
pub struct Sections {
    list: Vec<Profile>,
    /// Position in `list` by [`name_hash`].
    by_hash: FastMap<u64, u32>,
    /// Names whose hash an earlier, different name already has (practically never), by name.
    collided: FastMap<SharedStr, u32>,
}

fn name_hash(name: &str) -> u64 {
    use std::hash::BuildHasher;
    std::hash::BuildHasherDefault::<crate::fast_hash::FastHasher>::default().hash_one(name)
}

// Written out: the hash index is an implementation detail.
impl fmt::Debug for Sections {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sections")
            .field("list", &self.list)
            .finish()
    }
}

impl PartialEq for Sections {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().all(|(name, p)| other.get(name) == Some(p))
    }
}

impl Eq for Sections {}

impl Section {
    /// Zero-based line of the section's last property line (its last continuation or
    /// sub-property line), or of the header when the section is empty.
    pub fn last_line(&self) -> usize {
        self.properties
            .iter()
            .map(|p| p.last_line)
            .max()
            .unwrap_or(self.line)
            .max(self.line)
    }
}

impl Sections {
    fn position(&self, name: &str) -> Option<usize> {
        let at = *self.by_hash.get(&name_hash(name))? as usize;
        if self.list[at].name == name {
            return Some(at);
        }
        self.collided.get(name).map(|&at| at as usize)
    }

    pub fn get(&self, name: &str) -> Option<&Profile> {
        self.position(name).map(|at| &self.list[at])
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.position(name).is_some()
    }

    /// The section named `name`, created empty when it is new.
    pub fn get_or_insert(&mut self, name: &SharedStr) -> &mut Profile {
        let next = self.list.len() as u32;
        let at = match self.by_hash.entry(name_hash(name)) {
            Entry::Vacant(slot) => *slot.insert(next),
            Entry::Occupied(slot) if self.list[*slot.get() as usize].name == *name => *slot.get(),
            Entry::Occupied(_) => *self.collided.entry(name.clone()).or_insert(next),
        };
        if at == next {
            self.list.push(Profile::new(name.clone()));
        }
        &mut self.list[at as usize]
    }

    pub fn reserve(&mut self, additional: usize) {
        self.list.reserve(additional);
        self.by_hash.reserve(additional);
    }

    pub fn iter(&self) -> impl Iterator<Item = (&SharedStr, &Profile)> {
        self.list.iter().map(|p| (&p.name, p))
    }

    pub fn keys(&self) -> impl Iterator<Item = &SharedStr> {
        self.list.iter().map(|p| &p.name)
    }

    pub fn values(&self) -> impl Iterator<Item = &Profile> {
        self.list.iter()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

impl<'s> IntoIterator for &'s Sections {
    type Item = (&'s SharedStr, &'s Profile);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'s, Profile>,
        fn(&'s Profile) -> (&'s SharedStr, &'s Profile),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.list.iter().map(|p| (&p.name, p))
    }
}

impl FromIterator<(SharedStr, Profile)> for Sections {
    fn from_iter<I: IntoIterator<Item = (SharedStr, Profile)>>(items: I) -> Self {
        let mut sections = Sections::default();
        for (name, profile) in items {
            *sections.get_or_insert(&name) = profile;
        }
        sections
    }
}

/// A profile, sso-session or services section after merging.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Profile {
    pub name: SharedStr,
    pub properties: Properties,
}

/// A profile's properties in the order they were first set. Profiles hold a handful of keys,
/// so a list beats a tree; past [`Properties::INDEXED_FROM`] keys an index keeps hostile files
/// (thousands of keys in one section) linear.
#[derive(Clone, Default)]
pub struct Properties {
    entries: Vec<(Key, Value)>,
    index: Option<FastMap<Key, usize>>,
    /// One bit per key held ([`key_bit`]): most look-ups ask for a key the profile does not
    /// have, and this answers them without reading the keys.
    mask: u64,
}

// Written out so that the look-up mask does not show.
impl fmt::Debug for Properties {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Properties")
            .field("entries", &self.entries)
            .field("index", &self.index)
            .finish()
    }
}

/// A bit chosen by a key's length and end bytes: cheap, and different for most keys of a
/// profile.
#[inline]
fn key_bit(key: &str) -> u64 {
    let bytes = key.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return 1;
    };
    let mix = (bytes.len() as u32)
        .wrapping_mul(7)
        .wrapping_add(u32::from(first))
        .wrapping_add(u32::from(last).wrapping_mul(3));
    1 << (mix & 63)
}

/// Byte equality of two keys, inline: keys are short, and a call to `memcmp` per candidate
/// costs more than the comparison.
#[inline]
fn same_key(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut a_words = a.chunks_exact(8);
    let mut b_words = b.chunks_exact(8);
    for (x, y) in (&mut a_words).zip(&mut b_words) {
        if x != y {
            return false;
        }
    }
    a_words.remainder() == b_words.remainder()
}

impl<'p> IntoIterator for &'p Properties {
    type Item = (&'p Key, &'p Value);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'p, (Key, Value)>,
        fn(&'p (Key, Value)) -> (&'p Key, &'p Value),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl PartialEq for Properties {
    fn eq(&self, other: &Self) -> bool {
        self.entries.len() == other.entries.len()
            && self.entries.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl Eq for Properties {}

impl Properties {
    const INDEXED_FROM: usize = 24;

    fn position(&self, key: &str) -> Option<usize> {
        if self.mask & key_bit(key) == 0 {
            return None;
        }
        match &self.index {
            Some(index) => index.get(key).copied(),
            None => self
                .entries
                .iter()
                .position(|(k, _)| same_key(k.as_bytes(), key.as_bytes())),
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.position(key).map(|i| &self.entries[i].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// Sets `key`, replacing an earlier value in place (the earlier position is kept).
    pub fn insert(&mut self, key: Key, value: Value) {
        if let Some(i) = self.position(&key) {
            self.entries[i].1 = value;
            return;
        }
        if let Some(index) = &mut self.index {
            index.insert(key.clone(), self.entries.len());
        }
        self.mask |= key_bit(&key);
        self.entries.push((key, value));
        if self.index.is_none() && self.entries.len() >= Self::INDEXED_FROM {
            let index = self
                .entries
                .iter()
                .enumerate()
                .map(|(i, (k, _))| (k.clone(), i))
                .collect();
            self.index = Some(index);
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Key, &Value)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &Key> {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.entries.iter().map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn reserve(&mut self, additional: usize) {
        self.entries.reserve(additional);
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value {
    pub value: Text,
    /// Where the winning definition is; `None` for profiles built in memory (tests).
    pub origin: Option<Origin>,
}

/// The place a merged value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    /// Index into [`Model::files`].
    pub file: usize,
    /// Index into that file's sections.
    pub section: usize,
    /// Index into that section's properties.
    pub property: usize,
}

impl Profile {
    pub fn new(name: impl Into<SharedStr>) -> Profile {
        Profile {
            name: name.into(),
            properties: Properties::default(),
        }
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.properties.get(key).map(|v| &*v.value)
    }

    pub fn value(&self, key: &str) -> Option<&Value> {
        self.properties.get(key)
    }

    pub fn is_empty(&self) -> bool {
        self.properties.is_empty()
    }

    /// Keys and values only, the shape of the SDK test vectors and of `dump`.
    pub fn to_map(&self) -> BTreeMap<&str, &str> {
        self.properties
            .iter()
            .map(|(k, v)| (&**k, &*v.value))
            .collect()
    }
}

/// Why a profile looks like it sends its requests to a provider other than AWS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProviderEvidence {
    /// An `endpoint_url` outside AWS: at profile level, nested under a service (`s3 =`), or
    /// in the profile's `[services]` section.
    Endpoint(String),
    /// The access key id has the provider's shape, or is an emulator's dummy key.
    KeyId,
    /// The Region is the provider's own.
    Region(String),
}

/// The provider a profile looks like it is for (`None`: outside AWS, but no known provider),
/// and why.
#[derive(Clone, Debug)]
pub struct ProviderMatch {
    pub provider: Option<&'static crate::knowledge::tools::Provider>,
    pub evidence: ProviderEvidence,
}

impl ProfileSet {
    /// The provider `profile` looks like it is for, from `knowledge::tools::PROVIDERS`: its
    /// `endpoint_url` (at profile level, under a service, or in its `[services]` section), its
    /// access key id, or its Region; `None` for a profile that talks to AWS. Rules skip AWS
    /// shape checks for such profiles, and the hover on the header names the provider.
    pub fn provider_of(&self, profile: &Profile) -> Option<ProviderMatch> {
        use crate::knowledge::tools::{self, is_non_aws_url};
        let endpoint = |url: &str| ProviderMatch {
            provider: tools::provider_of_url(url),
            evidence: ProviderEvidence::Endpoint(url.to_string()),
        };
        if let Some(url) = profile.get("endpoint_url").map(str::trim) {
            if is_non_aws_url(url) {
                return Some(endpoint(url));
            }
        }
        if let Some(provider) = profile
            .get("aws_access_key_id")
            .and_then(|id| tools::provider_of_key_id(id.trim()))
        {
            return Some(ProviderMatch {
                provider: Some(provider),
                evidence: ProviderEvidence::KeyId,
            });
        }
        if let Some(region) = profile.get("region").map(str::trim) {
            if let Some(provider) = tools::provider_of_region(region) {
                return Some(ProviderMatch {
                    provider: Some(provider),
                    evidence: ProviderEvidence::Region(region.to_string()),
                });
            }
        }
        // `s3 =` + `  endpoint_url = …` (the awscli-plugin-endpoint plugin, and botocore's
        // per-service settings).
        let nested = |value: &str| -> Option<String> {
            if !value.contains('\n') {
                return None;
            }
            value.lines().find_map(|line| {
                let (k, v) = line.split_once('=')?;
                (k.trim().eq_ignore_ascii_case("endpoint_url") && is_non_aws_url(v.trim()))
                    .then(|| v.trim().to_string())
            })
        };
        if let Some(url) = profile.properties.values().find_map(|v| nested(&v.value)) {
            return Some(endpoint(&url));
        }
        let services = self.services.get(profile.get("services")?)?;
        let url = services
            .properties
            .values()
            .find_map(|value| nested(&format!("\n{}", value.value)))?;
        Some(endpoint(&url))
    }

    /// Builds a set from plain maps, as the assume-role test vectors give them.
    pub fn from_maps<'a>(
        profiles: impl IntoIterator<Item = (&'a str, Vec<(&'a str, &'a str)>)>,
        sso_sessions: impl IntoIterator<Item = (&'a str, Vec<(&'a str, &'a str)>)>,
    ) -> ProfileSet {
        fn to_map<'a>(
            items: impl IntoIterator<Item = (&'a str, Vec<(&'a str, &'a str)>)>,
        ) -> Sections {
            items
                .into_iter()
                .map(|(name, props)| {
                    let mut profile = Profile::new(name);
                    for (k, v) in props {
                        profile.properties.insert(
                            Cow::Owned(k.to_string()),
                            Value {
                                value: Text::from(v),
                                origin: None,
                            },
                        );
                    }
                    (SharedStr::from(name), profile)
                })
                .collect()
        }
        ProfileSet {
            profiles: to_map(profiles),
            sso_sessions: to_map(sso_sessions),
            services: Sections::default(),
        }
    }

    pub fn profile(&self, name: &str) -> Option<&Profile> {
        self.profiles.get(name)
    }

    pub fn sso_session(&self, name: &str) -> Option<&Profile> {
        self.sso_sessions.get(name)
    }
}

/// From this many bytes of input, [`Model::build`] reads the AWS CLI's view on a second thread.
pub const PARALLEL_VIEW_BYTES: usize = 256 * 1024;

/// The SDKs' view of the files: each file's syntax and sections, and the merged profiles.
fn sdk_view(inputs: &[(FileKind, Arc<str>, Option<InvalidUtf8>)]) -> (Vec<FileModel>, ProfileSet) {
    let mut files = Vec::with_capacity(inputs.len());
    let mut profiles = ProfileSet::default();
    for (index, (kind, shared, invalid_utf8)) in inputs.iter().enumerate() {
        let tree = syntax::parse(shared);
        let mut sections = sections(shared, &tree, *kind);
        hide_default_behind_profile_default(&mut sections);
        merge_into(&mut profiles, index, &sections);
        files.push(FileModel {
            kind: *kind,
            tree,
            sections,
            invalid_utf8: *invalid_utf8,
        });
    }
    (files, profiles)
}

/// Why the SDKs would refuse to load the files, as the SDK for Rust reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// Index into [`Model::files`].
    pub file: usize,
    pub error: SyntaxError,
}

impl Model {
    /// Parses and merges the files. Never fails: problems are data in the result.
    pub fn build(inputs: &[Input<'_>]) -> Model {
        Model::build_with(
            inputs
                .iter()
                .map(|input| (input.kind, Arc::from(input.text), input.invalid_utf8)),
        )
    }

    /// [`Model::build`] for texts the caller already holds in shared buffers: names and
    /// values point into them, with no copy of the text (the language server keeps one).
    pub fn build_shared(inputs: &[(FileKind, Arc<str>)]) -> Model {
        Model::build_with(
            inputs
                .iter()
                .map(|(kind, text)| (*kind, Arc::clone(text), None)),
        )
    }

    /// [`Model::build_shared`] for texts decoded from files that may not be valid UTF-8.
    pub fn build_shared_decoded(inputs: &[(FileKind, Arc<str>, Option<InvalidUtf8>)]) -> Model {
        Model::build_with(inputs.iter().cloned())
    }

    fn build_with(
        inputs: impl ExactSizeIterator<Item = (FileKind, Arc<str>, Option<InvalidUtf8>)>,
    ) -> Model {
        let inputs: Vec<(FileKind, Arc<str>, Option<InvalidUtf8>)> = inputs.collect();
        let cli_inputs: Vec<CliInput<'_>> = inputs
            .iter()
            .map(|(kind, text, invalid_utf8)| CliInput {
                kind: *kind,
                text,
                invalid_utf8: *invalid_utf8,
            })
            .collect();
        // The two readers' views are independent until they are compared: for large files
        // the AWS CLI's is read on a second thread meanwhile.
        let total: usize = inputs.iter().map(|(_, text, _)| text.len()).sum();
        let others = || {
            let js: Vec<crate::views::js::JsFile> = inputs
                .iter()
                .map(|(kind, text, _)| crate::views::js::JsFile::read(*kind, text))
                .collect();
            (CliView::build(&cli_inputs), js)
        };
        let (files, profiles, (cli, js)) = if total >= PARALLEL_VIEW_BYTES {
            std::thread::scope(|scope| {
                let others = scope.spawn(others);
                let (files, profiles) = sdk_view(&inputs);
                let others = others
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (files, profiles, others)
            })
        } else {
            let (files, profiles) = sdk_view(&inputs);
            (files, profiles, others())
        };
        let plain: Vec<&str> = inputs.iter().map(|(_, text, _)| &**text).collect();
        let mut model = Model {
            files,
            profiles,
            cli,
            js,
            divergences: Vec::new(),
        };
        model.divergences =
            crate::views::compare::divergences(&model, &plain, &model.cli, &model.js);
        for file in &mut model.cli.files {
            file.parsed.keep_errors_only();
            file.fates = Vec::new();
        }
        for file in &mut model.js {
            file.lines = Vec::new();
        }
        model
    }

    /// The divergences on line `line` of file `file`.
    pub fn divergence_at(&self, file: usize, line: usize) -> Option<&Divergence> {
        let at = self
            .divergences
            .partition_point(|d| (d.file, d.line) < (file, line));
        self.divergences
            .get(at)
            .filter(|d| d.file == file && d.line == line)
    }

    /// The first error that makes the SDKs refuse the files (they stop at the first one, in
    /// file order), if any.
    pub fn load_error(&self) -> Option<LoadError> {
        self.files.iter().enumerate().find_map(|(file, model)| {
            model.tree.first_error().map(|error| LoadError {
                file,
                error: *error,
            })
        })
    }

    pub fn file(&self, kind: FileKind) -> Option<&FileModel> {
        self.files.iter().find(|f| f.kind == kind)
    }

    /// The section and property entry a merged value came from.
    pub fn entry(&self, origin: Origin) -> Option<(&FileModel, &Section, &PropertyEntry)> {
        let file = self.files.get(origin.file)?;
        let section = file.sections.get(origin.section)?;
        let property = section.properties.get(origin.property)?;
        Some((file, section, property))
    }
}

impl FileModel {
    /// The property entry written on line `line`.
    pub fn entry_at(&self, line: usize) -> Option<&PropertyEntry> {
        // The last section whose header comes before the line; its entries are in line order.
        let section = &self.sections[self
            .sections
            .partition_point(|s| s.line < line)
            .checked_sub(1)?];
        let at = section.properties.partition_point(|p| p.line < line);
        section.properties.get(at).filter(|p| p.line == line)
    }

    /// The section whose header is line `line` (sections are in line order).
    pub fn section_at(&self, line: usize) -> Option<&Section> {
        let at = self.sections.partition_point(|s| s.line < line);
        self.sections.get(at).filter(|s| s.line == line)
    }
}

/// `[A-Za-z0-9_\-/.%@:+]*`, the identifiers of the SDK specification. The empty string passes,
/// as it does in the SDKs (a credentials file `[]` defines a profile named "").
pub fn is_valid_identifier(name: &str) -> bool {
    name.bytes().all(is_valid_identifier_byte)
}

/// A byte of [`is_valid_identifier`]'s alphabet.
pub fn is_valid_identifier_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"_-/.%@:+".contains(&b)
}

pub(crate) const SECRET_KEYS: [&str; 3] = [
    "aws_secret_access_key",
    "aws_session_token",
    "aws_security_token",
];

/// Keys whose values are secrets: never shown in full in logs, hovers, diagnostics or output.
/// A mistyped or unknown key that looks like one (`aws_secret_acess_key`, `my_password`) is
/// treated as one too: its value is most likely the secret it was meant to hold.
pub fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    if SECRET_KEYS.contains(&key.as_str()) {
        return true;
    }
    if crate::knowledge::setting(&key).is_some() {
        return false;
    }
    key.contains("secret")
        || key.contains("password")
        || (key.contains("token") && !key.ends_with("_file"))
        || SECRET_KEYS.iter().any(|s| {
            key.len().abs_diff(s.len()) <= 2 && crate::suggest::edit_distance(&key, s) <= 2
        })
}

/// Whether a rule's message may quote `value` written under `key`. Never for a credential:
/// a secret key or token (whatever the key is called: `model::is_secret_key`), an access key
/// id (people paste the secret into that field too), or any value that looks like a secret
/// (30 or more characters of the base64 alphabet, mixing upper case, lower case and digits),
/// whatever key it sits under.
pub fn may_quote(key: &str, value: &str) -> bool {
    if crate::model::is_secret_key(key) || key.eq_ignore_ascii_case("aws_access_key_id") {
        return false;
    }
    !looks_like_secret(value)
}

/// 30 or more characters of `A-Za-z0-9/+=` in one run, with upper case, lower case and
/// digits mixed: the shape of secret keys and tokens (not of names such as
/// `role/OrganizationAccountAccessRole`).
pub fn looks_like_secret(value: &str) -> bool {
    value
        .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '+' | '=')))
        .any(|run| {
            run.len() >= 30
                && run.bytes().any(|b| b.is_ascii_uppercase())
                && run.bytes().any(|b| b.is_ascii_lowercase())
                && run.bytes().any(|b| b.is_ascii_digit())
        })
}

/// What to show instead of a value when it is displayed, if anything: secrets masked
/// (`****************ABCD`), and of an access key id only its leading key-shaped part, since
/// people paste the `KEYID,SECRET` line of the CSV file the console offers.
pub fn mask_for_display(key: &str, value: &str) -> Option<String> {
    if is_secret_key(key) {
        return Some(crate::text::mask_secret(value));
    }
    if !key.eq_ignore_ascii_case("aws_access_key_id") {
        return None;
    }
    let id_length = value
        .char_indices()
        .find(|(i, c)| *i >= 20 || !c.is_ascii_alphanumeric())
        .map_or(value.len(), |(i, _)| i);
    (id_length < value.len()).then(|| format!("{}****************", &value[..id_length]))
}

pub const PROFILE_PREFIX: &str = "profile";
pub const SSO_SESSION_PREFIX: &str = "sso-session";
pub const SERVICES_PREFIX: &str = "services";
pub const DEFAULT_PROFILE: &str = "default";
/// Unprefixed config-file sections that the AWS CLI reads for itself.
pub const CLI_SECTIONS: &[&str] = &["plugins", "preview"];

fn classify_section(
    kind: FileKind,
    prefix: Option<&str>,
    name: &str,
) -> (SectionKind, SectionStatus) {
    use IgnoreReason::*;
    let section_kind = match prefix {
        None | Some(PROFILE_PREFIX) => SectionKind::Profile,
        Some(SSO_SESSION_PREFIX) => SectionKind::SsoSession,
        Some(SERVICES_PREFIX) => SectionKind::Services,
        Some(_) => SectionKind::Other,
    };
    let status = match (kind, prefix) {
        (FileKind::Config, Some(_)) if !is_valid_identifier(name) => {
            SectionStatus::Ignored(InvalidName)
        }
        (FileKind::Config, Some(_)) if section_kind == SectionKind::Other => {
            SectionStatus::Ignored(UnknownPrefix)
        }
        (FileKind::Config, Some(_)) => SectionStatus::Used,
        (FileKind::Config, None) if name == DEFAULT_PROFILE => SectionStatus::Used,
        (FileKind::Config, None) if CLI_SECTIONS.contains(&name) => SectionStatus::Ignored(CliOnly),
        (FileKind::Config, None) => SectionStatus::Ignored(MissingProfilePrefix),
        (FileKind::Credentials, Some(PROFILE_PREFIX)) => {
            SectionStatus::Ignored(ProfilePrefixInCredentials)
        }
        (FileKind::Credentials, Some(_)) => SectionStatus::Ignored(PrefixedSectionInCredentials),
        (FileKind::Credentials, None) if is_valid_identifier(name) => SectionStatus::Used,
        (FileKind::Credentials, None) => SectionStatus::Ignored(InvalidName),
    };
    let section_kind = match (kind, prefix, section_kind) {
        // An unprefixed config section other than `default` is not a profile.
        (FileKind::Config, None, _) if CLI_SECTIONS.contains(&name) => SectionKind::CliSettings,
        (FileKind::Config, None, _) if name != DEFAULT_PROFILE => SectionKind::Other,
        _ => section_kind,
    };
    (section_kind, status)
}

/// Groups the lines of a file into sections with their properties.
fn sections(shared: &Arc<str>, tree: &SyntaxTree, kind: FileKind) -> Vec<Section> {
    let text: &str = shared;
    // Sized exactly: growing a list of 10,000 sections copies it a dozen times.
    let headers = tree
        .lines
        .iter()
        .filter(|line| matches!(line.kind, LineKind::Header(_)))
        .count();
    let mut sections: Vec<Section> = Vec::with_capacity(headers);
    // Keys repeat (`region`, `output`…): remember each spelling's interned key.
    let mut keys: FastMap<&str, Key> = FastMap::default();
    // Index of the property (in the current section) that continuation lines attach to.
    let mut current_property: Option<usize> = None;
    for (index, line) in tree.lines.iter().enumerate() {
        match &line.kind {
            LineKind::Header(header) => {
                let prefix = header.prefix.map(|p| SharedStr::slice(shared, p));
                let name = SharedStr::slice(shared, header.name);
                let (section_kind, status) = classify_section(kind, prefix.as_deref(), &name);
                sections.push(Section {
                    line: index,
                    raw_key: SharedStr::slice(shared, header.inner),
                    prefix,
                    name,
                    name_span: header.name,
                    kind: section_kind,
                    status,
                    // One allocation of the right size (none for an empty section): the
                    // lines counted are read next anyway.
                    properties: Vec::with_capacity(properties_after(tree, index)),
                });
                current_property = None;
            }
            LineKind::Property(property) => {
                let Some(section) = sections.last_mut() else {
                    continue;
                };
                if property.eq.is_none() || property.key.is_empty() {
                    current_property = None;
                    continue;
                }
                let key_text = property.key.slice(text);
                section.properties.push(PropertyEntry {
                    line: index,
                    key: keys
                        .entry(key_text)
                        .or_insert_with(|| intern_key(key_text))
                        .clone(),
                    key_span: property.key,
                    value: SharedStr::slice(shared, property.value),
                    value_span: property.value,
                    last_line: index,
                    valid_key: is_valid_identifier(key_text),
                    sub_properties: Vec::new(),
                });
                // Outside profiles, the SDK for Rust reads sub-properties from the whole value,
                // the key's own line included: `[services x]` `s3 = endpoint_url=http://x`.
                if !matches!(section.kind, SectionKind::Profile | SectionKind::SsoSession) {
                    let entry = section.properties.last_mut().expect("just pushed");
                    entry
                        .sub_properties
                        .extend(sub_property(text, index, property.value));
                }
                current_property = Some(section.properties.len() - 1);
            }
            LineKind::Continuation(continuation) => {
                if continuation.parent.is_none() {
                    continue;
                }
                if let Some(entry) = current_entry(&mut sections, current_property) {
                    entry.value = joined(&entry.value, continuation.text.slice(text));
                    entry.last_line = index;
                    entry
                        .sub_properties
                        .extend(sub_property(text, index, continuation.text));
                }
            }
            LineKind::SubProperty(sub) => {
                if let Some(entry) = current_entry(&mut sections, current_property) {
                    entry.value = joined(&entry.value, sub.text.slice(text));
                    entry.last_line = index;
                    entry
                        .sub_properties
                        .extend(sub_property(text, index, sub.text));
                }
            }
            LineKind::Blank | LineKind::Comment(_) => {}
        }
    }
    sections
}

/// How many entries the section whose header is line `header` gets: its property lines with
/// an `=` and a key, up to the next header.
fn properties_after(tree: &SyntaxTree, header: usize) -> usize {
    tree.lines[header + 1..]
        .iter()
        .take_while(|line| !matches!(line.kind, LineKind::Header(_)))
        .filter(|line| {
            matches!(&line.kind, LineKind::Property(p) if p.eq.is_some() && !p.key.is_empty())
        })
        .count()
}

/// A `key = value` continuation line as the SDK for Rust reads it in `[services]` and other
/// non-profile sections (`parse_sub_properties`): split at the first `=`, both sides trimmed,
/// nothing stripped (a `#` comment stays in the value), under any property, not only under an
/// empty-valued one. A line without `=` is not a sub-property; one with an empty key is (the
/// SDK keeps it under the name "").
fn sub_property(text: &str, line: usize, trimmed: Span) -> Option<SubPropertyEntry> {
    let eq = trimmed.start + trimmed.slice(text).find('=')?;
    let key_span = syntax::trim_ws(text, Span::new(trimmed.start, eq));
    let value_span = syntax::trim_ws(text, Span::new(eq + 1, trimmed.end));
    let value_span = if value_span.is_empty() {
        Span::empty(eq + 1)
    } else {
        value_span
    };
    Some(SubPropertyEntry {
        line,
        key: key_span.slice(text).to_string(),
        key_span,
        value: value_span.slice(text).to_string(),
        value_span,
    })
}

/// `value`, a newline and `more`: how the SDKs append a continuation line. Rare enough that
/// copying the value each time costs nothing worth a second representation.
fn joined(value: &str, more: &str) -> Text {
    let mut text = String::with_capacity(value.len() + 1 + more.len());
    text.push_str(value);
    text.push('\n');
    text.push_str(more);
    Text::from(text)
}

fn current_entry(sections: &mut [Section], property: Option<usize>) -> Option<&mut PropertyEntry> {
    sections.last_mut()?.properties.get_mut(property?)
}

fn is_prefixed_default(section: &Section) -> bool {
    section.prefix.as_deref() == Some(PROFILE_PREFIX) && section.name == DEFAULT_PROFILE
}

/// `[profile default]` anywhere in a file hides every `[default]` of that file (not merged:
/// hidden), whichever comes first.
fn hide_default_behind_profile_default(sections: &mut [Section]) {
    let hide = sections
        .iter()
        .any(|s| s.status == SectionStatus::Used && is_prefixed_default(s));
    if !hide {
        return;
    }
    for section in sections {
        if section.status == SectionStatus::Used
            && section.prefix.is_none()
            && section.name == DEFAULT_PROFILE
        {
            section.status = SectionStatus::Ignored(IgnoreReason::HiddenByProfileDefault);
        }
    }
}

fn merge_into(set: &mut ProfileSet, file: usize, sections: &[Section]) {
    set.profiles.reserve(sections.len());
    for (section_index, section) in sections.iter().enumerate() {
        if section.status != SectionStatus::Used {
            continue;
        }
        let target = match section.kind {
            SectionKind::Profile => &mut set.profiles,
            SectionKind::SsoSession => &mut set.sso_sessions,
            SectionKind::Services => &mut set.services,
            SectionKind::Other | SectionKind::CliSettings => continue,
        };
        let profile = target.get_or_insert(&section.name);
        profile.properties.reserve(section.properties.len());
        for (property_index, property) in section.properties.iter().enumerate() {
            if !property.valid_key {
                continue;
            }
            profile.properties.insert(
                property.key.clone(),
                Value {
                    value: property.value.clone(),
                    origin: Some(Origin {
                        file,
                        section: section_index,
                        property: property_index,
                    }),
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Model {
        Model::build(&[Input::config(text)])
    }

    #[test]
    fn shared_texts_give_the_same_model_without_a_copy() {
        let config: Arc<str> = Arc::from("[profile a]\nsource_profile = b\n");
        let credentials: Arc<str> = Arc::from("[b]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n");
        let shared = Model::build_shared(&[
            (FileKind::Config, config.clone()),
            (FileKind::Credentials, credentials.clone()),
        ]);
        let copied = Model::build(&[Input::config(&config), Input::credentials(&credentials)]);
        assert_eq!(shared.profiles, copied.profiles);
        assert_eq!(shared.files[1].sections, copied.files[1].sections);
        // The names and values hold the caller's buffers: more references, no new text.
        assert!(Arc::strong_count(&config) > 1 && Arc::strong_count(&credentials) > 1);
    }

    #[test]
    fn config_sections_and_statuses() {
        let model = config(
            "[default]\n[profile a]\n[b]\n[sso-session s]\n[services x]\n[sso-sesion t]\n[profile in valid]\n[plugins]\n",
        );
        let got: Vec<_> = model.files[0]
            .sections
            .iter()
            .map(|s| (s.name.as_str(), s.kind, s.status))
            .collect();
        use IgnoreReason::*;
        use SectionKind::*;
        use SectionStatus::*;
        assert_eq!(
            got,
            [
                ("default", Profile, Used),
                ("a", Profile, Used),
                ("b", Other, Ignored(MissingProfilePrefix)),
                ("s", SsoSession, Used),
                ("x", Services, Used),
                ("t", Other, Ignored(UnknownPrefix)),
                ("in valid", Profile, Ignored(InvalidName)),
                ("plugins", CliSettings, Ignored(CliOnly)),
            ]
        );
    }

    #[test]
    fn credentials_sections() {
        let model = Model::build(&[Input::credentials(
            "[a]\n[profile b]\n[sso-session c]\n[]\n",
        )]);
        let got: Vec<_> = model.files[0].sections.iter().map(|s| s.status).collect();
        use IgnoreReason::*;
        use SectionStatus::*;
        assert_eq!(
            got,
            [
                Used,
                Ignored(ProfilePrefixInCredentials),
                Ignored(PrefixedSectionInCredentials),
                Used
            ]
        );
        assert!(model.profiles.profile("").is_some());
    }

    #[test]
    fn values_keep_their_spans_and_join_continuations() {
        let text = "[profile a]\nRegion = us-east-1 # where\nnote = one\n  two\ns3 =\n  max_concurrent_requests = 20\n";
        let model = config(text);
        let profile = model.profiles.profile("a").unwrap();
        assert_eq!(profile.get("region"), Some("us-east-1"));
        assert_eq!(profile.get("note"), Some("one\ntwo"));
        assert_eq!(profile.get("s3"), Some("\nmax_concurrent_requests = 20"));
        let origin = profile.value("region").unwrap().origin.unwrap();
        let (_, _, entry) = model.entry(origin).unwrap();
        assert_eq!(entry.key_span.slice(text), "Region");
        assert_eq!(entry.value_span.slice(text), "us-east-1");
        let (_, _, s3) = model
            .entry(profile.value("s3").unwrap().origin.unwrap())
            .unwrap();
        assert_eq!(s3.sub_properties[0].key, "max_concurrent_requests");
        assert_eq!(s3.sub_properties[0].value_span.slice(text), "20");
    }

    #[test]
    fn credentials_win_key_by_key() {
        let model = Model::build(&[
            Input::config("[profile a]\nregion = x\nk = config\n"),
            Input::credentials("[a]\nk = credentials\n"),
        ]);
        let a = model.profiles.profile("a").unwrap();
        assert_eq!(a.get("region"), Some("x"));
        assert_eq!(a.get("k"), Some("credentials"));
        assert_eq!(a.value("k").unwrap().origin.unwrap().file, 1);
    }

    #[test]
    fn profile_default_hides_default() {
        let model = config("[default]\na = 1\n[profile default]\nb = 2\n");
        let d = model.profiles.profile("default").unwrap();
        assert_eq!(d.get("a"), None);
        assert_eq!(d.get("b"), Some("2"));
        assert_eq!(
            model.files[0].sections[0].status,
            SectionStatus::Ignored(IgnoreReason::HiddenByProfileDefault)
        );
    }

    #[test]
    fn botocore_refuses_duplicates_the_sdks_merge() {
        let model =
            config("[profile a]\nregion = x\nRegion = y\n[profile b]\n[profile a]\n[profile  a]\n");
        let refused: Vec<(usize, &'static str)> = model.cli.files[0]
            .parsed
            .errors
            .iter()
            .map(|e| (e.line, e.kind.class()))
            .collect();
        assert_eq!(
            refused,
            [(2, "DuplicateOptionError"), (4, "DuplicateSectionError")]
        );
        assert_eq!(
            model.cli.error.as_ref().unwrap().1.class,
            "DuplicateOptionError"
        );
        assert_eq!(
            model.profiles.profile("a").unwrap().get("region"),
            Some("y")
        );
        assert!(config("[profile a]\n[profile b]\n").cli.error.is_none());
    }

    #[test]
    fn large_files_get_the_same_views_on_two_threads() {
        let mut text: String = (0..12_000)
            .map(|i| format!("[profile p{i}]\nregion = eu-west-1\n"))
            .collect();
        text.push_str("[ default ]\nregion = x # note\n");
        assert!(text.len() >= PARALLEL_VIEW_BYTES);
        let model = config(&text);
        let alone = CliView::build(&[CliInput {
            kind: FileKind::Config,
            text: &text,
            invalid_utf8: None,
        }]);
        assert_eq!(
            crate::views::compare::divergences(
                &model,
                &[&text],
                &alone,
                &[crate::views::js::JsFile::read(FileKind::Config, &text)]
            ),
            model.divergences
        );
        // `[ default ]`: a profile for the SDKs, no profile for the AWS CLI nor JavaScript.
        assert_eq!(model.divergences.len(), 1);
        assert_eq!(model.divergences[0].line, 24_000);
    }

    #[test]
    fn displayed_values_hide_secrets_and_what_is_pasted_after_a_key_id() {
        let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        assert_eq!(
            mask_for_display("AWS_Secret_Access_Key", secret).unwrap(),
            "****************EKEY"
        );
        let pasted = format!("AKIAIOSFODNN7EXAMPLE,{secret}");
        assert_eq!(
            mask_for_display("aws_access_key_id", &pasted).unwrap(),
            "AKIAIOSFODNN7EXAMPLE****************"
        );
        assert_eq!(
            mask_for_display("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE"),
            None
        );
        assert_eq!(mask_for_display("region", "us-east-1"), None);
        // A secret under a mistyped or invented key is still a secret.
        for key in [
            "aws_2ecret_access_key",
            "aws_secret_acess_key",
            "aws_sesion_token",
            "db_password",
        ] {
            assert_eq!(
                mask_for_display(key, secret).unwrap(),
                "****************EKEY",
                "{key}"
            );
        }
        assert_eq!(mask_for_display("web_identity_token_file", "/t"), None);
    }

    /// Look-ups through the mask find exactly what a plain search finds, for profiles of
    /// every size (listed, indexed) and keys that share a bit of the mask.
    #[test]
    fn property_lookups_agree_with_a_plain_search() {
        let keys: Vec<String> = (0..40)
            .flat_map(|i| [format!("k{i}"), format!("key_{i}x"), format!("a{i}a")])
            .chain(["region", "output", "role_arn", "", "x", "source_profile"].map(String::from))
            .collect();
        for size in [0, 1, 2, 7, 8, 9, 12, 23, 24, 25, 60] {
            let mut properties = Properties::default();
            let mut plain: Vec<(String, usize)> = Vec::new();
            for (n, key) in keys.iter().cycle().step_by(7).take(size).enumerate() {
                let value = Value {
                    value: Text::from(n.to_string().as_str()),
                    origin: None,
                };
                properties.insert(Cow::Owned(key.clone()), value);
                match plain.iter_mut().find(|(k, _)| k == key) {
                    Some(entry) => entry.1 = n,
                    None => plain.push((key.clone(), n)),
                }
            }
            assert_eq!(properties.len(), plain.len());
            for key in &keys {
                let expected = plain
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, n)| n.to_string());
                let found = properties.get(key).map(|v| v.value.to_string());
                assert_eq!(found, expected, "size {size}, key {key:?}");
            }
        }
    }

    /// Names whose hashes collide are still told apart.
    #[test]
    fn sections_tell_colliding_names_apart() {
        let mut sections = Sections::default();
        let a = SharedStr::from("a");
        let b = SharedStr::from("b");
        sections.get_or_insert(&a);
        // Force `b` into the collision map: pretend its hash is `a`'s.
        let at_a = sections.by_hash[&name_hash("a")];
        sections.by_hash.remove(&name_hash("a"));
        sections.by_hash.insert(name_hash("b"), at_a);
        sections.get_or_insert(&b).properties.insert(
            Cow::Borrowed("k"),
            Value {
                value: Text::from("1"),
                origin: None,
            },
        );
        sections.get_or_insert(&b);
        assert_eq!(sections.len(), 2);
        assert_eq!(sections.get("b").unwrap().get("k"), Some("1"));
        assert_eq!(sections.get("b").unwrap().name, "b");
        assert!(sections.get("a").is_none()); // its slot was taken over above
        assert!(sections.contains_key("b"));
        assert!(!sections.contains_key("c"));
    }

    #[test]
    fn load_error_is_the_first_error() {
        let model = config("[profile a]\nnope\n[b\n");
        let error = model.load_error().unwrap();
        assert_eq!(error.error.line, 1);
        assert_eq!(
            error.error.kind.sdk_message(),
            "Expected an '=' sign defining a property"
        );
    }
}
