//! `unknown-key`: a key that no AWS SDK, the AWS CLI or a known credential tool reads, in a
//! profile or sso-session section the SDKs use, or under a profile's `s3 =`.
//!
//! In sections the SDKs ignore for their header (`[staging]` in the config file, `[profile x]`
//! in the credentials file), only plain typos of known keys are reported, since fixing the
//! header would leave them without effect; any other key there may be another program's.
//!
//! Not reported: other keys of ignored sections (the section rules report those), the service ids
//! of `[services]` sections, `[plugins]`/`[preview]`, keys the SDKs drop for their characters
//! (`invalid-name`), and nested blocks such as `dynamodb =` + indented lines in a profile
//! (botocore reads `signature_version` from any service's block, and the awscli-plugin-endpoint
//! plugin reads `endpoint_url` from them).

use crate::knowledge::{self, Place};
use crate::lint::{Code, Diagnostic, LintContext};
use crate::model::{
    FileKind, IgnoreReason, PropertyEntry, SectionKind, SectionStatus, SubPropertyEntry,
};
use crate::suggest::did_you_mean;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, file_model, _, section) in cx.used_sections() {
        let place = match (section.kind, file_model.kind) {
            (SectionKind::SsoSession, _) => Place::SsoSession,
            (SectionKind::Profile, FileKind::Config) => Place::Profile,
            (SectionKind::Profile, FileKind::Credentials) => Place::Credentials,
            _ => continue,
        };
        for entry in &section.properties {
            if !entry.valid_key {
                continue;
            }
            // Keys of credential tools (aws-vault, aws-okta, aws-adfs…) are theirs.
            if knowledge::tools::key_owner(&entry.key).is_some() && place != Place::SsoSession {
                continue;
            }
            if knowledge::is_known_key(&entry.key, place) {
                if entry.key == "s3" && place != Place::SsoSession {
                    for sub in &entry.sub_properties {
                        check_s3_sub_key(file, sub, out);
                    }
                }
                continue;
            }
            if let Some(diagnostic) = unknown(cx, file, place, entry) {
                out.push(diagnostic);
            }
        }
    }
    typos_in_ignored_sections(cx, out);
}

/// Plain typos of known keys (those with a did-you-mean) in profile sections the SDKs ignore
/// for their header alone: `[staging]` in the config file, `[profile x]` in the credentials
/// file, a name with a character the SDKs drop, `[default]` hidden by `[profile default]`.
/// The header gets its own finding; this one says that fixing it would still leave the key
/// without effect. Any other unknown key there may be another program's, and stays quiet.
fn typos_in_ignored_sections(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, file_model, _, section) in cx.sections() {
        let SectionStatus::Ignored(reason) = section.status else {
            continue;
        };
        let place = match (reason, file_model.kind) {
            (
                IgnoreReason::MissingProfilePrefix
                | IgnoreReason::InvalidName
                | IgnoreReason::HiddenByProfileDefault,
                FileKind::Config,
            ) => Place::Profile,
            (
                IgnoreReason::ProfilePrefixInCredentials | IgnoreReason::InvalidName,
                FileKind::Credentials,
            ) => Place::Credentials,
            _ => continue,
        };
        if section.kind == SectionKind::SsoSession
            || knowledge::tools::section_owner(&section.raw_key).is_some()
        {
            continue;
        }
        for entry in &section.properties {
            let nested = !entry.sub_properties.is_empty() || entry.value.starts_with('\n');
            if !entry.valid_key
                || nested
                || knowledge::is_known_key(&entry.key, place)
                || knowledge::tools::key_owner(&entry.key).is_some()
                || knowledge::s3_setting(&entry.key).is_some()
            {
                continue;
            }
            let Some(suggestion) = did_you_mean(&entry.key, knowledge::settings().map(|s| s.name))
            else {
                continue;
            };
            let written = entry.key_span.slice(cx.text(file));
            let diagnostic = Diagnostic::new(
                Code::UnknownKey,
                file,
                entry.key_span,
                format!(
                    "Unknown key `{written}`: no AWS SDK, the AWS CLI or a known credential tool \
                     reads it. The SDKs ignore this whole section for now (see its header), and \
                     fixing the header alone would leave this key without effect. Did you mean \
                     `{suggestion}`?"
                ),
            )
            .unnecessary();
            let span = diagnostic.span;
            out.push(diagnostic.with_fix(format!("Rename to `{suggestion}`"), span, suggestion));
        }
    }
}

fn unknown(
    cx: &LintContext<'_>,
    file: usize,
    place: Place,
    entry: &PropertyEntry,
) -> Option<Diagnostic> {
    let written = entry.key_span.slice(cx.text(file));
    let new = |message: String| {
        Diagnostic::new(Code::UnknownKey, file, entry.key_span, message).unnecessary()
    };
    if place == Place::SsoSession {
        if knowledge::setting(&entry.key).is_some() {
            return Some(new(format!(
                "`{written}` is a profile setting: no tool reads it in an [sso-session] section. \
                 Move it to the profiles that use this session."
            )));
        }
        let candidates = knowledge::settings_for(Place::SsoSession).map(|s| s.name);
        return Some(with_suggestion(
            new,
            written,
            did_you_mean(&entry.key, candidates),
            "[sso-session] sections hold only `sso_start_url`, `sso_region` and \
             `sso_registration_scopes`",
        ));
    }

    // A nested block (`dynamodb =` + indented lines) is a service's botocore settings, or an
    // endpoint for the awscli-plugin-endpoint plugin; report it only as a typo of `s3` or
    // `api_versions`.
    let nested = !entry.sub_properties.is_empty() || entry.value.starts_with('\n');
    if nested {
        let blocks = knowledge::settings()
            .filter(|s| s.kind == knowledge::ValueKind::SubProperties)
            .map(|s| s.name);
        let suggestion = did_you_mean(&entry.key, blocks)?;
        return Some(with_suggestion(new, written, Some(suggestion), ""));
    }

    if knowledge::s3_setting(&entry.key).is_some() {
        return Some(new(format!(
            "`{written}` is an `s3` setting: botocore and the AWS CLI read it only indented \
             under `s3 =`, so here it has no effect."
        )));
    }

    let candidates = knowledge::settings().map(|s| s.name);
    Some(with_suggestion(
        new,
        written,
        did_you_mean(&entry.key, candidates),
        "",
    ))
}

/// The message (and rename fix) for a key nobody reads.
fn with_suggestion(
    new: impl FnOnce(String) -> Diagnostic,
    written: &str,
    suggestion: Option<&str>,
    extra: &str,
) -> Diagnostic {
    let base = format!(
        "Unknown key `{written}`: no AWS SDK, the AWS CLI or a known credential tool reads it, \
         so it has no effect"
    );
    let extra = if extra.is_empty() {
        String::new()
    } else {
        format!(" ({extra})")
    };
    match suggestion {
        Some(suggestion) => {
            let diagnostic = new(format!("{base}{extra}. Did you mean `{suggestion}`?"));
            let span = diagnostic.span;
            diagnostic.with_fix(format!("Rename to `{suggestion}`"), span, suggestion)
        }
        None => new(format!("{base}{extra}.")),
    }
}

/// Sub-keys under `s3 =`: botocore and the AWS CLI compare them exactly (no lower-casing).
fn check_s3_sub_key(file: usize, sub: &SubPropertyEntry, out: &mut Vec<Diagnostic>) {
    let key = &*sub.key;
    let new = |message: String| {
        Diagnostic::new(Code::UnknownKey, file, sub.key_span, message).unnecessary()
    };
    match knowledge::s3_setting(key) {
        Some(setting) if setting.name == key => {}
        Some(setting) => {
            let name = setting.name;
            out.push(
                new(format!(
                    "botocore and the AWS CLI compare `s3` settings exactly: `{key}` is not \
                     `{name}`, so it has no effect. Write it in lower case."
                ))
                .with_fix(format!("Rename to `{name}`"), sub.key_span, name),
            );
        }
        None if knowledge::setting(key).is_some() => out.push(new(format!(
            "`{key}` is a profile setting, not an `s3` setting: no tool reads it under `s3 =`. \
             Move it out of the indented block."
        ))),
        None => {
            let suggestion = did_you_mean(key, knowledge::s3_settings().map(|s| s.name));
            let base = format!(
                "Unknown `s3` setting `{key}`: botocore and the AWS CLI ignore it, so it has no \
                 effect"
            );
            out.push(match suggestion {
                Some(suggestion) => new(format!("{base}. Did you mean `{suggestion}`?")).with_fix(
                    format!("Rename to `{suggestion}`"),
                    sub.key_span,
                    suggestion,
                ),
                None => new(format!("{base}.")),
            });
        }
    }
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
    fn typo_is_reported_with_a_rename() {
        let run = lint("[profile a]\nregoin = us-east-1\n", "");
        assert_eq!(
            run.found(Code::UnknownKey),
            [(FileKind::Config, 2, "regoin".to_string())]
        );
        let d = run.one(Code::UnknownKey);
        assert!(
            d.message.contains("Did you mean `region`?"),
            "{}",
            d.message
        );
        assert!(d.unnecessary);
        assert_eq!(run.apply(d, 0)[0], "[profile a]\nregion = us-east-1\n");
    }

    #[test]
    fn capitalised_typo_is_renamed_to_lower_case() {
        let run = lint("[default]\nSource_Profil = ops\n[profile ops]\n", "");
        let d = run.one(Code::UnknownKey);
        assert_eq!(run.found(Code::UnknownKey)[0].2, "Source_Profil");
        assert_eq!(
            run.apply(d, 0)[0],
            "[default]\nsource_profile = ops\n[profile ops]\n"
        );
    }

    #[test]
    fn unknown_key_without_suggestion_in_credentials() {
        let run = lint(
            "",
            "[a]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\nnote = hello\n",
        );
        assert_eq!(
            run.found(Code::UnknownKey),
            [(FileKind::Credentials, 3, "note".to_string())]
        );
        let d = run.one(Code::UnknownKey);
        assert!(d.fixes.is_empty());
        assert!(d.message.contains("no effect"), "{}", d.message);
    }

    #[test]
    fn profile_setting_in_sso_session() {
        let run = lint(
            "[sso-session acme]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_regoin = us-east-1\n",
            "",
        );
        assert_eq!(
            run.found(Code::UnknownKey),
            [
                (FileKind::Config, 4, "sso_account_id".to_string()),
                (FileKind::Config, 5, "sso_regoin".to_string()),
            ]
        );
        let ds = run.of(Code::UnknownKey);
        assert!(
            ds[0].message.contains("profile setting"),
            "{}",
            ds[0].message
        );
        assert!(ds[0].fixes.is_empty());
        assert!(run.apply(ds[1], 0)[0].ends_with("\nsso_region = us-east-1\n"));
    }

    #[test]
    fn sso_session_typo_is_renamed() {
        let run = lint("[sso-session acme]\nsso_regoin = us-east-1\n", "");
        let d = run.one(Code::UnknownKey);
        assert_eq!(
            run.apply(d, 0)[0],
            "[sso-session acme]\nsso_region = us-east-1\n"
        );
    }

    #[test]
    fn s3_sub_keys() {
        let config = "[profile a]\ns3 =\n  max_concurent_requests = 20\n  Max_Queue_Size = 100\n  region = us-east-1\n  frobnicate = yes\n  addressing_style = path\n";
        let run = lint(config, "");
        assert_eq!(
            run.found(Code::UnknownKey),
            [
                (FileKind::Config, 3, "max_concurent_requests".to_string()),
                (FileKind::Config, 4, "Max_Queue_Size".to_string()),
                (FileKind::Config, 5, "region".to_string()),
                (FileKind::Config, 6, "frobnicate".to_string()),
            ]
        );
        let ds = run.of(Code::UnknownKey);
        assert!(run.apply(ds[0], 0)[0].contains("\n  max_concurrent_requests = 20\n"));
        assert!(run.apply(ds[1], 0)[0].contains("\n  max_queue_size = 100\n"));
        assert!(ds[1].message.contains("exactly"), "{}", ds[1].message);
        assert!(
            ds[2].message.contains("profile setting"),
            "{}",
            ds[2].message
        );
        assert!(ds[3].fixes.is_empty());
    }

    #[test]
    fn s3_setting_at_profile_level() {
        let run = lint("[profile a]\nmax_concurrent_requests = 20\n", "");
        let d = run.one(Code::UnknownKey);
        assert!(d.message.contains("under `s3 =`"), "{}", d.message);
    }

    #[test]
    fn nested_blocks_are_service_settings_unless_a_typo() {
        let config = "[profile minio]\ns3 =\n  endpoint_url = http://localhost:9000\n  signature_version = s3v4\ns3api =\n  endpoint_url = http://localhost:9000\napi_version =\n  ec2 = 2016-11-15\n[plugins]\nendpoint = awscli_plugin_endpoint\n";
        let run = lint(config, "");
        assert_eq!(
            run.found(Code::UnknownKey),
            [(FileKind::Config, 7, "api_version".to_string())]
        );
        let d = run.one(Code::UnknownKey);
        assert!(run.apply(d, 0)[0].contains("\napi_versions =\n  ec2 = 2016-11-15\n"));
    }

    #[test]
    fn near_misses_stay_quiet() {
        let config = "[default]\nAWS_ACCESS_KEY_ID = AKIAIOSFODNN7EXAMPLE\nregion = us-east-1\nazure_tenant_id = x\nazure_default_role_arn = arn:aws:iam::123456789012:role/x\ngranted_sso_start_url = https://acme.awsapps.com/start\ngoogle_config.duration = 3600\nsso_auto_populated = true\ncli_pager =\n\
[services s]\ndynamodb =\n  endpoint_url = http://localhost:8000\n\
[plugins]\ncli_legacy_plugin_path = /x\nendpoint = awscli_plugin_endpoint\n\
[preview]\ncloudfront = true\n\
[staging]\nbogus = 1\n\
[profile in valid]\nbogus = 1\n\
[sso-sesion x]\nbogus = 1\n\
[profile b]\nin valid = 1\n";
        let credentials = "[vault]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_credential_expiration = 2030-01-01T00:00:00Z\n[profile x]\nbogus = 1\n";
        let run = lint(config, credentials);
        assert_eq!(run.found(Code::UnknownKey), []);
    }

    #[test]
    fn typos_in_sections_ignored_for_their_header() {
        let run = lint(
            "[staging]\nregoin = eu-west-1\ncolor = red\n[okta]\naws_saml_ur = x\n[profile ok]\n",
            "[profile dev]\naws_acess_key_id = AKIAIOSFODNN7EXAMPLE\n",
        );
        assert_eq!(
            run.found(Code::UnknownKey),
            [
                (FileKind::Config, 2, "regoin".to_string()),
                (FileKind::Credentials, 2, "aws_acess_key_id".to_string())
            ]
        );
        let d = run.of(Code::UnknownKey)[0];
        assert!(
            d.message.contains("Did you mean `region`?"),
            "{}",
            d.message
        );
        assert!(run.apply(d, 0)[0].starts_with("[staging]\nregion = eu-west-1\n"));
        // The header keeps its own finding.
        assert_eq!(run.of(Code::MissingProfilePrefix).len(), 1);
        // `[plugins]` and `[preview]` hold the AWS CLI's own keys.
        let run = lint(
            "[preview]\ncloudfront = true\n[plugins]\nendpoint = awscli_plugin_endpoint\n",
            "",
        );
        assert!(run.of(Code::UnknownKey).is_empty());
    }

    #[test]
    fn realistic_files_are_clean() {
        let run = lint(VALID_CONFIG, VALID_CREDENTIALS);
        assert_eq!(run.found(Code::UnknownKey), []);
        let run = lint(VALID_CONFIG_CRLF, VALID_CREDENTIALS);
        assert_eq!(run.found(Code::UnknownKey), []);
    }
}
