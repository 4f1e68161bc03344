//! `web-identity-without-role`: `web_identity_token_file` without `role_arn`, the role to
//! assume with the token. The SDK for Rust fails ("`role_arn` was missing"), as do botocore
//! and the AWS CLI. With `credential_source` in the same profile the Rust SDK uses that instead
//! and ignores the token file; botocore still fails.

use crate::lint::chains;
use crate::lint::{Code, Diagnostic, LintContext};
use crate::model::Profile;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let no_role = |profile: &Profile, _: &str| profile.get("role_arn").is_none();
    for (profile, file, entry) in chains::profiles_with(cx, "web_identity_token_file", no_role) {
        let message = if profile.get("credential_source").is_some() {
            "`web_identity_token_file` needs `role_arn`, the role to assume with the token: the Rust SDK ignores the token file and uses `credential_source` instead, while botocore and the AWS CLI refuse the profile (\"no role ARN configured\"). Add `role_arn = arn:aws:iam::ACCOUNT:role/NAME`."
        } else {
            "`web_identity_token_file` needs `role_arn`, the role to assume with the token: the SDKs and the AWS CLI refuse the profile (Rust SDK: \"`role_arn` was missing\"). Add `role_arn = arn:aws:iam::ACCOUNT:role/NAME`."
        };
        out.push(Diagnostic::new(
            Code::WebIdentityWithoutRole,
            file,
            entry.key_span,
            message,
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind::*;

    // assume-role vector "web identity role" (the failing one).
    #[test]
    fn token_file_without_role() {
        let run = lint(
            "[profile A]\nweb_identity_token_file = /var/token.jwt\n",
            "",
        );
        assert_eq!(
            run.found(Code::WebIdentityWithoutRole),
            [(Config, 2, "web_identity_token_file".to_string())]
        );
        assert!(run
            .one(Code::WebIdentityWithoutRole)
            .message
            .contains("`role_arn` was missing"));
    }

    #[test]
    fn token_file_in_a_source_profile_is_reported_once() {
        let run = lint(
            "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = b\n\n[profile b]\nweb_identity_token_file = /var/token.jwt\n",
            "",
        );
        assert_eq!(
            run.found(Code::WebIdentityWithoutRole),
            [(Config, 6, "web_identity_token_file".to_string())]
        );
    }

    #[test]
    fn with_credential_source_the_tools_differ() {
        let run = lint(
            "[profile a]\nweb_identity_token_file = /var/token.jwt\ncredential_source = Environment\n",
            "",
        );
        let d = run.one(Code::WebIdentityWithoutRole);
        assert!(
            d.message.contains("uses `credential_source` instead"),
            "{}",
            d.message
        );
    }

    #[test]
    fn near_misses() {
        // assume-role vectors "web identity role", "web identity token as source profile".
        let run = lint(
            "[profile A]\nrole_arn = arn:aws:iam::123456789012:role/RoleA\nweb_identity_token_file = /var/token.jwt\nrole_session_name = some_session_name\n\n[profile B]\nrole_arn = arn:aws:iam::123456789012:role/RoleB\nsource_profile = A\n",
            "",
        );
        assert!(run.of(Code::WebIdentityWithoutRole).is_empty());
        // role_arn in the credentials file is merged in.
        let run = lint(
            "[profile A]\nweb_identity_token_file = /var/token.jwt\n",
            "[A]\nrole_arn = arn:aws:iam::123456789012:role/RoleA\n",
        );
        assert!(run.of(Code::WebIdentityWithoutRole).is_empty());
    }
}
