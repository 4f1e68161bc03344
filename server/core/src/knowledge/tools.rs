//! Other programs that write or read these files, and what they change about a profile's
//! meaning: credential tools (aws-vault, aws-okta, granted, awsume, saml2aws, aws-adfs) and
//! S3-compatible providers and emulators (Backblaze B2, Yandex, Scaleway, Selectel, Outscale,
//! DigitalOcean Spaces, MinIO, Cloudflare R2, LocalStack, moto). Rules consult this table;
//! none of them names a tool itself.
//!
//! Sources, by entry: aws-vault `vault/config.go` (99designs/aws-vault 6f3764db: the keys of
//! `ProfileSection`, `include_profile`/`parent_profile` inheritance, every profile inheriting
//! `[default]`) and `USAGE.md` (master keys in the keychain under the profile's name, MFA
//! sessions through GetSessionToken); aws-okta's README and users' configs (`[okta]` with
//! `aws_saml_url`, `mfa_provider`, `mfa_factor_type`, `assume_role_ttl`, `session_ttl`; role
//! profiles assumed through SAML); granted's registry sync (common-fate/granted
//! `pkg/granted/awsmerge`, and the peer cases in `../shared/conformance/peers/granted`);
//! saml2aws `pkg/awsconfig/awsconfig.go`; aws-adfs (venth/aws-adfs: `adfs_config.*` keys);
//! awsume's autoawsume (trek10inc/awsume: the `autoawsume-NAME` sections it writes to the
//! credentials file, with `autoawsume`, `expiration`, `source_expiration`,
//! `awsumepy_command`); an MFA helper in Dart that reads `mfa_token_provider` from
//! `[profile NAME]` and follows `source_profile`.
//!
//! Providers, as checked for issue 12: Yandex's `yc iam access-key create` output (key ids
//! `YCAJ` + 21 letters, digits, `_` and `-`; secrets of 40 with `_` and `-`); Scaleway's SDK
//! README (`SCW` + 17, secrets are UUIDs; `fr-par`, `nl-ams`, `pl-waw`, and `it-mil` in
//! users' `s3.it-mil.scw.cloud` endpoints); Selectel's AWS CLI guide (`ru-1`) and the pools of
//! users' `s3.POOL.storage.selcloud.ru` endpoints; Outscale's `oos.REGION.outscale.com`
//! endpoints; Cloudflare's R2 S3 API page (the Region is `auto`; its key ids have no
//! documented shape, so none is listed); Backblaze's `s3.REGION.backblazeb2.com` endpoints
//! and `00…` application key ids; DigitalOcean Spaces (`*.digitaloceanspaces.com`, key ids
//! `DO00` + 16, its datacenter slugs as Regions); MinIO's default `minioadmin`; LocalStack's
//! `test`; moto's documented `testing` and the `foobar_key` it sets itself (moto accepts only
//! AWS Regions by default, so it has none of its own).

/// A credential tool.
#[derive(Debug)]
pub struct CredentialTool {
    pub name: &'static str,
    /// What it does, in one line.
    pub summary: &'static str,
    /// Config-file sections it owns: no AWS tool reads them, and that is intended.
    pub sections: &'static [SectionMatch],
    /// Keys it reads or writes in profiles (lower case). A profile holding one is plainly for
    /// this tool.
    pub keys: &'static [&'static str],
    /// Key families it writes (`adfs_config.`).
    pub key_prefixes: &'static [&'static str],
    /// What it changes about the meaning of a profile that is plainly its own.
    pub effects: &'static [Effect],
}

/// How a tool's section is recognised from the text between the brackets.
#[derive(Clone, Copy, Debug)]
pub enum SectionMatch {
    /// Exactly this (`okta`).
    Named(&'static str),
    /// This word, a space, then any name (`granted_registry_start NAME`).
    Prefixed(&'static str),
}

/// What a tool changes about a profile's meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// A role profile needs no `source_profile` or `credential_source`: the tool holds the
    /// credentials that assume it (aws-vault's keychain) or gets them itself (aws-okta's SAML
    /// login).
    AssumesRolesItself,
    /// `source_profile` with `mfa_serial` and no `role_arn` is meaningful: the tool asks STS
    /// for an MFA session (GetSessionToken) with the source profile's keys.
    MfaSessionWithoutRole,
    /// A profile's keys may live in the tool's own store instead of the credentials file.
    KeysInOwnStore,
}

pub static CREDENTIAL_TOOLS: &[CredentialTool] = &[
    CredentialTool {
        name: "aws-vault",
        summary: "keeps long-term keys in the OS keychain and hands out temporary credentials",
        sections: &[],
        keys: &[
            "include_profile",
            "parent_profile",
            "mfa_process",
            "session_tags",
            "transitive_session_tags",
            "source_identity",
            "web_identity_token_process",
        ],
        key_prefixes: &[],
        effects: &[
            Effect::AssumesRolesItself,
            Effect::MfaSessionWithoutRole,
            Effect::KeysInOwnStore,
        ],
    },
    CredentialTool {
        name: "aws-okta",
        summary: "signs in to Okta and assumes the profile's role with the SAML assertion",
        sections: &[SectionMatch::Named("okta")],
        keys: &[
            "aws_saml_url",
            "mfa_provider",
            "mfa_factor_type",
            "mfa_duo_device",
            "assume_role_ttl",
            "session_ttl",
            "okta_account_name",
        ],
        key_prefixes: &[],
        effects: &[Effect::AssumesRolesItself],
    },
    CredentialTool {
        name: "granted",
        summary: "assumes roles and syncs profile registries into the config file",
        sections: &[
            SectionMatch::Prefixed("granted_registry_start"),
            SectionMatch::Prefixed("granted_registry_end"),
        ],
        keys: &["common_fate_generated_from", "credential_process_profile"],
        key_prefixes: &["granted_"],
        effects: &[Effect::KeysInOwnStore],
    },
    CredentialTool {
        name: "awsume",
        summary: "assumes roles into the shell, with MFA and auto-refresh",
        sections: &[],
        // autoawsume writes `[autoawsume-NAME]` profiles with these keys to the credentials
        // file.
        keys: &["autoawsume", "awsumepy_command", "source_expiration"],
        key_prefixes: &[],
        effects: &[],
    },
    CredentialTool {
        name: "saml2aws",
        summary: "signs in through a SAML identity provider and writes temporary credentials",
        sections: &[],
        keys: &["x_principal_arn", "x_security_token_expires"],
        key_prefixes: &[],
        effects: &[],
    },
    CredentialTool {
        name: "aws-adfs",
        summary: "signs in through ADFS and writes temporary credentials",
        sections: &[],
        keys: &[],
        key_prefixes: &["adfs_config."],
        effects: &[Effect::AssumesRolesItself],
    },
    CredentialTool {
        // Small MFA helpers read a command that prints the current code from the profile (for
        // example a Dart helper that reads `mfa_token_provider` and follows `source_profile`).
        name: "an MFA helper",
        summary: "runs a command that prints the MFA code when a session is needed",
        sections: &[],
        keys: &["mfa_token_provider"],
        key_prefixes: &[],
        effects: &[Effect::MfaSessionWithoutRole],
    },
];

/// An S3-compatible provider or an emulator: requests that go there are not held to AWS's
/// key and Region shapes.
#[derive(Debug)]
pub struct Provider {
    pub name: &'static str,
    /// Endpoint hosts: a host equal to one of these or ending with `.` and one of them.
    pub hosts: &'static [&'static str],
    /// Regions of its own, outside AWS's list.
    pub regions: &'static [&'static str],
    /// Its access key ids, when their shape tells it apart from AWS.
    pub key_id: Option<KeyShape>,
    /// Dummy access key ids that only this emulator (or its kind) accepts.
    pub dummy_key_ids: &'static [&'static str],
}

/// The shape of a provider's access key ids.
#[derive(Clone, Copy, Debug)]
pub struct KeyShape {
    pub prefix: &'static str,
    pub length: usize,
    /// `true`: lower-case hex digits only (after the prefix); `false`: letters and digits.
    pub hex: bool,
}

impl KeyShape {
    fn matches(&self, id: &str) -> bool {
        id.len() == self.length
            && id.starts_with(self.prefix)
            && id[self.prefix.len()..].bytes().all(|b| {
                if self.hex {
                    b.is_ascii_digit() || (b'a'..=b'f').contains(&b)
                } else {
                    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
                }
            })
    }
}

pub static PROVIDERS: &[Provider] = &[
    Provider {
        name: "Backblaze B2",
        hosts: &["backblazeb2.com"],
        regions: &[
            "us-west-000",
            "us-west-001",
            "us-west-002",
            "us-west-004",
            "us-east-005",
            "eu-central-003",
            "ca-east-006",
        ],
        // Application key ids: 25 hex digits, starting `00`.
        key_id: Some(KeyShape {
            prefix: "00",
            length: 25,
            hex: true,
        }),
        dummy_key_ids: &[],
    },
    Provider {
        name: "Yandex Object Storage",
        hosts: &["yandexcloud.net", "yandex.net"],
        regions: &["ru-central1"],
        // Static access keys: `YCAJ` and 21 more characters.
        key_id: Some(KeyShape {
            prefix: "YCAJ",
            length: 25,
            hex: false,
        }),
        dummy_key_ids: &[],
    },
    Provider {
        name: "Scaleway Object Storage",
        hosts: &["scw.cloud"],
        regions: &["fr-par", "nl-ams", "pl-waw", "it-mil"],
        // `SCW` and 17 more characters.
        key_id: Some(KeyShape {
            prefix: "SCW",
            length: 20,
            hex: false,
        }),
        dummy_key_ids: &[],
    },
    Provider {
        name: "Selectel S3",
        hosts: &["selcdn.ru", "selstorage.ru", "selcloud.ru"],
        regions: &["ru-1", "ru-3", "ru-7", "gis-1", "kz-1", "uz-2"],
        key_id: None,
        dummy_key_ids: &[],
    },
    Provider {
        name: "Outscale OOS",
        hosts: &["outscale.com"],
        // Its other Regions (`eu-west-2`, `us-east-2`…) share AWS's codes.
        regions: &["cloudgouv-eu-west-1"],
        key_id: None,
        dummy_key_ids: &[],
    },
    Provider {
        name: "Cloudflare R2",
        hosts: &["r2.cloudflarestorage.com"],
        // Location hints (`wnam`, `apac`…) are bucket locations, not signing Regions.
        regions: &["auto"],
        key_id: None,
        dummy_key_ids: &[],
    },
    Provider {
        name: "DigitalOcean Spaces",
        hosts: &["digitaloceanspaces.com"],
        regions: &[
            "nyc1", "nyc2", "nyc3", "sfo1", "sfo2", "ams2", "ams3", "sgp1", "lon1", "fra1", "tor1",
            "blr1",
        ],
        // `DO00` and 16 more upper-case letters and digits.
        key_id: Some(KeyShape {
            prefix: "DO00",
            length: 20,
            hex: false,
        }),
        dummy_key_ids: &[],
    },
    Provider {
        name: "MinIO",
        hosts: &[],
        regions: &[],
        key_id: None,
        dummy_key_ids: &["minioadmin"],
    },
    Provider {
        name: "LocalStack",
        hosts: &["localhost.localstack.cloud", "localstack"],
        regions: &[],
        key_id: None,
        dummy_key_ids: &["test"],
    },
    Provider {
        name: "moto",
        hosts: &[],
        regions: &[],
        key_id: None,
        dummy_key_ids: &["testing", "foobar_key"],
    },
];

/// The tool that owns a config-file section, from the text between its brackets.
pub fn section_owner(raw_key: &str) -> Option<&'static CredentialTool> {
    let key = raw_key.trim_matches([' ', '\t']);
    CREDENTIAL_TOOLS.iter().find(|tool| {
        tool.sections.iter().any(|m| match m {
            SectionMatch::Named(name) => key.eq_ignore_ascii_case(name),
            SectionMatch::Prefixed(prefix) => key
                .split_once([' ', '\t'])
                .is_some_and(|(p, name)| p == *prefix && !name.trim().is_empty()),
        })
    })
}

/// The tool that owns a profile key (any case).
pub fn key_owner(key: &str) -> Option<&'static CredentialTool> {
    let starts = |prefix: &str| {
        key.len() > prefix.len()
            && key.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
    };
    CREDENTIAL_TOOLS.iter().find(|tool| {
        tool.keys.iter().any(|k| k.eq_ignore_ascii_case(key))
            || tool.key_prefixes.iter().any(|p| starts(p))
    })
}

/// The provider an endpoint URL's host belongs to.
pub fn provider_of_url(url: &str) -> Option<&'static Provider> {
    let host = host_of(url)?;
    PROVIDERS.iter().find(|p| {
        p.hosts
            .iter()
            .any(|h| host == *h || host.strip_suffix(h).is_some_and(|rest| rest.ends_with('.')))
    })
}

/// The provider whose access key ids look like `id`, or whose dummy key it is.
pub fn provider_of_key_id(id: &str) -> Option<&'static Provider> {
    PROVIDERS.iter().find(|p| {
        p.dummy_key_ids.iter().any(|d| d.eq_ignore_ascii_case(id))
            || p.key_id.is_some_and(|shape| shape.matches(id))
    })
}

/// The provider that has this Region of its own.
pub fn provider_of_region(region: &str) -> Option<&'static Provider> {
    PROVIDERS
        .iter()
        .find(|p| p.regions.iter().any(|r| r.eq_ignore_ascii_case(region)))
}

/// The lower-cased host of a URL (`scheme://user@host:port/path`), if it has one.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host_port
        .rsplit_once('@')
        .map(|(_, h)| h)
        .unwrap_or(host_port);
    let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

/// The DNS suffixes of AWS endpoints in every partition: commercial, China, the European
/// Sovereign Cloud, the dual-stack domains, and the isolated (ISO) regions.
const AWS_DOMAINS: &[&str] = &[
    "amazonaws.com",
    "amazonaws.com.cn",
    "api.aws",
    "api.amazonwebservices.com.cn",
    "amazonaws.eu",
    "c2s.ic.gov",
    "sc2s.sgov.gov",
    "cloud.adc-e.uk",
    "csp.hci.ic.gov",
];

/// True for a URL whose host is not an AWS endpoint host.
pub fn is_non_aws_url(url: &str) -> bool {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host_port
        .rsplit_once('@')
        .map(|(_, h)| h)
        .unwrap_or(host_port);
    let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
    if host.is_empty() {
        return false;
    }
    !AWS_DOMAINS.iter().any(|domain| {
        host == *domain || host.strip_suffix(domain).is_some_and(|h| h.ends_with('.'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_and_keys_of_tools() {
        assert_eq!(section_owner("okta").unwrap().name, "aws-okta");
        assert_eq!(
            section_owner("granted_registry_start team").unwrap().name,
            "granted"
        );
        assert!(section_owner("granted_registry_start").is_none());
        assert!(section_owner("staging").is_none());
        assert_eq!(key_owner("include_profile").unwrap().name, "aws-vault");
        assert_eq!(key_owner("AWS_SAML_URL").unwrap().name, "aws-okta");
        assert_eq!(key_owner("adfs_config.role_arn").unwrap().name, "aws-adfs");
        assert_eq!(key_owner("granted_sso_region").unwrap().name, "granted");
        assert!(key_owner("region").is_none());
        assert!(key_owner("adfs_config.").is_none());
    }

    #[test]
    fn providers_by_host_key_and_region() {
        let name = |p: Option<&Provider>| p.map(|p| p.name);
        assert_eq!(
            name(provider_of_url("https://s3.us-west-004.backblazeb2.com")),
            Some("Backblaze B2")
        );
        assert_eq!(
            name(provider_of_url("https://s3.fr-par.scw.cloud")),
            Some("Scaleway Object Storage")
        );
        assert_eq!(
            name(provider_of_url("https://abc.r2.cloudflarestorage.com")),
            Some("Cloudflare R2")
        );
        assert_eq!(
            name(provider_of_url("https://nyc3.digitaloceanspaces.com")),
            Some("DigitalOcean Spaces")
        );
        assert_eq!(
            name(provider_of_key_id("DO00Z4GEXAMPLEKEY123")),
            Some("DigitalOcean Spaces")
        );
        assert_eq!(
            name(provider_of_region("nyc3")),
            Some("DigitalOcean Spaces")
        );
        // Unconfirmed shapes are not there: R2's key ids, moto's `test-region`.
        assert_eq!(
            name(provider_of_key_id("0123456789abcdef0123456789abcdef")),
            None
        );
        assert_eq!(name(provider_of_region("test-region")), None);
        assert_eq!(name(provider_of_url("https://notscw.cloud")), None);
        assert_eq!(
            name(provider_of_key_id("0041234567890ab0000000001")),
            Some("Backblaze B2")
        );
        assert_eq!(
            name(provider_of_key_id("YCAJEexampleExampleExampl")),
            Some("Yandex Object Storage")
        );
        assert_eq!(name(provider_of_key_id("test")), Some("LocalStack"));
        assert_eq!(name(provider_of_key_id("AKIAIOSFODNN7EXAMPLE")), None);
        assert_eq!(
            name(provider_of_region("ru-central1")),
            Some("Yandex Object Storage")
        );
        assert_eq!(name(provider_of_region("us-east-1")), None);
    }
}
