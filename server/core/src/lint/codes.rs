//! The stable diagnostic codes, their default severities and one-line summaries.
//! Each code has a section in `docs/diagnostics.md` (a test keeps the two in step).

use super::Severity;

macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $summary:literal;)*) => {
        /// A stable, kebab-case diagnostic code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            pub fn default_severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// One line, for lists and SARIF rule descriptions.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Code::$variant => $summary,)*
                }
            }

            pub fn parse(name: &str) -> Option<Code> {
                match name {
                    $($name => Some(Code::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

codes! {
    InvalidSectionHeader = "invalid-section-header", Error, "A section header the SDKs cannot read";
    PropertyOutsideSection = "property-outside-section", Error, "A property before the first section header";
    MissingEquals = "missing-equals", Error, "A property line without `=`";
    EmptyKey = "empty-key", Error, "A property line that starts with `=`";
    OrphanContinuation = "orphan-continuation", Error, "An indented line right after a section header";
    IndentedLine = "indented-line", Warning, "An indented line that the SDKs append to the previous value";
    InvalidSubProperty = "invalid-sub-property", Error, "A line under an empty-valued property that is not `key = value`";
    TrailingWhitespace = "trailing-whitespace", Hint, "Spaces or tabs at the end of a line";
    InvisibleCharacter = "invisible-character", Error, "A byte-order mark, invisible, control or look-alike character";
    QuotedValue = "quoted-value", Warning, "A value wrapped in quotes, which every tool keeps";
    InlineComment = "inline-comment", Warning, "A comment after a value: the SDKs strip it, the AWS CLI keeps it in the value";
    DuplicateSection = "duplicate-section", Error, "A section defined twice in one file";
    DuplicateKey = "duplicate-key", Error, "A key defined twice in one section";
    DefaultProfileConflict = "default-profile-conflict", Error, "Both `[default]` and `[profile default]` in the config file";
    UppercaseKey = "uppercase-key", Warning, "A key with capital letters, which the Java SDK does not see";
    InvalidName = "invalid-name", Error, "A profile, sso-session or key name the SDKs drop";
    MissingProfilePrefix = "missing-profile-prefix", Error, "A config-file section without the `profile ` prefix";
    MisspelledDefault = "misspelled-default", Error, "A section named like `default` with a typo, in a file without `default`";
    UnknownSectionType = "unknown-section-type", Error, "A section header with an unknown prefix";
    ProfilePrefixInCredentials = "profile-prefix-in-credentials", Error, "`[profile name]` in the credentials file";
    SectionNotAllowedInCredentials = "section-not-allowed-in-credentials", Error, "An sso-session or services section in the credentials file";
    UnknownKey = "unknown-key", Warning, "A key no AWS tool reads";
    InvalidValue = "invalid-value", Error, "A value of the wrong type or outside its allowed set";
    UnknownRegion = "unknown-region", Warning, "A region that is not a known AWS region";
    EmptyValue = "empty-value", Warning, "An empty value where one is needed";
    MalformedAccessKeyId = "malformed-access-key-id", Error, "An access key id that does not have AWS's shape";
    MalformedSecretAccessKey = "malformed-secret-access-key", Error, "A secret access key that is not 40 characters of `A-Za-z0-9/+`";
    SwappedCredentials = "swapped-credentials", Error, "The access key id and the secret access key written in each other's place";
    MissingSessionToken = "missing-session-token", Error, "A temporary (`ASIA`) key without its session token";
    MalformedSessionToken = "malformed-session-token", Error, "A session token next to a temporary key that cannot be whole";
    UnexpectedSessionToken = "unexpected-session-token", Error, "A long-term (`AKIA`) key with a session token";
    IncompleteCredentials = "incomplete-credentials", Error, "An access key id without a secret, or a secret without an id";
    CredentialProcessShadowed = "credential-process-shadowed", Error, "Keys in the credentials file that the AWS CLI takes instead of `credential_process`";
    ExpiredCredentials = "expired-credentials", Error, "Credentials whose recorded expiry has passed";
    LegacySecurityToken = "legacy-security-token", Warning, "`aws_security_token` alone or different from `aws_session_token`";
    UnknownSourceProfile = "unknown-source-profile", Error, "`source_profile` names no profile";
    SourceProfileCycle = "source-profile-cycle", Error, "A role chain that loops";
    ConflictingCredentialSource = "conflicting-credential-source", Error, "Both `source_profile` and `credential_source`";
    RoleWithoutSource = "role-without-source", Error, "`role_arn` with nothing to assume it with";
    SourceWithoutRole = "source-without-role", Warning, "`source_profile` or `credential_source` without `role_arn`";
    SourceProfileWithoutCredentials = "source-profile-without-credentials", Error, "A role chain that ends at a profile with no credentials";
    WebIdentityWithoutRole = "web-identity-without-role", Error, "`web_identity_token_file` without `role_arn`";
    UnknownSsoSession = "unknown-sso-session", Error, "`sso_session` names no `[sso-session]`";
    UnknownServices = "unknown-services", Error, "`services` names no `[services]` section";
    IncompleteSso = "incomplete-sso", Error, "An SSO profile or sso-session missing what it needs";
    SsoSessionConflict = "sso-session-conflict", Error, "A profile repeats a setting of its sso-session";
    FileNotFound = "file-not-found", Warning, "A file or program named in a value does not exist";
    ShadowedByEnvironment = "shadowed-by-environment", Information, "Environment variables override what this file says";
    ReadersDisagree = "readers-disagree", Warning, "A line the AWS SDKs, the AWS CLI and the AWS SDK for JavaScript do not all read alike";
    CliParseError = "cli-parse-error", Error, "A line the AWS CLI cannot parse: it refuses the whole file";
    InvalidEncoding = "invalid-encoding", Error, "Bytes that are not UTF-8: the SDKs ignore the file, the AWS CLI refuses it";
    SsoLoginExpired = "sso-login-expired", Warning, "The cached SSO login has expired and cannot be renewed";
    SsoLoginMissing = "sso-login-missing", Information, "No cached SSO login for an sso-session or SSO profile on this machine";
    SsoLoginUnreadable = "sso-login-unreadable", Warning, "A cached SSO login that the AWS CLI or the SDKs cannot use";
    SecretsReadableByOthers = "secrets-readable-by-others", Warning, "A file with secrets that other users of the machine can read";
    SecretsInRepository = "secrets-in-repository", Warning, "A file with secrets in a git working tree that does not ignore it";
    LongTermAccessKey = "long-term-access-key", Information, "A long-term access key kept in plain text";
    TooManyFindings = "too-many-findings", Information, "More findings in one file than are shown: how many were left out";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for &code in Code::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "duplicate {name}");
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{name}"
            );
            assert_eq!(Code::parse(name), Some(code));
        }
        assert_eq!(Code::ALL.len(), 58);
    }
}
