//! `empty-value`: `key =` with nothing after it, for a catalogued setting that needs a value.
//!
//! The SDKs and botocore keep such a property with the value `""`: it is not the same as
//! leaving the key out. `region =` is a Region named "" (the AWS SDK for Rust stops looking
//! there, and no endpoint can be built), `source_profile =` names a profile "", a boolean is
//! neither `true` nor `false`.
//!
//! Empty keys (`aws_access_key_id =`…) of a profile whose role, web identity or SSO settings
//! give it credentials first, in the SDKs and the AWS CLI alike, are unused: a hint says so.
//! Empty keys in the credentials file that the AWS CLI reads before the profile's
//! `credential_process` are `credential-process-shadowed`'s.
//!
//! Not reported: `cli_pager =` (turns the pager off) and `csm_client_id =` (empty is its
//! default); a sub-property parent with indented lines under it (`s3 =` + lines); keys that
//! no AWS tool reads (`unknown-key` covers those; third-party tools define their own keys);
//! ignored sections and `[services]` sections. A parent with nothing under it (`s3 =` alone) is
//! reported: it sets nothing, and botocore reads the empty string where it expects indented
//! settings.

use crate::knowledge::{self, Place, Setting, Tool, ValueKind};
use crate::lint::{Code, Diagnostic, LintContext, Severity};
use crate::model::{FileKind, PropertyEntry, SectionKind};
use crate::syntax::LineKind;
use crate::text::Span;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    // Candidates found once for several rules: valid keys of used sections with an empty value
    // or sub-properties.
    for &at in &cx.entry_lists().empty_or_block {
        let (file, section, entry) = cx.entry_at(at);
        let place = match section.kind {
            SectionKind::SsoSession => Place::SsoSession,
            SectionKind::Profile => Place::Profile,
            _ => continue,
        };
        // Only an empty value or a block of sub-properties can hold an empty value.
        if !entry.valid_key || (!entry.value.is_empty() && entry.sub_properties.is_empty()) {
            continue;
        }
        let Some(setting) = knowledge::setting_in(place, &entry.key) else {
            continue;
        };
        if setting.kind == ValueKind::SubProperties {
            if entry.value.is_empty() {
                out.push(empty_block(cx, file, entry));
            } else if setting.name == "s3" {
                for sub in &entry.sub_properties {
                    let Some(sub_setting) =
                        knowledge::s3_setting(&sub.key).filter(|s| s.name == sub.key)
                    else {
                        continue;
                    };
                    if !sub.value.is_empty() || !needs_value(sub_setting) {
                        continue;
                    }
                    let message = format!(
                        "`{}` under `s3 =` is empty. The AWS CLI reads it as the empty \
                         string, not as unset: {}. Set a value or remove the line.",
                        sub.key,
                        effect(sub_setting)
                    );
                    let diagnostic = Diagnostic::new(Code::EmptyValue, file, sub.key_span, message);
                    out.push(with_removal(cx, file, sub.line, diagnostic));
                }
            }
            continue;
        }
        if !entry.value.is_empty() || !needs_value(setting) {
            continue;
        }
        let written = entry.key_span.slice(cx.text(file));
        if matches!(
            setting.kind,
            ValueKind::AccessKeyId | ValueKind::SecretAccessKey | ValueKind::SessionToken
        ) && section.kind == SectionKind::Profile
        {
            // Keys the AWS CLI reads before `credential_process`: that rule says what happens.
            if cx.kind(file) == FileKind::Credentials
                && super::credential_process_shadowed::reports_keys_of(cx, &section.name)
            {
                continue;
            }
            if let Some(first) = credentials_come_first(cx, &section.name) {
                let message = format!(
                    "`{written}` is empty, and unused: the SDKs and the AWS CLI take this \
                     profile's credentials from its {first}, before any key. Remove the line."
                );
                let diagnostic = Diagnostic::new(Code::EmptyValue, file, entry.key_span, message)
                    .with_severity(Severity::Hint)
                    .unnecessary();
                out.push(with_removal(cx, file, entry.line, diagnostic));
                continue;
            }
        }
        // `region = # note`: the SDKs drop the comment, the AWS CLI keeps it as the value.
        let readers = if has_comment(cx, file, entry.line) {
            "The SDKs read"
        } else {
            readers(setting)
        };
        let message = format!(
            "`{written}` is empty. {readers} it as the empty string, not as unset: {}. Set a \
             value or remove the line.",
            effect(setting)
        );
        let diagnostic = Diagnostic::new(Code::EmptyValue, file, entry.key_span, message);
        out.push(with_removal(cx, file, entry.line, diagnostic));
    }
}

/// What gives `profile` its credentials before its keys in the SDKs (`chain.rs`: web identity,
/// SSO, a role's source come first) and in botocore (the assume-role, web identity and SSO
/// providers come before both files' keys), if anything; `None` too for a profile that
/// another one names as its `source_profile`, where keys may count.
fn credentials_come_first(cx: &LintContext<'_>, name: &str) -> Option<&'static str> {
    let profile = cx.model.profiles.profiles.get(name)?;
    let has = |key: &str| profile.get(key).is_some_and(|v| !v.trim().is_empty());
    let first = if has("role_arn") && has("web_identity_token_file") {
        "web identity settings"
    } else if has("role_arn") && (has("source_profile") || has("credential_source")) {
        "role settings"
    } else if has("sso_account_id") || has("sso_role_name") {
        "SSO settings"
    } else {
        return None;
    };
    (!cx.is_source_profile(name)).then_some(first)
}

fn needs_value(setting: &Setting) -> bool {
    !setting.empty_allowed && !setting.is_third_party()
}

fn readers(setting: &Setting) -> &'static str {
    match setting.tool {
        Tool::Sdk => "The SDKs and the AWS CLI read",
        Tool::SdksOnly => "The SDKs read",
        Tool::CliOnly => "The AWS CLI reads",
        Tool::BotocoreOnly => "botocore and the AWS CLI read",
        Tool::ThirdParty(_) => "The tools read",
    }
}

/// What the empty string does for this kind of setting.
fn effect(setting: &Setting) -> String {
    match setting.kind {
        ValueKind::Region if setting.name == "region" => {
            "the AWS SDK for Rust takes it as a Region named \"\" (it does not look further, not \
             even in `source_profile`) and cannot build endpoints"
                .to_string()
        }
        ValueKind::Region => {
            "it names a Region \"\", and the SDKs cannot reach IAM Identity Center".to_string()
        }
        ValueKind::RegionList => "it lists no Region to sign for".to_string(),
        ValueKind::ProfileName => "it names a profile \"\", which does not exist".to_string(),
        ValueKind::SsoSessionName => {
            "it names an [sso-session] \"\", which does not exist".to_string()
        }
        ValueKind::ServicesName => {
            "it names a [services] section \"\", which does not exist".to_string()
        }
        ValueKind::AccessKeyId | ValueKind::SecretAccessKey | ValueKind::SessionToken => {
            "requests signed with an empty credential are rejected".to_string()
        }
        ValueKind::Bool => "that is neither `true` nor `false`".to_string(),
        ValueKind::Integer { .. } | ValueKind::Size | ValueKind::Rate => {
            "that is not a number".to_string()
        }
        ValueKind::Enum { values, .. } => {
            let list: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
            format!("that is none of {}", list.join(", "))
        }
        ValueKind::RoleArn => "there is no role to assume".to_string(),
        ValueKind::Arn | ValueKind::MfaSerial => "that names nothing".to_string(),
        ValueKind::AccountId => "that is not a 12-digit account id".to_string(),
        ValueKind::Url | ValueKind::HttpsUrl => "requests cannot go to an empty URL".to_string(),
        ValueKind::Path => "it names no file".to_string(),
        ValueKind::Command => "there is no command to run".to_string(),
        _ => format!("that is not a usable `{}`", setting.name),
    }
}

/// `s3 =` (or `api_versions =`) with nothing indented under it.
fn empty_block(cx: &LintContext<'_>, file: usize, entry: &PropertyEntry) -> Diagnostic {
    let written = entry.key_span.slice(cx.text(file));
    let message = format!(
        "`{written} =` has no indented `key = value` lines under it, so it sets nothing \
         (botocore and the AWS CLI read the empty string where they expect settings). Add \
         indented settings under it or remove the line."
    );
    let diagnostic = Diagnostic::new(Code::EmptyValue, file, entry.key_span, message);
    with_removal(cx, file, entry.line, diagnostic)
}

fn has_comment(cx: &LintContext<'_>, file: usize, line: usize) -> bool {
    match cx.model.files[file].tree.lines.get(line).map(|l| &l.kind) {
        Some(LineKind::Property(property)) => property.comment.is_some(),
        Some(LineKind::SubProperty(sub)) => sub.property.comment.is_some(),
        _ => false,
    }
}

/// Offers to delete the whole line, unless it carries a comment the user would lose.
fn with_removal(
    cx: &LintContext<'_>,
    file: usize,
    line: usize,
    diagnostic: Diagnostic,
) -> Diagnostic {
    let Some(tree_line) = cx.model.files[file].tree.lines.get(line) else {
        return diagnostic;
    };
    if has_comment(cx, file, line) {
        return diagnostic;
    }
    let span = Span::new(tree_line.span.start, tree_line.terminator.end);
    let text = tree_line.span.slice(cx.text(file)).trim();
    diagnostic.with_fix(format!("Remove `{text}`"), span, "")
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind;

    const VALID_CONFIG: &str = include_str!("../../../../../fixtures/valid/config");
    const VALID_CREDENTIALS: &str = include_str!("../../../../../fixtures/valid/credentials");
    const VALID_CONFIG_CRLF: &str = include_str!("../../../../../fixtures/valid/config-crlf");

    #[test]
    fn empty_region_is_reported_on_the_key_and_removed() {
        let config = "[profile a]\nregion =\noutput = json\n";
        let run = lint(config, "");
        assert_eq!(
            run.found(Code::EmptyValue),
            [(FileKind::Config, 2, "region".to_string())]
        );
        let d = run.one(Code::EmptyValue);
        assert!(d.message.contains("Region named \"\""), "{}", d.message);
        assert_eq!(run.apply(d, 0)[0], "[profile a]\noutput = json\n");
    }

    #[test]
    fn empty_keys_of_an_sso_profile_are_unused() {
        let config = "[profile dev]\nsso_session = s\nsso_account_id = 111122223333\nsso_role_name = Admin\n[sso-session s]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n";
        let credentials = "[dev]\naws_access_key_id =\naws_secret_access_key =\n";
        let run = lint(config, credentials);
        let found = run.of(Code::EmptyValue);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].severity, crate::lint::Severity::Hint);
        assert!(found[0].message.contains("unused"), "{}", found[0].message);
        assert!(
            found[0].message.contains("SSO settings"),
            "{}",
            found[0].message
        );
        // Without the SSO settings, the empty keys are what the tools sign with.
        let run = lint("[profile dev]\nregion = us-east-1\n", credentials);
        assert_eq!(
            run.of(Code::EmptyValue)[0].severity,
            crate::lint::Severity::Warning
        );
        // A role's source profile: its keys count.
        let config = "[profile dev]\nsso_account_id = 111122223333\nsso_role_name = Admin\nsso_region = us-east-1\nsso_start_url = https://example.awsapps.com/start\n[profile app]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = dev\n";
        let run = lint(config, credentials);
        assert_eq!(
            run.of(Code::EmptyValue)[0].severity,
            crate::lint::Severity::Warning
        );
    }

    #[test]
    fn messages_follow_the_kind() {
        let config = "[profile a]\nsource_profile =   \nuse_fips_endpoint =\noutput =\n[sso-session s]\nsso_start_url =\n";
        let run = lint(config, "");
        assert_eq!(
            run.found(Code::EmptyValue),
            [
                (FileKind::Config, 2, "source_profile".to_string()),
                (FileKind::Config, 3, "use_fips_endpoint".to_string()),
                (FileKind::Config, 4, "output".to_string()),
                (FileKind::Config, 6, "sso_start_url".to_string()),
            ]
        );
        let ds = run.of(Code::EmptyValue);
        assert!(ds[0].message.contains("profile \"\""), "{}", ds[0].message);
        assert!(
            ds[1].message.contains("neither `true` nor `false`"),
            "{}",
            ds[1].message
        );
        assert!(
            ds[2]
                .message
                .starts_with("`output` is empty. The AWS CLI reads"),
            "{}",
            ds[2].message
        );
        assert_eq!(
            run.apply(ds[0], 0)[0],
            "[profile a]\nuse_fips_endpoint =\noutput =\n[sso-session s]\nsso_start_url =\n"
        );
    }

    #[test]
    fn credentials_file_and_last_line_without_newline() {
        let run = lint(
            "",
            "[a]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key =",
        );
        assert_eq!(
            run.found(Code::EmptyValue),
            [(
                FileKind::Credentials,
                3,
                "aws_secret_access_key".to_string()
            )]
        );
        let d = run.one(Code::EmptyValue);
        assert_eq!(
            run.apply(d, 0)[1],
            "[a]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
        );
    }

    #[test]
    fn empty_s3_block_and_empty_s3_setting() {
        let config = "[profile a]\ns3 =\nregion = us-east-1\n[profile b]\ns3 =\n  max_concurrent_requests =\n  multipart_threshold = 64MB\n";
        let run = lint(config, "");
        assert_eq!(
            run.found(Code::EmptyValue),
            [
                (FileKind::Config, 2, "s3".to_string()),
                (FileKind::Config, 6, "max_concurrent_requests".to_string()),
            ]
        );
        let ds = run.of(Code::EmptyValue);
        assert!(ds[0].message.contains("sets nothing"), "{}", ds[0].message);
        assert_eq!(
            run.apply(ds[0], 0)[0],
            "[profile a]\nregion = us-east-1\n[profile b]\ns3 =\n  max_concurrent_requests =\n  multipart_threshold = 64MB\n"
        );
        assert!(
            run.apply(ds[1], 0)[0].ends_with("[profile b]\ns3 =\n  multipart_threshold = 64MB\n")
        );
    }

    #[test]
    fn a_comment_on_the_line_is_not_deleted() {
        let run = lint("[profile a]\nregion = # fill in\n", "");
        let d = run.one(Code::EmptyValue);
        assert!(d.fixes.is_empty());
        assert!(d.message.contains("The SDKs read"), "{}", d.message);
    }

    #[test]
    fn near_misses_stay_quiet() {
        let config =
            "[default]\ncli_pager =\ncsm_client_id =\ns3 =\n  max_concurrent_requests = 20\n\
[profile t]\nazure_default_password =\nsso_account_name =\nnote =\n\
[services x]\ns3 =\ndynamodb =\n\
[staging]\nregion =\n\
[plugins]\nfoo =\n";
        let credentials = "[saml]\nx_security_token_expires =\n[profile p]\nregion =\n";
        let run = lint(config, credentials);
        assert_eq!(run.found(Code::EmptyValue), []);
    }

    #[test]
    fn realistic_files_are_clean() {
        let run = lint(VALID_CONFIG, VALID_CREDENTIALS);
        assert_eq!(run.found(Code::EmptyValue), []);
        let run = lint(VALID_CONFIG_CRLF, VALID_CREDENTIALS);
        assert_eq!(run.found(Code::EmptyValue), []);
    }
}
