//! One unit per rule. Each exposes `check(cx, out)` and tests one bad and one good case at
//! least; `ALL` is the order they run in (the output is sorted afterwards).

use super::{Diagnostic, LintContext};

pub type Rule = fn(&LintContext<'_>, &mut Vec<Diagnostic>);

pub(crate) mod support;
pub(crate) use support::{header_of, line_number, lines_span};

// Lines and syntax
pub mod indented_line;
pub mod inline_comment;
pub mod invalid_encoding;
pub mod invisible_character;
pub mod parse_errors;
pub mod quoted_value;
pub mod reader_divergence;
pub mod trailing_whitespace;
// Sections and names
pub mod default_profile_conflict;
pub mod duplicate_key;
pub mod duplicate_section;
pub mod invalid_name;
pub mod missing_profile_prefix;
pub mod misspelled_default;
pub mod profile_prefix_in_credentials;
pub mod section_not_allowed_in_credentials;
pub mod unknown_section_type;
pub mod uppercase_key;
// Keys and values
pub mod empty_value;
pub mod invalid_value;
pub mod unknown_key;
pub mod unknown_region;
// Credentials
pub mod credential_process_shadowed;
pub mod expired_credentials;
pub mod file_not_found;
pub mod incomplete_credentials;
pub mod legacy_security_token;
pub mod malformed_access_key_id;
pub mod malformed_secret_access_key;
pub mod malformed_session_token;
pub mod missing_session_token;
pub mod shadowed_by_environment;
pub mod swapped_credentials;
pub mod unexpected_session_token;
// Role chains and SSO
pub mod conflicting_credential_source;
pub mod incomplete_sso;
pub mod role_without_source;
pub mod source_profile_cycle;
pub mod source_profile_without_credentials;
pub mod source_without_role;
pub mod sso_session_conflict;
pub mod unknown_services;
pub mod unknown_source_profile;
pub mod unknown_sso_session;
pub mod web_identity_without_role;
// What the machine knows: the SSO token cache, the files' modes and git
pub mod long_term_access_key;
pub mod secrets_in_repository;
pub mod secrets_readable_by_others;
pub mod sso_login_expired;
pub mod sso_login_missing;
pub mod sso_login_unreadable;

pub const ALL: &[Rule] = &[
    parse_errors::check,
    invalid_encoding::check,
    reader_divergence::check,
    indented_line::check,
    trailing_whitespace::check,
    invisible_character::check,
    quoted_value::check,
    inline_comment::check,
    duplicate_section::check,
    duplicate_key::check,
    default_profile_conflict::check,
    uppercase_key::check,
    invalid_name::check,
    misspelled_default::check,
    missing_profile_prefix::check,
    unknown_section_type::check,
    profile_prefix_in_credentials::check,
    section_not_allowed_in_credentials::check,
    unknown_key::check,
    invalid_value::check,
    unknown_region::check,
    empty_value::check,
    swapped_credentials::check,
    malformed_access_key_id::check,
    malformed_secret_access_key::check,
    malformed_session_token::check,
    missing_session_token::check,
    unexpected_session_token::check,
    incomplete_credentials::check,
    credential_process_shadowed::check,
    expired_credentials::check,
    legacy_security_token::check,
    shadowed_by_environment::check,
    file_not_found::check,
    unknown_source_profile::check,
    source_profile_cycle::check,
    conflicting_credential_source::check,
    role_without_source::check,
    source_without_role::check,
    source_profile_without_credentials::check,
    web_identity_without_role::check,
    unknown_sso_session::check,
    unknown_services::check,
    incomplete_sso::check,
    sso_session_conflict::check,
    sso_login_expired::check,
    sso_login_missing::check,
    sso_login_unreadable::check,
    secrets_readable_by_others::check,
    secrets_in_repository::check,
    long_term_access_key::check,
];
