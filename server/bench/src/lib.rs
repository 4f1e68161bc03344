//! Realistic, deterministic AWS shared config and credentials files for the benchmarks and the
//! differential test, and a synchronous wrapper around the AWS SDK for Rust's own profile loader
//! (see [`sdk`]), the reference both are measured against.
//!
//! The generated files mix what real `~/.aws/config` files hold: `[default]`, IAM Identity
//! Center profiles through `[sso-session NAME]` sections and legacy ones with the SSO keys in the
//! profile, role profiles chained through `source_profile` (always to an earlier profile, so
//! there is no loop) or based on `credential_source`, `credential_process` and web-identity
//! profiles, `s3 =` sub-property blocks, `[services NAME]` sections, `#` and `;` comments and
//! blank lines. The credentials file holds the access keys of the profiles that take theirs from
//! it, plus a few profiles that exist only there.
//!
//! Only AWS's documented example keys appear ([`ACCESS_KEY_ID`], [`TEMPORARY_ACCESS_KEY_ID`],
//! [`SECRET_ACCESS_KEY`]); session tokens are obviously fake (`FAKE/SESSION/TOKEN/...`, base64
//! characters and over 100 long, so that `malformed-session-token` takes them for whole ones).
//!
//! The same `(profiles, seed)` always gives the same text, on every platform.

pub mod sdk;

use std::fmt::Write;

/// AWS's documented example access key id.
pub const ACCESS_KEY_ID: &str = "AKIAIOSFODNN7EXAMPLE";
/// The documented example of a temporary key id: temporary keys come with a session token.
pub const TEMPORARY_ACCESS_KEY_ID: &str = "ASIAIOSFODNN7EXAMPLE";
/// AWS's documented example secret access key.
pub const SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
pub const SSO_START_URL: &str = "https://my-sso-portal.awsapps.com/start";
/// The seed of [`generate_config`] and [`generate_credentials`].
pub const DEFAULT_SEED: u64 = 0x00C0_FF1E_A115_C0DE;

/// A config file with `profiles` profile sections (`[default]` included), plus its sso-session,
/// services and other sections. 10,000 profiles are about 1 MB.
pub fn generate_config(profiles: usize) -> String {
    generate_config_seeded(profiles, DEFAULT_SEED)
}

/// The credentials file that goes with [`generate_config`]`(profiles)`: the keys of `[default]`
/// and of every profile of that config whose credentials are static, plus a few profiles that
/// exist only in the credentials file (about one for every twenty config profiles).
pub fn generate_credentials(profiles: usize) -> String {
    generate_credentials_seeded(profiles, DEFAULT_SEED)
}

/// [`generate_config`] with another seed: another mix, the same shape.
pub fn generate_config_seeded(profiles: usize, seed: u64) -> String {
    Plan::new(profiles, seed).config()
}

/// [`generate_credentials`] with another seed, to go with [`generate_config_seeded`].
pub fn generate_credentials_seeded(profiles: usize, seed: u64) -> String {
    Plan::new(profiles, seed).credentials()
}

/// xorshift64*: small, fast, good enough to pick names and shapes, and stable forever.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // One splitmix64 step, so that small or similar seeds give unrelated streams (and 0 is
        // not a fixed point).
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform enough in `0..n` (`n > 0`) for our purposes.
    fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// True `percent` times out of a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// A made-up 12-digit AWS account id.
    fn account(&mut self) -> u64 {
        100_000_000_000 + self.next_u64() % 900_000_000_000
    }
}

const TEAMS: &[&str] = &[
    "platform",
    "payments",
    "data",
    "web",
    "mobile",
    "ml",
    "search",
    "infra",
    "security",
    "billing",
    "identity",
    "analytics",
    "growth",
    "support",
    "media",
    "logistics",
];
const STAGES: &[&str] = &[
    "dev", "test", "staging", "prod", "sandbox", "qa", "perf", "dr",
];
const REGIONS: &[&str] = &[
    "us-east-1",
    "us-east-2",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "eu-north-1",
    "ap-southeast-2",
    "ap-northeast-1",
    "ca-central-1",
    "sa-east-1",
];
const OUTPUTS: &[&str] = &["json", "yaml", "text", "table"];
const SSO_ROLES: &[&str] = &[
    "AdministratorAccess",
    "PowerUserAccess",
    "ReadOnlyAccess",
    "ViewOnlyAccess",
    "DeveloperAccess",
    "Billing",
];
const IAM_ROLES: &[&str] = &[
    "OrganizationAccountAccessRole",
    "Admin",
    "ReadOnly",
    "Deploy",
    "PowerUser",
    "DataEngineer",
    "BreakGlass",
    "CiCdPipeline",
];
const CREDENTIAL_SOURCES: &[&str] = &["Ec2InstanceMetadata", "EcsContainer", "Environment"];

/// The services sections: a name and the blocks it sets.
const SERVICES: &[(&str, &[(&str, &str)])] = &[
    ("local-minio", &[("s3", "http://localhost:9000")]),
    (
        "localstack",
        &[
            ("s3", "http://localhost:9000"),
            ("dynamodb", "http://localhost:4566"),
            ("sqs", "http://localhost:4566"),
        ],
    ),
    ("dynamodb-local", &[("dynamodb", "http://localhost:8000")]),
    ("s3-dev", &[("s3", "http://localhost:9000")]),
];

#[derive(Clone, Copy)]
enum Kind {
    /// `[default]`, keys in the credentials file.
    Default,
    /// Region and output in the config, keys in the credentials file.
    Static {
        session_token: bool,
    },
    /// `sso_session = NAME` and an `[sso-session NAME]` section.
    Sso {
        session: usize,
        account: u64,
        role: &'static str,
    },
    /// The SSO keys in the profile itself.
    LegacySso {
        sso_region: &'static str,
        account: u64,
        role: &'static str,
    },
    Role {
        account: u64,
        role: &'static str,
        source: RoleSource,
        session_name: bool,
        external_id: bool,
        mfa: bool,
        duration: bool,
    },
    Process,
    WebIdentity {
        account: u64,
        role: &'static str,
    },
    /// Settings only: credentials come from elsewhere (environment variables).
    Plain,
}

#[derive(Clone, Copy)]
enum RoleSource {
    /// Index of an earlier profile.
    Profile(usize),
    Named(&'static str),
}

struct Spec {
    name: String,
    kind: Kind,
    region: Option<&'static str>,
    /// `Region = ...`: the SDKs lower-case keys.
    region_key_upper: bool,
    region_comment: bool,
    output: Option<&'static str>,
    cli_pager: bool,
    retry: bool,
    s3: bool,
    services: Option<usize>,
    /// Zero, `#` or `;` comment line before the header.
    comment: Option<char>,
}

struct Plan {
    sessions: Vec<String>,
    services: usize,
    profiles: Vec<Spec>,
    credentials_only: Vec<(String, bool)>,
    other_section: bool,
}

impl Plan {
    fn new(profiles: usize, seed: u64) -> Plan {
        let mut rng = Rng::new(seed);
        let session_count = profiles.div_ceil(400).max(1);
        let sessions = (0..session_count)
            .map(|i| match i {
                0 => "corp".to_string(),
                _ => format!("{}-{i}", rng.pick(&["corp", "acme", "org", "partner"])),
            })
            .collect();
        let services = match profiles {
            0..=9 => 1,
            10..=99 => 2,
            _ => SERVICES.len(),
        };
        let mut specs: Vec<Spec> = Vec::with_capacity(profiles);
        // Profiles a role may take its credentials from, by kind.
        let mut keyed = Vec::new();
        let mut roles = Vec::new();
        let mut sso = Vec::new();
        for index in 0..profiles {
            let kind = if index == 0 {
                Kind::Default
            } else {
                match rng.below(100) {
                    0..=39 => Kind::Static {
                        session_token: rng.chance(20),
                    },
                    40..=61 => Kind::Sso {
                        session: rng.below(session_count),
                        account: rng.account(),
                        role: rng.pick(SSO_ROLES),
                    },
                    62..=66 => Kind::LegacySso {
                        sso_region: rng.pick(&REGIONS[..4]),
                        account: rng.account(),
                        role: rng.pick(SSO_ROLES),
                    },
                    67..=86 => {
                        let source = match rng.below(100) {
                            0..=54 => Some(rng.pick(&keyed)),
                            55..=74 if !roles.is_empty() => Some(rng.pick(&roles)),
                            75..=84 if !sso.is_empty() => Some(rng.pick(&sso)),
                            _ => None,
                        };
                        let source = match source {
                            Some(index) => RoleSource::Profile(index),
                            None if rng.chance(80) => RoleSource::Named(CREDENTIAL_SOURCES[0]),
                            None => RoleSource::Named(rng.pick(&CREDENTIAL_SOURCES[1..])),
                        };
                        Kind::Role {
                            account: rng.account(),
                            role: rng.pick(IAM_ROLES),
                            source,
                            session_name: rng.chance(15),
                            external_id: rng.chance(10),
                            mfa: rng.chance(5),
                            duration: rng.chance(10),
                        }
                    }
                    87..=90 => Kind::Process,
                    91..=92 => Kind::WebIdentity {
                        account: rng.account(),
                        role: rng.pick(IAM_ROLES),
                    },
                    _ => Kind::Plain,
                }
            };
            match kind {
                Kind::Default | Kind::Static { .. } => keyed.push(index),
                Kind::Role { .. } => roles.push(index),
                Kind::Sso { .. } | Kind::LegacySso { .. } => sso.push(index),
                _ => {}
            }
            let name = match index {
                0 => "default".to_string(),
                _ => {
                    let team = rng.pick(TEAMS);
                    let stage = rng.pick(STAGES);
                    match rng.below(100) {
                        0..=2 => format!("{team}.{stage}-{index:04}"),
                        3..=4 => format!("{team}@{stage}-{index:04}"),
                        5..=6 => format!("{team}/{stage}-{index:04}"),
                        _ => format!("{team}-{stage}-{index:04}"),
                    }
                }
            };
            specs.push(Spec {
                name,
                kind,
                region: rng.chance(70).then(|| rng.pick(REGIONS)),
                region_key_upper: rng.chance(1),
                region_comment: rng.chance(3),
                output: rng.chance(20).then(|| rng.pick(OUTPUTS)),
                cli_pager: rng.chance(10),
                retry: rng.chance(3),
                s3: rng.chance(3),
                services: rng.chance(3).then(|| rng.below(services)),
                comment: match rng.below(100) {
                    0..=4 => Some('#'),
                    5..=6 => Some(';'),
                    _ => None,
                },
            });
        }
        let credentials_only = (0..profiles / 20)
            .map(|i| {
                let owner = rng.pick(&["ci", "deploy-bot", "terraform", "backup", "legacy"]);
                (format!("{owner}-{i:04}"), rng.chance(30))
            })
            .collect();
        Plan {
            sessions,
            services,
            profiles: specs,
            credentials_only,
            other_section: profiles >= 100,
        }
    }

    fn config(&self) -> String {
        let mut out = String::with_capacity(self.profiles.len() * 104 + 1024);
        out.push_str("# ~/.aws/config\n# Profiles for the engineering accounts. Keys live in ~/.aws/credentials.\n\n");
        for (index, spec) in self.profiles.iter().enumerate() {
            // The sso-session and services sections sit near the top, after [default].
            if index == 1 {
                self.write_shared_sections(&mut out);
            }
            self.write_profile(&mut out, spec);
        }
        if self.profiles.len() <= 1 {
            self.write_shared_sections(&mut out);
        }
        if self.other_section {
            out.push_str("# Used by the AWS CLI only.\n[plugins]\ncli_legacy_plugin_path = /opt/aws-cli-plugins/lib/python3.12/site-packages\n");
        }
        out
    }

    fn write_shared_sections(&self, out: &mut String) {
        for (i, session) in self.sessions.iter().enumerate() {
            let region = REGIONS[i % 4];
            let _ = write!(
                out,
                "[sso-session {session}]\nsso_start_url = {SSO_START_URL}\nsso_region = {region}\nsso_registration_scopes = sso:account:access\n\n"
            );
        }
        for (name, blocks) in &SERVICES[..self.services] {
            let _ = writeln!(
                out,
                "; Local endpoints, for `services = {name}`.\n[services {name}]"
            );
            for (service, url) in *blocks {
                let _ = writeln!(out, "{service} =\n  endpoint_url = {url}");
            }
            out.push('\n');
        }
    }

    fn write_profile(&self, out: &mut String, spec: &Spec) {
        let name = &spec.name;
        match spec.comment {
            Some('#') => {
                let _ = writeln!(out, "# {name}: see #cloud-access");
            }
            Some(c) => {
                let _ = writeln!(
                    out,
                    "{c} owner: {}",
                    name.split(['-', '.', '@', '/']).next().unwrap_or(name)
                );
            }
            None => {}
        }
        match spec.kind {
            Kind::Default => out.push_str("[default]\n"),
            _ => {
                let _ = writeln!(out, "[profile {name}]");
            }
        }
        match spec.kind {
            Kind::Default | Kind::Static { .. } | Kind::Plain => {}
            Kind::Sso {
                session,
                account,
                role,
            } => {
                let _ = write!(
                    out,
                    "sso_session = {}\nsso_account_id = {account}\nsso_role_name = {role}\n",
                    self.sessions[session]
                );
            }
            Kind::LegacySso {
                sso_region,
                account,
                role,
            } => {
                let _ = write!(
                    out,
                    "sso_start_url = {SSO_START_URL}\nsso_region = {sso_region}\nsso_account_id = {account}\nsso_role_name = {role}\n"
                );
            }
            Kind::Role {
                account,
                role,
                source,
                session_name,
                external_id,
                mfa,
                duration,
            } => {
                let _ = writeln!(out, "role_arn = arn:aws:iam::{account}:role/{role}");
                match source {
                    RoleSource::Profile(index) => {
                        let _ = writeln!(out, "source_profile = {}", self.profiles[index].name);
                    }
                    RoleSource::Named(source) => {
                        let _ = writeln!(out, "credential_source = {source}");
                    }
                }
                if session_name {
                    let _ = writeln!(
                        out,
                        "role_session_name = {}",
                        name.replace(['.', '@', '/'], "-")
                    );
                }
                if external_id {
                    let _ = writeln!(out, "external_id = ext-{:x}", account);
                }
                if mfa {
                    out.push_str("mfa_serial = arn:aws:iam::111122223333:mfa/engineer\n");
                }
                if duration {
                    out.push_str("duration_seconds = 3600\n");
                }
            }
            Kind::Process => {
                let _ = writeln!(
                    out,
                    "credential_process = /usr/local/bin/aws-vault export --format=json {name}"
                );
            }
            Kind::WebIdentity { account, role } => {
                let _ = write!(
                    out,
                    "role_arn = arn:aws:iam::{account}:role/{role}\nweb_identity_token_file = /var/run/secrets/eks.amazonaws.com/serviceaccount/token\n"
                );
            }
        }
        if let Some(region) = spec.region {
            let key = if spec.region_key_upper {
                "Region"
            } else {
                "region"
            };
            let comment = if spec.region_comment {
                " # closest to the team"
            } else {
                ""
            };
            let _ = writeln!(out, "{key} = {region}{comment}");
        }
        if let Some(output) = spec.output {
            let _ = writeln!(out, "output = {output}");
        }
        if spec.cli_pager {
            out.push_str("cli_pager =\n");
        }
        if spec.retry {
            out.push_str("retry_mode = standard\nmax_attempts = 5\n");
        }
        if spec.s3 {
            out.push_str("s3 =\n  max_concurrent_requests = 20\n  max_queue_size = 10000\n  multipart_threshold = 64MB\n");
        }
        if let Some(services) = spec.services {
            let _ = writeln!(out, "services = {}", SERVICES[services].0);
        }
        out.push('\n');
    }

    fn credentials(&self) -> String {
        let mut out = String::with_capacity(self.profiles.len() * 40 + 1024);
        out.push_str("# ~/.aws/credentials\n\n");
        let keys = |out: &mut String, name: &str, token: Option<String>| {
            // A session token goes with a temporary (`ASIA`) key, as STS issues them.
            let key_id = if token.is_some() {
                TEMPORARY_ACCESS_KEY_ID
            } else {
                ACCESS_KEY_ID
            };
            let _ = write!(
                out,
                "[{name}]\naws_access_key_id = {key_id}\naws_secret_access_key = {SECRET_ACCESS_KEY}\n"
            );
            if let Some(token) = token {
                let _ = writeln!(out, "aws_session_token = {token}");
            }
            out.push('\n');
        };
        for (index, spec) in self.profiles.iter().enumerate() {
            match spec.kind {
                Kind::Default => keys(&mut out, "default", None),
                Kind::Static { session_token } => {
                    if index % 7 == 0 {
                        let _ = writeln!(out, "; rotated quarterly");
                    }
                    let token = session_token.then(|| fake_session_token(&format!("{index:06}")));
                    keys(&mut out, &spec.name, token);
                }
                _ => {}
            }
        }
        for (i, (name, token)) in self.credentials_only.iter().enumerate() {
            let token = token.then(|| fake_session_token(&format!("CI{i:04}")));
            keys(&mut out, name, token);
        }
        out
    }
}

/// An obviously fake session token: base64 characters, over 100 long (real ones are longer).
fn fake_session_token(tag: &str) -> String {
    format!("FAKE/SESSION/TOKEN/{tag}/{}", "NOT/A/REAL/TOKEN/".repeat(6))
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_config_lsp_core::{Input, Model};

    #[test]
    fn deterministic_and_seeded() {
        assert_eq!(generate_config(200), generate_config(200));
        assert_eq!(generate_credentials(200), generate_credentials(200));
        assert_ne!(
            generate_config_seeded(200, 1),
            generate_config_seeded(200, 2)
        );
    }

    #[test]
    fn loads_without_error_and_has_every_profile() {
        for profiles in [0, 1, 2, 5, 50, 500] {
            let config = generate_config(profiles);
            let credentials = generate_credentials(profiles);
            let model = Model::build(&[Input::config(&config), Input::credentials(&credentials)]);
            assert!(
                model.load_error().is_none(),
                "{profiles}: {:?}",
                model.load_error()
            );
            let config_only = Model::build(&[Input::config(&config)]);
            assert_eq!(config_only.profiles.profiles.len(), profiles);
        }
    }

    #[test]
    fn only_example_secrets() {
        let credentials = generate_credentials(1000);
        for line in credentials.lines() {
            if let Some((key, value)) = line.split_once(" = ") {
                match key {
                    "aws_access_key_id" => {
                        assert!(value == ACCESS_KEY_ID || value == TEMPORARY_ACCESS_KEY_ID)
                    }
                    "aws_secret_access_key" => assert_eq!(value, SECRET_ACCESS_KEY),
                    "aws_session_token" => assert!(value.starts_with("FAKE/SESSION/TOKEN/")),
                    other => panic!("unexpected key {other}"),
                }
            }
        }
    }
}
