//! What the tools know: every setting of the shared config and credentials files (what it
//! does, the values it takes, where it belongs, who reads it), the keys that common credential
//! tools write, and the AWS Regions.
//!
//! Everything here is plain `static` data: no allocation, no initialisation, no dependencies.
//! The lint rules use it to tell a typo from a setting, and hover and completion will show it.
//!
//! Sources: `/work/shared/docs/profile-semantics.md` §13 and §14 (AWS SDK settings reference,
//! AWS CLI topics, botocore `configprovider.py`, the AWS CLI `s3` transfer configuration) and
//! the sources of the third-party tools named in each entry.

mod regions;
mod settings;
pub mod shapes;
pub mod tools;

pub use regions::{
    is_isolated_region, is_pseudo_region, region, regions, suggest_region, Region, PSEUDO_REGIONS,
};

/// The type and allowed values of a setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// Free text.
    String,
    /// `true` or `false`, in any case (every SDK and botocore ignore the case).
    Bool,
    /// A whole number, with optional inclusive bounds.
    Integer { min: Option<i64>, max: Option<i64> },
    /// One of a fixed set of words.
    Enum {
        values: &'static [&'static str],
        case: EnumCase,
    },
    /// An AWS Region code such as `eu-west-1`.
    Region,
    /// A comma-separated list of Region codes, or `*`.
    RegionList,
    /// An IAM role ARN: `arn:aws:iam::123456789012:role/name`.
    RoleArn,
    /// Any ARN.
    Arn,
    /// An MFA device: the ARN of a virtual device or the serial number of a hardware one.
    MfaSerial,
    /// A 12-digit AWS account id.
    AccountId,
    /// An `http://` or `https://` URL.
    Url,
    /// An `https://` URL.
    HttpsUrl,
    /// A file path.
    Path,
    /// A command line.
    Command,
    /// The name of a profile.
    ProfileName,
    /// The name of an `[sso-session]` section.
    SsoSessionName,
    /// The name of a `[services]` section.
    ServicesName,
    /// An empty value followed by indented `key = value` lines.
    SubProperties,
    /// A size in bytes, or with a suffix: `8MB`, `1GiB`.
    Size,
    /// A rate in bytes per second, or with a suffix: `50MB/s`, `10Mb/s`.
    Rate,
    /// A comma-separated list of words.
    CommaList,
    /// An access key id (`AKIA…`, `ASIA…`).
    AccessKeyId,
    /// A secret access key (a secret: never shown).
    SecretAccessKey,
    /// A session token (a secret: never shown).
    SessionToken,
    /// A point in time, in one of the formats credential tools write.
    Timestamp,
}

/// How the tools compare the words of an [`ValueKind::Enum`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnumCase {
    /// Exactly as listed.
    Sensitive,
    /// In any case, by every tool.
    Insensitive,
    /// The SDKs ignore the case; botocore and the AWS CLI require the listed spelling.
    InsensitiveInSdksOnly,
}

/// Where a setting belongs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A profile section of the config file (`[default]`, `[profile name]`).
    Profile,
    /// A profile section of the credentials file (`[name]`).
    Credentials,
    /// An `[sso-session name]` section.
    SsoSession,
    /// An indented line under `s3 =` in a profile.
    S3,
    /// An indented line under a service id in a `[services name]` section.
    Service,
}

/// Who reads a setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    /// The AWS SDKs and the AWS CLI (some SDKs may not implement every setting).
    Sdk,
    /// The AWS SDKs but not botocore (boto3 and the AWS CLI), which reads the key elsewhere
    /// or not at all.
    SdksOnly,
    /// The AWS CLI only.
    CliOnly,
    /// botocore only: boto3 and the AWS CLI.
    BotocoreOnly,
    /// A tool of its own, named here: a credential helper that writes or reads the key, or an
    /// AWS tool with keys of its own. No AWS SDK reads it.
    ThirdParty(&'static str),
}

/// One setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Setting {
    /// The key, in lower case.
    pub name: &'static str,
    /// What it does, in one line (for hover and completion).
    pub summary: &'static str,
    pub kind: ValueKind,
    /// The value the tools use when the setting is absent, when there is one.
    pub default: Option<&'static str>,
    /// Where it belongs (the first place is the usual one).
    pub places: &'static [Place],
    /// The environment variable that overrides it.
    pub env_var: Option<&'static str>,
    pub tool: Tool,
    /// Differences between the SDKs and botocore/the AWS CLI, and other caveats.
    pub notes: Option<&'static str>,
    /// An empty value means something (`cli_pager =` turns paging off).
    pub empty_allowed: bool,
    /// Listed values (in any case) that botocore and the AWS CLI take and the AWS SDK for
    /// Rust refuses (`server/sts/tests/sdk_values.rs` checks them against aws-config).
    pub refused_by_rust_sdk: &'static [&'static str],
    /// The exception botocore raises whenever it creates a client, whatever the client is
    /// for, when the value is not of the setting's kind (`tests/readers/catalogue.rs` checks
    /// it with botocore).
    pub botocore_raises: Option<&'static str>,
    /// The AWS SDK for Rust panics while it loads its configuration when the value is not of
    /// the setting's kind (`server/sts/tests/sdk_values.rs` checks it with aws-config).
    pub rust_sdk_panics: bool,
}

impl Setting {
    pub(crate) const fn new(
        name: &'static str,
        summary: &'static str,
        kind: ValueKind,
        places: &'static [Place],
        tool: Tool,
    ) -> Setting {
        Setting {
            name,
            summary,
            kind,
            default: None,
            places,
            env_var: None,
            tool,
            notes: None,
            empty_allowed: false,
            refused_by_rust_sdk: &[],
            botocore_raises: None,
            rust_sdk_panics: false,
        }
    }

    pub(crate) const fn default_value(mut self, value: &'static str) -> Setting {
        self.default = Some(value);
        self
    }

    pub(crate) const fn env(mut self, name: &'static str) -> Setting {
        self.env_var = Some(name);
        self
    }

    pub(crate) const fn note(mut self, notes: &'static str) -> Setting {
        self.notes = Some(notes);
        self
    }

    pub(crate) const fn refused_by_rust_sdk(mut self, values: &'static [&'static str]) -> Setting {
        self.refused_by_rust_sdk = values;
        self
    }

    pub(crate) const fn botocore_raises(mut self, exception: &'static str) -> Setting {
        self.botocore_raises = Some(exception);
        self
    }

    pub(crate) const fn rust_sdk_panics(mut self) -> Setting {
        self.rust_sdk_panics = true;
        self
    }

    pub(crate) const fn may_be_empty(mut self) -> Setting {
        self.empty_allowed = true;
        self
    }

    /// True when the setting is written or read by a tool other than the AWS SDKs and CLI.
    pub fn is_third_party(&self) -> bool {
        matches!(self.tool, Tool::ThirdParty(_))
    }

    pub fn belongs_in(&self, place: Place) -> bool {
        self.places.contains(&place)
    }

    /// The whole number a value stands for, read as the setting's readers read it: the AWS
    /// CLI reads its `s3 =` transfer settings with Python's `int()`, the others take what both
    /// Rust and Python read alike.
    pub fn parse_integer(&self, value: &str) -> Option<i64> {
        if self.belongs_in(Place::S3) {
            shapes::parse_python_int(value)
        } else {
            shapes::parse_integer(value)
        }
    }
}

/// A family of keys that a tool writes with a common prefix (`azure_tenant_id`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VendorPrefix {
    pub prefix: &'static str,
    pub tool: &'static str,
    pub summary: &'static str,
}

/// The setting of a profile or sso-session key, ignoring ASCII case.
pub fn setting(name: &str) -> Option<&'static Setting> {
    find(&SETTINGS_INDEX, name)
}

/// The `s3 =` sub-setting of that name, ignoring ASCII case. (The AWS CLI itself compares
/// sub-keys exactly: see [`is_known_key`].)
pub fn s3_setting(name: &str) -> Option<&'static Setting> {
    find(&S3_INDEX, name)
}

/// The setting of a service block in a `[services]` section, ignoring ASCII case.
pub fn service_setting(name: &str) -> Option<&'static Setting> {
    find(&SERVICE_INDEX, name)
}

/// The setting `name` means in `place`, ignoring ASCII case. In a profile of either file that
/// is any profile or sso-session setting (the SDKs merge both files, and the legacy SSO form
/// puts session settings in the profile); in an `[sso-session]` section, only the session's.
pub fn setting_in(place: Place, name: &str) -> Option<&'static Setting> {
    match place {
        Place::Profile | Place::Credentials => setting(name),
        Place::SsoSession => setting(name).filter(|s| s.belongs_in(Place::SsoSession)),
        Place::S3 => s3_setting(name),
        Place::Service => service_setting(name),
    }
}

/// Every profile and sso-session setting, in name order.
pub fn settings() -> impl Iterator<Item = &'static Setting> {
    settings::SETTINGS.iter()
}

/// Every `s3 =` sub-setting, in name order.
pub fn s3_settings() -> impl Iterator<Item = &'static Setting> {
    settings::S3_SETTINGS.iter()
}

/// The settings that belong in `place`, in name order (for completion and did-you-mean).
pub fn settings_for(place: Place) -> impl Iterator<Item = &'static Setting> {
    let list: &'static [Setting] = match place {
        Place::Profile | Place::Credentials | Place::SsoSession => settings::SETTINGS,
        Place::S3 => settings::S3_SETTINGS,
        Place::Service => settings::SERVICE_SETTINGS,
    };
    list.iter().filter(move |s| s.belongs_in(place))
}

/// The key families that tools write with a common prefix.
pub fn vendor_prefixes() -> &'static [VendorPrefix] {
    settings::VENDOR_PREFIXES
}

/// The vendor family a key belongs to (`azure_tenant_id` → aws-azure-login), ignoring case.
pub fn vendor_prefix(name: &str) -> Option<&'static VendorPrefix> {
    settings::VENDOR_PREFIXES.iter().find(|v| {
        name.len() > v.prefix.len()
            && name.as_bytes()[..v.prefix.len()].eq_ignore_ascii_case(v.prefix.as_bytes())
    })
}

/// Whether some AWS SDK, the AWS CLI or a known tool reads `name` in `place` (ASCII case
/// ignored: the SDKs lower-case keys, and the `uppercase-key` rule reports capitals).
///
/// - In profiles (either file): any profile setting, any sso-session setting (the legacy SSO
///   form has them in the profile), and the vendor families. Both files count as one: the
///   SDKs merge them key by key.
/// - In `[sso-session]` sections: only the sso-session settings.
/// - Under `s3 =`: the `s3` sub-settings.
/// - In a service block of a `[services]` section: the service settings.
pub fn is_known_key(name: &str, place: Place) -> bool {
    match place {
        Place::Profile | Place::Credentials => {
            setting(name).is_some() || vendor_prefix(name).is_some()
        }
        Place::SsoSession => setting(name).is_some_and(|s| s.belongs_in(Place::SsoSession)),
        Place::S3 => s3_setting(name).is_some(),
        Place::Service => service_setting(name).is_some(),
    }
}

/// A hash table over a list, built at compile time: lookups run once per key of every file,
/// so they hash the name once and compare it with one entry, usually.
struct Indexed {
    list: &'static [Setting],
    /// Open addressing; `EMPTY` marks a free slot. Kept under a quarter full.
    slots: [u16; SLOTS],
}

const SLOTS: usize = 512;
const EMPTY: u16 = u16::MAX;

/// A hash of the length and three ASCII-lower-cased bytes (first, middle, last): cheap, and
/// spread enough for these names (a test bounds the probe lengths).
const fn hash(bytes: &[u8]) -> usize {
    let n = bytes.len();
    if n == 0 {
        return 0;
    }
    let first = bytes[0].to_ascii_lowercase() as u32;
    let middle = bytes[n / 2].to_ascii_lowercase() as u32;
    let last = bytes[n - 1].to_ascii_lowercase() as u32;
    let h = (n as u32).wrapping_mul(0x9e37_79b1)
        ^ first.wrapping_mul(0x85eb_ca77)
        ^ middle.wrapping_mul(0xc2b2_ae3d)
        ^ last.wrapping_mul(0x27d4_eb2f);
    (h ^ (h >> 15) ^ (h >> 23)) as usize
}

const fn index(list: &'static [Setting]) -> Indexed {
    assert!(list.len() * 4 <= SLOTS, "the table must stay sparse");
    let mut slots = [EMPTY; SLOTS];
    let mut i = 0;
    while i < list.len() {
        let mut slot = hash(list[i].name.as_bytes()) & (SLOTS - 1);
        while slots[slot] != EMPTY {
            slot = (slot + 1) & (SLOTS - 1);
        }
        slots[slot] = i as u16;
        i += 1;
    }
    Indexed { list, slots }
}

static SETTINGS_INDEX: Indexed = index(settings::SETTINGS);
static S3_INDEX: Indexed = index(settings::S3_SETTINGS);
static SERVICE_INDEX: Indexed = index(settings::SERVICE_SETTINGS);

/// The entry named `name`, ignoring ASCII case.
fn find(index: &'static Indexed, name: &str) -> Option<&'static Setting> {
    let mut slot = hash(name.as_bytes()) & (SLOTS - 1);
    loop {
        let entry = index.slots[slot];
        if entry == EMPTY {
            return None;
        }
        let setting = &index.list[entry as usize];
        // Keys the model interned are this very name (same address): no bytes to compare.
        if std::ptr::eq(setting.name, name)
            || setting.name == name
            || setting.name.eq_ignore_ascii_case(name)
        {
            return Some(setting);
        }
        slot = (slot + 1) & (SLOTS - 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_sorted(list: &[Setting]) {
        for pair in list.windows(2) {
            assert!(
                pair[0].name < pair[1].name,
                "{} must come after {}",
                pair[0].name,
                pair[1].name
            );
        }
    }

    #[test]
    fn lists_are_sorted_lower_case_and_complete() {
        for list in [
            settings::SETTINGS,
            settings::S3_SETTINGS,
            settings::SERVICE_SETTINGS,
        ] {
            assert_sorted(list);
            for s in list {
                assert_eq!(s.name, s.name.to_ascii_lowercase(), "{}", s.name);
                assert!(s.name.len() <= 64);
                assert!(!s.places.is_empty(), "{} has no place", s.name);
                assert!(!s.summary.is_empty(), "{} has no summary", s.name);
                assert!(s.summary.ends_with('.'), "{}: {}", s.name, s.summary);
                assert!(s.summary.len() <= 120, "{} summary is long", s.name);
                if let ValueKind::Enum { values, .. } = s.kind {
                    assert!(!values.is_empty());
                    if let Some(default) = s.default {
                        assert!(values.contains(&default), "{} default", s.name);
                    }
                }
                if let Some(env) = s.env_var {
                    assert!(env
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'));
                }
            }
        }
    }

    #[test]
    fn hash_tables_have_short_probes() {
        for index in [&SETTINGS_INDEX, &S3_INDEX, &SERVICE_INDEX] {
            for setting in index.list {
                let mut slot = hash(setting.name.as_bytes()) & (SLOTS - 1);
                let mut probes = 1;
                while index.list[index.slots[slot] as usize].name != setting.name {
                    slot = (slot + 1) & (SLOTS - 1);
                    probes += 1;
                }
                assert!(probes <= 3, "{} needs {probes} probes", setting.name);
            }
        }
    }

    #[test]
    fn looks_up_settings_ignoring_case() {
        let region = setting("region").unwrap();
        assert_eq!(region.kind, ValueKind::Region);
        assert_eq!(region.env_var, Some("AWS_REGION"));
        assert_eq!(setting("REGION"), Some(region));
        assert_eq!(
            setting("Aws_Access_Key_Id").unwrap().name,
            "aws_access_key_id"
        );
        assert!(setting("regoin").is_none());
        assert!(setting("").is_none());
        assert!(setting(&"x".repeat(100)).is_none());
        assert_eq!(
            setting("duration_seconds").unwrap().kind,
            ValueKind::Integer {
                min: Some(900),
                max: Some(43200)
            }
        );
        assert!(setting("cli_pager").unwrap().empty_allowed);
        assert!(!setting("region").unwrap().empty_allowed);
        assert_eq!(
            setting("x_security_token_expires").unwrap().tool,
            Tool::ThirdParty("saml2aws, gimme-aws-creds, okta-aws-cli")
        );
    }

    #[test]
    fn s3_and_service_settings_are_separate() {
        assert_eq!(
            s3_setting("max_concurrent_requests").unwrap().kind,
            ValueKind::Integer {
                min: Some(1),
                max: None
            }
        );
        assert_eq!(
            s3_setting("multipart_threshold").unwrap().kind,
            ValueKind::Size
        );
        assert_eq!(s3_setting("max_bandwidth").unwrap().kind, ValueKind::Rate);
        assert!(setting("max_concurrent_requests").is_none());
        assert!(s3_setting("region").is_none());
        assert_eq!(
            service_setting("endpoint_url").unwrap().kind,
            ValueKind::Url
        );
        assert_eq!(
            setting_in(Place::S3, "addressing_style").unwrap().name,
            "addressing_style"
        );
        assert!(setting_in(Place::SsoSession, "sso_start_url").is_some());
        assert!(setting_in(Place::SsoSession, "sso_account_id").is_none());
        assert!(setting_in(Place::Profile, "sso_account_id").is_some());
    }

    #[test]
    fn known_keys_by_place() {
        assert!(is_known_key("region", Place::Profile));
        assert!(is_known_key("AWS_ACCESS_KEY_ID", Place::Credentials));
        assert!(is_known_key("region", Place::Credentials));
        assert!(is_known_key("x_principal_arn", Place::Credentials));
        assert!(is_known_key("azure_tenant_id", Place::Profile));
        assert!(is_known_key("granted_sso_start_url", Place::Profile));
        assert!(is_known_key("google_config.role_arn", Place::Profile));
        assert!(!is_known_key("azure_", Place::Profile));
        assert!(!is_known_key("regoin", Place::Profile));
        assert!(is_known_key("sso_registration_scopes", Place::SsoSession));
        assert!(is_known_key("sso_registration_scopes", Place::Profile));
        assert!(!is_known_key("sso_account_id", Place::SsoSession));
        assert!(!is_known_key("region", Place::SsoSession));
        assert!(is_known_key("max_queue_size", Place::S3));
        assert!(!is_known_key("max_queue_size", Place::Profile));
        assert!(is_known_key("endpoint_url", Place::Service));
    }

    #[test]
    fn vendor_families() {
        assert_eq!(
            vendor_prefix("azure_default_role_arn").unwrap().tool,
            "aws-azure-login"
        );
        assert_eq!(vendor_prefix("GRANTED_SSO_REGION").unwrap().tool, "granted");
        assert!(vendor_prefix("granted").is_none());
        assert!(vendor_prefix("region").is_none());
    }

    #[test]
    fn settings_for_a_place() {
        let sso: Vec<_> = settings_for(Place::SsoSession).map(|s| s.name).collect();
        assert_eq!(
            sso,
            ["sso_region", "sso_registration_scopes", "sso_start_url"]
        );
        assert!(settings_for(Place::Profile).any(|s| s.name == "role_arn"));
        assert!(settings_for(Place::Credentials).any(|s| s.name == "aws_session_token"));
        assert!(settings_for(Place::S3).any(|s| s.name == "addressing_style"));
        assert!(settings().count() > 80);
        assert!(s3_settings().count() > 15);
    }
}
