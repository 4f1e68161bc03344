//! The catalogue. Each list is sorted by name, the order `settings()` gives them in (a test
//! checks it). Sources are in `/work/shared/docs/profile-semantics.md` §13 and §14.

use super::EnumCase::{Insensitive, InsensitiveInSdksOnly, Sensitive};
use super::Place::{Credentials, Profile, Service, SsoSession, S3};
use super::Tool::{BotocoreOnly, CliOnly, Sdk, SdksOnly, ThirdParty};
use super::ValueKind::*;
use super::{Place, Setting, VendorPrefix};

const PROFILE: &[Place] = &[Profile];
const CREDENTIALS: &[Place] = &[Credentials];
const SECRETS: &[Place] = &[Credentials, Profile];
const SSO_SESSION: &[Place] = &[SsoSession];
const SSO_SESSION_OR_PROFILE: &[Place] = &[SsoSession, Profile];
const S3_BLOCK: &[Place] = &[S3];
const SERVICE_BLOCK: &[Place] = &[Service];

const fn int(min: Option<i64>, max: Option<i64>) -> super::ValueKind {
    Integer { min, max }
}

const fn one_of(values: &'static [&'static str]) -> super::ValueKind {
    Enum {
        values,
        case: Sensitive,
    }
}

/// Values every reader that reads the setting takes in any case: botocore lower-cases them
/// (`tests/readers/catalogue.rs`), and aws-config compares them ignoring case
/// (`server/sts/tests/sdk_values.rs`) where it reads them.
const fn one_of_any_case(values: &'static [&'static str]) -> super::ValueKind {
    Enum {
        values,
        case: Insensitive,
    }
}

const LEGACY_REGIONAL: &[&str] = &["legacy", "regional"];
const CHECKSUM_MODES: &[&str] = &["when_supported", "when_required"];

const AWS_MFA: super::Tool = ThirdParty("aws-mfa");
const AWS_VAULT: super::Tool = ThirdParty("aws-vault");
const AWS_SSO_UTIL: super::Tool = ThirdParty("aws-sso-util");

/// Profile and sso-session settings.
pub(super) const SETTINGS: &[Setting] = &[
    Setting::new(
        "account_id_endpoint_mode",
        "Whether requests go to endpoints that include the account id.",
        one_of_any_case(&["preferred", "disabled", "required"]),
        PROFILE,
        Sdk,
    )
    .default_value("preferred")
    .env("AWS_ACCOUNT_ID_ENDPOINT_MODE"),
    Setting::new(
        "api_versions",
        "Pins the API version botocore uses per service, as indented `service = YYYY-MM-DD` lines.",
        SubProperties,
        PROFILE,
        BotocoreOnly,
    ),
    Setting::new(
        "assumed_role",
        "Written by aws-mfa: whether these short-term credentials come from assuming a role.",
        String,
        CREDENTIALS,
        AWS_MFA,
    ),
    Setting::new(
        "assumed_role_arn",
        "Written by aws-mfa: the role these short-term credentials were issued for.",
        Arn,
        CREDENTIALS,
        AWS_MFA,
    ),
    Setting::new(
        "auth_scheme_preference",
        "The authentication schemes to prefer, in order, such as `sigv4a,sigv4`.",
        CommaList,
        PROFILE,
        Sdk,
    )
    .env("AWS_AUTH_SCHEME_PREFERENCE"),
    Setting::new(
        "aws_access_key_id",
        "The access key id of long-term (`AKIA…`) or temporary (`ASIA…`) credentials.",
        AccessKeyId,
        SECRETS,
        Sdk,
    )
    .env("AWS_ACCESS_KEY_ID")
    .note("Keep credentials in the credentials file; the config file works too."),
    Setting::new(
        "aws_account_id",
        "The account the credentials belong to, for account-based endpoints.",
        AccountId,
        SECRETS,
        Sdk,
    )
    .env("AWS_ACCOUNT_ID"),
    Setting::new(
        "aws_credential_expiration",
        "Printed by `aws-vault export`: when these temporary credentials expire.",
        Timestamp,
        CREDENTIALS,
        AWS_VAULT,
    )
    .note("No SDK reads an expiry from the files; botocore reads AWS_CREDENTIAL_EXPIRATION from the environment only."),
    Setting::new(
        "aws_expiration",
        "Written by aws-azure-login: when these temporary credentials expire.",
        Timestamp,
        CREDENTIALS,
        ThirdParty("aws-azure-login"),
    ),
    Setting::new(
        "aws_mfa_device",
        "Read by aws-mfa from a `<profile>-long-term` section: the MFA device to ask a code for.",
        MfaSerial,
        CREDENTIALS,
        AWS_MFA,
    ),
    Setting::new(
        "aws_secret_access_key",
        "The secret access key that signs requests.",
        SecretAccessKey,
        SECRETS,
        Sdk,
    )
    .env("AWS_SECRET_ACCESS_KEY")
    .note("Keep credentials in the credentials file; the config file works too."),
    Setting::new(
        "aws_security_token",
        "Legacy name of the session token, read only by botocore and the AWS CLI.",
        SessionToken,
        CREDENTIALS,
        BotocoreOnly,
    )
    .env("AWS_SECURITY_TOKEN")
    .note("The SDKs ignore it. When both are set, botocore prefers it over `aws_session_token`; saml2aws, gimme-aws-creds and aws-google-auth write both."),
    Setting::new(
        "aws_session_expiration",
        "Written by aws-google-auth: when these temporary credentials expire.",
        Timestamp,
        CREDENTIALS,
        ThirdParty("aws-google-auth"),
    ),
    Setting::new(
        "aws_session_token",
        "The session token that comes with temporary credentials.",
        SessionToken,
        SECRETS,
        Sdk,
    )
    .env("AWS_SESSION_TOKEN"),
    Setting::new(
        "ca_bundle",
        "A PEM file of certificate authorities to trust for HTTPS.",
        Path,
        PROFILE,
        Sdk,
    )
    .env("AWS_CA_BUNDLE"),
    Setting::new(
        "cli_auto_prompt",
        "Turns on the AWS CLI's interactive prompt.",
        one_of(&["on", "on-partial", "off"]),
        PROFILE,
        CliOnly,
    )
    .default_value("off")
    .env("AWS_CLI_AUTO_PROMPT")
    .note("AWS CLI version 2 only."),
    Setting::new(
        "cli_binary_format",
        "How the AWS CLI reads blob parameters: as base64, or raw bytes from `fileb://`.",
        one_of(&["base64", "raw-in-base64-out"]),
        PROFILE,
        CliOnly,
    )
    .default_value("base64")
    .note("AWS CLI version 2 only; version 1 always takes raw bytes."),
    Setting::new(
        "cli_error_format",
        "How the AWS CLI prints errors.",
        one_of(&["enhanced", "json", "yaml", "text", "table", "legacy"]),
        PROFILE,
        CliOnly,
    )
    .env("AWS_CLI_ERROR_FORMAT"),
    Setting::new(
        "cli_follow_urlparam",
        "Whether AWS CLI version 1 fetches parameters given as `http://` or `https://` URLs.",
        Bool,
        PROFILE,
        CliOnly,
    )
    .default_value("true")
    .note("AWS CLI version 1 only."),
    Setting::new(
        "cli_history",
        "Records the AWS CLI commands you run in a local history.",
        one_of(&["enabled", "disabled"]),
        PROFILE,
        CliOnly,
    )
    .default_value("disabled"),
    Setting::new(
        "cli_pager",
        "The program the AWS CLI pipes its output through; empty turns paging off.",
        Command,
        PROFILE,
        CliOnly,
    )
    .env("AWS_PAGER")
    .note("AWS CLI version 2 uses `less` by default (`more` on Windows). `cli_pager =` with no value turns paging off.")
    .may_be_empty(),
    Setting::new(
        "cli_timestamp_format",
        "How the AWS CLI prints timestamps.",
        one_of(&["iso8601", "wire", "none"]),
        PROFILE,
        CliOnly,
    )
    .note("AWS CLI version 2 takes `iso8601` (its default) or `wire`; version 1 takes `wire` (its default), `none` or `iso8601`."),
    Setting::new(
        "common_fate_generated_from",
        "Written by `granted sso populate`: marks a profile it generated.",
        String,
        PROFILE,
        ThirdParty("granted"),
    ),
    Setting::new(
        "credential_process",
        "A command that prints credentials as JSON (`\"Version\": 1`) for the SDKs to use.",
        Command,
        PROFILE,
        Sdk,
    ),
    Setting::new(
        "credential_source",
        "Where the credentials that assume `role_arn` come from, when not from a profile.",
        Enum {
            values: &["Environment", "Ec2InstanceMetadata", "EcsContainer"],
            case: InsensitiveInSdksOnly,
        },
        PROFILE,
        Sdk,
    )
    .note("The AWS SDK for Rust accepts the names in any case; botocore and the AWS CLI require this exact spelling."),
    Setting::new(
        "csm_client_id",
        "The client id sent with client-side monitoring events (deprecated).",
        String,
        PROFILE,
        BotocoreOnly,
    )
    .env("AWS_CSM_CLIENT_ID")
    .may_be_empty(),
    Setting::new(
        "csm_enabled",
        "Turns on client-side monitoring (deprecated).",
        Bool,
        PROFILE,
        BotocoreOnly,
    )
    .default_value("false")
    .env("AWS_CSM_ENABLED"),
    Setting::new(
        "csm_host",
        "The host that receives client-side monitoring events (deprecated).",
        String,
        PROFILE,
        BotocoreOnly,
    )
    .default_value("127.0.0.1")
    .env("AWS_CSM_HOST"),
    Setting::new(
        "csm_port",
        "The port that receives client-side monitoring events (deprecated).",
        int(Some(0), Some(65535)),
        PROFILE,
        BotocoreOnly,
    )
    .default_value("31000")
    .env("AWS_CSM_PORT"),
    Setting::new(
        "data_path",
        "Extra directories where botocore looks for service models.",
        Path,
        PROFILE,
        BotocoreOnly,
    )
    .env("AWS_DATA_PATH"),
    Setting::new(
        "defaults_mode",
        "Picks a set of default timeouts and retry settings suited to where the code runs.",
        one_of_any_case(&["legacy", "standard", "in-region", "cross-region", "mobile", "auto"]),
        PROFILE,
        Sdk,
    )
    .default_value("legacy")
    .env("AWS_DEFAULTS_MODE"),
    Setting::new(
        "disable_host_prefix_injection",
        "Stops the SDK from adding a prefix to the endpoint host name for some operations.",
        Bool,
        PROFILE,
        Sdk,
    )
    .env("AWS_DISABLE_HOST_PREFIX_INJECTION"),
    Setting::new(
        "disable_request_compression",
        "Turns off the compression of request bodies.",
        Bool,
        PROFILE,
        Sdk,
    )
    .default_value("false")
    .env("AWS_DISABLE_REQUEST_COMPRESSION"),
    Setting::new(
        "disable_s3_express_session_auth",
        "The AWS CLI's name for turning off session authentication for S3 Express One Zone.",
        Bool,
        PROFILE,
        CliOnly,
    )
    .default_value("false")
    .note("Set at profile level, not under `s3 =`. The SDKs read `s3_disable_express_session_auth` instead."),
    Setting::new(
        "duration_seconds",
        "How long assumed-role credentials last, in seconds (900 to 43200).",
        int(Some(900), Some(43200)),
        PROFILE,
        Sdk,
    )
    .default_value("3600")
    .note("The role's maximum session duration may be lower, and role chaining limits sessions to one hour."),
    Setting::new(
        "ec2_metadata_service_endpoint",
        "The address of the EC2 instance metadata service.",
        Url,
        PROFILE,
        Sdk,
    )
    .env("AWS_EC2_METADATA_SERVICE_ENDPOINT"),
    Setting::new(
        "ec2_metadata_service_endpoint_mode",
        "Whether to reach the EC2 instance metadata service over IPv4 or IPv6.",
        Enum {
            values: &["IPv4", "IPv6"],
            case: Insensitive,
        },
        PROFILE,
        Sdk,
    )
    .default_value("IPv4")
    .env("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"),
    Setting::new(
        "ec2_metadata_v1_disabled",
        "Forbids falling back to IMDSv1 when fetching instance credentials.",
        Bool,
        PROFILE,
        Sdk,
    )
    .default_value("false")
    .env("AWS_EC2_METADATA_V1_DISABLED"),
    Setting::new(
        "endpoint_discovery_enabled",
        "Whether clients discover endpoints for services that support it.",
        Enum {
            values: &["true", "false", "auto"],
            case: Insensitive,
        },
        PROFILE,
        Sdk,
    )
    .env("AWS_ENDPOINT_DISCOVERY_ENABLED")
    .note("`auto` is botocore's default; the SDKs take `true` or `false`."),
    Setting::new(
        "endpoint_url",
        "Sends the requests of every service to this URL instead of the AWS endpoints.",
        Url,
        PROFILE,
        Sdk,
    )
    .env("AWS_ENDPOINT_URL")
    .note("URLs for single services go in a `[services]` section; AWS_ENDPOINT_URL_<SERVICE> overrides them."),
    Setting::new(
        "expiration",
        "Written by aws-mfa: when these short-term credentials expire (UTC).",
        Timestamp,
        CREDENTIALS,
        AWS_MFA,
    ),
    Setting::new(
        "external_id",
        "The external id to pass when assuming `role_arn`, if the role's trust policy asks for one.",
        String,
        PROFILE,
        Sdk,
    ),
    Setting::new(
        "ignore_configured_endpoint_urls",
        "Ignores every `endpoint_url` set in the files and the environment.",
        Bool,
        PROFILE,
        Sdk,
    )
    .default_value("false")
    .env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"),
    Setting::new(
        "imds_use_ipv6",
        "Reaches the EC2 instance metadata service over IPv6 (legacy botocore switch).",
        Bool,
        PROFILE,
        BotocoreOnly,
    )
    .default_value("false")
    .env("AWS_IMDS_USE_IPV6")
    .note("Prefer `ec2_metadata_service_endpoint_mode = IPv6`, which the SDKs read too."),
    Setting::new(
        "include_profile",
        "Read by aws-vault: a profile whose settings this one inherits.",
        ProfileName,
        PROFILE,
        AWS_VAULT,
    ),
    Setting::new(
        "login_session",
        "The `aws login` session whose console credentials this profile uses.",
        Arn,
        PROFILE,
        Sdk,
    ),
    Setting::new(
        "max_attempts",
        "The most attempts a request gets, the first one included.",
        int(Some(1), None),
        PROFILE,
        Sdk,
    )
    .env("AWS_MAX_ATTEMPTS")
    .botocore_raises("ValueError")
    .rust_sdk_panics()
    .note("The default depends on the retry mode: 3 in standard and adaptive mode."),
    Setting::new(
        "metadata_service_num_attempts",
        "How many times to try the instance metadata service when fetching credentials.",
        int(Some(1), None),
        PROFILE,
        Sdk,
    )
    .default_value("1")
    .env("AWS_METADATA_SERVICE_NUM_ATTEMPTS")
    .botocore_raises("ValueError"),
    Setting::new(
        "metadata_service_timeout",
        "Seconds to wait for the instance metadata service when fetching credentials.",
        int(Some(1), None),
        PROFILE,
        Sdk,
    )
    .default_value("1")
    .env("AWS_METADATA_SERVICE_TIMEOUT")
    .botocore_raises("ValueError"),
    Setting::new(
        "mfa_process",
        "Read by aws-vault: a command that prints the current MFA code.",
        Command,
        PROFILE,
        AWS_VAULT,
    ),
    Setting::new(
        "mfa_serial",
        "The MFA device to ask a code for when assuming `role_arn`.",
        MfaSerial,
        PROFILE,
        Sdk,
    )
    .note("The ARN of a virtual device (`arn:aws:iam::123456789012:mfa/name`) or the serial number of a hardware device."),
    Setting::new(
        "output",
        "The AWS CLI's output format.",
        one_of(&["json", "text", "table", "yaml", "yaml-stream", "off"]),
        PROFILE,
        CliOnly,
    )
    .default_value("json")
    .env("AWS_DEFAULT_OUTPUT")
    .note("`yaml`, `yaml-stream` and `off` need AWS CLI version 2."),
    Setting::new(
        "parameter_validation",
        "Whether botocore checks request parameters before sending them.",
        Bool,
        PROFILE,
        BotocoreOnly,
    )
    .default_value("true"),
    Setting::new(
        "parent_profile",
        "Read by aws-vault: the old name of `include_profile`.",
        ProfileName,
        PROFILE,
        AWS_VAULT,
    )
    .note("Deprecated by aws-vault in favour of `include_profile`."),
    Setting::new(
        "proxy_ca_bundle",
        "A PEM file of certificate authorities to trust for the HTTPS proxy.",
        Path,
        PROFILE,
        BotocoreOnly,
    ),
    Setting::new(
        "proxy_client_cert",
        "A client certificate to present to the HTTPS proxy.",
        Path,
        PROFILE,
        BotocoreOnly,
    ),
    Setting::new(
        "proxy_use_forwarding_for_https",
        "Sends HTTPS requests through the proxy by forwarding instead of tunnelling.",
        Bool,
        PROFILE,
        BotocoreOnly,
    ),
    Setting::new(
        "region",
        "The AWS Region requests go to.",
        Region,
        PROFILE,
        Sdk,
    )
    .env("AWS_REGION")
    .note("botocore and AWS CLI version 1 read AWS_DEFAULT_REGION; the SDKs and AWS CLI version 2 read AWS_REGION first."),
    Setting::new(
        "request_checksum_calculation",
        "When to add a checksum to request bodies.",
        one_of_any_case(CHECKSUM_MODES),
        PROFILE,
        Sdk,
    )
    .default_value("when_supported")
    .env("AWS_REQUEST_CHECKSUM_CALCULATION"),
    Setting::new(
        "request_min_compression_size_bytes",
        "The smallest request body, in bytes, that gets compressed.",
        int(Some(0), Some(10_485_760)),
        PROFILE,
        Sdk,
    )
    .default_value("10240")
    .env("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES")
    .botocore_raises("InvalidConfigError"),
    Setting::new(
        "response_checksum_validation",
        "When to check the checksums of response bodies.",
        one_of_any_case(CHECKSUM_MODES),
        PROFILE,
        Sdk,
    )
    .default_value("when_supported")
    .env("AWS_RESPONSE_CHECKSUM_VALIDATION"),
    Setting::new(
        "retry_mode",
        "How failed requests are retried.",
        Enum {
            values: &["legacy", "standard", "adaptive"],
            case: InsensitiveInSdksOnly,
        },
        PROFILE,
        Sdk,
    )
    .default_value("standard")
    .env("AWS_RETRY_MODE")
    .refused_by_rust_sdk(&["legacy"])
    .rust_sdk_panics()
    .note("The AWS SDK for Rust accepts any case, and not `legacy`; botocore requires lower case."),
    Setting::new(
        "role_arn",
        "The IAM role to assume with the credentials of `source_profile` or `credential_source`.",
        RoleArn,
        PROFILE,
        Sdk,
    )
    .note("With `web_identity_token_file`, the role to assume with the web identity token."),
    Setting::new(
        "role_session_name",
        "The session name to give the assumed role, shown in CloudTrail.",
        String,
        PROFILE,
        Sdk,
    )
    .env("AWS_ROLE_SESSION_NAME"),
    Setting::new(
        "s3",
        "Settings for Amazon S3 and the `aws s3` commands, as indented `key = value` lines.",
        SubProperties,
        PROFILE,
        BotocoreOnly,
    )
    .note("Read by botocore and the AWS CLI; the SDKs read the `s3_…` settings at profile level instead."),
    Setting::new(
        "s3_disable_express_session_auth",
        "Turns off session authentication for S3 Express One Zone directory buckets.",
        Bool,
        PROFILE,
        Sdk,
    )
    .default_value("false")
    .env("AWS_S3_DISABLE_EXPRESS_SESSION_AUTH")
    .botocore_raises("InvalidConfigError")
    .note("Also spelled `disable_s3_express_session_auth` (see that key)."),
    Setting::new(
        "s3_disable_multiregion_access_points",
        "Refuses requests to S3 Multi-Region Access Points.",
        Bool,
        PROFILE,
        SdksOnly,
    )
    .default_value("false")
    .env("AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS")
    .note("botocore (boto3, the AWS CLI) reads it only inside an `s3 =` block, or from the environment."),
    Setting::new(
        "s3_us_east_1_regional_endpoint",
        "Whether S3 requests in us-east-1 go to the regional or the global endpoint.",
        one_of(LEGACY_REGIONAL),
        PROFILE,
        Sdk,
    )
    .env("AWS_S3_US_EAST_1_REGIONAL_ENDPOINT"),
    Setting::new(
        "s3_use_arn_region",
        "Sends requests for S3 access point ARNs to the Region in the ARN.",
        Bool,
        PROFILE,
        Sdk,
    )
    .env("AWS_S3_USE_ARN_REGION"),
    Setting::new(
        "sdk_ua_app_id",
        "An application id added to the User-Agent of every request.",
        String,
        PROFILE,
        Sdk,
    )
    .env("AWS_SDK_UA_APP_ID")
    .note("At most 50 characters are recommended."),
    Setting::new(
        "services",
        "The `[services]` section whose per-service settings this profile uses.",
        ServicesName,
        PROFILE,
        Sdk,
    ),
    Setting::new(
        "session_tags",
        "Read by aws-vault: session tags (`key=value,…`) to pass when assuming the role.",
        CommaList,
        PROFILE,
        AWS_VAULT,
    ),
    Setting::new(
        "sigv4a_signing_region_set",
        "The Regions a SigV4a signature is valid in, comma-separated, or `*` for all.",
        RegionList,
        PROFILE,
        Sdk,
    )
    .env("AWS_SIGV4A_SIGNING_REGION_SET"),
    Setting::new(
        "source_identity",
        "Read by aws-vault: the source identity to set when assuming the role.",
        String,
        PROFILE,
        AWS_VAULT,
    ),
    Setting::new(
        "source_profile",
        "The profile whose credentials assume `role_arn`.",
        ProfileName,
        PROFILE,
        Sdk,
    ),
    Setting::new(
        "sso_account_id",
        "The account to get IAM Identity Center role credentials for.",
        AccountId,
        PROFILE,
        Sdk,
    ),
    Setting::new(
        "sso_account_name",
        "Written by aws-sso-util: the name of the account of `sso_account_id`.",
        String,
        PROFILE,
        AWS_SSO_UTIL,
    ),
    Setting::new(
        "sso_auto_populated",
        "Written by aws-sso-util: marks a profile it generated.",
        Bool,
        PROFILE,
        AWS_SSO_UTIL,
    ),
    Setting::new(
        "sso_region",
        "The Region of the IAM Identity Center instance.",
        Region,
        SSO_SESSION_OR_PROFILE,
        Sdk,
    )
    .note("Belongs in the `[sso-session]` section; in a profile only in the legacy form without `sso_session`."),
    Setting::new(
        "sso_registration_scopes",
        "The OAuth scopes `aws sso login` requests for the IAM Identity Center token, comma-separated.",
        CommaList,
        SSO_SESSION,
        CliOnly,
    )
    .note("`sso:account:access` is needed to get account credentials."),
    Setting::new(
        "sso_role_name",
        "The IAM Identity Center permission set to get credentials for.",
        String,
        PROFILE,
        Sdk,
    ),
    Setting::new(
        "sso_session",
        "The `[sso-session]` section that holds this profile's IAM Identity Center settings.",
        SsoSessionName,
        PROFILE,
        Sdk,
    ),
    Setting::new(
        "sso_start_url",
        "The start URL of the IAM Identity Center access portal.",
        HttpsUrl,
        SSO_SESSION_OR_PROFILE,
        Sdk,
    )
    .note("Belongs in the `[sso-session]` section; in a profile only in the legacy form without `sso_session`."),
    Setting::new(
        "sts_regional_endpoints",
        "Whether STS requests go to the Region's endpoint or the global one.",
        one_of(LEGACY_REGIONAL),
        PROFILE,
        Sdk,
    )
    .default_value("regional")
    .env("AWS_STS_REGIONAL_ENDPOINTS")
    .note("AWS CLI version 2 and the newer SDKs always use regional endpoints."),
    Setting::new(
        "tcp_keepalive",
        "Turns on TCP keep-alive for botocore's connections.",
        Bool,
        PROFILE,
        BotocoreOnly,
    )
    .default_value("false")
    .env("BOTOCORE_TCP_KEEPALIVE"),
    Setting::new(
        "toolkit_artifact_guid",
        "Written by the AWS SDK for .NET and the AWS Toolkit for Visual Studio to identify the profile.",
        String,
        CREDENTIALS,
        ThirdParty("AWS SDK for .NET"),
    ),
    Setting::new(
        "transitive_session_tags",
        "Read by aws-vault: the session tag keys that carry over to chained roles.",
        CommaList,
        PROFILE,
        AWS_VAULT,
    ),
    Setting::new(
        "use_dualstack_endpoint",
        "Sends requests to endpoints that answer over both IPv4 and IPv6.",
        Bool,
        PROFILE,
        Sdk,
    )
    .default_value("false")
    .env("AWS_USE_DUALSTACK_ENDPOINT"),
    Setting::new(
        "use_fips_endpoint",
        "Sends requests to FIPS 140-validated endpoints.",
        Bool,
        PROFILE,
        Sdk,
    )
    .default_value("false")
    .env("AWS_USE_FIPS_ENDPOINT"),
    Setting::new(
        "web_identity_token_file",
        "A file with an OIDC token to assume `role_arn` with (AssumeRoleWithWebIdentity).",
        Path,
        PROFILE,
        Sdk,
    )
    .env("AWS_WEB_IDENTITY_TOKEN_FILE"),
    Setting::new(
        "web_identity_token_process",
        "Read by aws-vault: a command that prints an OIDC token to assume the role with.",
        Command,
        PROFILE,
        AWS_VAULT,
    ),
    Setting::new(
        "x_principal_arn",
        "Written by saml2aws: the identity these temporary credentials were issued to.",
        Arn,
        CREDENTIALS,
        ThirdParty("saml2aws"),
    ),
    Setting::new(
        "x_security_token_expires",
        "Written by saml2aws, gimme-aws-creds and okta-aws-cli: when these credentials expire.",
        Timestamp,
        CREDENTIALS,
        ThirdParty("saml2aws, gimme-aws-creds, okta-aws-cli"),
    ),
];

/// Indented settings under `s3 =` (AWS CLI `s3-config` topic, botocore
/// `DEFAULT_S3_CONFIG_VARS`). The AWS CLI compares these keys exactly.
pub(super) const S3_SETTINGS: &[Setting] = &[
    Setting::new(
        "addressing_style",
        "Whether the bucket goes in the host name (`virtual`) or the path (`path`).",
        one_of(&["auto", "path", "virtual"]),
        S3_BLOCK,
        BotocoreOnly,
    )
    .default_value("auto"),
    Setting::new(
        "bucket_lister",
        "How `aws s3` lists objects for transfers.",
        one_of(&["standard", "threaded"]),
        S3_BLOCK,
        CliOnly,
    )
    .default_value("standard"),
    Setting::new(
        "direct_io",
        "Bypasses the operating system's cache for uploads (CRT transfer client, Linux).",
        Bool,
        S3_BLOCK,
        CliOnly,
    )
    .default_value("false"),
    Setting::new(
        "disk_throughput",
        "The expected disk throughput when `should_stream` is on (CRT transfer client).",
        Rate,
        S3_BLOCK,
        CliOnly,
    ),
    Setting::new(
        "endpoint_url",
        "Read by the awscli-plugin-endpoint plugin: the URL for `aws s3` commands.",
        Url,
        S3_BLOCK,
        ThirdParty("awscli-plugin-endpoint"),
    )
    .note("Without the plugin, per-service URLs belong in a `[services]` section."),
    Setting::new(
        "io_chunksize",
        "The largest piece of a download held in memory before it is written.",
        Size,
        S3_BLOCK,
        CliOnly,
    )
    .default_value("256KB"),
    Setting::new(
        "max_bandwidth",
        "The most bandwidth `aws s3` uploads and downloads may use.",
        Rate,
        S3_BLOCK,
        CliOnly,
    )
    .note("AWS CLI version 1 takes only a size with a unit per second, such as `10MB/s`; a plain number of bytes per second, `1024B/s` and bits (`b/s`) need version 2."),
    Setting::new(
        "max_concurrent_requests",
        "How many requests `aws s3` transfers run at once.",
        int(Some(1), None),
        S3_BLOCK,
        CliOnly,
    )
    .default_value("10"),
    Setting::new(
        "max_queue_size",
        "How many transfer tasks `aws s3` queues ahead.",
        int(Some(1), None),
        S3_BLOCK,
        CliOnly,
    )
    .default_value("1000"),
    Setting::new(
        "multipart_chunksize",
        "The part size of multipart transfers.",
        Size,
        S3_BLOCK,
        CliOnly,
    )
    .default_value("8MB"),
    Setting::new(
        "multipart_threshold",
        "The file size from which `aws s3` transfers in parts.",
        Size,
        S3_BLOCK,
        CliOnly,
    )
    .default_value("8MB"),
    Setting::new(
        "payload_signing_enabled",
        "Signs the SHA-256 of request bodies with SigV4.",
        Bool,
        S3_BLOCK,
        BotocoreOnly,
    ),
    Setting::new(
        "preferred_transfer_client",
        "The transfer engine of `aws s3`: the Python one (`classic`) or the CRT one (`crt`).",
        one_of(&["auto", "classic", "crt", "default"]),
        S3_BLOCK,
        CliOnly,
    )
    .default_value("auto")
    .note("`default` is an old alias of `classic`."),
    Setting::new(
        "s3_disable_multiregion_access_points",
        "Refuses requests to S3 Multi-Region Access Points.",
        Bool,
        S3_BLOCK,
        BotocoreOnly,
    )
    .default_value("false")
    .env("AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS"),
    Setting::new(
        "should_stream",
        "Uploads without buffering parts in memory (CRT transfer client).",
        Bool,
        S3_BLOCK,
        CliOnly,
    )
    .default_value("false"),
    Setting::new(
        "signature_version",
        "The signature version botocore signs S3 requests with, such as `s3v4`.",
        String,
        S3_BLOCK,
        BotocoreOnly,
    ),
    Setting::new(
        "target_bandwidth",
        "The bandwidth the CRT transfer client tries to reach.",
        Rate,
        S3_BLOCK,
        CliOnly,
    ),
    Setting::new(
        "us_east_1_regional_endpoint",
        "Whether S3 requests in us-east-1 go to the regional or the global endpoint.",
        one_of(LEGACY_REGIONAL),
        S3_BLOCK,
        BotocoreOnly,
    )
    .env("AWS_S3_US_EAST_1_REGIONAL_ENDPOINT")
    .note("boto3 and AWS CLI version 1; AWS CLI version 2 always uses the regional endpoint."),
    Setting::new(
        "use_accelerate_endpoint",
        "Sends S3 requests to the S3 Transfer Acceleration endpoint.",
        Bool,
        S3_BLOCK,
        BotocoreOnly,
    )
    .default_value("false"),
    Setting::new(
        "use_arn_region",
        "Sends requests for S3 access point ARNs to the Region in the ARN.",
        Bool,
        S3_BLOCK,
        BotocoreOnly,
    )
    .env("AWS_S3_USE_ARN_REGION"),
    Setting::new(
        "use_dualstack_endpoint",
        "Sends S3 requests to the dual-stack (IPv4 and IPv6) endpoint.",
        Bool,
        S3_BLOCK,
        BotocoreOnly,
    )
    .default_value("false"),
];

/// Indented settings under a service id in a `[services]` section.
pub(super) const SERVICE_SETTINGS: &[Setting] = &[Setting::new(
    "endpoint_url",
    "Sends this service's requests to this URL instead of its AWS endpoint.",
    Url,
    SERVICE_BLOCK,
    Sdk,
)
.note("The environment variable AWS_ENDPOINT_URL_<SERVICE> overrides it.")];

pub(super) static VENDOR_PREFIXES: &[VendorPrefix] = &[
    VendorPrefix {
        prefix: "azure_",
        tool: "aws-azure-login",
        summary: "Written by aws-azure-login: its Azure AD sign-in settings for this profile.",
    },
    VendorPrefix {
        prefix: "google_config.",
        tool: "aws-google-auth",
        summary: "Written by aws-google-auth: its Google sign-in settings for this profile.",
    },
    VendorPrefix {
        prefix: "granted_",
        tool: "granted",
        summary: "Written by granted: the IAM Identity Center settings it signs in with.",
    },
];
