//! `incomplete-sso`: an SSO profile or sso-session missing what it needs, as the SDK for Rust
//! checks it:
//!
//! - `sso_account_id` and `sso_role_name` go together ("if `sso_account_id` is set, then
//!   `sso_role_name` must also be set"); reported on the one that is present;
//! - a profile with SSO keys and no `sso_session` (the legacy form) needs `sso_start_url` and
//!   `sso_region` of its own ("`sso_region` was missing");
//! - an `[sso-session]` section needs `sso_start_url` and `sso_region`: reported once, on the
//!   section's name, with the profiles that use it as related information.

use crate::lint::chains;
use crate::lint::context::facts;
use crate::lint::{Code, Diagnostic, LintContext};
use crate::model::{Profile, SectionKind};
use crate::text::Span;
use std::collections::BTreeMap;

/// The SSO keys a profile may hold besides `sso_session`.
const PROFILE_KEYS: [&str; 4] = [
    "sso_start_url",
    "sso_region",
    "sso_account_id",
    "sso_role_name",
];

/// The profiles that name each session: where the name is written, and the profile.
type Users<'a> = BTreeMap<&'a str, Vec<(usize, Span, &'a str)>>;

/// At most this many profiles are listed as related information of an incomplete session.
const MAX_RELATED: usize = 10;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let set = &cx.model.profiles;
    // Profiles with an SSO key other than `sso_session` (with it alone, a profile only needs
    // its session).
    let sso_keys =
        facts::SSO_START_URL | facts::SSO_REGION | facts::SSO_ACCOUNT_ID | facts::SSO_ROLE_NAME;
    for profile in cx.profiles_holding_any(sso_keys) {
        check_profile(cx, profile, out);
    }
    let mut users: Option<Users> = None;
    for session in set.sso_sessions.values() {
        let missing: Vec<&str> = ["sso_start_url", "sso_region"]
            .into_iter()
            .filter(|key| session.get(key).is_none())
            .collect();
        if missing.is_empty() {
            continue;
        }
        let Some((file, span)) = cx.section_header(SectionKind::SsoSession, &session.name) else {
            continue;
        };
        let name = &session.name;
        let what = missing
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(" and ");
        let mut diagnostic = Diagnostic::new(
            Code::IncompleteSso,
            file,
            span,
            format!(
                "`[sso-session {name}]` has no {what}: the SDKs and the AWS CLI cannot sign in with it (Rust SDK: \"`{}` was missing\"; `aws sso login` fails too), so every profile that names it fails. Add {what} to the section.",
                // The SDK for Rust checks the region first.
                if missing.contains(&"sso_region") { "sso_region" } else { "sso_start_url" }
            ),
        );
        // The profiles that name the session, for related information.
        let users = users.get_or_insert_with(|| {
            let mut users = Users::new();
            for (profile, file, entry) in chains::profiles_with(cx, "sso_session", |_, _| true) {
                users.entry(&*entry.value).or_default().push((
                    file,
                    entry.value_span,
                    profile.name.as_str(),
                ));
            }
            users
        });
        for &(user_file, user_span, profile) in users
            .get(name.as_str())
            .into_iter()
            .flatten()
            .take(MAX_RELATED)
        {
            diagnostic = diagnostic.with_related(
                user_file,
                user_span,
                format!("used by profile `{profile}`"),
            );
        }
        out.push(diagnostic);
    }
}

fn check_profile<'a>(cx: &LintContext<'a>, profile: &'a Profile, out: &mut Vec<Diagnostic>) {
    let name = profile.name.as_str();
    let mut anchor: Option<&str> = None;
    let mut sentences = Vec::new();
    match (profile.get("sso_account_id"), profile.get("sso_role_name")) {
        (Some(_), None) => {
            anchor = Some("sso_account_id");
            sentences.push("`sso_account_id` is set but `sso_role_name` is not: the SDKs and the AWS CLI need both to get role credentials (Rust SDK: \"if `sso_account_id` is set, then `sso_role_name` must also be set\"). Add `sso_role_name`, or remove `sso_account_id`.".to_string());
        }
        (None, Some(_)) => {
            anchor = Some("sso_role_name");
            sentences.push("`sso_role_name` is set but `sso_account_id` is not: the SDKs and the AWS CLI need both to get role credentials (Rust SDK: \"if `sso_role_name` is set, then `sso_account_id` must also be set\"). Add `sso_account_id`, or remove `sso_role_name`.".to_string());
        }
        _ => {}
    }
    if profile.get("sso_session").is_none() {
        let missing: Vec<&str> = ["sso_start_url", "sso_region"]
            .into_iter()
            .filter(|key| profile.get(key).is_none())
            .collect();
        if !missing.is_empty() {
            let what = missing
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(" or ");
            let first = if missing.contains(&"sso_region") {
                "sso_region"
            } else {
                "sso_start_url"
            };
            sentences.push(format!(
                "This SSO profile has no `sso_session` and no {what} of its own: the SDKs and the AWS CLI cannot sign in (Rust SDK: \"profile `{name}` was not defined: `{first}` was missing\"). Add `sso_session = NAME` naming an `[sso-session NAME]` section that holds `sso_start_url` and `sso_region`, or set them in this profile."
            ));
            anchor = anchor.or_else(|| {
                PROFILE_KEYS
                    .into_iter()
                    .find(|key| profile.get(key).is_some())
            });
        }
    }
    let Some(anchor) = anchor else {
        return;
    };
    let Some((file, entry)) = chains::origin_of(cx, profile, anchor) else {
        return;
    };
    out.push(Diagnostic::new(
        Code::IncompleteSso,
        file,
        entry.key_span,
        sentences.join(" "),
    ));
}

#[cfg(test)]
mod tests {
    use crate::lint::chains::chain_codes;
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind::*;

    // assume-role vector "invalid SSO credentials configuration: missing account ID".
    #[test]
    fn role_name_without_account() {
        let run = lint(
            "[profile A]\nsso_region = us-east-7\nsso_role_name = testrole\nsso_start_url = https://foo.bar\n",
            "",
        );
        assert_eq!(
            run.found(Code::IncompleteSso),
            [(Config, 3, "sso_role_name".to_string())]
        );
        assert!(run
            .one(Code::IncompleteSso)
            .message
            .contains("if `sso_role_name` is set, then `sso_account_id` must also be set"));
    }

    // assume-role vector "invalid SSO credentials configuration: missing role name".
    #[test]
    fn account_without_role_name() {
        let run = lint(
            "[profile A]\nsso_region = us-east-7\nsso_account_id = 012345678901\nsso_start_url = https://foo.bar\n",
            "",
        );
        assert_eq!(
            run.found(Code::IncompleteSso),
            [(Config, 3, "sso_account_id".to_string())]
        );
    }

    #[test]
    fn legacy_profile_without_region() {
        let run = lint(
            "[profile A]\nsso_start_url = https://acme.awsapps.com/start\nsso_account_id = 111122223333\nsso_role_name = Dev\n",
            "",
        );
        assert_eq!(
            run.found(Code::IncompleteSso),
            [(Config, 2, "sso_start_url".to_string())]
        );
        assert!(run
            .one(Code::IncompleteSso)
            .message
            .contains("`sso_region` was missing"));
        // Only the account: both problems, one diagnostic.
        let run = lint("[profile A]\nsso_account_id = 111122223333\n", "");
        assert_eq!(
            run.found(Code::IncompleteSso),
            [(Config, 2, "sso_account_id".to_string())]
        );
        let message = &run.one(Code::IncompleteSso).message;
        assert!(message.contains("`sso_role_name` is not"), "{message}");
        assert!(
            message.contains("no `sso_start_url` or `sso_region`"),
            "{message}"
        );
    }

    #[test]
    fn session_without_region_is_reported_on_its_name() {
        let run = lint(
            "[profile dev]\nsso_session = acme\nsso_account_id = 111122223333\nsso_role_name = Dev\n\n[sso-session acme]\nsso_start_url = https://acme.awsapps.com/start\n",
            "",
        );
        assert_eq!(
            run.found(Code::IncompleteSso),
            [(Config, 6, "acme".to_string())]
        );
        let d = run.one(Code::IncompleteSso);
        assert!(d.message.contains("has no `sso_region`"), "{}", d.message);
        assert_eq!(d.related.len(), 1);
        assert_eq!(d.related[0].span.slice(&run.texts[0]), "acme");
        assert_eq!(d.related[0].message, "used by profile `dev`");
    }

    #[test]
    fn near_misses() {
        // assume-role vectors "SSO credentials profile selected" and "SSO token profile selected".
        let run = lint(
            "[profile A]\nsso_account_id = 0123\nsso_region = us-east-7\nsso_role_name = testrole\nsso_start_url = https://foo.bar\n\n[profile B]\nsso_session = foo\n\n[sso-session foo]\nsso_region = us-east-7\nsso_start_url = https://foo.bar\n",
            "",
        );
        assert!(run.of(Code::IncompleteSso).is_empty());
        assert!(chain_codes(&run).is_empty(), "{:?}", chain_codes(&run));
        // A profile with no SSO key at all.
        let run = lint("[profile A]\nregion = us-east-1\n", "");
        assert!(run.of(Code::IncompleteSso).is_empty());
    }
}
