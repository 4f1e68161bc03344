//! `sso-session-conflict`: a profile that names an `sso_session` and also sets `sso_start_url`
//! or `sso_region` itself.
//!
//! - The SDK for Rust refuses any of them ("`sso_region` can only be specified in the
//!   [sso-session] config when a session name is given").
//! - botocore and the AWS CLI accept them when equal to the session's values (or when the
//!   session lacks the key), and refuse them when they differ ("inconsistent between profile
//!   and sso-session").
//!
//! So: an error when the values differ (or the session does not exist), a warning when equal
//! (delete the line) or when the session lacks the key (move the line into the session).

use crate::lint::chains;
use crate::lint::{Code, Diagnostic, LintContext, Severity, TextEdit};
use crate::model::{Profile, SectionKind, SectionStatus};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let set = &cx.model.profiles;
    let repeats = |profile: &Profile, session: &str| {
        !session.is_empty()
            && (profile.get("sso_start_url").is_some() || profile.get("sso_region").is_some())
    };
    for (profile, _, session_entry) in chains::profiles_with(cx, "sso_session", repeats) {
        let session_name = &*session_entry.value;
        let session = set.sso_session(session_name);
        for key in ["sso_start_url", "sso_region"] {
            let Some((file, entry)) = chains::origin_of(cx, profile, key) else {
                continue;
            };
            let rust = format!(
                "the Rust SDK refuses the profile (\"`{key}` can only be specified in the [sso-session] config when a session name is given\")"
            );
            let line = super::support::entry_lines(cx, file, entry);
            let value = &*entry.value;
            let Some(session) = session else {
                out.push(Diagnostic::new(
                    Code::SsoSessionConflict,
                    file,
                    entry.key_span,
                    format!(
                        "`{key}` belongs in the `[sso-session {session_name}]` section that this profile names: {rust}. Move it there (the section does not exist yet)."
                    ),
                ));
                continue;
            };
            let diagnostic = match session.value(key) {
                Some(theirs) if &*theirs.value == value => Diagnostic::new(
                    Code::SsoSessionConflict,
                    file,
                    entry.key_span,
                    format!(
                        "`{key}` repeats the value of `[sso-session {session_name}]`: botocore and the AWS CLI accept it, but {rust}. Remove the line; the session's value applies."
                    ),
                )
                .with_severity(Severity::Warning)
                .with_fix(format!("Remove `{key}` (the session's value applies)"), line, ""),
                Some(theirs) => {
                    let mut diagnostic = Diagnostic::new(
                        Code::SsoSessionConflict,
                        file,
                        entry.key_span,
                        format!(
                            "`{key}` differs from the one in `[sso-session {session_name}]` (`{}`): botocore and the AWS CLI refuse the profile (\"The value for {key} is inconsistent between profile and sso-session\"), and {rust}. Remove the line; the session's value applies.",
                            theirs.value
                        ),
                    )
                    .with_fix(format!("Remove `{key}` (the session's value applies)"), line, "");
                    if let Some((their_file, their_entry)) = cx.origin(theirs) {
                        diagnostic = diagnostic.with_related(
                            their_file,
                            their_entry.value_span,
                            format!("`[sso-session {session_name}]` sets `{key}` here"),
                        );
                    }
                    diagnostic
                }
                None => {
                    let mut diagnostic = Diagnostic::new(
                        Code::SsoSessionConflict,
                        file,
                        entry.key_span,
                        format!(
                            "`{key}` belongs in `[sso-session {session_name}]`, which does not set it: botocore and the AWS CLI take this value, but {rust}. Move the line into the session."
                        ),
                    )
                    .with_severity(Severity::Warning);
                    if let Some(insert) = move_target(cx, session_name, key, value) {
                        diagnostic = diagnostic.with_edits(
                            format!("Move `{key}` into `[sso-session {session_name}]`"),
                            vec![
                                TextEdit {
                                    file,
                                    span: line,
                                    new_text: String::new(),
                                },
                                insert,
                            ],
                        );
                    }
                    diagnostic
                }
            };
            out.push(diagnostic);
        }
    }
}

/// An edit that adds `key = value` as the last line of the (last) used `[sso-session NAME]`
/// section.
fn move_target(cx: &LintContext<'_>, session: &str, key: &str, value: &str) -> Option<TextEdit> {
    if value.contains('\n') {
        return None;
    }
    let (file, _, _, section) = cx
        .sections()
        .filter(|(_, _, _, s)| {
            s.status == SectionStatus::Used
                && s.kind == SectionKind::SsoSession
                && s.name == session
        })
        .last()?;
    let last = section.last_line();
    let (span, new_text) = chains::insert_line_after(cx, file, last, &format!("{key} = {value}"));
    Some(TextEdit {
        file,
        span,
        new_text,
    })
}

#[cfg(test)]
mod tests {
    use crate::lint::chains::chain_codes;
    use crate::lint::test_support::lint;
    use crate::lint::{Code, Severity};
    use crate::model::FileKind::*;

    const SESSION: &str = "[sso-session acme]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = us-east-1\n";

    #[test]
    fn differing_value_is_an_error() {
        let config = format!("[profile dev]\nsso_session = acme\nsso_region = eu-west-1\nsso_account_id = 111122223333\nsso_role_name = Dev\n\n{SESSION}");
        let run = lint(&config, "");
        assert_eq!(
            run.found(Code::SsoSessionConflict),
            [(Config, 3, "sso_region".to_string())]
        );
        let d = run.one(Code::SsoSessionConflict);
        assert_eq!(d.severity, Severity::Error);
        assert!(
            d.message
                .contains("inconsistent between profile and sso-session"),
            "{}",
            d.message
        );
        assert_eq!(d.related[0].span.slice(&run.texts[0]), "us-east-1");
        let [fixed, _] = run.apply(d, 0);
        assert_eq!(fixed, config.replace("sso_region = eu-west-1\n", ""));
        assert!(chain_codes(&lint(&fixed, "")).is_empty());
    }

    #[test]
    fn equal_value_is_a_warning() {
        let config = format!("[profile dev]\nsso_session = acme\nsso_start_url = https://acme.awsapps.com/start\nsso_account_id = 111122223333\nsso_role_name = Dev\n\n{SESSION}");
        let run = lint(&config, "");
        assert_eq!(
            run.found(Code::SsoSessionConflict),
            [(Config, 3, "sso_start_url".to_string())]
        );
        let d = run.one(Code::SsoSessionConflict);
        assert_eq!(d.severity, Severity::Warning);
        assert!(
            d.message
                .contains("can only be specified in the [sso-session] config"),
            "{}",
            d.message
        );
        let [fixed, _] = run.apply(d, 0);
        assert_eq!(
            fixed,
            config.replace(
                "sso_start_url = https://acme.awsapps.com/start\nsso_account_id",
                "sso_account_id"
            )
        );
    }

    // assume-role vector "invalid SSO token configuration: sso_region must be in sso-session".
    #[test]
    fn key_missing_from_the_session_is_moved() {
        let config = "[profile A]\nsso_session = A\nsso_region = us-east-7\n\n[sso-session A]\nsso_start_url = https://foo.bar\n";
        let run = lint(config, "");
        assert_eq!(
            run.found(Code::SsoSessionConflict),
            [(Config, 3, "sso_region".to_string())]
        );
        let d = run.one(Code::SsoSessionConflict);
        assert_eq!(d.severity, Severity::Warning);
        let [fixed, _] = run.apply(d, 0);
        assert_eq!(
            fixed,
            "[profile A]\nsso_session = A\n\n[sso-session A]\nsso_start_url = https://foo.bar\nsso_region = us-east-7\n"
        );
        assert!(chain_codes(&lint(&fixed, "")).is_empty());
        // The session is also incomplete until then (the SDK for Rust fails).
        assert_eq!(
            run.found(Code::IncompleteSso),
            [(Config, 5, "A".to_string())]
        );
    }

    #[test]
    fn session_that_does_not_exist() {
        let run = lint(
            "[profile A]\nsso_session = nope\nsso_region = us-east-1\n",
            "",
        );
        assert_eq!(
            run.found(Code::SsoSessionConflict),
            [(Config, 3, "sso_region".to_string())]
        );
        assert_eq!(run.one(Code::SsoSessionConflict).severity, Severity::Error);
    }

    #[test]
    fn near_misses() {
        // Legacy profile without a session: the keys belong in the profile.
        let run = lint(
            "[profile A]\nsso_start_url = https://foo.bar\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Dev\n",
            "",
        );
        assert!(run.of(Code::SsoSessionConflict).is_empty());
        let run = lint(
            &format!("[profile dev]\nsso_session = acme\nregion = eu-west-1\n\n{SESSION}"),
            "",
        );
        assert!(run.of(Code::SsoSessionConflict).is_empty());
    }
}
